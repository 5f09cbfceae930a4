"""The typed operations a caller runs on a held portal session."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selenium.webdriver.remote.webdriver import WebDriver

from EModal import appointment_flow
from EModal.appointments import AppointmentRequest, AppointmentSession
from EModal.container_number import checked_container_number
from EModal.errors import AppointmentSessionError, ContainerNotFoundError
from EModal.pages.containers import ContainersPage
from EModal.pages.my_appointments import MyAppointmentsPage
from EModal.pages.wizard import AppointmentWizardPage
from EModal.records import Appointment, BookingResult, Container, ContainerDetail, Timeline

if TYPE_CHECKING:
    from EModal.portal_session import PortalSession


class PortalOperations:
    """Operations on one portal session, valid while the pool holds it for the caller."""

    def __init__(self, portal_session: PortalSession, *, is_new_session: bool) -> None:
        self._portal_session = portal_session
        self.is_new_session = is_new_session
        self._config = portal_session.config

    @property
    def portal_session_id(self) -> str:
        """The current portal session id (a re-login during an operation changes it)."""
        return self._portal_session.id

    @property
    def account_key(self) -> str:
        """The account this portal session is logged in as."""
        return self._portal_session.account_key

    def _timeout(self) -> float:
        return self._config.page_timeout_seconds

    def _containers_page(self, driver: WebDriver) -> ContainersPage:
        return ContainersPage.open(driver, self._config.portal.containers, self._timeout())

    # --- containers ------------------------------------------------------------------------

    def get_containers(self, *, target_count: int | None = None, until_container: str | None = None) -> list[Container]:
        """All containers, or the first `target_count`, or up to and including `until_container`."""
        wanted = checked_container_number(until_container) if until_container else None

        def read(driver: WebDriver) -> list[Container]:
            page = self._containers_page(driver)
            return page.read_containers(
                target_count=target_count,
                until=(lambda c: c.container_number == wanted) if wanted else None,
            )

        return self._portal_session.run(read)

    def get_container(self, container_number: str) -> Container:
        """One container's row; `ContainerNotFoundError` when the list does not hold it."""
        number = checked_container_number(container_number)
        return self._portal_session.run(lambda d: self._containers_page(d).find_container(number))

    def get_container_detail(self, container_number: str) -> ContainerDetail:
        """The expanded row of one container: terminal, Booking # and every labelled field."""
        number = checked_container_number(container_number)

        def read(driver: WebDriver) -> ContainerDetail:
            page = self._containers_page(driver)
            container = page.find_container(number)
            region = page.expand(number)
            return ContainerDetail(
                container_number=number,
                terminal=region.terminal_name(),
                booking_number=region.booking_number(),
                fields=region.fields(),
                container=container,
            )

        return self._portal_session.run(read)

    def get_booking_number(self, container_number: str) -> str:
        """The Booking # of an export container ("" when it shows none)."""
        detail = self.get_container_detail(container_number)
        return "" if detail.booking_number in ("N/A", "") else detail.booking_number

    def get_container_timeline(self, container_number: str, *, screenshot_dir: Path | None = None) -> Timeline:
        """Milestones, `passed_pregate` with how it was decided, and a PNG of the timeline."""
        number = checked_container_number(container_number)

        def read(driver: WebDriver) -> Timeline:
            page = self._containers_page(driver)
            container = page.find_container(number)
            if not container.is_known:
                raise ContainerNotFoundError(number)
            region = page.expand(number)
            milestones = region.milestones()
            png = region.timeline_png()
            passed, method = appointment_flow.decide_pregate(container, milestones)
            path = None
            if screenshot_dir is not None:
                screenshot_dir.mkdir(parents=True, exist_ok=True)
                path = screenshot_dir / f"timeline-{number}-{uuid.uuid4().hex[:8]}.png"
                path.write_bytes(png)
            return Timeline(number, container.trade_type, milestones, passed, method, png, path)

        return self._portal_session.run(read)

    # --- appointments ----------------------------------------------------------------------

    def check_appointments(
        self, request: AppointmentRequest | None = None, *, appointment_session_id: str = "", **fields: Any
    ) -> AppointmentSession:
        """Go through the wizard to the slot list (new, or resuming an appointment session with more fields)."""
        appointment_session = self._appointment_session(request, appointment_session_id, fields)

        def drive(driver: WebDriver) -> AppointmentSession:
            appointment_flow.drive_to_slots(driver, self._config, appointment_session)
            return appointment_session

        return self._portal_session.run(drive)

    def make_appointment(
        self,
        request: AppointmentRequest | None = None,
        *,
        slot: str,
        appointment_session_id: str = "",
        **fields: Any,
    ) -> BookingResult:
        """Book a slot; confirmed only when the number is read back and found in My Appointments."""
        appointment_session = self._appointment_session(request, appointment_session_id, fields)

        def book(driver: WebDriver) -> BookingResult:
            appointment_flow.drive_to_slots(driver, self._config, appointment_session)
            return appointment_flow.book(driver, self._config, appointment_session, slot)

        return self._portal_session.run(book)

    def _appointment_session(
        self, request: AppointmentRequest | None, appointment_session_id: str, fields: dict[str, Any]
    ) -> AppointmentSession:
        appointment_sessions = self._portal_session.appointment_sessions
        # Expired appointment sessions are dropped whenever another is looked up.
        for key in [k for k, a in appointment_sessions.items() if a.expired]:
            del appointment_sessions[key]
        if appointment_session_id:
            appointment_session = appointment_sessions.get(appointment_session_id)
            if appointment_session is None:
                raise AppointmentSessionError(appointment_session_id)
            appointment_session.check_usable()
            appointment_session.request = appointment_session.request.merged(**fields)
            if request is not None:
                appointment_session.request = request
            appointment_session.touch()
            return appointment_session
        base = request or AppointmentRequest()
        appointment_session = AppointmentSession(
            portal_session_id=self.portal_session_id,
            request=base.merged(**fields),
            lifetime_seconds=self._config.appointment_session_minutes * 60,
        )
        appointment_sessions[appointment_session.id] = appointment_session
        return appointment_session

    def get_trucking_companies(self) -> list[str]:
        """The companies this account may book for, as the wizard's "Trucking" select offers them."""

        def read(driver: WebDriver) -> list[str]:
            page = AppointmentWizardPage.open(driver, self._config.portal.addvisit, self._timeout())
            return page.options_of(page.TRUCKING)

        return self._portal_session.run(read)

    def get_appointments(self) -> list[Appointment]:
        """Every row of My Appointments."""

        def read(driver: WebDriver) -> list[Appointment]:
            return MyAppointmentsPage.open(driver, self._config.portal.myappointments, self._timeout()).read_all()

        return self._portal_session.run(read)
