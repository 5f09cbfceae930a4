"""The containers list: infinite scrolling driven by the page, rows read in one script call each load."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from EModal.errors import ContainerNotFoundError
from EModal.pages.base import NETWORK_HOOK_JS, BasePage, Locator, error_page_problem
from EModal.pages.container_detail import ContainerDetailRegion
from EModal.parsing import container_from_cells, container_from_row_text
from EModal.records import CONTAINER_COLUMNS, Container

# Reads the rows not read yet (cells by textContent: no layout needed), then scrolls the box itself.
_READ_AND_SCROLL_JS = """
const [boxSelector, start, first, need, scroll, keep] = arguments;
const box = document.querySelector(boxSelector);
const rows = box.querySelectorAll('tbody tr');
const out = [];
for (let i = start; i < rows.length; i++) {
  const cells = rows[i].cells;
  if (cells.length >= first + need) {
    const values = [];
    for (let c = first; c < first + need; c++) values.push(cells[c].textContent);
    out.push(values);
  } else {
    out.push(rows[i].innerText);
  }
}
// Rows already read leave the layout (display: none) so each load costs the same however long the list.
if (!document.getElementById('emodal-read-rows')) {
  const style = document.createElement('style');
  style.id = 'emodal-read-rows';
  style.textContent = boxSelector + ' tr.emodal-read { display: none; } '
    + boxSelector + ' { overflow-anchor: none; }';
  document.head.appendChild(style);
}
for (let i = window.__emodalHidden || 0; i < rows.length - keep; i++) rows[i].classList.add('emodal-read');
window.__emodalHidden = Math.max(window.__emodalHidden || 0, rows.length - keep);
if (scroll) {
  // Hiding rows can leave the box already at its (new) bottom: move it anyway so a scroll event fires.
  const bottom = box.scrollHeight - box.clientHeight;
  box.scrollTop = Math.abs(box.scrollTop - bottom) < 1 ? bottom - 1 : bottom;
}
const net = window.__emodalNet || {pending: 0, started: 0, lastEnd: 0};
return [rows.length, out, net.started, net.pending, performance.now()];
"""

_RESTORE_ROWS_JS = """
const style = document.getElementById('emodal-read-rows');
if (style) style.remove();
window.__emodalHidden = 0;
document.querySelectorAll('tr.emodal-read').forEach(r => r.classList.remove('emodal-read'));
"""

_HEADER_JS = """
const cells = document.querySelectorAll(arguments[0]);
return Array.from(cells, c => c.textContent.trim());
"""

_FIND_ROW_JS = """
const [boxSelector, number] = arguments;
const rows = document.querySelector(boxSelector).querySelectorAll('tbody tr');
for (const row of rows) {
  const text = row.textContent;
  if (text.includes(number) && /keyboard_arrow_(right|down)/.test(text)) return row;
}
return null;
"""


class ContainersPage(BasePage):
    """The "Containers" page of Port Manager."""

    SCROLL_BOX: ClassVar[Locator] = (By.CSS_SELECTOR, "div#searchres.search-results[matinfinitescroll]")
    ROWS: ClassVar[Locator] = (By.CSS_SELECTOR, "div#searchres tbody tr")
    HEADER_CELLS: ClassVar[Locator] = (By.CSS_SELECTOR, "div#searchres thead th")
    SELECT_ALL: ClassVar[Locator] = (By.CSS_SELECTOR, "div#searchres thead mat-checkbox")
    EXPORT_ICON: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-icon[svgicon='xls']")
    EXPAND_ICON: ClassVar[Locator] = (By.XPATH, ".//mat-icon[normalize-space(.)='keyboard_arrow_right']")
    LOADED = SCROLL_BOX
    # Enough rows stay laid out for the box to scroll (and so fire the page's own loading).
    ROWS_KEPT_SHOWN: ClassVar[int] = 60

    def __init__(self, driver: WebDriver, timeout: float) -> None:
        super().__init__(driver, timeout)
        driver.execute_script(NETWORK_HOOK_JS)
        try:
            WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.find_elements(*self.ROWS))
            self.has_rows = True
        except TimeoutException:
            problem = error_page_problem(driver)
            if problem is not None:
                raise problem from None
            self.has_rows = False  # an account without containers shows an empty list

    @classmethod
    def open(cls, driver: WebDriver, url: str, timeout: float) -> ContainersPage:
        """Load the containers page."""
        driver.get(url)
        return cls(driver, timeout)

    def _first_column(self) -> int:
        headers = self.driver.execute_script(_HEADER_JS, self.HEADER_CELLS[1])
        return headers.index(CONTAINER_COLUMNS[0]) if CONTAINER_COLUMNS[0] in headers else -1

    def read_containers(
        self,
        *,
        target_count: int | None = None,
        until: Callable[[Container], bool] | None = None,
    ) -> list[Container]:
        """Read rows while scrolling, until the end, `target_count` rows, or a row `until` accepts."""
        if not self.has_rows:
            return []
        try:
            return self._read(target_count, until)
        finally:
            self.driver.execute_script(_RESTORE_ROWS_JS)

    def _read(self, target_count: int | None, until: Callable[[Container], bool] | None) -> list[Container]:
        first = self._first_column()
        need = len(CONTAINER_COLUMNS) if first >= 0 else 10_000  # no header: parse each row's text
        containers: list[Container] = []
        while True:
            count, new_rows, started, _pending, _now = self.driver.execute_script(
                _READ_AND_SCROLL_JS,
                self.SCROLL_BOX[1],
                len(containers),
                max(first, 0),
                need,
                True,
                self.ROWS_KEPT_SHOWN,
            )
            for raw in new_rows:
                container = container_from_cells(raw) if isinstance(raw, list) else container_from_row_text(raw)
                containers.append(container)
                if until is not None and until(container):
                    return containers
                if target_count is not None and len(containers) >= target_count:
                    return containers
            if not self._wait_for_more(count, started):
                return containers

    def _wait_for_more(self, count: int, started: int) -> bool:
        """Wait until the box shows more rows (True) or the page stays quiet after the scroll (False)."""
        return self.wait_for_growth(
            f"return document.querySelector({self.SCROLL_BOX[1]!r}).querySelectorAll('tbody tr').length",
            count,
            started,
        )

    def find_container(self, number: str) -> Container:
        """Scroll until the container's row is loaded and return it."""
        rows = self.read_containers(until=lambda c: c.container_number == number)
        if not rows or rows[-1].container_number != number:
            raise ContainerNotFoundError(number)
        return rows[-1]

    def expand(self, number: str) -> ContainerDetailRegion:
        """Open the row of a loaded container and return its detail region."""
        row = self.driver.execute_script(_FIND_ROW_JS, self.SCROLL_BOX[1], number)
        if row is None:
            raise ContainerNotFoundError(number)
        icons = row.find_elements(*self.EXPAND_ICON)
        if icons:
            self.click(icons[0])
        else:
            self.click(row)
        return ContainerDetailRegion(self.driver, self.timeout, row=row, container_number=number)
