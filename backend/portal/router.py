"""The business API: portal operations for programs, thin over the portal use cases (`portal_service`).

Every route runs with the request's transaction already ended (`PortalCallerDep`): see SESSION_API_USAGE.md.
"""

from __future__ import annotations

from fastapi import APIRouter, status
from sqlalchemy import select

from backend.audit import record_action
from backend.deps import ServicesDep
from backend.models import PortalSessionRow
from backend.portal.access import PortalCallerDep, owned_portal_session, portal_service_for
from backend.portal.schemas import (
    AppointmentsOut,
    BookingOut,
    CheckAppointmentsRequest,
    ContainerRequest,
    ContainersOut,
    ContainersRequest,
    MakeAppointmentRequest,
    PortalEnvelope,
    PortalSessionOut,
    PortalTargetRequest,
    SessionOut,
    SlotsOut,
    TimelineOut,
)
from backend.services import AppServices

router = APIRouter(prefix="/emodal", tags=["emodal"])


@router.post("/get_session", response_model=SessionOut)
def get_session(body: PortalTargetRequest, caller: PortalCallerDep, services: ServicesDep) -> SessionOut:
    """Open (or reuse) a logged-in portal session and return its id."""
    result = portal_service_for(body, caller, services).session_status()
    return SessionOut(**PortalEnvelope.fields_of(result))


@router.post("/get_containers", response_model=ContainersOut)
def get_containers(body: ContainersRequest, caller: PortalCallerDep, services: ServicesDep) -> ContainersOut:
    """Every container (or up to `target_count` / `until_container`), plus an Excel file of them."""
    result = portal_service_for(body, caller, services).list_containers(
        target_count=body.target_count, until_container=body.until_container)
    return ContainersOut(**PortalEnvelope.fields_of(result), count=len(result.containers),
                         containers=result.containers, file_url=result.files[0].url, files=result.files)


@router.post("/get_container_timeline", response_model=TimelineOut)
def get_container_timeline(body: ContainerRequest, caller: PortalCallerDep, services: ServicesDep) -> TimelineOut:
    """A container's milestones, whether it passed pregate, the next move, and a screenshot of the timeline."""
    result = portal_service_for(body, caller, services).container_timeline(container_number=body.container_number)
    screenshot = result.files[0].url if result.files else ""
    return TimelineOut(**PortalEnvelope.fields_of(result), **result.model_dump(), screenshot_url=screenshot)


@router.post("/check_appointments", response_model=SlotsOut)
def check_appointments(body: CheckAppointmentsRequest, caller: PortalCallerDep, services: ServicesDep) -> SlotsOut:
    """Go through the wizard to the available slots (resumable with `appointment_session_id`), narrowed if asked."""
    service = portal_service_for(body, caller, services)
    result = service.check_slots(fields=body.wizard_fields(), filters=body.slot_filters())
    return SlotsOut(**PortalEnvelope.fields_of(result), **result.model_dump())


@router.post("/make_appointment", response_model=BookingOut)
def make_appointment(body: MakeAppointmentRequest, caller: PortalCallerDep, services: ServicesDep) -> BookingOut:
    """Book a slot; `appointment_confirmed` only when the number was read back and seen in My Appointments."""
    result = portal_service_for(body, caller, services).book(fields=body.wizard_fields(), slot=body.slot)
    return BookingOut(**PortalEnvelope.fields_of(result), **result.model_dump())


@router.post("/get_appointments", response_model=AppointmentsOut)
def get_appointments(body: PortalTargetRequest, caller: PortalCallerDep, services: ServicesDep) -> AppointmentsOut:
    """Every visit in My Appointments, plus an Excel file of them."""
    result = portal_service_for(body, caller, services).my_appointments()
    return AppointmentsOut(**PortalEnvelope.fields_of(result), count=len(result.appointments),
                           appointments=result.appointments, file_url=result.files[0].url, files=result.files)


def _live_ids(services: AppServices) -> set[str]:
    pool = services.portal_pool
    return {s.portal_session_id for s in pool.stats().sessions} if pool is not None else set()


@router.get("/sessions", response_model=list[PortalSessionOut])
def list_portal_sessions(caller: PortalCallerDep, services: ServicesDep) -> list[PortalSessionOut]:
    """The caller's portal sessions that are open now."""
    live_ids = _live_ids(services)
    with services.session_factory() as db:
        rows = db.scalars(select(PortalSessionRow).where(PortalSessionRow.user_id == caller.user.id,
                                                         PortalSessionRow.status == "active")
                          .order_by(PortalSessionRow.last_used_at.desc()))
        return [PortalSessionOut.of(r, live_in_pool=r.portal_session_id in live_ids) for r in rows]


@router.delete("/sessions/{portal_session_id}", status_code=status.HTTP_204_NO_CONTENT)
def close_portal_session(portal_session_id: str, caller: PortalCallerDep, services: ServicesDep) -> None:
    """Close one of the caller's portal sessions (its browser quits)."""
    with services.session_factory() as db:
        owned_portal_session(db, user_id=caller.user.id, portal_session_id=portal_session_id)
    if services.portal_pool is not None:
        services.portal_pool.close(portal_session_id)  # the pool's recorder marks it closed as the browser quits
    with services.session_factory.begin() as db:
        row = owned_portal_session(db, user_id=caller.user.id, portal_session_id=portal_session_id)
        if row.status == "active":  # no browser of it was in the pool: nothing else will mark it
            row.status = "closed"
        record_action(db, user_id=caller.user.id, action="portal_session_closed",
                      portal_session_id=portal_session_id)
