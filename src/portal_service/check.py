"""The operators' hourly job: every actionable container to its earliest slot, with an Excel report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import domain
from EModal import Appointment, AppointmentRequest, Container, EModalError, PortalOperations
from portal_service.bookings import TerminalClock, already_booked_note, existing_appointment, open_windows
from portal_service.files import XLSX, FileStore, StoredFile, stamp, xlsx_bytes
from portal_service.models import CheckRow
from portal_service.wizard import WizardFields, prepare_request

REPORT_COLUMNS = ("Container #", "Trade Type", "Status", "LFD", "Passed Pregate", "Move Type", "Terminal",
                  "Earliest Slot", "Slots Offered", "Note")
Progress = Callable[[int, int, str], None]  # (done, total, container number) after each container


@dataclass(frozen=True)
class CheckPlan:
    """What every container of one check shares: the truck, the company, My Appointments, the terminal's clock."""

    truck_plate: str
    company: str
    booked: Sequence[Appointment]
    now: TerminalClock


def is_actionable(container: Container) -> bool:
    """Known, Holds NO and no pregate ticket yet."""
    return container.is_known and container.holds.upper() == "NO" and not container.has_pregate_ticket


def check_one(ops: PortalOperations, container: Container, plan: CheckPlan) -> CheckRow:
    """The next move, terminal and earliest slot of one container (or the note saying why there is none)."""
    number = container.container_number
    lfd = domain.lfd_date(container.lfd_gtd)
    row = CheckRow(container_number=number, trade_type=container.trade_type, status=container.status,
                   lfd=lfd.isoformat() if lfd else "")
    timeline = ops.get_container_timeline(number)
    move = domain.next_move(timeline.trade_type, timeline.passed_pregate)
    code = domain.terminal_code_for(move_type=move, origin=container.origin, destination=container.destination,
                                    current_loc=container.current_loc)
    row = row.model_copy(update={"passed_pregate": timeline.passed_pregate, "move_type": move, "terminal": code,
                                 "terminal_name": domain.terminal_name(code) if code else ""})
    if code not in domain.TERMINAL_NAMES:
        return row.model_copy(update={"note": f"{code or 'no location'} is not a wizard terminal"})
    booked = existing_appointment(plan.booked, AppointmentRequest(container_number=number, move_type=move))
    if booked is not None:  # a second appointment for the same move would be a double booking
        return _skipped(row, booked)
    if not plan.truck_plate:
        return row.model_copy(update={"note": "no truck plate given: slots not looked up"})
    fields = WizardFields(container_number=number, move_type=move, terminal=code, trucking_company=plan.company,
                          truck_plate=plan.truck_plate, own_chassis=False)
    request, _ = prepare_request(ops, fields)
    booked = existing_appointment(plan.booked, request)  # an export's visit is listed under its booking
    if booked is not None:
        return _skipped(row, booked)
    slots = open_windows(ops.check_appointments(request).available_times, plan.now())
    return row.model_copy(update={"slots_offered": len(slots), "earliest_slot": slots[0].text if slots else "",
                                  "note": "" if slots else "No Appointments Available"})


def _skipped(row: CheckRow, booked: Appointment) -> CheckRow:
    return row.model_copy(update={"already_booked": booked.appointment_number,
                                  "note": already_booked_note(booked, row.move_type)})


def check_all(ops: PortalOperations, todo: list[Container], plan: CheckPlan, *,
              progress: Progress | None, cancelled: Callable[[], bool]) -> tuple[list[CheckRow], bool]:
    """Check each container in turn; the rows, and whether the caller stopped it early."""
    rows: list[CheckRow] = []
    for index, container in enumerate(todo, start=1):
        if cancelled():
            return rows, True
        try:
            rows.append(check_one(ops, container, plan))
        except EModalError as exc:  # one container's failure is a note in the report, not the end of the check
            rows.append(CheckRow(container_number=container.container_number, trade_type=container.trade_type,
                                 status=container.status, note=str(exc)))
        if progress is not None:
            progress(index, len(todo), container.container_number)
    return rows, False


def report_file(files: FileStore, rows: list[CheckRow]) -> StoredFile:
    """Every checked container as one Excel report."""
    def yes_no(value: bool | None) -> str:
        return "" if value is None else ("YES" if value else "NO")

    table = [[r.container_number, r.trade_type, r.status, r.lfd, yes_no(r.passed_pregate), r.move_type, r.terminal,
              r.earliest_slot, r.slots_offered, r.note] for r in rows]
    content = xlsx_bytes("container check", REPORT_COLUMNS, table)
    return files.save(kind="report", filename=f"container-check-{stamp()}.xlsx", content_type=XLSX, content=content)


def first_to_act_on(rows: list[CheckRow]) -> list[CheckRow]:
    """The rows with a slot, earliest Last Free Day first; every row when none has a slot."""
    with_slots = sorted((r for r in rows if r.earliest_slot), key=lambda r: r.lfd or "9999")
    return with_slots or rows
