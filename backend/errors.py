"""The backend's exception tree and the one place that turns exceptions into HTTP answers."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

import domain
import EModal
import Graph
import portal_service

logger = logging.getLogger(__name__)


class AppError(Exception):
    """Base of every error the API reports to its caller."""

    status_code = 400
    code = "bad_request"
    keep_changes = False  # True: the database work done before the error is still committed

    def __init__(self, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.headers = headers


class AuthenticationError(AppError):
    """The caller is not (or no longer) logged in."""

    status_code = 401
    code = "not_authenticated"

    def __init__(self, message: str = "Log in first: send 'Authorization: Bearer <access token>'."):
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class RefreshTokenReused(AuthenticationError):
    """An old refresh token came back: the whole token family is revoked, and that must stick."""

    keep_changes = True

    def __init__(self) -> None:
        super().__init__("This refresh token was already used; the session has been revoked. Log in again.")


class AccountDisabled(AuthenticationError):
    """The user was disabled: no token of theirs works, and the revocation done on the way must stick."""

    keep_changes = True

    def __init__(self) -> None:
        super().__init__("This account is disabled; contact your administrator.")


class PermissionDenied(AppError):
    """The caller is logged in but may not do this."""

    status_code = 403
    code = "forbidden"


class NotFound(AppError):
    """No such resource among the caller's own."""

    status_code = 404
    code = "not_found"


class Conflict(AppError):
    """The request clashes with the current state."""

    status_code = 409
    code = "conflict"


class InvalidInput(AppError):
    """The request is well-formed but its values cannot be used."""

    status_code = 422
    code = "invalid_input"


class TooManyRequests(AppError):
    """The caller must wait before trying again (login throttling)."""

    status_code = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after_seconds: int):
        super().__init__(message, headers={"Retry-After": str(retry_after_seconds)})
        self.retry_after_seconds = retry_after_seconds


class ServiceUnavailable(AppError):
    """A service the request needs is not reachable right now."""

    status_code = 503
    code = "service_unavailable"


class ConfigurationError(AppError):
    """The server is configured in a way that prevents this request."""

    status_code = 500
    code = "configuration_error"


class ErrorDetail(BaseModel):
    """What went wrong, in a code for programs and a message for people."""

    code: str
    message: str


class ErrorOut(BaseModel):
    """The body of every error answer (some codes add fields beside `code` and `message`)."""

    error: ErrorDetail


_RESPONSE_TEXT = {
    400: "The request cannot be used as sent.",
    401: "Not logged in, or the login has ended.",
    403: "Logged in, but not allowed to do this.",
    404: "No such resource among yours.",
    405: "This address does not take that method.",
    409: "The request clashes with the current state.",
    413: "The request body is larger than the server accepts.",
    422: "A field is missing or invalid; the message names it.",
    429: "Too many requests: wait for the seconds in Retry-After.",
    500: "The server is misconfigured for this request.",
    502: "The E-Modal portal or the captcha service failed.",
    503: "A service the request needs is unavailable; Retry-After may say when to try again.",
}


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for these error status codes, all with the common error body."""
    return {code: {"model": ErrorOut, "description": _RESPONSE_TEXT[code]} for code in status_codes}


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The JSON shape of every error answer."""
    return {"error": {"code": code, "message": message, **extra}}


def _field_name(error: Any) -> str:
    return ".".join(str(item) for item in error.get("loc", ()) if item != "body")


def _describe_validation_error(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        parts.append(f"{_field_name(error) or 'request'}: {error.get('msg', 'invalid value')}")
    return "Fix these fields: " + "; ".join(parts) if parts else "The request is not valid."


_HTTP_CODES = {401: "not_authenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 413: "too_large", 422: "invalid_input", 429: "too_many_requests"}


# The connector's errors, as the API reports them: (status, code). The first matching class wins.
_EMODAL_ERRORS: list[tuple[type[EModal.EModalError], int, str]] = [
    (EModal.InvalidContainerNumberError, 422, "invalid_container_number"),
    (EModal.MissingFieldError, 422, "missing_field"),
    (EModal.WizardRejectedError, 422, "portal_rejected"),
    (EModal.InvalidCredentialsError, 422, "portal_invalid_credentials"),
    (EModal.AccountLockedError, 422, "portal_account_locked"),
    (EModal.CaptchaError, 502, "captcha_failed"),
    (EModal.RegionBlockedError, 503, "portal_region_blocked"),
    (EModal.PortalUnavailableError, 503, "portal_unavailable"),
    (EModal.LoginExpiredError, 503, "portal_login_expired"),
    (EModal.BrowserGoneError, 503, "browser_gone"),
    (EModal.PortalSessionLimitError, 429, "portal_session_limit"),
    (EModal.PoolBusyError, 503, "browser_pool_busy"),
    (EModal.ContainerNotFoundError, 404, "container_not_found"),
    (EModal.PortalSessionNotFoundError, 404, "portal_session_not_found"),
    (EModal.AppointmentSessionError, 404, "appointment_session_not_found"),
    (EModal.SlotNotAvailableError, 409, "slot_not_available"),
    (EModal.BookingNotConfirmedError, 502, "booking_not_confirmed"),
]


def emodal_error_status(exc: EModal.EModalError) -> tuple[int, str]:
    """The HTTP status and error code of a connector error."""
    for error_class, status_code, code in _EMODAL_ERRORS:
        if isinstance(exc, error_class):
            return status_code, code
    return 502, "portal_error"


def _emodal_extra(exc: EModal.EModalError) -> dict[str, Any]:
    if isinstance(exc, EModal.MissingFieldError):
        return {"phase": exc.phase, "field": exc.field, "appointment_session_id": exc.appointment_session_id}
    if isinstance(exc, EModal.SlotNotAvailableError):
        return {"available_times": exc.available}
    if isinstance(exc, EModal.BookingNotConfirmedError):
        return {"appointment_number": exc.appointment_number}
    return {}


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (Starlette's 405 names only the first route's)."""
    allowed = [method for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
               if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                      for route in request.app.router.routes)]
    return ", ".join(allowed)


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception to `{"error": {"code", "message"}}` with the right status."""

    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(EModal.EModalError)
    async def _portal_error(_request: Request, exc: EModal.EModalError) -> JSONResponse:
        status_code, code = emodal_error_status(exc)
        headers = {"Retry-After": str(exc.retry_after_seconds)} if isinstance(exc, EModal.PoolBusyError) else None
        return JSONResponse(error_body(code, str(exc), **_emodal_extra(exc)), status_code=status_code,
                            headers=headers)

    @app.exception_handler(portal_service.PortalServiceError)
    async def _use_case_error(_request: Request, exc: portal_service.PortalServiceError) -> JSONResponse:
        # Bad input or a booking that cannot be made up: the message says what to fix.
        return JSONResponse(error_body(exc.code, str(exc)), status_code=422)

    @app.exception_handler(domain.DomainError)
    async def _domain_error(_request: Request, exc: domain.DomainError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, str(exc)), status_code=422)

    @app.exception_handler(Graph.GraphError)
    async def _agent_error(_request: Request, exc: Graph.GraphError) -> JSONResponse:
        busy = isinstance(exc, Graph.ThreadBusyError | Graph.NoPendingConfirmationError)
        status_code = 409 if busy else 500 if isinstance(exc, Graph.RunFailedError) else 422
        headers = None
        if isinstance(exc, Graph.RunsUnavailableError):  # cluster mode without Redis: no run may start
            status_code, headers = 503, {"Retry-After": "30"}
        return JSONResponse(error_body(getattr(exc, "code", "agent_error"), str(exc)), status_code=status_code,
                            headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [
            {"field": _field_name(e), "problem": e.get("msg")}
            for e in exc.errors()
        ]
        body = error_body("invalid_input", _describe_validation_error(exc), fields=fields)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        headers = exc.headers
        if exc.status_code == 404 and message == "Not Found":
            message = "No such address; see /docs for the API."
        if exc.status_code == 405:
            headers = {**(exc.headers or {}), "Allow": allowed_methods(request)}
            message = f"{request.method} is not allowed here; use {headers['Allow']}."
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        logger.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
        return JSONResponse(
            error_body("internal_error", "Something went wrong on our side; the request was not completed."),
            status_code=500,
        )
