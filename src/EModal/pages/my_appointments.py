"""My Appointments: booked visits, more rows on window scroll."""

from __future__ import annotations

from typing import ClassVar

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from EModal.pages.base import NETWORK_HOOK_JS, BasePage, Locator, error_page_problem
from EModal.records import Appointment

_READ_JS = """
const [tableSel, start] = arguments;
const table = document.querySelector(tableSel);
const headers = Array.from(table.querySelectorAll('thead th'), th => th.textContent.trim());
const rows = table.querySelectorAll('tbody tr');
const out = [];
for (let i = start; i < rows.length; i++) out.push(Array.from(rows[i].cells, c => c.textContent.trim()));
const started = window.__emodalNet ? window.__emodalNet.started : 0;
window.scrollTo(0, document.documentElement.scrollHeight);
return [headers, rows.length, out, started];
"""
_COUNT_JS = "return document.querySelectorAll({selector!r}).length;"


class MyAppointmentsPage(BasePage):
    """The trucker portal's list of booked visits."""

    TABLE: ClassVar[Locator] = (By.CSS_SELECTOR, "table")
    ROWS: ClassVar[Locator] = (By.CSS_SELECTOR, "table tbody tr")
    ROW_CHECKBOX: ClassVar[Locator] = (By.CSS_SELECTOR, "tbody mat-checkbox")
    EXPORT_ICON: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-icon[svgicon='xls']")
    LOADED = TABLE
    NUMBER_COLUMNS: ClassVar[tuple[str, ...]] = ("Appointment #", "Appointment Number", "Appt #", "Ticket #")

    @classmethod
    def open(cls, driver: WebDriver, url: str, timeout: float) -> MyAppointmentsPage:
        """Load My Appointments."""
        driver.get(url)
        return cls(driver, timeout)

    def __init__(self, driver: WebDriver, timeout: float) -> None:
        super().__init__(driver, timeout)
        driver.execute_script(NETWORK_HOOK_JS)
        try:
            WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.find_elements(*self.ROWS))
        except TimeoutException:
            problem = error_page_problem(driver)
            if problem is not None:
                raise problem from None  # otherwise the account simply has no appointments

    def read_all(self) -> list[Appointment]:
        """Every appointment, scrolling the window until no more rows come."""
        appointments: list[Appointment] = []
        count_js = _COUNT_JS.format(selector=self.ROWS[1])
        while True:
            headers, count, rows, started = self.driver.execute_script(_READ_JS, self.TABLE[1], len(appointments))
            number_index = next((headers.index(h) for h in self.NUMBER_COLUMNS if h in headers), 0)
            for cells in rows:
                columns = {h: cells[i] for i, h in enumerate(headers) if h and i < len(cells)}
                appointments.append(Appointment(cells[number_index] if cells else "", columns))
            if not self.wait_for_growth(count_js, count, started):
                return appointments

    def find_appointment(self, appointment_number: str) -> Appointment | None:
        """The appointment with that number, if listed."""
        return next((a for a in self.read_all() if a.appointment_number == appointment_number), None)
