"""The web chat without the assistant: serving, login, token refresh, accounts, threads, rendering, layout."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from backend.web.router import STATIC_DIR
from Graph import EventKind
from sandbox.accounts import DISPATCH1, DISPATCH2
from tests.backend.web.conftest import SCREENSHOTS, Browser, WebApp
from tests.backend.web.pages import ChatPage, LoginPage, wait
from tests.support.sandbox import SOLVER_KEY

PASSWORD = "a long passphrase"


def _tokens(driver: Any) -> dict[str, str]:
    return dict(driver.execute_script("return JSON.parse(sessionStorage.getItem('emodal-agent.tokens'))"))


class TestServing:
    def test_page_and_assets_need_nothing_from_the_internet(self, web_app: WebApp) -> None:
        with httpx.Client(base_url=web_app.url) as client:
            page = client.get("/")
            assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
            assert "<title>emodal-agent</title>" in page.text
            assets = re.findall(r'(?:src|href)="(/web/[^"]+)"', page.text)
            assert {"/web/app.js", "/web/styles.css"} <= set(assets)
            modules = [f"/web/{path.name}" for path in STATIC_DIR.glob("*.js")]
            assert len(modules) > 10  # the page is split into modules, each of them served
            for path in [*assets, *modules]:
                asset = client.get(path)
                assert asset.status_code == 200, path
                assert "cdn" not in asset.text.lower() and "fonts.g" not in asset.text
                if path.endswith(".js"):
                    assert asset.headers["content-type"].startswith("text/javascript"), path
                    for imported in re.findall(r'from "\./([\w.]+)"', asset.text):
                        assert (STATIC_DIR / imported).is_file(), f"{path} imports missing {imported}"
            assert "http" not in page.text.replace("http-equiv", "")
            assert client.get("/web/../backend/app.py").status_code == 404
            missing = client.get("/web/secrets.txt")
            assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"

    def test_the_page_runs_no_inline_script(self, web_app: WebApp) -> None:
        """A Content-Security-Policy without 'unsafe-inline' must not break the page."""
        page = httpx.get(web_app.url + "/").text
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S)
        assert scripts == [(' type="module" src="/web/app.js"', "")]
        assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"
        assert "javascript:" not in page.lower()


    def test_the_page_knows_the_event_names_the_server_streams(self) -> None:
        """events.js names each `/ask/stream` event once; a renamed event on either side fails here, not in use."""
        source = (STATIC_DIR / "events.js").read_text()
        page_names = dict(re.findall(r'^\s*([A-Z_]+): "([a-z_]+)"', source, flags=re.M))
        assert page_names == {kind.name: kind.value for kind in EventKind}


@pytest.mark.browser
class TestLogin:
    def test_register_then_log_out_and_back_in(self, web_app: WebApp, browser: Browser) -> None:
        username = f"maria-{uuid.uuid4().hex[:6]}"
        login = LoginPage.open(browser.driver, web_app.url)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        login.driver.save_screenshot(str(SCREENSHOTS / "login.png"))
        chat = login.register(username, PASSWORD)
        assert chat.user_name == username
        assert chat.portal_text == "E-Modal not connected"
        assert browser.driver.find_elements(By.CSS_SELECTOR, "#messages .welcome")
        chat.screenshot(SCREENSHOTS, "welcome")
        login = chat.log_out()
        assert login.log_in_failing(username, "wrong password!").error
        chat = login.log_in(username, PASSWORD)
        assert chat.user_name == username

    def test_registering_a_taken_name_shows_the_servers_message(self, web_app: WebApp, browser: Browser) -> None:
        username = f"taken-{uuid.uuid4().hex[:6]}"
        httpx.post(web_app.url + "/auth/register", json={"username": username, "password": PASSWORD})
        browser.driver.execute_script("sessionStorage.clear()")
        login = LoginPage.open(browser.driver, web_app.url)
        login.driver.find_element(*LoginPage.REGISTER_TAB).click()
        login._fill(username, PASSWORD)
        login.driver.find_element(*LoginPage.SUBMIT).click()
        wait(browser.driver).until(lambda _: login.error)
        assert username in login.error or "taken" in login.error.lower() or "exists" in login.error.lower()

    def test_an_expired_access_token_is_refreshed_and_a_dead_login_returns_to_the_login_screen(
            self, web_app: WebApp, browser: Browser) -> None:
        driver = browser.driver
        driver.execute_script("sessionStorage.clear()")
        chat = LoginPage.open(driver, web_app.url).register(f"refresh-{uuid.uuid4().hex[:6]}", PASSWORD)
        before = _tokens(driver)
        driver.execute_script(
            "const t = JSON.parse(sessionStorage.getItem('emodal-agent.tokens'));"
            "t.access_token = 'not-a-token';"
            "sessionStorage.setItem('emodal-agent.tokens', JSON.stringify(t));")
        driver.refresh()
        chat = ChatPage(driver)
        after = _tokens(driver)
        assert after["access_token"] not in ("not-a-token", before["access_token"])
        assert after["refresh_token"] != before["refresh_token"]
        driver.execute_script(
            "sessionStorage.setItem('emodal-agent.tokens', JSON.stringify({access_token: 'x', refresh_token: 'y'}))")
        driver.refresh()
        login = LoginPage(driver)
        wait(driver).until(lambda _: login.error)
        assert "logged out" in login.error.lower()
        assert chat.driver.execute_script("return sessionStorage.getItem('emodal-agent.tokens')") is None


@pytest.fixture(scope="module")
def chat(web_app: WebApp, browser: Browser) -> ChatPage:
    """A dispatcher who just registered through the page."""
    browser.driver.get(web_app.url + "/")
    browser.driver.execute_script("sessionStorage.clear()")
    return LoginPage.open(browser.driver, web_app.url).register(f"dispatcher-{uuid.uuid4().hex[:6]}", PASSWORD)


@pytest.mark.browser
class TestAccountsAndThreads:

    def test_add_switch_and_remove_accounts(self, chat: ChatPage) -> None:
        chat.add_account("K&R main", DISPATCH1.username, DISPATCH1.password, SOLVER_KEY)
        assert chat.accounts() == [{"label": "K&R main", "active": "true"}]
        assert chat.selected_account == f"K&R main ({DISPATCH1.username})"
        assert chat.portal_state == "none" and chat.portal_text == "E-Modal not connected"
        chat.add_account("Second yard", DISPATCH2.username, DISPATCH2.password, SOLVER_KEY)
        assert {a["label"]: a["active"] for a in chat.accounts()} == {"K&R main": "true", "Second yard": "false"}
        chat.switch_account("Second yard")
        assert chat.selected_account == f"Second yard ({DISPATCH2.username})"
        chat.remove_account("K&R main")
        assert chat.accounts() == [{"label": "Second yard", "active": "true"}]
        chat.driver.refresh()  # the active account is the auth session's, not the page's
        chat = ChatPage(chat.driver)
        assert chat.selected_account == f"Second yard ({DISPATCH2.username})"

    def test_adding_an_account_without_every_field_says_what_is_missing(self, chat: ChatPage) -> None:
        chat.driver.find_element(*ChatPage.ADD_ACCOUNT).click()
        dialog = chat.driver.find_element(*ChatPage.ACCOUNT_DIALOG)
        dialog.find_element(By.ID, "account-label").send_keys("Half")
        dialog.find_element(By.ID, "account-save").click()
        error = dialog.find_element(By.ID, "account-error")
        wait(chat.driver).until(lambda _: error.is_displayed())
        assert "every field" in error.text
        dialog.find_element(By.ID, "account-cancel").click()
        assert not dialog.is_displayed()

    def test_threads_are_listed_renamed_opened_and_deleted(self, chat: ChatPage, web_app: WebApp) -> None:
        token = _tokens(chat.driver)["access_token"]
        with httpx.Client(base_url=web_app.url, headers={"Authorization": f"Bearer {token}"}) as client:
            for title in ("Yard check", "Bookings for Friday"):
                assert client.post("/threads", json={"title": title}).status_code == 201
        chat.driver.refresh()
        chat = ChatPage(chat.driver).wait_for_thread("Yard check")
        assert chat.thread_titles()[:2] == ["Bookings for Friday", "Yard check"]
        chat.open_thread("Yard check")
        chat.rename_thread("Yard check", "Morning yard check")
        assert chat.current_thread_title() == "Morning yard check"
        chat.screenshot(SCREENSHOTS, "accounts-and-threads")
        chat.delete_thread("Morning yard check")
        assert "Morning yard check" not in chat.thread_titles()
        assert chat.driver.find_elements(By.CSS_SELECTOR, "#messages .welcome")

    def test_shift_enter_makes_a_new_line(self, chat: ChatPage) -> None:
        field = chat.driver.find_element(*ChatPage.INPUT)
        field.clear()
        field.send_keys("first line", Keys.SHIFT, Keys.ENTER, Keys.SHIFT, "second line")
        assert chat.input_value == "first line\nsecond line"
        field.clear()

    def test_narrow_screen_folds_the_thread_list_into_a_drawer(self, chat: ChatPage) -> None:
        driver = chat.driver
        driver.set_window_size(390, 844)
        try:
            sidebar = driver.find_element(*ChatPage.SIDEBAR)
            wait(driver).until(lambda _: sidebar.rect["x"] + sidebar.rect["width"] <= 0)
            assert driver.find_element(*ChatPage.SIDEBAR_TOGGLE).is_displayed()
            assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
            chat.screenshot(SCREENSHOTS, "narrow")
            chat.toggle_sidebar()
            wait(driver).until(lambda _: sidebar.rect["x"] >= 0)
            chat.screenshot(SCREENSHOTS, "narrow-drawer")
            driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
            wait(driver).until(lambda _: sidebar.rect["x"] + sidebar.rect["width"] <= 0)
        finally:
            driver.set_window_size(1280, 900)


RENDER = """
const [source, done] = [arguments[0], arguments[arguments.length - 1]];
import('/web/markdown.js').then((m) => {
  const box = document.createElement('div');
  box.append(m.renderMarkdown(source));
  done({html: box.innerHTML, scripts: box.querySelectorAll('script, iframe, [onerror], [onclick]').length,
        links: [...box.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        files: [...box.querySelectorAll('.file-link')].map((b) => b.dataset.url),
        cells: [...box.querySelectorAll('tr')].map((r) => [...r.children].map((c) => c.textContent)),
        items: [...box.querySelectorAll('li')].map((li) => li.textContent),
        bold: [...box.querySelectorAll('strong')].map((b) => b.textContent),
        code: [...box.querySelectorAll('code')].map((c) => c.textContent)});
}, (error) => done({error: String(error)}));
"""


@pytest.mark.browser
class TestRendering:
    @pytest.fixture
    def driver(self, web_app: WebApp, browser: Browser) -> Any:
        if not browser.driver.current_url.startswith(web_app.url):
            browser.driver.get(web_app.url + "/")
        return browser.driver

    def test_markdown_tables_lists_bold_code_and_file_links(self, driver: Any) -> None:
        source = ("**3** of 40 containers match (status In Yard).\n\n"
                  "| Container | Status | Holds |\n|---|---|---|\n"
                  "| MSDU5772413 | In Yard | NO |\n| TGHU1234567 | a \\| b | `YES` |\n\n"
                  "- first\n- second with [report.xlsx](/files/abc-123)\n\n"
                  "See [docs](https://example.com/x).")
        out = driver.execute_async_script(RENDER, source)
        assert out["cells"] == [["Container", "Status", "Holds"], ["MSDU5772413", "In Yard", "NO"],
                                ["TGHU1234567", "a | b", "YES"]]
        assert out["items"] == ["first", "second with report.xlsx"]
        assert out["bold"] == ["3"] and out["code"] == ["YES"]
        assert out["files"] == ["/files/abc-123"]
        assert out["links"] == ["https://example.com/x"]

    def test_html_in_an_answer_is_only_text(self, driver: Any) -> None:
        source = ('<script>window.hacked = 1</script> <img src=x onerror="window.hacked = 1">\n\n'
                  "[click](javascript:window.hacked=1) ![x](https://evil.example/p.png) "
                  "[f](/files/../../etc/passwd)\n\n| <b>x</b> |\n|---|\n| <iframe src=x> |")
        out = driver.execute_async_script(RENDER, source)
        assert out["scripts"] == 0 and out["links"] == [] and out["files"] == []
        assert "<script" not in out["html"] and "<img" not in out["html"] and "<b>" not in out["html"]
        assert "&lt;script&gt;" in out["html"]
        assert driver.execute_script("return window.hacked") is None

    def test_event_stream_parser_handles_events_split_across_chunks(self, driver: Any) -> None:
        script = """
        const done = arguments[arguments.length - 1];
        import('/web/stream.js').then(async (m) => {
          const chunks = ['id: r1.1\\r\\nevent: token\\r', '\\ndata: {"text": "Hel"}\\r\\n\\r\\nevent: tok',
                          'en\\ndata: {"text": "lo"}\\n\\n: keep-alive\\n\\nevent: final\\ndata: {"answer": ',
                          '"Hello"}\\n\\n'];
          const encoder = new TextEncoder();
          const body = new ReadableStream({start(c) {
            chunks.forEach((x) => c.enqueue(encoder.encode(x)));
            c.close();
          }});
          const events = [];
          for await (const e of m.readEvents(new Response(body))) events.push(e);
          done(events);
        }, (error) => done(String(error)));
        """
        events = driver.execute_async_script(script)
        assert events == [{"event": "token", "id": "r1.1", "data": {"text": "Hel"}},
                          {"event": "token", "id": "", "data": {"text": "lo"}},
                          {"event": "final", "id": "", "data": {"answer": "Hello"}}]
