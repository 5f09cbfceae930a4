"""Every operation, with real Chromium against the sandbox (one browser shared by the module)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from EModal import (
    AppointmentRequest,
    AppointmentSessionError,
    ContainerNotFoundError,
    InvalidContainerNumberError,
    MissingFieldError,
    PortalOperations,
    PortalSessionPool,
    SlotNotAvailableError,
)
from tests.EModal.support import MemoryRecorder, chaos, connector_config, credentials

pytestmark = pytest.mark.browser

PREGATED = "MSDU5772413"
ACTIONABLE = "MSCU5165756"
EXPORT = "CAIU7181746"
BOOKING = "LGB240117"
COMPANY = "K & R TRANSPORTATION LLC"
PLATE = "7KRT481"


@pytest.fixture(scope="module")
def recorder() -> MemoryRecorder:
    return MemoryRecorder()


@pytest.fixture(scope="module")
def pool(sandbox_url: str, sandbox_host_map: str, files_dir: Path,
         recorder: MemoryRecorder) -> Iterator[PortalSessionPool]:
    config = connector_config(sandbox_url, files_dir, host_map=sandbox_host_map)
    with PortalSessionPool(config, recorder=recorder) as pool:
        yield pool


@pytest.fixture
def portal(pool: PortalSessionPool) -> Iterator[PortalOperations]:
    with pool.hold("acct-dispatch1", credentials("dispatch1")) as portal:
        yield portal


def import_request(**changes: object) -> AppointmentRequest:
    values: dict[str, object] = {
        "trucking_company": COMPANY,
        "terminal": "ITS",
        "move_type": "PICK FULL",
        "container_number": ACTIONABLE,
        "truck_plate": PLATE,
        "own_chassis": False,
    }
    values.update(changes)
    return AppointmentRequest(**values)  # type: ignore[arg-type]


class TestContainers:
    def test_all_containers_with_their_columns(self, portal: PortalOperations) -> None:
        containers = portal.get_containers()
        assert len(containers) == 120
        numbers = [c.container_number for c in containers]
        assert len(set(numbers)) == 120
        assert PREGATED in numbers and EXPORT in numbers
        known = [c for c in containers if c.is_known]
        assert all(len(c.container_number) == 11 for c in known)
        assert {c.holds for c in known} <= {"YES", "NO"}
        assert any(not c.is_known for c in containers)

    def test_target_count(self, portal: PortalOperations) -> None:
        assert len(portal.get_containers(target_count=45)) == 45

    def test_until_a_container(self, portal: PortalOperations) -> None:
        containers = portal.get_containers(until_container=EXPORT)
        assert containers[-1].container_number == EXPORT
        assert len(containers) < 120

    def test_invalid_number_refused_before_the_browser(self, portal: PortalOperations) -> None:
        with pytest.raises(InvalidContainerNumberError):
            portal.get_container_timeline("MSCU5165757")

    def test_unknown_container(self, portal: PortalOperations) -> None:
        with pytest.raises(ContainerNotFoundError):
            portal.get_container("TGHU0000008")

    def test_detail(self, portal: PortalOperations) -> None:
        detail = portal.get_container_detail(PREGATED)
        assert detail.terminal == "ITS Long Beach"
        assert detail.get("Line Hold/Release") in ("HOLD", "RELEASED")
        assert "Yard Status" in detail.fields

    def test_booking_number_of_an_export(self, portal: PortalOperations) -> None:
        assert portal.get_booking_number(EXPORT) == BOOKING

    def test_timeline_passed_pregate(self, portal: PortalOperations, files_dir: Path) -> None:
        timeline = portal.get_container_timeline(PREGATED, screenshot_dir=files_dir)
        assert timeline.passed_pregate
        assert timeline.detection_method == "timeline_pregate_reached"
        assert timeline.next_move == "DROP EMPTY"
        assert [m.name for m in timeline.milestones][:2] == ["Container Manifested", "Discharged"]
        assert timeline.screenshot_png.startswith(b"\x89PNG")
        assert timeline.screenshot_path is not None and timeline.screenshot_path.read_bytes() == timeline.screenshot_png

    def test_timeline_not_passed(self, portal: PortalOperations) -> None:
        timeline = portal.get_container_timeline(ACTIONABLE)
        assert not timeline.passed_pregate
        assert timeline.next_move == "PICK FULL"
        pregate = timeline.milestone("Pregate")
        assert pregate is not None and not pregate.reached and pregate.date == "N/A"


class TestAppointments:
    def test_missing_field_then_resume(self, portal: PortalOperations) -> None:
        with pytest.raises(MissingFieldError) as caught:
            portal.check_appointments(import_request(truck_plate=""))
        assert (caught.value.phase, caught.value.field) == (2, "truck_plate")
        appointment_session_id = caught.value.appointment_session_id
        assert appointment_session_id
        appointment_session = portal.check_appointments(
            appointment_session_id=appointment_session_id, truck_plate=PLATE
        )
        assert appointment_session.id == appointment_session_id
        assert appointment_session.phase == 3
        assert appointment_session.available_times
        assert appointment_session.available_times[0].date

    def test_unknown_appointment_session(self, portal: PortalOperations) -> None:
        with pytest.raises(AppointmentSessionError):
            portal.check_appointments(appointment_session_id="nope")

    def test_missing_phase_one_field(self, portal: PortalOperations) -> None:
        with pytest.raises(MissingFieldError) as caught:
            portal.check_appointments(import_request(move_type=""))
        assert (caught.value.phase, caught.value.field) == (1, "move_type")

    def test_export_slots(self, portal: PortalOperations) -> None:
        request = AppointmentRequest(
            trucking_company=COMPANY,
            terminal="TTI",
            move_type="DROP FULL",
            booking_number=BOOKING,
            quantity=1,
            unit_number=EXPORT,
            truck_plate=PLATE,
            own_chassis=True,
        )
        appointment_session = portal.check_appointments(request)
        assert appointment_session.phase == 3
        assert appointment_session.request.trade_type == "EXPORT"

    def test_variant_import_form(self, portal: PortalOperations, sandbox_url: str) -> None:
        chaos(sandbox_url, "import-variant", enabled=True)
        try:
            with pytest.raises(MissingFieldError) as caught:
                portal.check_appointments(import_request())
            assert caught.value.phase == 1 and caught.value.field == "line"
            appointment_session = portal.check_appointments(
                appointment_session_id=caught.value.appointment_session_id,
                line="MSCU",
                equip_size="40GP",
                quantity=1,
            )
            assert appointment_session.variant_form and appointment_session.phase == 3
        finally:
            chaos(sandbox_url, "import-variant", enabled=False)

    def test_slot_not_available(self, portal: PortalOperations) -> None:
        appointment_session = portal.check_appointments(import_request())
        with pytest.raises(SlotNotAvailableError):
            portal.make_appointment(
                appointment_session_id=appointment_session.id, slot="Monday 01/01/2001 07:00 - 12:00"
            )

    def test_booking_read_back_and_listed(self, portal: PortalOperations) -> None:
        appointment_session = portal.check_appointments(import_request())
        slot = appointment_session.available_times[0]
        result = portal.make_appointment(appointment_session_id=appointment_session.id, slot=slot.text)
        assert result.appointment_confirmed
        assert result.appointment_number
        assert result.seen_in_my_appointments
        assert result.slot == slot
        appointments = portal.get_appointments()
        assert result.appointment_number in [a.appointment_number for a in appointments]
        assert len(appointments) >= 37  # 36 past ones (more than one window-scroll page) and this one
        with pytest.raises(AppointmentSessionError):
            portal.make_appointment(appointment_session_id=appointment_session.id, slot=slot.text)
