"""Plain-Selenium steps through the wizard's Material widgets (helpers of the wizard tests)."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec

from tests.sandbox.conftest import wait


def field(driver: WebDriver, label: str) -> WebElement:
    """The mat-form-field whose mat-label reads `label`."""
    xpath = f"//mat-form-field[.//mat-label[normalize-space(.)='{label}']]"
    return wait(driver).until(ec.visibility_of_element_located((By.XPATH, xpath)))


def open_select(driver: WebDriver, label: str) -> list[str]:
    """Open a mat-select and return its option texts."""
    field(driver, label).find_element(By.TAG_NAME, "mat-select").click()
    wait(driver).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".mat-select-panel mat-option")))
    return [o.text for o in driver.find_elements(By.CSS_SELECTOR, ".mat-select-panel mat-option span.mat-option-text")]


def close_overlay(driver: WebDriver) -> None:
    """Close an open panel with Escape."""
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait(driver).until(ec.invisibility_of_element_located((By.CSS_SELECTOR, ".mat-select-panel")))


def choose(driver: WebDriver, label: str, text: str) -> None:
    """Pick the option reading `text` in the mat-select labelled `label`."""
    open_select(driver, label)
    xpath = f"//div[contains(@class,'mat-select-panel')]//mat-option[normalize-space(.)='{text}']"
    wait(driver).until(ec.element_to_be_clickable((By.XPATH, xpath))).click()
    wait(driver).until(ec.invisibility_of_element_located((By.CSS_SELECTOR, ".mat-select-panel")))


def phase(driver: WebDriver) -> int:
    """The current stepper phase number."""
    header = driver.find_element(By.CSS_SELECTOR, "mat-step-header[aria-selected='true']")
    return int(header.get_attribute("aria-posinset") or 0)


def click_next(driver: WebDriver, expected_label: str = "Next") -> None:
    """Click `button.text-next` after checking its label."""
    button = wait(driver).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "button.text-next")))
    assert button.find_element(By.TAG_NAME, "span").text == expected_label
    button.click()


def wait_phase(driver: WebDriver, number: int) -> None:
    """Wait until phase `number` is the selected step."""
    wait(driver).until(lambda d: phase(d) == number)


def dialog_text_and_close(driver: WebDriver) -> str:
    """Read the error dialog and close it with CLOSE."""
    span = wait(driver).until(ec.visibility_of_element_located((By.CSS_SELECTOR, "div.dialog-content span")))
    text = span.text
    driver.find_element(By.XPATH, "//button[normalize-space(.)='CLOSE']").click()
    wait(driver).until(ec.invisibility_of_element_located((By.CSS_SELECTOR, "div.dialog-content")))
    return text


def add_chip(driver: WebDriver, control: str, value: str) -> None:
    """Type into a chip input and press Enter."""
    box = driver.find_element(By.CSS_SELECTOR, f"input[formcontrolname='{control}']")
    box.send_keys(value, Keys.ENTER)
    wait(driver).until(ec.presence_of_element_located((By.XPATH, f"//mat-chip[@data-value='{value}']")))


def start(driver: WebDriver, base_url: str, company: str, terminal: str, move: str) -> None:
    """Open the wizard and fill the three phase-1 selects."""
    driver.get(f"{base_url}/trucker/web/addvisit")
    wait_phase(driver, 1)
    choose(driver, "Trucking", company)
    choose(driver, "Terminal", terminal)
    choose(driver, "Move", move)


def truck_details(driver: WebDriver, plate_prefix: str, plate: str, own_chassis: str) -> None:
    """Phase 2: tick the first row, pick the plate from the autocomplete, set Own Chassis."""
    wait_phase(driver, 2)
    driver.find_element(By.CSS_SELECTOR, "#step2 tbody tr mat-checkbox").click()
    driver.find_element(By.CSS_SELECTOR, "input[formcontrolname='Plate']").send_keys(plate_prefix)
    xpath = f"//div[contains(@class,'mat-autocomplete-panel')]//mat-option[normalize-space(.)='{plate}']"
    wait(driver).until(ec.element_to_be_clickable((By.XPATH, xpath))).click()
    toggle = driver.find_element(By.XPATH, f"//mat-button-toggle[normalize-space(.)='{own_chassis}']")
    toggle.find_element(By.TAG_NAME, "button").click()
    wait(driver).until(lambda d: "mat-button-toggle-checked" in (toggle.get_attribute("class") or ""))
