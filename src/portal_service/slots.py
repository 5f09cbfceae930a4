"""Choosing among offered appointment slots: a day, "morning", "the first one", "the 8:00 one"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import domain
from EModal import AppointmentSlot

_FIRST = {"first", "1", "1st", "earliest", "first one", "the first", "the first one", "first slot", "next"}
_ORDINALS = {"second": 1, "2nd": 1, "2": 1, "third": 2, "3rd": 2, "3": 2}
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b")
_TIME = re.compile(r"\b(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)\b(?!/)")


def slot_day(slot: AppointmentSlot) -> date | None:
    """The slot's day, when its text could be parsed."""
    start = slot.starts_at
    return start.date() if start else None


def filter_slots(slots: Sequence[AppointmentSlot], window: domain.TimeWindow) -> list[AppointmentSlot]:
    """The slots inside the window: on its days (inclusive) and starting in its times of day."""
    return [s for s in slots if window.holds(slot_day(s), s.start)]


def pick_slot(wanted: str, slots: Sequence[AppointmentSlot]) -> AppointmentSlot | None:
    """The offered slot a dispatcher means: exact text, "first", an ordinal, a start time, or a date + time."""
    if not slots:
        return None
    text = " ".join(wanted.split()).strip().lower()
    if text in _FIRST or not text:
        return slots[0]
    for slot in slots:
        if slot.text.lower() == text or slot.text.lower().startswith(text):
            return slot
    stripped = text.removeprefix("the ").removesuffix(" one").removesuffix(" slot")
    ordinals = {**_ORDINALS, "last": len(slots) - 1}
    if stripped in ordinals and ordinals[stripped] < len(slots):
        return slots[ordinals[stripped]]
    return _by_date_and_time(text, slots)


def _by_date_and_time(text: str, slots: Sequence[AppointmentSlot]) -> AppointmentSlot | None:
    date_match = _DATE.search(text)
    time_match = _TIME.search(_DATE.sub("", text))
    clock = domain.parse_clock(time_match[1]) if time_match else ""
    if not (date_match or clock):
        return None
    for slot in slots:
        start = slot.starts_at
        if start is None:
            continue
        if date_match and (start.month, start.day) != (int(date_match[1]), int(date_match[2])):
            continue
        if clock and not (slot.start <= clock < (slot.end or "24:00")):
            continue
        return slot
    return None
