"""The connector's login through the reCAPTCHA widget, the sign-on hop and the real host names, and its recovery."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from EModal import AppointmentRequest, PortalSessionPool
from sandbox.portal_sessions import SITE_COOKIE_NAMES
from tests.EModal.support import MemoryRecorder, chaos, connector_config, credentials

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def recorder() -> MemoryRecorder:
    return MemoryRecorder()


@pytest.fixture(scope="module")
def pool(sandbox_url: str, sandbox_host_map: str, files_dir: Path,
         recorder: MemoryRecorder) -> Iterator[PortalSessionPool]:
    config = connector_config(sandbox_url, files_dir, host_map=sandbox_host_map, pool_size=2)
    with PortalSessionPool(config, recorder=recorder, keepalive=False) as pool:
        yield pool


@pytest.fixture(autouse=True)
def _reset(sandbox_url: str, pool: PortalSessionPool) -> Iterator[None]:
    yield
    chaos(sandbox_url, "reset")
    for session in pool.stats().sessions:
        pool.close(session.portal_session_id)


def audio_served(sandbox_server: Any) -> int:
    return int(sandbox_server.state.recaptcha.served)


def import_request() -> AppointmentRequest:
    return AppointmentRequest(trucking_company="K & R TRANSPORTATION LLC", terminal="ITS", move_type="PICK FULL",
                              container_number="MSCU5165756", truck_plate="7KRT481", own_chassis=False)


class TestLoginThroughTheWidget:
    def test_token_and_callback_then_welcome_then_the_app_on_its_real_host(
        self, pool: PortalSessionPool, sandbox_server: Any
    ) -> None:
        assert "dispatch1" in sandbox_server.state.welcome_pending
        served = audio_served(sandbox_server)
        with pool.hold("widget-a", credentials("dispatch1")) as portal:
            assert len(portal.get_containers(target_count=3)) == 3
            driver = pool._find(portal.portal_session_id).driver
            assert driver.current_url.startswith("https://ecp2.emodal.com/containers")
            assert driver.find_elements("css selector", "app-root router-outlet")
        assert "dispatch1" not in sandbox_server.state.welcome_pending  # the welcome page was continued
        assert audio_served(sandbox_server) == served  # the token path needed no challenge

    def test_each_host_signs_on_with_its_own_cookie(self, pool: PortalSessionPool) -> None:
        with pool.hold("widget-b", credentials("dispatch1")) as portal:
            portal.get_appointments()
            driver = pool._find(portal.portal_session_id).driver
            assert driver.current_url.startswith("https://truckerportal.emodal.com/myappointments")
            # WebDriver lists the cookies the current host would receive: host-only ones of that host alone.
            cookies = {(cookie["name"], cookie["domain"]) for cookie in driver.get_cookies()}
        assert cookies == {(SITE_COOKIE_NAMES["truckerportal"], "truckerportal.emodal.com")}

    def test_rejected_token_falls_back_to_the_audio_challenge(
        self, pool: PortalSessionPool, sandbox_url: str, sandbox_server: Any
    ) -> None:
        chaos(sandbox_url, "captcha-reject", count=1)
        served = audio_served(sandbox_server)
        with pool.hold("widget-c", credentials("dispatch2")) as portal:
            assert len(portal.get_containers(target_count=2)) == 2
        assert audio_served(sandbox_server) == served + 1

    def test_wrong_audio_answer_brings_a_new_challenge_which_is_answered(
        self, pool: PortalSessionPool, sandbox_url: str, sandbox_server: Any
    ) -> None:
        chaos(sandbox_url, "captcha-reject", count=1)
        chaos(sandbox_url, "recaptcha", wrong_answers=1)
        served = audio_served(sandbox_server)
        with pool.hold("widget-d", credentials("dispatch2")) as portal:
            assert len(portal.get_containers(target_count=2)) == 2
        assert audio_served(sandbox_server) == served + 2


class TestRecovery:
    def test_login_expired_mid_wizard_is_logged_in_again(
        self, pool: PortalSessionPool, sandbox_url: str, recorder: MemoryRecorder
    ) -> None:
        with pool.hold("wizard-a", credentials("dispatch1")) as portal:
            first_id = portal.portal_session_id
            chaos(sandbox_url, "expire-login-mid-wizard", username="dispatch1")
            appointment_session = portal.check_appointments(import_request())
        assert appointment_session.phase == 3 and appointment_session.available_times
        assert any(e[0] == "replaced" and e[2] == first_id for e in recorder.events)

    def test_idle_expiry_shows_401_and_is_logged_in_again(
        self, pool: PortalSessionPool, sandbox_url: str, recorder: MemoryRecorder
    ) -> None:
        with pool.hold("idle-a", credentials("dispatch1")) as portal:
            first_id = portal.portal_session_id
            chaos(sandbox_url, "idle-expire", username="dispatch1")
            assert len(portal.get_containers(target_count=2)) == 2
        assert any(e[0] == "replaced" and e[2] == first_id for e in recorder.events)

    def test_portal_forgetting_the_login_is_logged_in_again(
        self, pool: PortalSessionPool, sandbox_server: Any, recorder: MemoryRecorder
    ) -> None:
        with pool.hold("forgot-a", credentials("dispatch1")) as portal:
            first_id = portal.portal_session_id
            sandbox_server.state.logins.by_cookie.clear()  # every cookie unknown: the hop ends on the login form
            assert len(portal.get_appointments()) >= 1
        assert any(e[0] == "replaced" and e[2] == first_id for e in recorder.events)

    def test_slow_wizard_is_waited_for(self, pool: PortalSessionPool, sandbox_url: str) -> None:
        chaos(sandbox_url, "slow-wizard", seconds=4)
        with pool.hold("slow-a", credentials("dispatch1")) as portal:
            appointment_session = portal.check_appointments(import_request())
        assert appointment_session.phase == 3 and appointment_session.available_times
