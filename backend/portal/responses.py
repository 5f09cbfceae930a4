"""JSON views of the connector's records."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from EModal import Appointment, AppointmentSession, BookingResult, Container, Timeline


def container(record: Container) -> dict[str, Any]:
    """A container row with the portal's fields."""
    return asdict(record)


def timeline(record: Timeline) -> dict[str, Any]:
    """Milestones, pregate verdict and how it was decided."""
    return {
        "container_number": record.container_number,
        "trade_type": record.trade_type,
        "timeline": [{"milestone": m.name, "date": m.date, "reached": m.reached} for m in record.milestones],
        "passed_pregate": record.passed_pregate,
        "detection_method": record.detection_method,
    }


def appointment_session(session: AppointmentSession) -> dict[str, Any]:
    """Where the wizard stands and the slots it offers."""
    return {
        "appointment_session_id": session.id,
        "current_phase": session.phase,
        "available_times": [slot.text for slot in session.available_times],
        "expires_in_seconds": round(session.expires_in_seconds),
    }


def booking(result: BookingResult) -> dict[str, Any]:
    """What the portal confirmed."""
    return {
        "appointment_confirmed": result.appointment_confirmed,
        "appointment_number": result.appointment_number,
        "slot": result.slot.text,
        "seen_in_my_appointments": result.seen_in_my_appointments,
    }


def appointment(record: Appointment) -> dict[str, Any]:
    """A row of My Appointments."""
    return {"appointment_number": record.appointment_number, **record.columns}
