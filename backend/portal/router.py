"""The business API: portal operations for programs, through the caller's own portal sessions."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import APIRouter, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.audit import record_action
from backend.deps import CurrentAuth, CurrentAuthDep, DbSessionDep, ServicesDep
from backend.files.repository import FileRepository
from backend.models import PortalSessionRow
from backend.portal import responses
from backend.portal.access import hold_portal_session, owned_portal_session, portal_pool, resolve_target
from backend.portal.schemas import (
    AppointmentRequestBody,
    ContainerRequest,
    ContainersRequest,
    MakeAppointmentRequest,
    PortalSessionOut,
    PortalTargetRequest,
)
from backend.services import AppServices
from EModal import BookingNotConfirmedError, PortalOperations
from EModal.excel import export_appointments, export_containers

router = APIRouter(prefix="/emodal", tags=["emodal"])
T = TypeVar("T")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run(
    body: PortalTargetRequest, current: CurrentAuth, db: Session, services: AppServices,
    operation: Callable[[PortalOperations], T],
) -> tuple[T, dict[str, Any]]:
    """Resolve the portal session, hold it, run `operation`; return its result and the common fields."""
    target = resolve_target(db, services, user_id=current.user.id,
                            active_account_id=current.auth_session.active_account_id, **body.target_fields())
    # Portal work takes seconds to minutes and the pool records it in transactions of its own: keeping this
    # request's writes open across it would lock SQLite (and the account row in PostgreSQL), so they land now.
    db.commit()
    with hold_portal_session(portal_pool(services), target) as operations:
        result = operation(operations)
        common = {"success": True, "session_id": operations.portal_session_id,
                  "is_new_session": operations.is_new_session}
    return result, common


def _store_file(db: Session, services: AppServices, user_id: int, kind: str, path: Path, content_type: str) -> str:
    stored = FileRepository(db=db, files_dir=services.settings.files_dir).add(
        user_id=user_id, kind=kind, filename=path.name, content_type=content_type, content=path.read_bytes())
    return f"/files/{stored.id}"


@router.post("/get_session")
def get_session(body: PortalTargetRequest, current: CurrentAuthDep, db: DbSessionDep,
                services: ServicesDep) -> dict[str, Any]:
    """Open (or reuse) a logged-in portal session and return its id."""
    _, common = _run(body, current, db, services, lambda ops: None)
    return common


@router.post("/get_containers")
def get_containers(body: ContainersRequest, current: CurrentAuthDep, db: DbSessionDep,
                   services: ServicesDep) -> dict[str, Any]:
    """Every container (or up to `target_count` / `until_container`), plus an Excel file of them."""
    containers, common = _run(body, current, db, services, lambda ops: ops.get_containers(
        target_count=body.target_count, until_container=body.until_container))
    with tempfile.TemporaryDirectory() as folder:
        path = export_containers(containers, Path(folder))
        file_url = _store_file(db, services, current.user.id, "excel", path, XLSX)
    return {**common, "count": len(containers), "containers": [responses.container(c) for c in containers],
            "file_url": file_url}


@router.post("/get_container_timeline")
def get_container_timeline(body: ContainerRequest, current: CurrentAuthDep, db: DbSessionDep,
                           services: ServicesDep) -> dict[str, Any]:
    """A container's milestones, whether it passed pregate, and a screenshot of the timeline."""
    timeline, common = _run(body, current, db, services,
                            lambda ops: ops.get_container_timeline(body.container_number))
    stored = FileRepository(db=db, files_dir=services.settings.files_dir).add(
        user_id=current.user.id, kind="screenshot", filename=f"timeline-{timeline.container_number}.png",
        content_type="image/png", content=timeline.screenshot_png)
    return {**common, **responses.timeline(timeline), "screenshot_url": f"/files/{stored.id}"}


@router.post("/check_appointments")
def check_appointments(body: AppointmentRequestBody, current: CurrentAuthDep, db: DbSessionDep,
                       services: ServicesDep) -> dict[str, Any]:
    """Go through the wizard to the available slots (resumable with `appointment_session_id`)."""
    session, common = _run(body, current, db, services, lambda ops: ops.check_appointments(
        appointment_session_id=body.appointment_session_id or "", **body.wizard_fields()))
    return {**common, **responses.appointment_session(session)}


@router.post("/make_appointment")
def make_appointment(body: MakeAppointmentRequest, current: CurrentAuthDep, db: DbSessionDep,
                     services: ServicesDep) -> dict[str, Any]:
    """Book a slot; `appointment_confirmed` only when the number was read back and seen in My Appointments."""
    try:
        result, common = _run(body, current, db, services, lambda ops: ops.make_appointment(
            slot=body.slot, appointment_session_id=body.appointment_session_id or "", **body.wizard_fields()))
    except BookingNotConfirmedError as exc:
        # The portal may have booked anyway: that must be on record even though this request fails.
        with services.session_factory.begin() as audit_db:
            record_action(audit_db, user_id=current.user.id, action="appointment_not_confirmed", via="api",
                          appointment_number=exc.appointment_number, slot=body.slot,
                          container_number=body.container_number)
        raise
    record_action(db, user_id=current.user.id, action="appointment_booked", via="api",
                  appointment_number=result.appointment_number, slot=result.slot.text,
                  container_number=body.container_number, portal_session_id=common["session_id"])
    return {**common, **responses.booking(result)}


@router.post("/get_appointments")
def get_appointments(body: PortalTargetRequest, current: CurrentAuthDep, db: DbSessionDep,
                     services: ServicesDep) -> dict[str, Any]:
    """Every visit in My Appointments, plus an Excel file of them."""
    appointments, common = _run(body, current, db, services, lambda ops: ops.get_appointments())
    with tempfile.TemporaryDirectory() as folder:
        file_url = _store_file(db, services, current.user.id, "excel",
                               export_appointments(appointments, Path(folder)), XLSX)
    return {**common, "count": len(appointments),
            "appointments": [responses.appointment(a) for a in appointments], "file_url": file_url}


@router.get("/sessions")
def list_portal_sessions(current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> list[PortalSessionOut]:
    """The caller's portal sessions that are open now."""
    live_ids = ({s.portal_session_id for s in services.portal_pool.stats().sessions}
                if services.portal_pool is not None else set())
    rows = db.scalars(select(PortalSessionRow).where(PortalSessionRow.user_id == current.user.id,
                                                     PortalSessionRow.status == "active")
                      .order_by(PortalSessionRow.last_used_at.desc()))
    return [PortalSessionOut(session_id=r.portal_session_id, account_id=r.account_id, status=r.status,
                             created_at=r.created_at, last_used_at=r.last_used_at,
                             live_in_pool=r.portal_session_id in live_ids) for r in rows]


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def close_portal_session(session_id: str, current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> None:
    """Close one of the caller's portal sessions (its browser quits)."""
    row = owned_portal_session(db, user_id=current.user.id, portal_session_id=session_id)
    if services.portal_pool is not None:
        services.portal_pool.close(session_id)
    db.refresh(row)
    if row.status == "active":
        row.status = "closed"
    record_action(db, user_id=current.user.id, action="portal_session_closed", portal_session_id=session_id)
