"""`/myappointments`: booked visits, 30 more each time the window scrolls to the bottom, xls export."""

from __future__ import annotations

import datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.catalog import TERMINAL_NAMES
from sandbox.dataset import APPOINTMENT_PAGE_SIZE
from sandbox.models import Appointment
from sandbox.web import page, portal_api, portal_page, state_of, template
from sandbox.xlsx import XLSX_MEDIA_TYPE, workbook_bytes

APPOINTMENT_COLUMNS = ("Appointment #", "Terminal", "Move Type", "Container/Booking #", "Appointment Date",
                       "Time Window", "Truck Plate", "Own Chassis", "Trucking Company", "Status")


def appointment_values(a: Appointment) -> list[str]:
    """One appointment in column order."""
    return [
        a.number, TERMINAL_NAMES.get(a.terminal, a.terminal), a.move,
        a.booking_number or ", ".join(a.containers) or "N/A", a.day.strftime("%m/%d/%Y"), a.window,
        a.plate, "YES" if a.own_chassis else "NO", a.company, a.status,
    ]


@portal_page
async def appointments_page(request: Request, username: str) -> Response:
    """The list shell; the page script loads rows as the window scrolls."""
    header = "".join(f"<th>{name}</th>" for name in APPOINTMENT_COLUMNS)
    return page("My Appointments", template("myappointments.html").substitute(header=header), username=username,
                heading="My Appointments", script="myappointments.js", state=state_of(request))


@portal_api
async def appointments_json(request: Request, username: str) -> Response:
    """One page of appointments, newest first."""
    try:
        number = max(0, int(request.query_params.get("page", "0")))
    except ValueError:
        number = 0
    rows = state_of(request).appointments(username)
    start = number * APPOINTMENT_PAGE_SIZE
    chunk = rows[start:start + APPOINTMENT_PAGE_SIZE]
    return JSONResponse({"page": number, "total": len(rows), "hasMore": start + len(chunk) < len(rows),
                         "rows": [appointment_values(a) for a in chunk]})


@portal_api
async def appointments_export(request: Request, username: str) -> Response:
    """All appointments as an .xlsx."""
    rows = state_of(request).appointments(username)
    content = workbook_bytes("Appointments", APPOINTMENT_COLUMNS, (appointment_values(a) for a in rows))
    name = f"MyAppointments_{datetime.date.today():%Y%m%d}.xlsx"
    return Response(content, media_type=XLSX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/myappointments", appointments_page, methods=["GET"]),
    Route("/api/appointments", appointments_json, methods=["GET"]),
    Route("/api/appointments/export.xlsx", appointments_export, methods=["GET"]),
]
