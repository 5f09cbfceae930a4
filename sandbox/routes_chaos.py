"""`/_chaos/...`: test-only switches, off unless the config sets a chaos token."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.recaptcha import CHALLENGE_MODES
from sandbox.solver import SOLVER_MODES
from sandbox.state import SandboxState
from sandbox.web import state_of

ChaosAction = Callable[[SandboxState, dict[str, Any]], dict[str, Any]]


def _expire_login(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    return {"expired": state.logins.expire_user(_known_user(state, body))}


def _known_user(state: SandboxState, body: dict[str, Any]) -> str:
    username = str(body.get("username", ""))
    if username not in state.accounts:
        raise ValueError(f"unknown username {username!r}")
    return username


def _idle_expire(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    """Age the user's logins past the idle limit: the next page shows the 401 page, as after real idleness."""
    username = _known_user(state, body)
    return {"aged": state.logins.age_user(username, state.logins.idle_seconds + 1)}


def _expire_mid_wizard(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    """The user's next wizard step (phase 1, 2 or submit) finds the login expired."""
    state.chaos.expire_mid_wizard.add(_known_user(state, body))
    return {"expire_mid_wizard": sorted(state.chaos.expire_mid_wizard)}


def _slow_wizard(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    """The wizard's view takes this long to arrive after its page opened (the real one: tens of seconds)."""
    state.chaos.slow_wizard_seconds = max(0.0, float(body.get("seconds", 30)))
    return {"slow_wizard_seconds": state.chaos.slow_wizard_seconds}


def _captcha_reject(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    """The next N logins with a good captcha token are refused anyway ("captcha verification failed")."""
    state.chaos.reject_next_tokens = max(0, int(body.get("count", 1)))
    return {"reject_next_tokens": state.chaos.reject_next_tokens}


def _recaptcha(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    """The widget: whether a click opens a challenge, and how many right audio answers to judge wrong first."""
    desk = state.recaptcha
    if "challenge" in body:
        mode = str(body["challenge"])
        if mode not in CHALLENGE_MODES:
            raise ValueError(f"challenge must be one of {', '.join(CHALLENGE_MODES)}")
        desk.challenge_mode = mode
    if "wrong_answers" in body:
        desk.wrong_next_answers = max(0, int(body["wrong_answers"]))
    return {"challenge": desk.challenge_mode, "wrong_answers": desk.wrong_next_answers,
            "audio_challenges_served": desk.served}


def _latency(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    state.chaos.latency_seconds = max(0.0, float(body.get("seconds", 0)))
    return {"latency_seconds": state.chaos.latency_seconds}


def _fail_next(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    state.chaos.fail_next_pages = max(0, int(body.get("count", 1)))
    return {"fail_next_pages": state.chaos.fail_next_pages}


def _import_variant(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    state.chaos.import_variant = bool(body.get("enabled", True))
    return {"import_variant": state.chaos.import_variant}


def _captcha(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    mode = str(body.get("mode", "unsolvable"))
    if mode not in SOLVER_MODES:
        raise ValueError(f"mode must be one of {', '.join(SOLVER_MODES)}")
    state.solver.mode = mode
    if "delay_seconds" in body:
        state.solver.delay_seconds = max(0.0, float(body["delay_seconds"]))
    return {"mode": state.solver.mode, "delay_seconds": state.solver.delay_seconds}


def _blocked_region(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    state.blocked_region = bool(body.get("enabled", True))
    return {"blocked_region": state.blocked_region}


def _popup(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    state.chaos.popup = bool(body.get("enabled", True))
    return {"popup": state.chaos.popup}


def _reset(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    state.chaos.reset()
    state.solver.mode = "ok"
    state.solver.delay_seconds = state.config.captcha_delay_seconds
    state.blocked_region = state.config.blocked_region
    state.recaptcha.challenge_mode = state.config.recaptcha_challenge
    state.recaptcha.wrong_next_answers = 0
    return _state(state, body)


def _state(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "latency_seconds": state.chaos.latency_seconds,
        "fail_next_pages": state.chaos.fail_next_pages,
        "import_variant": state.chaos.import_variant,
        "popup": state.chaos.popup,
        "captcha_mode": state.solver.mode,
        "blocked_region": state.blocked_region,
        "reject_next_tokens": state.chaos.reject_next_tokens,
        "slow_wizard_seconds": state.chaos.slow_wizard_seconds,
        "recaptcha_challenge": state.recaptcha.challenge_mode,
        "audio_challenges_served": state.recaptcha.served,
    }


def _logins(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    """How many times each account logged in since the sandbox started."""
    return {"logins": dict(state.logins.login_counts)}


READ_ONLY = frozenset({"state", "logins"})

ACTIONS: dict[str, ChaosAction] = {
    "expire-login": _expire_login,
    "latency": _latency,
    "fail-next": _fail_next,
    "import-variant": _import_variant,
    "captcha": _captcha,
    "blocked-region": _blocked_region,
    "popup": _popup,
    "idle-expire": _idle_expire,
    "expire-login-mid-wizard": _expire_mid_wizard,
    "slow-wizard": _slow_wizard,
    "captcha-reject": _captcha_reject,
    "recaptcha": _recaptcha,
    "reset": _reset,
    "state": _state,
    "logins": _logins,
}


def _endpoint(action: ChaosAction) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        state = state_of(request)
        expected = state.config.chaos_token
        if not expected:
            return JSONResponse({"error": "chaos controls are disabled"}, status_code=404)
        if not secrets.compare_digest(request.headers.get("X-Chaos-Token", ""), expected):
            return JSONResponse({"error": "bad chaos token"}, status_code=403)
        body: dict[str, Any] = {}
        if request.method == "POST" and await request.body():
            body = await request.json()
        try:
            return JSONResponse({"ok": True, **action(state, body)})
        except (ValueError, TypeError) as error:
            return JSONResponse({"ok": False, "error": str(error)}, status_code=400)

    return endpoint


ROUTES = [
    Route(f"/_chaos/{name}", _endpoint(action), methods=["GET"] if name in READ_ONLY else ["POST"])
    for name, action in ACTIONS.items()
]
