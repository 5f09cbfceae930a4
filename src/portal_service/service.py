"""One front door per portal use case, for the agent's tools and the business API alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import domain
from EModal import AppointmentRequest, AppointmentSession, AppointmentSlot, BookingNotConfirmedError, PortalOperations
from portal_service import check, containers, inputs
from portal_service.access import PortalAccess
from portal_service.appointments import AppointmentFilters, appointments_file, matching
from portal_service.audit import AuditTrail
from portal_service.bookings import (
    TerminalClock,
    existing_appointment,
    has_ended,
    open_windows,
    terminal_clock,
)
from portal_service.errors import AlreadyBookedError, RunCancelledError, SlotEndedError
from portal_service.files import FileStore
from portal_service.models import (
    AppointmentList,
    AppointmentRecord,
    BookingOutcome,
    CheckReport,
    ContainerList,
    ContainerLookup,
    ContainersExport,
    ContainerTimeline,
    MilestoneOut,
    PortalSessionRef,
    PortalSessionStatus,
    SlotCheck,
    SlotFilters,
)
from portal_service.slots import filter_slots
from portal_service.wizard import WizardFields, first_company, prepare_request


def _ref(ops: PortalOperations) -> PortalSessionRef:
    return PortalSessionRef(portal_session_id=ops.portal_session_id, is_new_session=ops.is_new_session)


def _unit_of(order: dict[str, Any]) -> str:
    """The container a wizard request is for (an export's is its unit number)."""
    return str(order.get("container_number") or order.get("unit_number") or "")


class PortalService:
    """The portal use cases of one caller: through `access`, files into `files`, bookings into `audit`."""

    def __init__(self, *, access: PortalAccess, files: FileStore, audit: AuditTrail,
                 terminal_now: TerminalClock | None = None) -> None:
        self._access = access
        self._files = files
        self._audit = audit
        self._terminal_now = terminal_now or terminal_clock()

    def _booked(self, ops: PortalOperations, request: AppointmentRequest) -> AppointmentRecord | None:
        """The live appointment My Appointments lists for the request's container and move, if any."""
        found = existing_appointment(ops.get_appointments(), request) if request.move_type else None
        return AppointmentRecord.of(found) if found is not None else None

    def session_status(self) -> PortalSessionStatus:
        """Hold the account's portal session (logging in if needed) and say which it is."""
        with self._access.hold() as ops:
            ref = _ref(ops)
        return PortalSessionStatus(portal_session=ref, account=self._access.account_label, logged_in=True,
                                   new_login=ref.is_new_session, portal_session_id=ref.portal_session_id)

    def list_containers(self, *, filters: containers.ContainerFilters | None = None, target_count: int | None = None,
                        until_container: str | None = None, row_limit: int | None = None) -> ContainerList:
        """Matching containers by Last Free Day; with `row_limit`, the first rows and a file when there are more."""
        wanted = filters or containers.ContainerFilters()
        until = inputs.container_number(until_container) if until_container else None
        with self._access.hold() as ops:
            everything = ops.get_containers(target_count=target_count, until_container=until)
            ref = _ref(ops)
        matched = containers.by_lfd([c for c in everything if wanted.matches(c)]) if filters is not None else everything
        shown = matched if row_limit is None else matched[:row_limit]
        files = []
        if row_limit is None or len(matched) > row_limit:
            files.append(containers.containers_file(self._files, matched, kind="containers", stem="containers"))
        return ContainerList(portal_session=ref, total_containers=len(everything), matched=len(matched),
                             filters=wanted.applied(), containers=containers.records(shown), files=files)

    def get_container(self, *, container_number: str) -> ContainerLookup:
        """One container's row (`known` false when the portal shows N/A everywhere)."""
        number = inputs.container_number(container_number)
        with self._access.hold() as ops:
            container = ops.get_container(number)
            ref = _ref(ops)
        record = container if container.is_known else None
        return ContainerLookup(portal_session=ref, container_number=number, known=record is not None,
                               container=record)

    def container_timeline(self, *, container_number: str) -> ContainerTimeline:
        """Milestones, the pregate verdict, the next move and the timeline screenshot."""
        number = inputs.container_number(container_number)
        with self._access.hold() as ops:
            timeline = ops.get_container_timeline(number)
            ref = _ref(ops)
        return ContainerTimeline(
            portal_session=ref, container_number=number, trade_type=timeline.trade_type,
            passed_pregate=timeline.passed_pregate, detection_method=timeline.detection_method,
            next_move=domain.next_move(timeline.trade_type, timeline.passed_pregate),
            milestones=[MilestoneOut.of(m) for m in timeline.milestones],
            files=containers.screenshot_file(self._files, number, timeline.screenshot_png))

    def export_containers(self) -> ContainersExport:
        """Every container of the account in one Excel file."""
        with self._access.hold() as ops:
            everything = ops.get_containers()
            ref = _ref(ops)
        stored = containers.containers_file(self._files, everything, kind="export", stem="containers")
        return ContainersExport(portal_session=ref, rows=len(everything), files=[stored])

    def check_slots(self, *, fields: WizardFields, filters: SlotFilters | None = None) -> SlotCheck:
        """Go through the wizard to the slots (a new request made up as operators do, or a resumed one).

        A container that already has a live appointment for the move gets none (`already_booked` says which), and
        windows that have ended at the terminal's local time are never offered.
        """
        given = filters or SlotFilters()
        window = inputs.slot_window(day_text=given.day, day_from=given.day_from, day_to=given.day_to,
                                    starting_after=given.starting_after, starting_before=given.starting_before)
        with self._access.hold() as ops:
            if fields.appointment_session_id:
                derived: list[str] = []
                request = AppointmentRequest(**{k: v for k, v in fields.given().items() if k != "trade_type"})
            else:
                request, derived = prepare_request(ops, fields, self._access.trucking_company)
            booked = self._booked(ops, request)
            appointment_session = None
            if booked is None:
                appointment_session = (ops.check_appointments(appointment_session_id=fields.appointment_session_id,
                                                              **fields.given())
                                       if fields.appointment_session_id else ops.check_appointments(request))
            ref = _ref(ops)
        return self._slot_check(ref, request, derived, appointment_session, booked, window)

    def _slot_check(self, ref: PortalSessionRef, request: AppointmentRequest, derived: list[str],
                    appointment_session: AppointmentSession | None, booked: AppointmentRecord | None,
                    window: domain.TimeWindow) -> SlotCheck:
        listed = appointment_session.available_times if appointment_session is not None else []
        offered = open_windows(listed, self._terminal_now())
        kept = filter_slots(offered, window)
        narrow = _filters_of(window)
        if appointment_session is not None:
            request = appointment_session.request
        note = ""
        if booked is not None:
            note = (f"{request.container_number or request.unit_number} already has appointment "
                    f"{booked.appointment_number} for {request.move_type}: no second one is offered.")
        return SlotCheck(
            portal_session=ref, container_number=request.container_number or request.unit_number,
            trade_type=request.trade_type, terminal=request.terminal,
            terminal_name=domain.terminal_name(request.terminal), move_type=request.move_type,
            trucking_company=request.trucking_company, truck_plate=request.truck_plate,
            own_chassis=request.own_chassis, derived=derived, filters=narrow,
            offered_count=len(offered), slot_count=len(kept), slots=[s.text for s in kept],
            available_times=[s.text for s in offered],
            appointment_session_id=appointment_session.id if appointment_session is not None else "",
            current_phase=appointment_session.phase if appointment_session is not None else 0,
            expires_in_seconds=round(appointment_session.expires_in_seconds) if appointment_session else 0,
            ended_count=len(listed) - len(offered), already_booked=booked, note=note)

    def _refuse(self, ops: PortalOperations, request: AppointmentRequest, slot: str) -> None:
        """Stop a booking of an ended window, or of a move the container already has an appointment for."""
        if has_ended(AppointmentSlot.parse(slot), self._terminal_now()):
            raise SlotEndedError(f"The window {slot} has already ended at the terminal: check the slots again.")
        booked = self._booked(ops, request)
        if booked is not None:
            raise AlreadyBookedError(
                f"{request.container_number or request.unit_number} already has appointment "
                f"{booked.appointment_number} for {request.move_type}: not booked again.")

    def book(self, *, fields: WizardFields, slot: str) -> BookingOutcome:
        """Book a slot and put it on record; `appointment_confirmed` only when seen in My Appointments."""
        order = fields.given()  # a resumed wizard knows the rest of its request; a new one is made up below
        try:
            with self._access.hold() as ops:
                if fields.appointment_session_id:
                    self._refuse(ops, AppointmentRequest(**{k: v for k, v in order.items() if k != "trade_type"}),
                                 slot)
                    result = ops.make_appointment(slot=slot, appointment_session_id=fields.appointment_session_id,
                                                  **order)
                else:
                    request, _ = prepare_request(ops, fields, self._access.trucking_company)
                    order = asdict(request)
                    self._refuse(ops, request, slot)
                    result = ops.make_appointment(request, slot=slot)
                ref = _ref(ops)
        except BookingNotConfirmedError as exc:
            # The portal may have booked anyway: that must be on record even though the use fails.
            self._audit.record("booking_not_confirmed", appointment_number=exc.appointment_number, slot=slot,
                               container_number=_unit_of(order))
            raise
        outcome = BookingOutcome(
            portal_session=ref, container_number=_unit_of(order), terminal=str(order.get("terminal", "")),
            move_type=str(order.get("move_type", "")), truck_plate=str(order.get("truck_plate", "")),
            own_chassis=order.get("own_chassis"), trucking_company=str(order.get("trucking_company", "")),
            slot=result.slot.text, appointment_confirmed=result.appointment_confirmed,
            appointment_number=result.appointment_number, seen_in_my_appointments=result.seen_in_my_appointments)
        self._audit.record("booking_submitted", container_number=outcome.container_number,
                           terminal=outcome.terminal, move_type=outcome.move_type, slot=outcome.slot,
                           truck_plate=outcome.truck_plate, appointment_number=outcome.appointment_number,
                           portal_session_id=ref.portal_session_id)
        return outcome

    def my_appointments(self, *, filters: AppointmentFilters | None = None,
                        row_limit: int | None = None) -> AppointmentList:
        """My Appointments (newest first); with `row_limit`, the first rows and a file when there are more."""
        wanted = filters or AppointmentFilters()
        with self._access.hold() as ops:
            everything = ops.get_appointments()
            ref = _ref(ops)
        kept = matching(everything, wanted)
        shown = kept if row_limit is None else kept[:row_limit]
        overflow = row_limit is None or len(kept) > row_limit
        files = [appointments_file(self._files, kept)] if overflow else []
        return AppointmentList(portal_session=ref, total=len(everything), matched=len(kept),
                               appointments=[AppointmentRecord.of(a) for a in shown], files=files)

    def full_check(self, *, truck_plate: str = "", limit: int = 0, progress: check.Progress | None = None,
                   cancelled: Callable[[], bool] = lambda: False) -> CheckReport:
        """Every actionable container to its earliest slot, with the report; stops between containers on request."""
        plate = truck_plate.strip().upper()
        with self._access.hold() as ops:
            everything = ops.get_containers()
            actionable = [c for c in everything if check.is_actionable(c)]
            todo = actionable[:limit] if limit > 0 else actionable
            company = (self._access.trucking_company or first_company(ops)) if plate and todo else ""
            plan = check.CheckPlan(truck_plate=plate, company=company, booked=ops.get_appointments() if todo else [],
                                   now=self._terminal_now)
            rows, stopped = check.check_all(ops, todo, plan, progress=progress, cancelled=cancelled)
            ref = _ref(ops)
        if stopped and not rows:
            raise RunCancelledError()
        report = check.report_file(self._files, rows)
        return CheckReport(portal_session=ref, total_containers=len(everything), actionable=len(actionable),
                           checked=len(rows), with_slots=sum(1 for r in rows if r.earliest_slot),
                           stopped_early=stopped, rows=check.first_to_act_on(rows), files=[report],
                           skipped_already_booked=[r.container_number for r in rows if r.already_booked])


def _filters_of(window: domain.TimeWindow) -> SlotFilters:
    """The narrowing as the result states it (one day as `day` too, so a caller sees it either way)."""
    first = window.day_from.isoformat() if window.day_from else ""
    last = window.day_to.isoformat() if window.day_to else ""
    return SlotFilters(day=first if window.day else "", day_from=first, day_to=last,
                       starting_after=window.starting_after, starting_before=window.starting_before)
