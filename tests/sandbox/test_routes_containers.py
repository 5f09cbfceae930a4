"""The containers list in Chromium: scroll loading, row text shape, expansion, timeline, select-all, export."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec

from sandbox.catalog import CONTAINER_COLUMNS
from sandbox.dataset import DEMO_BOOKING, DEMO_EXPORT, DEMO_PREGATED
from sandbox.rows import cell_values
from sandbox.server import SandboxServer
from tests.sandbox.conftest import wait

pytestmark = pytest.mark.browser
ROWS = "#searchres tbody tr.element-row"
LFD_GTD = re.compile(r"^(\d\d/\d\d/\d{4} - \d\d/\d\d/\d{4}|N/A)$")


def row_count(driver: WebDriver) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, ROWS))


def after_two_frames(driver: WebDriver) -> None:
    """Let scroll handlers run: any load they start shows its progress bar before the second frame."""
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));")


def scroll_box_to_bottom(driver: WebDriver, expected_rows: int) -> None:
    driver.execute_script("const b = document.getElementById('searchres'); b.scrollTop = b.scrollHeight;")
    wait(driver).until(lambda d: row_count(d) == expected_rows)
    wait(driver).until(ec.invisibility_of_element_located((By.ID, "loadingMore")))


def row_of(driver: WebDriver, number: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f"{ROWS}[data-number='{number}']")


@pytest.fixture(scope="module")
def containers(driver: WebDriver, server: SandboxServer) -> WebDriver:
    from tests.sandbox.conftest import open_login, solve_token, submit_login

    open_login(driver, server.url)
    submit_login(driver, "dispatch1", "Sandbox-Pass-1", solve_token(server.url, driver.current_url))
    wait(driver).until(lambda d: row_count(d) == 30)
    return driver


class TestScrollLoading:
    def test_box_markup(self, containers: WebDriver) -> None:
        box = containers.find_element(By.CSS_SELECTOR, "div#searchres.search-results[matinfinitescroll]")
        assert box.find_elements(By.CSS_SELECTOR, "tbody tr")

    def test_window_scroll_loads_nothing(self, containers: WebDriver) -> None:
        containers.execute_script("window.scrollTo(0, document.body.scrollHeight);"
                                  "window.dispatchEvent(new Event('scroll'));")
        after_two_frames(containers)
        assert not containers.find_element(By.ID, "loadingMore").is_displayed()
        assert row_count(containers) == 30

    def test_thirty_rows_per_scroll_until_the_end(self, containers: WebDriver, server: SandboxServer) -> None:
        total = len(server.state.data["dispatch1"].containers)
        for expected in range(60, total + 1, 30):
            scroll_box_to_bottom(containers, expected)
        containers.execute_script("const b = document.getElementById('searchres'); b.scrollTop = 0;"
                                  "b.scrollTop = b.scrollHeight;")
        after_two_frames(containers)
        wait(containers).until(ec.invisibility_of_element_located((By.ID, "loadingMore")))
        assert row_count(containers) == total


class TestRowText:
    def test_shape_of_every_row(self, containers: WebDriver, server: SandboxServer) -> None:
        texts = containers.execute_script(
            f"return Array.from(document.querySelectorAll('{ROWS}')).map(r => r.innerText);")
        expected = [cell_values(c) for c in server.state.data["dispatch1"].containers]
        assert len(texts) == len(expected)
        for text, values in zip(texts, expected, strict=True):
            lines = text.split("\n")
            assert lines[0] == "keyboard_arrow_right"
            assert lines[1].split("\t") == values[:15]
            assert lines[2:5] == values[15:18]
            assert LFD_GTD.match(lines[3])
            assert lines[5:] == ["info", "more_vert"]

    def test_values(self, containers: WebDriver) -> None:
        text = row_of(containers, DEMO_PREGATED).get_attribute("innerText") or ""
        cells = text.split("\n")[1].split("\t")
        assert cells[0] == "MSDU5772413L" and cells[1] == "IMPORT" and cells[3] in (" YES", " NO")
        all_text = containers.execute_script(f"return Array.from(document.querySelectorAll('{ROWS}'))"
                                             ".map(r => r.innerText.split('\\n')[1].split('\\t'));")
        assert any(re.fullmatch(r"\*+", c[4]) for c in all_text)
        assert any(c == ["N/A"] * 15 for c in all_text)
        assert any(c[0].endswith("E") for c in all_text) and any(c[0].endswith("L") for c in all_text)


class TestExpansion:
    def test_detail_fields(self, containers: WebDriver) -> None:
        row = row_of(containers, DEMO_EXPORT)
        toggle = row.find_element(By.XPATH, ".//mat-icon[normalize-space(.)='keyboard_arrow_right']")
        containers.execute_script("arguments[0].scrollIntoView({block: 'center'});", toggle)
        toggle.click()
        wait(containers).until(lambda d: toggle.text == "keyboard_arrow_down")
        detail = row.find_element(By.XPATH, "following-sibling::tr[1]")
        booking = detail.find_element(
            By.XPATH, ".//div[@class='field-label' and .='Booking #']/following-sibling::div")
        assert {"field-data", "btn-link"} <= set((booking.get_attribute("class") or "").split())
        assert booking.text == DEMO_BOOKING
        text = detail.text
        for label in ("Holds/Releases", "Custom Hold/Release", "Line Hold/Release", "Other Holds", "LFD",
                      "Good Through", "Fees", "Arrival Information", "Arrival Carrier", "Truck #", "Trucker Scac",
                      "Driver Name", "Pregate Time", "Pregate Status", "Rail Number", "Departure Information",
                      "Departure Carrier", "Vessel Code/Voyage", "Other Information", "Haz", "OD", "Reefer",
                      "Yard Location", "Weight", "UOM", "Yard Status", "Total Terminals Intl LLC"):
            assert label in text
        toggle.click()
        wait(containers).until(lambda d: toggle.text == "keyboard_arrow_right")

    def test_timeline_dividers_match_data(self, containers: WebDriver, server: SandboxServer) -> None:
        for container in server.state.data["dispatch1"].containers[:12]:
            if not container.known:
                continue
            row = row_of(containers, container.number)
            toggle = row.find_element(By.CSS_SELECTOR, "mat-icon.expand-icon")
            containers.execute_script("arguments[0].scrollIntoView({block: 'center'});", toggle)
            toggle.click()
            detail = "following-sibling::tr[1]//app-containerflow"
            located = (By.XPATH, f"//tr[@data-number='{container.number}']/{detail}")
            flow = wait(containers).until(ec.presence_of_element_located(located))
            rows = flow.find_elements(By.CSS_SELECTOR, "div[fxlayout='row']")
            assert len(rows) == len(container.milestones)
            for element, milestone in zip(rows, container.milestones, strict=True):
                labels = element.find_elements(By.CSS_SELECTOR, "div.curr-loc-div span.location-details-label")
                assert [s.text for s in labels] == [milestone.name, milestone.when]
                divider = element.find_element(By.CSS_SELECTOR, "div.timeline-divider")
                classes = (divider.get_attribute("class") or "").split()
                assert ("dividerflowcolor" in classes) is milestone.reached
                assert ("horizontalconflow" in classes) is not milestone.reached
            toggle.click()

    def test_pregated_import_reads_pregate_reached(self, containers: WebDriver) -> None:
        row = row_of(containers, DEMO_PREGATED)
        row.find_element(By.CSS_SELECTOR, "mat-icon.expand-icon").click()
        xpath = ("following-sibling::tr[1]//div[@fxlayout='row'][.//span[.='Pregate']]"
                 "/div[contains(@class,'timeline-divider')]")
        pregate = wait(containers).until(lambda d: row.find_element(By.XPATH, xpath))
        assert "dividerflowcolor" in (pregate.get_attribute("class") or "").split()


class TestSelectAndExport:
    def test_select_all(self, containers: WebDriver) -> None:
        header = containers.find_element(By.CSS_SELECTOR, "#searchres thead mat-checkbox")
        containers.execute_script("document.getElementById('searchres').scrollTop = 0;")
        header.click()
        wait(containers).until(lambda d: all("mat-checkbox-checked" in (b.get_attribute("class") or "")
                                             for b in d.find_elements(By.CSS_SELECTOR, f"{ROWS} mat-checkbox")))

    def test_xls_icon_downloads_workbook(self, containers: WebDriver, server: SandboxServer) -> None:
        folder = Path(tempfile.mkdtemp(prefix="sandbox-dl-"))
        try:
            containers.execute_cdp_cmd("Browser.setDownloadBehavior",
                                       {"behavior": "allow", "downloadPath": str(folder)})
            containers.find_element(By.CSS_SELECTOR, "mat-icon[svgicon='xls']").click()
            done: Callable[[WebDriver], list[Path]] = lambda d: [p for p in folder.glob("*.xlsx")]  # noqa: E731
            files = wait(containers).until(done)
            sheet = load_workbook(files[0], read_only=True).active
            rows = list(sheet.iter_rows(values_only=True))  # type: ignore[union-attr]
            assert tuple(rows[0]) == CONTAINER_COLUMNS
            assert len(rows) - 1 == len(server.state.data["dispatch1"].containers)
            assert any(r[0] == DEMO_PREGATED for r in rows)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
