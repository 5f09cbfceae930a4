"""The reCAPTCHA v2 look-alike in Chromium: Google's frames and ids, checkbox or challenge, audio, the callback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from sandbox.accounts import DISPATCH1
from sandbox.server import SandboxServer
from tests.sandbox.conftest import chaos, open_login, wait

pytestmark = pytest.mark.browser

ANCHOR = (By.CSS_SELECTOR, "iframe[src*='recaptcha/api2/anchor']")
CHALLENGE = (By.CSS_SELECTOR, "iframe[src*='api2/bframe']")


@pytest.fixture(autouse=True)
def _reset(server: SandboxServer, driver: WebDriver) -> Iterator[None]:
    yield
    driver.switch_to.default_content()
    chaos(server.url, "reset")


def click_checkbox(driver: WebDriver) -> None:
    driver.switch_to.frame(driver.find_element(*ANCHOR))
    wait(driver).until(ec.element_to_be_clickable((By.ID, "recaptcha-anchor"))).click()
    driver.switch_to.default_content()


def checkbox_state(driver: WebDriver) -> str:
    driver.switch_to.frame(driver.find_element(*ANCHOR))
    value = driver.find_element(By.ID, "recaptcha-anchor").get_attribute("aria-checked") or ""
    driver.switch_to.default_content()
    return value


def fill_and_log_in(driver: WebDriver) -> None:
    driver.find_element(By.ID, "Username").send_keys(DISPATCH1.username)
    driver.find_element(By.ID, "Password").send_keys(DISPATCH1.password)
    wait(driver).until(ec.element_to_be_clickable((By.ID, "btnLogin"))).click()
    wait(driver).until(ec.url_contains("/containers"))


class TestWidget:
    def test_google_structure(self, driver: WebDriver, server: SandboxServer) -> None:
        open_login(driver, server.url)
        anchor = driver.find_element(*ANCHOR)
        assert anchor.get_attribute("title") == "reCAPTCHA"
        assert "challenge" in (driver.find_element(*CHALLENGE).get_attribute("title") or "")
        assert not driver.find_element(*CHALLENGE).is_displayed()
        area = driver.find_element(By.CSS_SELECTOR, "div.g-recaptcha textarea#g-recaptcha-response")
        assert area.get_attribute("name") == "g-recaptcha-response" and not area.is_displayed()
        callback = driver.execute_script("return window.___grecaptcha_cfg.clients[0].D.D.callback")
        assert callback == driver.find_element(By.CSS_SELECTOR, "div.g-recaptcha").get_attribute("data-callback")
        assert checkbox_state(driver) == "false"
        assert not driver.find_element(By.ID, "btnLogin").is_enabled()

    def test_click_passes_without_challenge(self, driver: WebDriver, server: SandboxServer) -> None:
        chaos(server.url, "recaptcha", challenge="never")
        open_login(driver, server.url)
        click_checkbox(driver)
        wait(driver).until(lambda d: checkbox_state(d) == "true")
        assert driver.execute_script("return grecaptcha.getResponse()")
        fill_and_log_in(driver)

    def test_audio_challenge_wrong_then_right(self, driver: WebDriver, server: SandboxServer) -> None:
        chaos(server.url, "recaptcha", challenge="always")
        open_login(driver, server.url)
        click_checkbox(driver)
        wait(driver).until(ec.visibility_of_element_located(CHALLENGE))
        assert checkbox_state(driver) == "false"
        driver.switch_to.frame(driver.find_element(*CHALLENGE))
        assert len(driver.find_elements(By.CSS_SELECTOR, ".rc-imageselect-tile")) == 9
        driver.find_element(By.ID, "recaptcha-audio-button").click()
        source = wait(driver).until(lambda d: d.find_element(By.ID, "audio-source").get_attribute("src"))
        assert driver.find_element(By.CSS_SELECTOR, ".rc-audiochallenge-tdownload-link").get_attribute("href") == source
        assert driver.find_element(By.CSS_SELECTOR, ".rc-audiochallenge-play-button").is_displayed()
        driver.find_element(By.ID, "audio-response").send_keys("wrong words")
        driver.find_element(By.ID, "recaptcha-verify-button").click()
        wait(driver).until(lambda d: d.find_element(By.ID, "audio-source").get_attribute("src") != source)
        assert "solve more" in driver.find_element(By.CSS_SELECTOR, ".rc-audiochallenge-error-message").text
        (challenge,) = server.state.recaptcha.challenges.values()
        driver.find_element(By.ID, "audio-response").send_keys(challenge.words)
        driver.find_element(By.ID, "recaptcha-verify-button").click()
        driver.switch_to.default_content()
        wait(driver).until(ec.invisibility_of_element_located(CHALLENGE))
        wait(driver).until(lambda d: checkbox_state(d) == "true")
        fill_and_log_in(driver)
