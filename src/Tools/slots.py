"""Choosing among offered appointment slots: "the first one", "the 8:00 one", a date, "morning"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from EModal import AppointmentSlot

_FIRST = {"first", "1", "1st", "earliest", "first one", "the first", "the first one", "first slot", "next"}
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")


def slot_day(slot: AppointmentSlot) -> date | None:
    """The slot's day, when its text could be parsed."""
    start = slot.starts_at
    return start.date() if start else None


def parse_clock(text: str) -> str:
    """"8", "8:00", "8am", "14:30" -> "HH:MM"; "" when not a time of day."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return ""
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return ""
    return f"{hour:02d}:{minute:02d}"


def filter_slots(slots: Sequence[AppointmentSlot], *, day: date | None = None,
                 starting_before: str = "") -> list[AppointmentSlot]:
    """Slots on `day` (any day when None) that start before `starting_before` ("HH:MM", "" for any)."""
    kept = []
    for slot in slots:
        if day is not None and slot_day(slot) != day:
            continue
        if starting_before and slot.start and slot.start >= starting_before:
            continue
        kept.append(slot)
    return kept


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
    ordinals = {"second": 1, "2nd": 1, "2": 1, "third": 2, "3rd": 2, "3": 2, "last": len(slots) - 1}
    stripped = text.removeprefix("the ").removesuffix(" one").removesuffix(" slot")
    if stripped in ordinals and ordinals[stripped] < len(slots):
        return slots[ordinals[stripped]]
    date_match = re.search(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b", text)
    time_match = re.search(r"\b(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)\b(?!/)", re.sub(r"\d{1,2}/\d{1,2}(/\d{4})?", "", text))
    clock = parse_clock(time_match[1]) if time_match else ""
    for slot in slots:
        start = slot.starts_at
        if start is None:
            continue
        if date_match and (start.month, start.day) != (int(date_match[1]), int(date_match[2])):
            continue
        if clock and not (slot.start <= clock < (slot.end or "24:00")):
            continue
        if date_match or clock:
            return slot
    return None


def slot_from_text(text: str) -> AppointmentSlot:
    """Rebuild a slot from its option text (as kept in a tool result)."""
    return AppointmentSlot.parse(text)


def format_day(day: date) -> str:
    """A day as the wizard writes it (MM/DD/YYYY)."""
    return datetime.combine(day, datetime.min.time()).strftime("%m/%d/%Y")
