"""`/in.php` and `/res.php`: the 2captcha protocol, JSON with `json=1`, plain text otherwise."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from sandbox.web import state_of


async def _params(request: Request) -> dict[str, str]:
    params = {k: v for k, v in request.query_params.items()}
    if request.method == "POST":
        form = await request.form(max_part_size=4 * 1024 * 1024)  # audio bodies are base64 of up to 1 MB
        params.update({k: str(v) for k, v in form.items()})
    return params


def _answer(params: dict[str, str], status: int, text: str) -> Response:
    if params.get("json") == "1":
        return JSONResponse({"status": status, "request": text})
    return PlainTextResponse(f"OK|{text}" if status == 1 and params.get("action") != "getbalance" else text)


async def submit(request: Request) -> Response:
    """Create a solving task: a reCAPTCHA token (`userrecaptcha`) or the words of an audio file (`audio`)."""
    params = await _params(request)
    status, text = state_of(request).solver.submit(
        params.get("key", ""), params.get("method", ""), params.get("googlekey", ""), params.get("pageurl", ""),
        body=params.get("body", ""), lang=params.get("lang", "en"),
    )
    return _answer(params, status, text)


async def result(request: Request) -> Response:
    """Poll a task, read the balance or report a result."""
    params = await _params(request)
    status, text = state_of(request).solver.poll(
        params.get("key", ""), params.get("action", ""), params.get("id", "")
    )
    if params.get("action") in ("reportgood", "reportbad") and params.get("json") != "1":
        return PlainTextResponse(text)
    return _answer(params, status, text)


ROUTES = [
    Route("/in.php", submit, methods=["GET", "POST"]),
    Route("/res.php", result, methods=["GET", "POST"]),
]
