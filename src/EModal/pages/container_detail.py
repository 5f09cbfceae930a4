"""An expanded container row: its detail fields and its timeline."""

from __future__ import annotations

from typing import Any, ClassVar

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from EModal.pages.base import BasePage, Locator
from EModal.records import Milestone

# The detail sits in the row itself or in the rows after it, up to the next container row.
_DETAIL_SCOPE_JS = """
const [row, marker] = arguments;
if (row.querySelector(marker)) return row;
let next = row.nextElementSibling;
while (next) {
  if (next.querySelector(marker)) return next;
  if (next.querySelector("mat-icon") && /keyboard_arrow_(right|down)/.test(next.textContent)) return null;
  next = next.nextElementSibling;
}
return null;
"""

_FIELDS_JS = """
const [scope, labelSel, dataSel] = arguments;
const pairs = [];
for (const label of scope.querySelectorAll(labelSel)) {
  let data = label.nextElementSibling;
  while (data && !data.matches(dataSel)) data = data.nextElementSibling;
  if (!data && label.parentElement) data = label.parentElement.querySelector(dataSel);
  pairs.push([label.textContent.trim(), data ? data.textContent.trim() : '']);
}
return pairs;
"""

_TIMELINE_JS = """
const [flow, rowSel, labelSel, dividerSel] = arguments;
const out = [];
for (const row of flow.querySelectorAll(rowSel)) {
  const labels = row.querySelectorAll(labelSel);
  if (labels.length < 1) continue;
  const divider = row.querySelector(dividerSel);
  out.push([labels[0].textContent.trim(), labels.length > 1 ? labels[1].textContent.trim() : '',
            divider ? Array.from(divider.classList) : []]);
}
return out;
"""


class ContainerDetailRegion(BasePage):
    """The detail shown under an expanded container row."""

    FIELD_LABEL: ClassVar[Locator] = (By.CSS_SELECTOR, "div.field-label")
    FIELD_DATA: ClassVar[Locator] = (By.CSS_SELECTOR, "div.field-data")
    BOOKING_NUMBER: ClassVar[Locator] = (By.CSS_SELECTOR, "div.field-data.btn-link")
    TERMINAL_NAME: ClassVar[Locator] = (By.CSS_SELECTOR, ".terminal-name")
    TIMELINE: ClassVar[Locator] = (By.CSS_SELECTOR, "app-containerflow, div.timeline-container")
    TIMELINE_ROW: ClassVar[Locator] = (By.CSS_SELECTOR, "div[fxlayout='row']")
    MILESTONE_LABEL: ClassVar[Locator] = (By.CSS_SELECTOR, "div.curr-loc-div span.location-details-label")
    DIVIDER: ClassVar[Locator] = (By.CSS_SELECTOR, "div.timeline-divider")
    COLLAPSE_ICON: ClassVar[Locator] = (By.XPATH, ".//mat-icon[normalize-space(.)='keyboard_arrow_down']")

    REACHED_CLASS = "dividerflowcolor"
    NOT_REACHED_CLASSES = frozenset({"horizontalconflow", "dividerflowcolor2"})

    def __init__(self, driver: WebDriver, timeout: float, *, row: WebElement, container_number: str) -> None:
        self.row = row
        self.container_number = container_number
        self.scope: WebElement | None = None
        super().__init__(driver, timeout)

    def is_loaded(self) -> bool:
        """Whether the row reads as expanded and its fields are showing."""
        self.scope = self.driver.execute_script(_DETAIL_SCOPE_JS, self.row, self.FIELD_LABEL[1])
        return self.scope is not None

    def fields(self) -> dict[str, str]:
        """Every label/value pair of the detail, in page order (first occurrence of a label wins)."""
        pairs = self.driver.execute_script(_FIELDS_JS, self.scope, self.FIELD_LABEL[1], self.FIELD_DATA[1])
        values: dict[str, str] = {}
        for label, value in pairs:
            values.setdefault(label, value)
        return values

    def terminal_name(self) -> str:
        """The terminal's name shown at the top of the detail."""
        if self.scope is None:
            return ""
        found = self.scope.find_elements(*self.TERMINAL_NAME)
        return found[0].text.strip() if found else ""

    def booking_number(self) -> str:
        """The Booking # value (the link under the "Booking #" label)."""
        return self.fields().get("Booking #", "")

    def timeline_element(self) -> WebElement:
        """The timeline component, waited for."""
        timeline: WebElement = self.wait_for_any(lambda d: self._timeline_or_none(), what="the timeline")
        return timeline

    def _timeline_or_none(self) -> Any:
        scope = self.driver.execute_script(_DETAIL_SCOPE_JS, self.row, self.TIMELINE[1])
        if scope is None:
            return None
        found = scope.find_elements(*self.TIMELINE)
        return found[0] if found else None

    def milestones(self) -> list[Milestone]:
        """The timeline's milestones in page order, reached by the divider's colour class."""
        flow = self.timeline_element()
        rows = self.driver.execute_script(
            _TIMELINE_JS, flow, self.TIMELINE_ROW[1], self.MILESTONE_LABEL[1], self.DIVIDER[1]
        )
        return [
            Milestone(name=name, date=date or "N/A", reached=self.REACHED_CLASS in classes)
            for name, date, classes in rows
        ]

    def timeline_png(self) -> bytes:
        """A PNG screenshot of the timeline element."""
        flow = self.timeline_element()
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", flow)
        return flow.screenshot_as_png
