"""The appointment wizard and My Appointments in Chromium: every phase, errors, variant form, booking."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator

import httpx
import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from sandbox.accounts import DISPATCH1
from sandbox.dataset import CLOSED_BOOKING, DEMO_ACTIONABLE, DEMO_BOOKING
from sandbox.portal_sessions import SITE_COOKIE_NAMES
from sandbox.server import SandboxServer
from tests.sandbox.conftest import TODAY, chaos, open_login, solve_token, submit_login, wait
from tests.sandbox.wizard_steps import (
    add_chip,
    choose,
    click_next,
    close_overlay,
    dialog_text_and_close,
    field,
    open_select,
    start,
    truck_details,
    wait_phase,
)

pytestmark = pytest.mark.browser
COMPANY = DISPATCH1.company
SLOT_TEXT = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d\d/\d\d/\d{4} \d\d:\d\d - \d\d:\d\d$")


@pytest.fixture(scope="module")
def browser(driver: WebDriver, server: SandboxServer) -> WebDriver:
    open_login(driver, server.url)
    submit_login(driver, DISPATCH1.username, DISPATCH1.password, solve_token(server.url, driver.current_url))
    wait(driver).until(ec.url_contains("/containers"))
    return driver


@pytest.fixture(autouse=True)
def _reset(server: SandboxServer) -> Iterator[None]:
    yield
    chaos(server.url, "reset")


class TestPhaseOne:
    def test_stepper_and_selects(self, browser: WebDriver, server: SandboxServer) -> None:
        browser.get(f"{server.url}/trucker/web/addvisit")
        wait_phase(browser, 1)
        headers = browser.find_elements(By.CSS_SELECTOR, "mat-step-header")
        assert [h.get_attribute("aria-posinset") for h in headers] == ["1", "2", "3"]
        assert open_select(browser, "Trucking") == [COMPANY]
        close_overlay(browser)
        assert "ITS Long Beach" in open_select(browser, "Terminal")
        close_overlay(browser)
        assert open_select(browser, "Move") == ["PICK FULL", "DROP FULL", "PICK EMPTY", "DROP EMPTY"]
        close_overlay(browser)

    def test_chip_input_and_remove(self, browser: WebDriver, server: SandboxServer) -> None:
        start(browser, server.url, COMPANY, "ITS Long Beach", "PICK FULL")
        box = browser.find_element(By.CSS_SELECTOR, "input[formcontrolname='containerNumber']")
        assert box.get_attribute("placeholder") == "Container number(s)"
        add_chip(browser, "containerNumber", "TEST1234567")
        chip = browser.find_element(By.XPATH, "//mat-chip[@data-value='TEST1234567']")
        assert browser.find_element(By.XPATH, "//mat-chip//span[contains(text(),'TEST1234567')]").text == "TEST1234567"
        chip.find_element(By.CSS_SELECTOR, "mat-icon[matchipremove]").click()
        wait(browser).until(ec.staleness_of(chip))

    def test_unknown_container_error_dialog(self, browser: WebDriver, server: SandboxServer) -> None:
        start(browser, server.url, COMPANY, "ITS Long Beach", "PICK FULL")
        add_chip(browser, "containerNumber", "ZZZU1234560")
        click_next(browser)
        assert dialog_text_and_close(browser) == "No open transactions for container ZZZU1234560"
        wait_phase(browser, 1)

    @pytest.mark.parametrize("booking", ["NOPE999999", CLOSED_BOOKING])
    def test_export_booking_error(self, browser: WebDriver, server: SandboxServer, booking: str) -> None:
        start(browser, server.url, COMPANY, "Total Terminals Intl LLC", "DROP FULL")
        add_chip(browser, "bookingNumber", booking)
        assert browser.find_elements(By.CSS_SELECTOR, "input[formcontrolname='quantity']")
        assert not browser.find_elements(By.CSS_SELECTOR, "input[formcontrolname='containerNumber']")
        click_next(browser)
        assert dialog_text_and_close(browser) == "No open transactions for this booking number"


class TestImportBooking:
    def test_book_tomorrow_morning_at_its(self, browser: WebDriver, server: SandboxServer) -> None:
        start(browser, server.url, COMPANY, "ITS Long Beach", "PICK FULL")
        add_chip(browser, "containerNumber", DEMO_ACTIONABLE)
        click_next(browser)
        wait_phase(browser, 2)
        assert browser.find_elements(By.CSS_SELECTOR, "#step2 input[formcontrolname='Pin']")
        plates = browser.find_element(By.CSS_SELECTOR, "input[formcontrolname='Plate']")
        plates.click()
        offered = wait(browser).until(lambda d: [o.text for o in d.find_elements(
            By.CSS_SELECTOR, ".mat-autocomplete-panel mat-option span.mat-option-text")])
        assert offered == list(DISPATCH1.plates)
        truck_details(browser, "481", "7KRT481", "YES")
        yes = browser.find_element(By.XPATH, "//mat-button-toggle[normalize-space(.)='YES']")
        assert yes.get_attribute("aria-pressed") == "true"
        click_next(browser)
        wait_phase(browser, 3)
        options = open_select(browser, "Appointment")
        assert options and all(SLOT_TEXT.match(o) for o in options)
        tomorrow = TODAY + datetime.timedelta(days=1)
        wanted = f"{tomorrow:%A} {tomorrow:%m/%d/%Y} 07:00 - 12:00"
        assert wanted in options
        close_overlay(browser)
        slot = server.state.slots[f"ITS|PICK FULL|{tomorrow.isoformat()}|07:00 - 12:00"]
        before = slot.remaining
        choose(browser, "Appointment", wanted)
        click_next(browser, "Submit")
        number = wait(browser).until(ec.visibility_of_element_located(
            (By.CSS_SELECTOR, ".appointment-confirmation .appointment-number"))).text
        assert re.fullmatch(r"\d{8}", number)
        assert slot.remaining == before - 1
        booked = server.state.find_appointment(number)
        assert booked is not None and booked.containers == (DEMO_ACTIONABLE,) and booked.own_chassis

        browser.get(f"{server.url}/myappointments")
        first = wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".appointments-table tbody tr")))
        assert first.get_attribute("data-appointment") == number
        assert "ITS Long Beach" in first.text and DEMO_ACTIONABLE in first.text

    def test_phase_two_errors(self, browser: WebDriver, server: SandboxServer) -> None:
        start(browser, server.url, COMPANY, "ITS Long Beach", "PICK FULL")
        add_chip(browser, "containerNumber", DEMO_ACTIONABLE)
        click_next(browser)
        wait_phase(browser, 2)
        click_next(browser)
        assert dialog_text_and_close(browser) == "Please select at least one row"
        browser.find_element(By.CSS_SELECTOR, "#step2 tbody tr mat-checkbox").click()
        browser.find_element(By.CSS_SELECTOR, "input[formcontrolname='Plate']").send_keys("NOPLATE")
        click_next(browser)
        assert "is not registered" in dialog_text_and_close(browser)


class TestExportBooking:
    def test_calendar_and_submit(self, browser: WebDriver, server: SandboxServer) -> None:
        start(browser, server.url, COMPANY, "Total Terminals Intl LLC", "DROP FULL")
        add_chip(browser, "bookingNumber", DEMO_BOOKING)
        click_next(browser)
        wait_phase(browser, 2)
        unit = browser.find_element(By.CSS_SELECTOR, "#step2 input[formcontrolname='Unit']")
        assert unit.get_attribute("maxlength") == "11"
        for n in range(1, 5):
            assert browser.find_elements(By.CSS_SELECTOR, f"#step2 input[formcontrolname='Seal{n}_Num']")
        truck_details(browser, "8KR", "8KRT223", "NO")
        click_next(browser)
        wait_phase(browser, 3)
        browser.find_element(By.XPATH, "//mat-icon[normalize-space(.)='calendar_month']").click()
        day = wait(browser).until(ec.element_to_be_clickable(
            (By.CSS_SELECTOR, "mat-calendar td.mat-calendar-body-cell:not(.mat-calendar-body-disabled)")))
        day.click()
        assert browser.find_element(By.CSS_SELECTOR, "input[formcontrolname='apptDate']").get_attribute("value")
        options = open_select(browser, "Appointment")
        close_overlay(browser)
        choose(browser, "Appointment", options[0])
        open_before = server.state.data["dispatch1"].bookings[DEMO_BOOKING].open_quantity
        click_next(browser, "Submit")
        wait(browser).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".appointment-number")))
        assert server.state.data["dispatch1"].bookings[DEMO_BOOKING].open_quantity == open_before - 1


class TestVariantForm:
    def test_line_and_size_form_then_no_slots(self, browser: WebDriver, server: SandboxServer) -> None:
        chaos(server.url, "import-variant", enabled=True)
        start(browser, server.url, COMPANY, "SSA Terminal - PierA / LB", "PICK FULL")
        assert not browser.find_elements(By.CSS_SELECTOR, "input[formcontrolname='containerNumber']")
        for label, typed, pick in (("Line", "MSC", "MSCU"), ("Equip Size", "40", "40DH")):
            field(browser, label).find_element(By.TAG_NAME, "input").send_keys(typed)
            xpath = f"//div[contains(@class,'mat-autocomplete-panel')]//mat-option[normalize-space(.)='{pick}']"
            wait(browser).until(ec.element_to_be_clickable((By.XPATH, xpath))).click()
        quantity = field(browser, "Quantity").find_element(By.TAG_NAME, "input")
        quantity.clear()
        quantity.send_keys("2")
        click_next(browser)
        wait_phase(browser, 2)
        assert len(browser.find_elements(By.CSS_SELECTOR, "#step2 tbody tr")) == 2
        truck_details(browser, "7KR", "7KRT481", "NO")
        click_next(browser)
        wait_phase(browser, 3)
        assert open_select(browser, "Appointment") == ["No Appointments Available"]
        close_overlay(browser)


class TestMyAppointments:
    def test_window_scroll_loads_more_and_export(self, browser: WebDriver, server: SandboxServer) -> None:
        browser.get(f"{server.url}/myappointments")
        rows = "table.appointments-table tbody tr"
        wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, rows)) == 30)
        total = len(server.state.appointments("dispatch1"))
        browser.execute_script("window.scrollTo(0, document.documentElement.scrollHeight);")
        wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, rows)) == total)
        assert browser.find_elements(By.CSS_SELECTOR, "mat-icon[svgicon='xls']")
        name = SITE_COOKIE_NAMES["truckerportal"]  # the export belongs to truckerportal, which has its own cookie
        cookie = browser.get_cookie(name)
        assert cookie is not None
        response = httpx.get(f"{server.url}/api/appointments/export.xlsx", cookies={name: cookie["value"]})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        assert len(list(sheet.iter_rows(values_only=True))) == total + 1  # type: ignore[union-attr]
