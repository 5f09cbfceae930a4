"""Login, captcha token check, error texts, idle expiry (401), keep-alive, 403 and 500 modes, in Chromium."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec

from sandbox.accounts import DISPATCH1, EXPIRED_LOGIN_TEXT, LOCKED
from sandbox.server import SandboxServer
from tests.sandbox.conftest import chaos, open_login, solve_token, submit_login, wait

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _reset(server: SandboxServer) -> Iterator[None]:
    yield
    chaos(server.url, "reset")
    server.state.logins.clock = time.monotonic


def error_text(driver: WebDriver) -> str:
    box = wait(driver).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".validation-summary-errors")))
    return str(box.text)


class TestLoginForm:
    def test_widget_and_disabled_button(self, driver: WebDriver, server: SandboxServer) -> None:
        open_login(driver, server.url)
        widget = driver.find_element(By.CSS_SELECTOR, "div.g-recaptcha[data-sitekey]")
        assert widget.get_attribute("data-sitekey")
        assert driver.find_element(By.CSS_SELECTOR, "textarea#g-recaptcha-response").is_displayed() is False
        assert driver.find_element(By.ID, "hdnToken").get_attribute("type") == "hidden"
        button = driver.find_element(By.CSS_SELECTOR, "#btnLogin[type=submit]")
        assert not button.is_enabled()
        assert len(driver.find_elements(By.CSS_SELECTOR, ".form-group #Username[name=Username]")) == 1
        assert len(driver.find_elements(By.CSS_SELECTOR, ".form-group #Password[name=Password]")) == 1

    def test_token_alone_does_not_enable_button_the_callback_does(self, driver: WebDriver,
                                                                   server: SandboxServer) -> None:
        open_login(driver, server.url)
        driver.execute_script("document.getElementById('g-recaptcha-response').value = 'x';")
        with pytest.raises(TimeoutException):
            wait(driver, 1).until(ec.element_to_be_clickable((By.ID, "btnLogin")))
        driver.execute_script(
            "const client = window.___grecaptcha_cfg.clients[0];"
            "const callback = Object.values(Object.values(client).find((v) => v && typeof v === 'object'))[0].callback;"
            "window[callback]('x');")
        wait(driver).until(ec.element_to_be_clickable((By.ID, "btnLogin")))
        assert driver.find_element(By.ID, "hdnToken").get_attribute("value") == "x"

    def test_solved_token_logs_in(self, driver: WebDriver, login: Callable[..., None]) -> None:
        login()
        wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "mat-toolbar")))
        assert driver.find_element(By.CSS_SELECTOR, "button[class*='user']").text.endswith(DISPATCH1.username)

    def test_no_token_fails(self, driver: WebDriver, server: SandboxServer) -> None:
        open_login(driver, server.url)
        submit_login(driver, DISPATCH1.username, DISPATCH1.password, token=None)
        assert "captcha" in error_text(driver).lower()
        assert "Account/Login" in driver.current_url

    def test_forged_token_fails(self, driver: WebDriver, server: SandboxServer) -> None:
        open_login(driver, server.url)
        submit_login(driver, DISPATCH1.username, DISPATCH1.password, token="03Aforged")
        assert "captcha" in error_text(driver).lower()

    def test_wrong_password(self, driver: WebDriver, server: SandboxServer) -> None:
        open_login(driver, server.url)
        submit_login(driver, DISPATCH1.username, "wrong", solve_token(server.url, driver.current_url))
        assert error_text(driver) == "Invalid username or password"
        assert "Account/Login" in driver.current_url

    def test_locked_account(self, driver: WebDriver, server: SandboxServer) -> None:
        open_login(driver, server.url)
        submit_login(driver, LOCKED.username, LOCKED.password, solve_token(server.url, driver.current_url))
        assert "account locked" in error_text(driver)

    def test_logged_out_visit_goes_to_login(self, driver: WebDriver, server: SandboxServer) -> None:
        driver.delete_all_cookies()
        driver.get(f"{server.url}/myappointments")
        wait(driver).until(ec.url_contains("Account/Login"))
        # The sign-on hop: back through the identity site's authorize, to truckerportal, then the page.
        assert "ReturnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dtruckerportal" in driver.current_url
        assert "state%3D%252Fmyappointments" in driver.current_url


class TestIdleExpiry:
    def _assert_401(self, driver: WebDriver, server: SandboxServer) -> None:
        driver.get(f"{server.url}/containers")
        heading = wait(driver).until(ec.presence_of_element_located((By.TAG_NAME, "h1")))
        assert heading.text == "401"
        assert EXPIRED_LOGIN_TEXT in driver.find_element(By.TAG_NAME, "body").text

    def test_idle_time_expires_login(self, driver: WebDriver, server: SandboxServer,
                                     login: Callable[..., None]) -> None:
        login()
        server.state.logins.clock = lambda: time.monotonic() + 601
        self._assert_401(driver, server)

    def test_chaos_expires_login(self, driver: WebDriver, server: SandboxServer, login: Callable[..., None]) -> None:
        login()
        assert chaos(server.url, "expire-login", username=DISPATCH1.username)["expired"] >= 1
        self._assert_401(driver, server)

    def test_keepalive_page_keeps_login_warm(self, driver: WebDriver, server: SandboxServer,
                                             login: Callable[..., None]) -> None:
        login()
        server.state.logins.clock = lambda: time.monotonic() + 500
        driver.get(f"{server.url}/trucker/web/")
        wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "mat-toolbar")))
        server.state.logins.clock = lambda: time.monotonic() + 1000
        driver.get(f"{server.url}/containers")
        wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#searchres tbody tr")))


class TestModes:
    def test_blocked_region_answers_403(self, driver: WebDriver, server: SandboxServer) -> None:
        chaos(server.url, "blocked-region", enabled=True)
        driver.get(f"{server.url}/login")
        wait(driver).until(ec.title_is("403 Forbidden"))
        assert driver.find_element(By.TAG_NAME, "h1").text == "403 Forbidden"

    def test_fail_next_page_loads(self, driver: WebDriver, server: SandboxServer) -> None:
        driver.delete_all_cookies()  # logged in, /login would open the app instead of the form
        chaos(server.url, "fail-next", count=1)
        driver.get(f"{server.url}/login")
        wait(driver).until(ec.title_contains("500"))
        driver.get(f"{server.url}/login")
        wait(driver).until(ec.presence_of_element_located((By.ID, "Username")))

    def test_popup_needs_got_it(self, driver: WebDriver, server: SandboxServer, login: Callable[..., None]) -> None:
        chaos(server.url, "popup", enabled=True)
        login()
        button = wait(driver).until(ec.element_to_be_clickable(
            (By.XPATH, "//button[normalize-space(.)='Got it']")))
        button.click()
        wait(driver).until(ec.invisibility_of_element_located((By.ID, "announcement")))
