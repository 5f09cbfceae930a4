"""`/trucker/web/`: the keep-alive home and the new-appointment wizard with its JSON steps."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from sandbox.booking import VisitRequest, book, check_phase1, check_phase2, slots_for
from sandbox.catalog import LINES, MOVE_TYPES, SIZE_TYPES, TERMINAL_NAMES
from sandbox.dataset import AccountData
from sandbox.errors import BookingError
from sandbox.web import esc, page, portal_api, portal_page, state_of, template


@portal_page
async def trucker_home(request: Request, username: str) -> Response:
    """The page the connector visits to keep its login warm."""
    company = state_of(request).accounts[username].company
    return page("Trucker Portal", template("keepalive.html").substitute(company=esc(company)),
                username=username, heading="Trucker Portal", state=state_of(request))


def _wizard_body(request: Request, username: str) -> str:
    """The stepper's markup with phase 1's options embedded."""
    state = state_of(request)
    account = state.accounts[username]
    data = {
        "companies": [account.company],
        "terminals": list(TERMINAL_NAMES.values()),
        "moves": list(MOVE_TYPES),
        "plates": list(account.plates),
        "lines": list(LINES),
        "sizes": list(SIZE_TYPES),
        "variant": state.chaos.import_variant,
        "today": state.today.isoformat(),
    }
    blob = json.dumps(data).replace("</", "<\\/")
    return template("addvisit.html").substitute(data=blob)


@portal_page
async def addvisit_page(request: Request, username: str) -> Response:
    """The stepper; phase 1 options come embedded in the page (or, while the wizard is slow, a little later)."""
    state = state_of(request)
    if state.chaos.slow_wizard_seconds > 0:
        # Slow like the real wizard ("tens of seconds"): the shell shows at once, the stepper only once its view
        # has arrived. Which part of the real page is slow is a *guess*.
        spinner = '<div class="page-loading"><mat-spinner class="mat-progress-spinner"></mat-spinner></div>'
        return page("New Appointment", spinner, username=username, heading="New Appointment",
                    script="slowstart.js", state=state)
    return page("New Appointment", _wizard_body(request, username), username=username, heading="New Appointment",
                script="addvisit.js", state=state)


@portal_api
async def addvisit_view(request: Request, username: str) -> Response:
    """The stepper's markup, sent after the slow-wizard delay."""
    await asyncio.sleep(state_of(request).chaos.slow_wizard_seconds)
    return HTMLResponse(_wizard_body(request, username))


def _expired_mid_wizard(request: Request, username: str) -> Response | None:
    """Chaos: this step finds the login expired (the page then reloads onto the 401 page)."""
    state = state_of(request)
    if username not in state.chaos.expire_mid_wizard:
        return None
    state.chaos.expire_mid_wizard.discard(username)
    state.logins.expire_user(username)
    return JSONResponse({"error": "unauthorized"}, status_code=401)


def _visit(body: dict[str, Any]) -> VisitRequest:
    def text(name: str) -> str:
        return str(body.get(name) or "").strip()

    try:
        quantity = int(body.get("quantity") or 0)
    except (TypeError, ValueError):
        quantity = 0
    return VisitRequest(
        trucking=text("trucking"), terminal=text("terminal"), move=text("move"),
        containers=tuple(str(c).strip().upper() for c in body.get("containers") or () if str(c).strip()),
        booking_number=text("bookingNumber"), quantity=quantity, line=text("line").upper(),
        equip_size=text("equipSize").upper(), plate=text("plate"), own_chassis=text("ownChassis") == "YES",
        pin=text("pin"), slot_id=text("slot"),
    )


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _refused(error: BookingError) -> JSONResponse:
    return JSONResponse({"ok": False, "error": str(error)})


@portal_api
async def phase1(request: Request, username: str) -> Response:
    """Check the move and its containers or booking; answer the units phase 2 lists."""
    expired = _expired_mid_wizard(request, username)
    if expired is not None:
        return expired
    body = await _body(request)
    try:
        units = check_phase1(state_of(request).data[username], _visit(body), variant=bool(body.get("variant")))
    except BookingError as error:
        return _refused(error)
    return JSONResponse({"ok": True, "units": units})


def _check_phases_1_and_2(data: AccountData, visit: VisitRequest, body: dict[str, Any]) -> None:
    """Re-check what phases 1 and 2 asked for: the server trusts nothing the page kept."""
    check_phase1(data, visit, variant=bool(body.get("variant")))
    check_phase2(data, visit, int(body.get("selected") or 0))


@portal_api
async def phase2(request: Request, username: str) -> Response:
    """Check truck details; answer the open slots for phase 3."""
    expired = _expired_mid_wizard(request, username)
    if expired is not None:
        return expired
    state = state_of(request)
    body = await _body(request)
    visit = _visit(body)
    try:
        _check_phases_1_and_2(state.data[username], visit, body)
    except BookingError as error:
        return _refused(error)
    slots = [{"id": s.slot_id, "label": s.label, "day": s.day.isoformat(), "window": s.window,
              "remaining": s.remaining} for s in slots_for(state.slots, visit)]
    return JSONResponse({"ok": True, "slots": slots})


@portal_api
async def submit(request: Request, username: str) -> Response:
    """Book the visit in the chosen slot."""
    expired = _expired_mid_wizard(request, username)
    if expired is not None:
        return expired
    state = state_of(request)
    body = await _body(request)
    visit = _visit(body)
    try:
        data = state.data[username]
        _check_phases_1_and_2(data, visit, body)
        appointment = book(data, state.slots, visit, state.rng)
    except BookingError as error:
        return _refused(error)
    slot = state.slots[visit.slot_id]
    return JSONResponse({"ok": True, "appointment": {
        "number": appointment.number, "terminal": TERMINAL_NAMES[appointment.terminal], "move": appointment.move,
        "slot": slot.label, "plate": appointment.plate, "ownChassis": "YES" if appointment.own_chassis else "NO",
        "containers": list(appointment.containers), "bookingNumber": appointment.booking_number or "",
    }})


ROUTES = [
    Route("/trucker/web/", trucker_home, methods=["GET"]),
    Route("/trucker/web", trucker_home, methods=["GET"]),
    Route("/trucker/web/addvisit", addvisit_page, methods=["GET"]),
    Route("/trucker/web/api/addvisit-view", addvisit_view, methods=["GET"]),
    Route("/trucker/web/api/phase1", phase1, methods=["POST"]),
    Route("/trucker/web/api/phase2", phase2, methods=["POST"]),
    Route("/trucker/web/api/submit", submit, methods=["POST"]),
]
