"""`/_chaos/...`: test-only switches, off unless the config sets a chaos token."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.solver import SOLVER_MODES
from sandbox.state import SandboxState
from sandbox.web import state_of

ChaosAction = Callable[[SandboxState, dict[str, Any]], dict[str, Any]]


def _expire_login(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    username = str(body.get("username", ""))
    if username not in state.accounts:
        raise ValueError(f"unknown username {username!r}")
    return {"expired": state.logins.expire_user(username)}


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
    return _state(state, body)


def _state(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "latency_seconds": state.chaos.latency_seconds,
        "fail_next_pages": state.chaos.fail_next_pages,
        "import_variant": state.chaos.import_variant,
        "popup": state.chaos.popup,
        "captcha_mode": state.solver.mode,
        "blocked_region": state.blocked_region,
    }


ACTIONS: dict[str, ChaosAction] = {
    "expire-login": _expire_login,
    "latency": _latency,
    "fail-next": _fail_next,
    "import-variant": _import_variant,
    "captcha": _captcha,
    "blocked-region": _blocked_region,
    "popup": _popup,
    "reset": _reset,
    "state": _state,
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
    Route(f"/_chaos/{name}", _endpoint(action), methods=["GET"] if name == "state" else ["POST"])
    for name, action in ACTIONS.items()
]
