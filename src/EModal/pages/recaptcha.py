"""Google's reCAPTCHA v2 widget in a page: the token path 2captcha documents, and the audio challenge."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, ClassVar

from selenium.common.exceptions import NoSuchFrameException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from EModal.captcha import CaptchaSolver
from EModal.errors import CaptchaError
from EModal.pages.base import BasePage, Locator

# 2captcha's token method: the token goes into g-recaptcha-response, then the widget's callback is called. The
# callback sits a few levels down in ___grecaptcha_cfg.clients under minified keys, so it is searched for.
_APPLY_TOKEN_JS = """
const [token] = arguments;
document.querySelectorAll("textarea[name='g-recaptcha-response']").forEach((area) => {
  area.value = token; area.innerHTML = token;
});
const hidden = document.getElementById('hdnToken');
if (hidden) hidden.value = token;
const seen = new Set();
const find = (node, depth) => {
  if (!node || typeof node !== 'object' || depth > 6 || seen.has(node)) return null;
  seen.add(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'callback' && (typeof value === 'function' || typeof value === 'string')) return value;
    if (value && typeof value === 'object' && !(value instanceof Node) && value !== window) {
      const found = find(value, depth + 1);
      if (found) return found;
    }
  }
  return null;
};
const cfg = window.___grecaptcha_cfg;
const callback = cfg ? find(cfg.clients, 0) : null;
const fn = typeof callback === 'function' ? callback : (typeof callback === 'string' ? window[callback] : null);
if (!fn) return false;
fn(token);
return true;
"""
_RESPONSE_JS = "const a = document.querySelector(\"textarea[name='g-recaptcha-response']\"); return a ? a.value : '';"
_FETCH_AUDIO_JS = """
const done = arguments[arguments.length - 1];
const source = document.getElementById('audio-source');
const link = document.querySelector('.rc-audiochallenge-tdownload-link');
const src = (source && source.src) || (link && link.href);
if (!src) { done(null); return; }
fetch(src, {credentials: 'include'}).then((r) => r.arrayBuffer()).then((buffer) => {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  done(btoa(text));
}).catch(() => done(null));
"""


class RecaptchaWidget(BasePage):
    """The widget inside `div.g-recaptcha`: its anchor frame (checkbox) and its challenge frame (bframe)."""

    CONTAINER: ClassVar[Locator] = (By.CSS_SELECTOR, "div.g-recaptcha[data-sitekey]")
    ANCHOR_FRAME: ClassVar[Locator] = (By.CSS_SELECTOR, "iframe[src*='recaptcha/api2/anchor']")
    CHALLENGE_FRAME: ClassVar[Locator] = (By.CSS_SELECTOR, "iframe[src*='api2/bframe']")
    CHECKBOX: ClassVar[Locator] = (By.ID, "recaptcha-anchor")
    AUDIO_BUTTON: ClassVar[Locator] = (By.ID, "recaptcha-audio-button")
    AUDIO_SOURCE: ClassVar[Locator] = (By.ID, "audio-source")
    AUDIO_RESPONSE: ClassVar[Locator] = (By.ID, "audio-response")
    VERIFY_BUTTON: ClassVar[Locator] = (By.ID, "recaptcha-verify-button")
    LOADED = ANCHOR_FRAME
    SIGNED_OUT_FORM = None
    AUDIO_ROUNDS: ClassVar[int] = 3

    def site_key(self) -> str:
        """The widget's site key, which the solving service needs."""
        return self.find(self.CONTAINER).get_attribute("data-sitekey") or ""

    def response(self) -> str:
        """The token the widget holds now ('' while unsolved)."""
        return str(self.driver.execute_script(_RESPONSE_JS) or "")

    def apply_token(self, token: str) -> bool:
        """Put a solver's token in place and call the widget's callback; False when no callback was found."""
        return bool(self.driver.execute_script(_APPLY_TOKEN_JS, token))

    def solve_by_audio(self, solver: CaptchaSolver) -> None:
        """Click the checkbox; if a challenge opens, answer its audio version through the solver."""
        with self._frame(self.ANCHOR_FRAME):
            self.click(self.find(self.CHECKBOX))
        outcome = self.wait_for_any(self._checked_or_challenged, what="the captcha checkbox to react")
        if outcome == "checked":
            return
        previous_src = ""
        for round_number in range(self.AUDIO_ROUNDS):
            previous_src, accepted = self._answer_audio(solver, previous_src, first=round_number == 0)
            if accepted:
                return
        raise CaptchaError(CaptchaError.REJECTED, f"audio challenge not accepted after {self.AUDIO_ROUNDS} answers")

    def _answer_audio(self, solver: CaptchaSolver, previous_src: str, *, first: bool) -> tuple[str, bool]:
        """One round: fetch the challenge's sound, have the solver hear it, type the words; (its src, accepted)."""
        with self._frame(self.CHALLENGE_FRAME):
            if first:
                self.click(self.find(self.AUDIO_BUTTON))
            src = str(self.wait_for_any(lambda d: self._new_audio(d, previous_src), what="the audio challenge"))
            audio = self.driver.execute_async_script(_FETCH_AUDIO_JS)
        if not audio:
            raise CaptchaError(CaptchaError.REJECTED, "the audio challenge could not be downloaded")
        words = solver.solve_audio(base64.b64decode(audio))
        with self._frame(self.CHALLENGE_FRAME):
            field = self.find(self.AUDIO_RESPONSE)
            field.clear()
            field.send_keys(words)
            self.click(self.find(self.VERIFY_BUTTON))
        return src, self.wait_for_any(lambda d: self._solved_or_new_audio(src), what="the audio answer") == "ok"

    def _checked_or_challenged(self, driver: WebDriver) -> Any:
        if self.response():
            return "checked"
        frames = driver.find_elements(*self.CHALLENGE_FRAME)
        return "challenge" if frames and frames[0].is_displayed() else False

    def _new_audio(self, driver: WebDriver, previous_src: str) -> Any:
        sources = driver.find_elements(*self.AUDIO_SOURCE)
        src = (sources[0].get_attribute("src") or "") if sources else ""
        return src if src and src != previous_src else False

    def _solved_or_new_audio(self, previous_src: str) -> Any:
        if self.response():
            return "ok"
        with self._frame(self.CHALLENGE_FRAME):
            return "again" if self._new_audio(self.driver, previous_src) else False

    @contextmanager
    def _frame(self, locator: Locator) -> Iterator[None]:
        """Work inside one of the widget's frames, always coming back to the page."""
        try:
            self.driver.switch_to.frame(self.find(locator))
        except (NoSuchFrameException, StaleElementReferenceException) as exc:
            raise CaptchaError(CaptchaError.REJECTED, f"captcha frame gone ({type(exc).__name__})") from None
        try:
            yield
        finally:
            with suppress(WebDriverException):
                self.driver.switch_to.default_content()

