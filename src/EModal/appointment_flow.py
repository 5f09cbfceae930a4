"""Drive the wizard for an appointment session, book a slot, and decide pregate from a timeline."""

from __future__ import annotations

import logging

from selenium.webdriver.remote.webdriver import WebDriver

from EModal.appointments import AppointmentSession
from EModal.config import ConnectorConfig
from EModal.errors import BookingNotConfirmedError, MissingFieldError, SlotNotAvailableError
from EModal.pages.my_appointments import MyAppointmentsPage
from EModal.pages.wizard import AppointmentWizardPage
from EModal.records import AppointmentSlot, BookingResult, Container, Milestone

log = logging.getLogger(__name__)

NO_SLOTS_TEXT = "No Appointments Available"
_MARK_JS = "window.__emodalAppointmentSession = arguments[0];"
_MARKED_JS = "return window.__emodalAppointmentSession || '';"


def decide_pregate(container: Container, milestones: list[Milestone]) -> tuple[bool, str]:
    """Whether the container passed pregate, and how that was decided."""
    names = [m.name.strip().lower() for m in milestones]
    if "pregate" in names:
        index = names.index("pregate")
        if milestones[index].reached:
            return True, "timeline_pregate_reached"
        if any(m.reached for m in milestones[index + 1 :]):
            return True, "timeline_later_milestone_reached"
        return False, "timeline_pregate_not_reached"
    if container.emodal_pregate_status.upper() in ("CONFIRMED", "COMPLETED") or container.has_pregate_ticket:
        return True, "container_row_pregate"
    return False, "no_pregate_milestone"


def _wizard_for(
    driver: WebDriver, config: ConnectorConfig, appointment_session: AppointmentSession
) -> AppointmentWizardPage:
    """The wizard page this appointment session left off on, or a fresh one at phase 1."""
    timeout = config.page_timeout_seconds
    marked = driver.execute_script(_MARKED_JS) if driver.current_url.startswith(config.portal.addvisit) else None
    if marked == appointment_session.id:
        page = AppointmentWizardPage(driver, timeout)
        if page.phase() == appointment_session.phase:
            return page
    page = AppointmentWizardPage.open(driver, config.portal.addvisit, timeout)
    driver.execute_script(_MARK_JS, appointment_session.id)
    appointment_session.phase = 1
    return page


def drive_to_slots(driver: WebDriver, config: ConnectorConfig, appointment_session: AppointmentSession) -> None:
    """Advance the wizard to phase 3 and read the slots; a blank field raises `MissingFieldError`."""
    page = _wizard_for(driver, config, appointment_session)
    if appointment_session.phase == 1:
        _phase_1(page, appointment_session)
    if appointment_session.phase == 2:
        _phase_2(page, appointment_session)
    appointment_session.available_times = read_slots(page)
    appointment_session.touch()


def _phase_1(page: AppointmentWizardPage, appointment_session: AppointmentSession) -> None:
    request = appointment_session.request
    for name in ("trucking_company", "terminal", "move_type"):
        if not getattr(request, name):
            raise MissingFieldError(1, name, appointment_session.id)
    for locator, value, name in (
        (page.TRUCKING, request.trucking_company, "trucking_company"),
        (page.TERMINAL, request.terminal_name, "terminal"),
        (page.MOVE, request.move_type, "move_type"),
    ):
        if not page.choose(locator, value):
            raise MissingFieldError(1, name, appointment_session.id, f"{value!r} is not offered")
    appointment_session.variant_form = request.trade_type == "IMPORT" and page.has_variant_form()
    request.require_phase_1(appointment_session.variant_form, appointment_session.id)
    if request.trade_type == "EXPORT":
        page.clear_chips()
        page.add_chip(page.BOOKING_INPUT, request.booking_number)
        page.type_into(page.QUANTITY, str(request.quantity))
    elif appointment_session.variant_form:
        page.autocomplete(page.LINE, request.line)
        page.autocomplete(page.EQUIP_SIZE, request.equip_size)
        page.type_into(page.QUANTITY, str(request.quantity))
    else:
        page.clear_chips()
        page.add_chip(page.CONTAINER_INPUT, request.container_number)
    appointment_session.phase = page.next()


def _phase_2(page: AppointmentWizardPage, appointment_session: AppointmentSession) -> None:
    request = appointment_session.request
    request.require_phase_2(appointment_session.id)
    page.check_first_row()
    if request.trade_type == "EXPORT":
        page.type_into(page.UNIT, request.unit_number)
        for index, seal in enumerate(request.seals[:4], start=1):
            page.type_into(page.seal_locator(index), seal)
    elif request.pin:
        page.type_into(page.PIN, request.pin)
    if not page.autocomplete(page.PLATE, request.truck_plate):
        plate = request.truck_plate
        raise MissingFieldError(2, "truck_plate", appointment_session.id, f"{plate!r} is not a registered plate")
    page.set_own_chassis(bool(request.own_chassis))
    appointment_session.phase = page.next()


def read_slots(page: AppointmentWizardPage) -> list[AppointmentSlot]:
    """The phase-3 slot options ("No Appointments Available" gives none)."""
    texts = page.slot_texts()
    return [AppointmentSlot.parse(t) for t in texts if t and t != NO_SLOTS_TEXT]


def _matching_slot(wanted: str, offered: list[AppointmentSlot]) -> AppointmentSlot | None:
    text = " ".join(wanted.split()).lower()
    for slot in offered:
        if slot.text.lower() == text:
            return slot
    for slot in offered:  # "10/02/2025 07:00" or a prefix of the option text also picks it
        if text and (text in slot.text.lower() or slot.text.lower().startswith(text)):
            return slot
    return None


def book(
    driver: WebDriver, config: ConnectorConfig, appointment_session: AppointmentSession, wanted: str
) -> BookingResult:
    """Choose the slot, Submit, read the number back and find it in My Appointments."""
    slot = _matching_slot(wanted, appointment_session.available_times)
    if slot is None:
        raise SlotNotAvailableError(wanted, [s.text for s in appointment_session.available_times])
    page = AppointmentWizardPage(driver, config.page_timeout_seconds)
    if page.visible(page.CALENDAR) and slot.starts_at is not None:
        page.pick_day(slot.starts_at.strftime("%Y-%m-%d"))
    if not page.choose(page.SLOT, slot.text):
        raise SlotNotAvailableError(wanted, page.slot_texts())
    page.submit()
    confirmation = page.confirmation()
    appointment_session.booked = True
    number = confirmation.appointment_number()
    text = confirmation.text()
    if not number:
        raise BookingNotConfirmedError(f"no appointment number shown after Submit ({text[:200]!r})")
    appointments = MyAppointmentsPage.open(driver, config.portal.myappointments, config.page_timeout_seconds)
    found = appointments.find_appointment(number)
    if found is None:
        raise BookingNotConfirmedError(f"appointment {number} is not listed in My Appointments", number)
    log.info("appointment %s booked and found in My Appointments", number)
    return BookingResult(
        appointment_confirmed=True,
        appointment_number=number,
        slot=slot,
        seen_in_my_appointments=True,
        confirmation_text=text,
        appointment=found,
    )
