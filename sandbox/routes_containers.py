"""`/containers`: the list page, its 30-row JSON pages and the xls export."""

from __future__ import annotations

import datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.catalog import CONTAINER_COLUMNS
from sandbox.models import Container
from sandbox.rows import cell_values, row_json
from sandbox.web import page, portal_api, portal_page, state_of, template
from sandbox.xlsx import XLSX_MEDIA_TYPE, workbook_bytes

PAGE_SIZE = 30


def export_values(c: Container) -> list[str]:
    """A row as the export writes it: the plain number, no padding."""
    values = [v.strip() for v in cell_values(c)]
    if c.known:
        values[0] = c.number
    return values


@portal_page
async def containers_page(request: Request, username: str) -> Response:
    """The list shell; the page script loads rows as `#searchres` scrolls."""
    header = "".join(f'<span class="c col-{i}">{name}</span>' for i, name in enumerate(CONTAINER_COLUMNS))
    body = template("containers.html").substitute(header=header)
    return page("Containers", body, username=username, heading="Containers", script="containers.js",
                state=state_of(request))


@portal_api
async def containers_json(request: Request, username: str) -> Response:
    """One page of 30 rows; `page` counts from 0."""
    try:
        number = max(0, int(request.query_params.get("page", "0")))
    except ValueError:
        number = 0
    rows = state_of(request).data[username].containers
    start = number * PAGE_SIZE
    chunk = rows[start:start + PAGE_SIZE]
    return JSONResponse({
        "page": number,
        "pageSize": PAGE_SIZE,
        "total": len(rows),
        "hasMore": start + PAGE_SIZE < len(rows),
        "rows": [row_json(c) for c in chunk],
    })


@portal_api
async def containers_export(request: Request, username: str) -> Response:
    """Every container (or the numbers in `ids`) as an .xlsx with the portal's columns."""
    data = state_of(request).data[username]
    wanted = [n for n in request.query_params.get("ids", "").split(",") if n]
    rows = [data.by_number[n] for n in wanted if n in data.by_number] if wanted else data.containers
    content = workbook_bytes("Containers", CONTAINER_COLUMNS, (export_values(c) for c in rows))
    name = f"Containers_{datetime.date.today():%Y%m%d}.xlsx"
    return Response(content, media_type=XLSX_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/containers", containers_page, methods=["GET"]),
    Route("/api/containers", containers_json, methods=["GET"]),
    Route("/api/containers/export.xlsx", containers_export, methods=["GET"]),
]
