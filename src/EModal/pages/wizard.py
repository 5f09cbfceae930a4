"""The new-appointment wizard (an Angular Material stepper), one phase at a time."""

from __future__ import annotations

import re
import time
from typing import Any, ClassVar

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from EModal.errors import WizardRejectedError
from EModal.pages.base import BasePage, Locator

# One round trip per lookup, and no stale references while overlays come and go.
_IS_SHOWN = "const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);"
_VISIBLE_CSS_JS = _IS_SHOWN + "return Array.from(document.querySelectorAll(arguments[0])).filter(shown);"
_VISIBLE_XPATH_JS = (
    _IS_SHOWN
    + "const found = document.evaluate(arguments[0], document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);"
    + "const out = []; for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i));"
    + "return out.filter(shown);"
)


def _field(label: str, control: str) -> Locator:
    """A form field's control found by its `mat-label` text."""
    return (By.XPATH, f"//mat-form-field[.//mat-label[normalize-space(.)='{label}']]//{control}")


class AppointmentWizardPage(BasePage):
    """The "addvisit" stepper: phase 1 (what), phase 2 (truck), phase 3 (slot), then Submit."""

    SELECTED_STEP: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-step-header[aria-selected='true']")
    NEXT_BUTTON: ClassVar[Locator] = (By.CSS_SELECTOR, "button.text-next")
    SUBMIT_BUTTON: ClassVar[Locator] = (By.XPATH, "//button[.//span[normalize-space(.)='Submit']]")
    TRUCKING: ClassVar[Locator] = _field("Trucking", "mat-select")
    TERMINAL: ClassVar[Locator] = _field("Terminal", "mat-select")
    MOVE: ClassVar[Locator] = _field("Move", "mat-select")
    OPTION: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-option")
    OPTION_TEXT: ClassVar[Locator] = (By.CSS_SELECTOR, "span.mat-option-text")
    CONTAINER_INPUT: ClassVar[Locator] = (By.CSS_SELECTOR, "input[formcontrolname='containerNumber']")
    BOOKING_INPUT: ClassVar[Locator] = (By.CSS_SELECTOR, "input[formcontrolname='bookingNumber']")
    CHIP: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-chip")
    CHIP_REMOVE: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-icon[matchipremove]")
    QUANTITY: ClassVar[Locator] = _field("Quantity", "input")
    LINE: ClassVar[Locator] = _field("Line", "input")
    EQUIP_SIZE: ClassVar[Locator] = _field("Equip Size", "input")
    ERROR_DIALOG_TEXT: ClassVar[Locator] = (By.CSS_SELECTOR, "div.dialog-content span")
    CLOSE_DIALOG: ClassVar[Locator] = (By.XPATH, "//button[normalize-space(.)='CLOSE']")
    ROW_CHECKBOX: ClassVar[Locator] = (By.CSS_SELECTOR, "tbody mat-checkbox")
    BACKDROP: ClassVar[Locator] = (By.CSS_SELECTOR, ".cdk-overlay-backdrop")
    CALENDAR_CELL: ClassVar[Locator] = (By.CSS_SELECTOR, "td.mat-calendar-body-cell")
    PIN: ClassVar[Locator] = (By.CSS_SELECTOR, "input[formcontrolname='Pin']")
    UNIT: ClassVar[Locator] = (By.CSS_SELECTOR, "input[maxlength='11']")
    PLATE: ClassVar[Locator] = (By.CSS_SELECTOR, "input[formcontrolname='Plate']")
    OWN_CHASSIS: ClassVar[str] = "//mat-button-toggle[normalize-space(.)='{choice}']"
    SLOT: ClassVar[Locator] = (By.CSS_SELECTOR, "mat-select[formcontrolname='slot']")
    CALENDAR: ClassVar[Locator] = (By.XPATH, "//mat-icon[normalize-space(.)='calendar_month']")
    LOADED = SELECTED_STEP

    @classmethod
    def open(cls, driver: WebDriver, url: str, timeout: float) -> AppointmentWizardPage:
        """Load the wizard (slow on the real portal)."""
        driver.get(url)
        return cls(driver, timeout)

    # --- state ---------------------------------------------------------------------------------

    def phase(self) -> int:
        """Number of the current phase (the selected step header's `aria-posinset`)."""
        header = self.find(self.SELECTED_STEP)
        return int(header.get_attribute("aria-posinset") or 0)

    def visible(self, locator: Locator) -> list[WebElement]:
        """Elements of the current phase (hidden phases' controls are skipped)."""
        by, value = locator
        script = _VISIBLE_CSS_JS if by == By.CSS_SELECTOR else _VISIBLE_XPATH_JS
        return list(self.driver.execute_script(script, value))

    def has_variant_form(self) -> bool:
        """Whether the import form asks for Line / Equip Size instead of container numbers."""
        return not self.visible(self.CONTAINER_INPUT) and bool(self.visible(self.EQUIP_SIZE))

    def is_export_form(self) -> bool:
        """Whether phase 1 shows the booking number input."""
        return bool(self.visible(self.BOOKING_INPUT))

    # --- phase 1 -------------------------------------------------------------------------------

    def options_of(self, select_locator: Locator) -> list[str]:
        """Open a mat-select and list its option texts (closing it again)."""
        options = self._open(select_locator)
        texts = [" ".join(o.text.split()) for o in options]
        self.close_overlay()
        return texts

    def _open(self, select_locator: Locator) -> list[WebElement]:
        """Open a mat-select and return its options, clicking again if another widget closed the panel."""
        last_click = [0.0]

        def options_shown(driver: WebDriver) -> Any:
            shown = self.visible(self.OPTION)
            if shown:
                return shown
            if time.monotonic() - last_click[0] > 1.0:
                self.click(self.find(select_locator))
                last_click[0] = time.monotonic()
            return None

        return list(self.wait_for_any(options_shown, what="the options"))

    def close_overlay(self) -> None:
        """Close an open select panel: Escape, then a click on its backdrop if it is still open."""
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        for backdrop in self.visible(self.BACKDROP):
            self.js_click(backdrop)
        self.wait_for_any(lambda d: not self.visible(self.OPTION), what="the options to close")

    def choose(self, select_locator: Locator, wanted: str) -> bool:
        """Pick the option whose text equals `wanted` (case-insensitive); False when not offered."""
        options = self._open(select_locator)
        for option in options:
            if " ".join(option.text.split()).lower() == wanted.strip().lower():
                self.click(option)
                self.wait_for_any(lambda d: not self.visible(self.OPTION), what="the options to close")
                return True
        self.close_overlay()
        return False

    def add_chip(self, input_locator: Locator, value: str) -> None:
        """Type a value in a chip input and press Enter to make it a chip."""
        before = len(self.visible(self.CHIP))
        field = self.find(input_locator)
        field.send_keys(value, Keys.ENTER)
        # The chip's text sits in a span inside mat-chip, as the real portal renders it.
        chip_text = (By.XPATH, f"//mat-chip//span[contains(text(),'{value.strip().upper()}')]")
        self.wait_for_any(lambda d: len(self.visible(self.CHIP)) > before and d.find_elements(*chip_text),
                          what="the chip")

    def clear_chips(self) -> None:
        """Remove every chip already entered."""
        for icon in self.visible(self.CHIP_REMOVE):
            self.click(icon)

    def type_into(self, locator: Locator, value: str) -> None:
        """Replace a text input's value."""
        field = self.find(locator)
        field.clear()
        field.send_keys(value)

    def autocomplete(self, locator: Locator, value: str) -> bool:
        """Type into an autocomplete and pick the option equal to the value; False when not offered."""
        self.type_into(locator, value)
        typed_at = [time.monotonic()]

        def suggestions(driver: WebDriver) -> Any:
            shown = self.visible(self.OPTION)
            if shown:
                return shown
            if time.monotonic() - typed_at[0] > 1.0:  # a blur elsewhere closed the panel: ask again
                self.find(locator).send_keys(Keys.END)
                typed_at[0] = time.monotonic()
            return None

        options = self.wait_for_any(suggestions, what="suggestions")
        for option in options:
            if " ".join(option.text.split()).lower() == value.strip().lower():
                self.click(option)
                return True
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        return False

    # --- phase 2 -------------------------------------------------------------------------------

    def check_first_row(self) -> None:
        """Tick the phase's row checkbox when it is not ticked yet."""
        for box in self.visible(self.ROW_CHECKBOX):
            if "mat-checkbox-checked" not in (box.get_attribute("class") or ""):
                self.click(box.find_element(By.CSS_SELECTOR, "label, input"))
            return

    def set_own_chassis(self, own: bool) -> None:
        """Choose YES or NO on the Own Chassis toggle."""
        locator = (By.XPATH, self.OWN_CHASSIS.format(choice="YES" if own else "NO"))
        toggle = self.find(locator)
        if "mat-button-toggle-checked" not in (toggle.get_attribute("class") or ""):
            inner = toggle.find_elements(By.CSS_SELECTOR, "button")
            self.click(inner[0] if inner else toggle)
        self.wait_for_any(
            lambda d: "mat-button-toggle-checked" in (self.find(locator).get_attribute("class") or ""),
            what="the Own Chassis choice",
        )

    # --- moving on -----------------------------------------------------------------------------

    def next(self) -> int:
        """Press Next and return the new phase, raising the dialog's error when one appears."""
        current = self.phase()
        self.click(self.visible(self.NEXT_BUTTON)[0])
        outcome = self.wait_for_any(lambda d: self._advanced_or_error(current), what="the next phase")
        if isinstance(outcome, str):
            raise WizardRejectedError(current, outcome)
        return int(outcome)

    def _advanced_or_error(self, current: int) -> Any:
        message = self.dialog_message()
        if message:
            self.close_dialog()
            return message
        phase = self.phase()
        return phase if phase > current else False

    def dialog_message(self) -> str:
        """Text of the error dialog, if one is open."""
        texts = [e.text.strip() for e in self.visible(self.ERROR_DIALOG_TEXT)]
        return " ".join(t for t in texts if t)

    def close_dialog(self) -> None:
        """Close the error dialog with its CLOSE button."""
        for button in self.visible(self.CLOSE_DIALOG):
            self.click(button)

    def seal_locator(self, index: int) -> Locator:
        """The export seal input number 1 to 4."""
        return (By.CSS_SELECTOR, f"input[formcontrolname='Seal{index}_Num']")

    # --- phase 3 -------------------------------------------------------------------------------

    def slot_texts(self) -> list[str]:
        """Texts of the Appointment select's options; for exports, those of every open calendar day."""
        if not self.visible(self.CALENDAR):
            return self.options_of(self.SLOT)
        texts: list[str] = []
        for day in self.open_days():
            self.pick_day(day)
            texts += self.options_of(self.SLOT)
        return texts

    def open_days(self) -> list[str]:
        """The export calendar's selectable days (their `data-date`)."""
        self.click(self.visible(self.CALENDAR)[0])
        cells = self.wait_for_any(lambda d: self.visible(self.CALENDAR_CELL) or None, what="the calendar")
        cells = [c for c in cells if c.get_attribute("aria-disabled") != "true"]
        # The calendar stays open: choosing a day (or opening it again) replaces it.
        return [d for d in (c.get_attribute("data-date") or "" for c in cells) if d]

    def pick_day(self, day: str) -> None:
        """Choose a day (YYYY-MM-DD) in the export calendar, which then shows that day's slots."""
        self.click(self.visible(self.CALENDAR)[0])
        locator = (By.CSS_SELECTOR, f"td.mat-calendar-body-cell[data-date='{day}']")
        self.click(self.find(locator))
        self.wait_for_any(lambda d: self.visible(self.SLOT), what="the day's slots")

    def submit(self) -> None:
        """Press Submit (the last phase's button)."""
        self.click(self.visible(self.SUBMIT_BUTTON)[0])

    def confirmation(self) -> ConfirmationRegion:
        """Wait for what Submit shows: the confirmation, or an error dialog raised as `WizardRejectedError`."""
        phase = self.phase()

        def shown(driver: WebDriver) -> Any:
            message = self.dialog_message()
            if message:
                return message
            return bool(self.visible(ConfirmationRegion.LOADED))

        outcome = self.wait_for_any(shown, what="the booking confirmation")
        if isinstance(outcome, str):
            self.close_dialog()
            raise WizardRejectedError(phase, outcome)
        return ConfirmationRegion(self.driver, self.timeout)


class ConfirmationRegion(BasePage):
    """What Submit shows: a confirmation holding the appointment number."""

    LOADED: ClassVar[Locator] = (By.CSS_SELECTOR, ".appointment-confirmation")
    NUMBER: ClassVar[Locator] = (By.CSS_SELECTOR, ".appointment-number")

    def text(self) -> str:
        """The confirmation's whole text."""
        return " ".join(self.find(self.LOADED).text.split())

    def appointment_number(self) -> str:
        """The appointment number shown, or "" when none is."""
        found = self.driver.find_elements(*self.NUMBER)
        if found and found[0].text.strip():
            return found[0].text.strip()
        match = re.search(r"(?:appointment|ticket)\s*(?:#|number|no\.?)\s*:?\s*([A-Z0-9-]{4,})", self.text(), re.I)
        return match.group(1) if match else ""
