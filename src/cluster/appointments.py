"""Appointment sessions (wizards in progress) kept in Redis per account, so any replica resumes one.

The wizard's state is in the browser itself (on the Grid); what a replica needs besides is the appointment session
record: the request so far, the phase reached, the slots offered. It is loaded when a replica holds the account's
browser and saved when it lets go (the account's lock is held in between). Expiry is kept as a wall-clock time:
monotonic clocks differ between processes.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Any

import redis

from EModal import AppointmentRequest, AppointmentSession, AppointmentSlot


class AppointmentSessionStore:
    """Each account's appointment sessions as one Redis hash: id -> JSON."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    def _key(self, account_key: str) -> str:
        return f"{self._prefix}:appointment-sessions:{account_key}"

    def load(self, account_key: str) -> dict[str, AppointmentSession]:
        """The account's unexpired appointment sessions."""
        loaded = (_from_json(raw) for raw in self._redis.hvals(self._key(account_key)))
        return {s.id: s for s in loaded if not s.expired}

    def save(self, account_key: str, appointment_sessions: dict[str, AppointmentSession]) -> None:
        """Replace the account's appointment sessions by these (expired ones left out)."""
        live = [s for s in appointment_sessions.values() if not s.expired]
        pipe = self._redis.pipeline(transaction=True)
        pipe.delete(self._key(account_key))
        if live:
            pipe.hset(self._key(account_key), mapping={s.id: _to_json(s) for s in live})
            pipe.expire(self._key(account_key), max(1, int(max(s.expires_in_seconds for s in live)) + 1))
        pipe.execute()

    def drop(self, account_key: str) -> None:
        """Forget the account's appointment sessions (its browser is gone, and the wizards with it)."""
        self._redis.delete(self._key(account_key))


def _to_json(appointment_session: AppointmentSession) -> str:
    return json.dumps({
        "id": appointment_session.id,
        "portal_session_id": appointment_session.portal_session_id,
        "request": asdict(appointment_session.request),
        "lifetime_seconds": appointment_session.lifetime_seconds,
        "phase": appointment_session.phase,
        "available_times": [asdict(slot) for slot in appointment_session.available_times],
        "variant_form": appointment_session.variant_form,
        "booked": appointment_session.booked,
        "expires_at": time.time() + appointment_session.expires_in_seconds,
    })


def _from_json(raw: Any) -> AppointmentSession:
    data = json.loads(raw)
    request = dict(data["request"])
    request["seals"] = tuple(request.get("seals", ()))
    lifetime = float(data["lifetime_seconds"])
    left = float(data["expires_at"]) - time.time()
    return AppointmentSession(
        portal_session_id=data["portal_session_id"], request=AppointmentRequest(**request), lifetime_seconds=lifetime,
        id=data["id"], phase=int(data["phase"]),
        available_times=[AppointmentSlot(**slot) for slot in data["available_times"]],
        variant_form=bool(data["variant_form"]), booked=bool(data["booked"]),
        touched_at=time.monotonic() - (lifetime - left),
    )
