"""Each portal use case once, through the real sandbox portal in headless Chromium."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from EModal import PortalSessionPool
from portal_service import (
    MAX_ROWS,
    AccountPortalAccess,
    AlreadyBookedError,
    AppointmentFilters,
    ContainerFilters,
    PortalService,
    PortalSessionIdAccess,
    RunCancelledError,
    SlotEndedError,
    SlotFilters,
    WizardFields,
)
from sandbox.accounts import DISPATCH1
from tests.EModal.support import connector_config, credentials, start_sandbox
from tests.support.doubles import ListAuditTrail, MemoryFileStore

pytestmark = pytest.mark.browser

PREGATED, ACTIONABLE = "MSDU5772413", "MSCU5165756"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[tuple[Any, str]]:
    server, url = start_sandbox(containers_per_account=30)
    try:
        yield server, url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def pool(sandbox: tuple[Any, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[PortalSessionPool]:
    files: Path = tmp_path_factory.mktemp("portal-files")
    with PortalSessionPool(connector_config(sandbox[1], files, pool_size=1)) as pool:
        yield pool


@pytest.fixture
def files() -> MemoryFileStore:
    return MemoryFileStore()


@pytest.fixture
def audit() -> ListAuditTrail:
    return ListAuditTrail()


@pytest.fixture
def service(pool: PortalSessionPool, files: MemoryFileStore, audit: ListAuditTrail) -> PortalService:
    access = AccountPortalAccess(pool, account_key="dispatch1", credentials=credentials("dispatch1"),
                                 account_label="dispatch1 (sandbox)")
    return PortalService(access=access, files=files, audit=audit)


def _sheet_rows(files: MemoryFileStore, file_id: str) -> int:
    sheet = load_workbook(io.BytesIO(files.contents[file_id])).active
    assert sheet is not None
    return int(sheet.max_row)


def test_session_status_then_the_same_portal_session_by_id(service: PortalService, pool: PortalSessionPool,
                                                           files: MemoryFileStore, audit: ListAuditTrail) -> None:
    status = service.session_status()
    assert status.logged_in and status.account == "dispatch1 (sandbox)" and status.portal_session_id
    by_id = PortalService(access=PortalSessionIdAccess(pool, portal_session_id=status.portal_session_id),
                          files=files, audit=audit)
    assert by_id.session_status().portal_session.is_new_session is False


def test_list_with_filters_keeps_the_first_rows_and_files_all(service: PortalService, sandbox: tuple[Any, str],
                                                              files: MemoryFileStore) -> None:
    data = sandbox[0].state.data["dispatch1"]
    expected = {c.number for c in data.containers if c.known and c.trade_type == "IMPORT"}
    result = service.list_containers(filters=ContainerFilters.from_text(trade_type="import"), row_limit=3)
    assert result.total_containers == 30 and result.matched == len(expected) > 3
    assert len(result.containers) == 3 and {c.container_number for c in result.containers} <= expected
    assert _sheet_rows(files, result.files[0].id) == len(expected) + 1
    everything = service.list_containers()
    assert len(everything.containers) == 30 and everything.files  # no limit: every row, and always the file


def test_one_container_and_its_timeline(service: PortalService, files: MemoryFileStore) -> None:
    lookup = service.get_container(container_number="mscu 516575-6")
    assert lookup.known and lookup.container is not None and lookup.container.container_number == ACTIONABLE
    timeline = service.container_timeline(container_number=PREGATED)
    assert timeline.passed_pregate and timeline.next_move == "DROP EMPTY"
    assert any(m.name == "Pregate" and m.reached for m in timeline.milestones)
    assert files.contents[timeline.files[0].id].startswith(b"\x89PNG")


def test_a_window_that_has_ended_at_the_terminal_is_never_offered(pool: PortalSessionPool, files: MemoryFileStore,
                                                                  audit: ListAuditTrail) -> None:
    # The sandbox's slots start today, and ITS always has room in the morning (07:00 - 12:00).
    today = date.today()
    fields = WizardFields(container_number=ACTIONABLE, terminal="ITS", truck_plate=DISPATCH1.plates[3],
                          own_chassis=False)
    morning = f"{today:%A %m/%d/%Y} 07:00 - 12:00"

    def service_at(hour: int, minute: int) -> PortalService:
        access = AccountPortalAccess(pool, account_key="dispatch1", credentials=credentials("dispatch1"),
                                     account_label="dispatch1 (sandbox)")
        return PortalService(access=access, files=files, audit=audit,
                             terminal_now=lambda: datetime.combine(today, time(hour, minute)))

    early = service_at(6, 0).check_slots(fields=fields)
    assert early.slots[0] == morning and early.ended_count == 0
    late = service_at(12, 30).check_slots(fields=fields)
    assert morning not in late.slots and morning not in late.available_times and late.ended_count >= 1
    assert all(not s.startswith(f"{today:%A %m/%d/%Y} 07:00") for s in late.slots)
    with pytest.raises(SlotEndedError):
        service_at(12, 30).book(fields=fields.model_copy(update={"move_type": late.move_type}), slot=morning)
    assert audit.actions() == []  # nothing was submitted


def test_check_slots_derives_like_an_operator_then_books(service: PortalService, audit: ListAuditTrail) -> None:
    fields = WizardFields(container_number=ACTIONABLE, truck_plate=DISPATCH1.plates[1], own_chassis=False)
    check = service.check_slots(fields=fields, filters=SlotFilters(starting_before="23:59"))
    assert check.move_type == "PICK FULL" and check.trucking_company == DISPATCH1.company
    assert set(check.derived) == {"move_type", "terminal", "trucking_company"} and check.slots
    booked = service.book(fields=fields.model_copy(update={"terminal": check.terminal,
                                                           "move_type": check.move_type}), slot=check.slots[0])
    assert booked.appointment_confirmed and booked.appointment_number
    assert audit.actions() == ["booking_submitted"]
    assert audit.entries[0][1]["appointment_number"] == booked.appointment_number
    mine = service.my_appointments(filters=AppointmentFilters.from_text(container_number=ACTIONABLE),
                                   row_limit=MAX_ROWS)
    assert booked.appointment_number in [a.appointment_number for a in mine.appointments]


def test_a_container_with_an_appointment_is_skipped_by_the_check_and_never_booked_twice(
        service: PortalService) -> None:
    fields = WizardFields(container_number=ACTIONABLE, truck_plate=DISPATCH1.plates[2], own_chassis=False)
    first = service.check_slots(fields=fields)
    if first.already_booked is None:  # booked here unless the test above already did
        service.book(fields=fields.model_copy(update={"terminal": first.terminal, "move_type": first.move_type}),
                     slot=first.slots[0])
    again = service.check_slots(fields=fields)
    assert again.already_booked is not None and again.slots == [] and again.slot_count == 0
    assert f"{ACTIONABLE} already has appointment {again.already_booked.appointment_number}" in again.note
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(AlreadyBookedError, match=again.already_booked.appointment_number):
        service.book(fields=fields.model_copy(update={"terminal": again.terminal, "move_type": again.move_type}),
                     slot=f"{tomorrow:%A %m/%d/%Y} 12:00 - 17:00")
    report = service.full_check()
    row = next(r for r in report.rows if r.container_number == ACTIONABLE)
    assert row.already_booked == again.already_booked.appointment_number and "skipped" in row.note
    assert report.skipped_already_booked == [ACTIONABLE]


def test_export_and_the_full_check_with_progress_and_stop(service: PortalService, files: MemoryFileStore) -> None:
    export = service.export_containers()
    assert export.rows == 30 and _sheet_rows(files, export.files[0].id) == 31
    seen: list[tuple[int, int, str]] = []
    report = service.full_check(limit=2, progress=lambda done, total, number: seen.append((done, total, number)))
    assert report.checked == 2 == len(seen) and seen[-1][:2] == (2, 2)
    # (a container booked by the tests above is skipped for its appointment before the plate matters)
    assert all(r.move_type and ("no truck plate" in r.note or r.already_booked) for r in report.rows if r.terminal)
    assert _sheet_rows(files, report.files[0].id) == 3
    with pytest.raises(RunCancelledError):
        service.full_check(limit=2, cancelled=lambda: True)
