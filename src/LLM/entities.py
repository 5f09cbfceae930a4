"""Entities in a dispatcher's message: container numbers, terminals, move types, plates, dates, filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain import (
    TERMINAL_ALIASES,
    TERMINAL_NAMES,
    InvalidContainerNumber,
    normalize_container_number,
    normalize_move_type,
    parse_clock,
)

_CONTAINER = re.compile(r"\b([A-Za-z]{4})[\s-]?(\d{6})[\s-]?(\d)\b")
_MOVE = re.compile(r"\b(pick|drop)[\s-]*(?:up\s+)?(full|empty)\b", re.I)
_PLATE = re.compile(r"\b(?:truck|plate|tractor)\s*(?:#|no\.?|number|plate)?\s*:?\s*([A-Za-z0-9]{4,8})\b", re.I)
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BEFORE_TIME = re.compile(r"\bbefore\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)\b", re.I)
_SLOT_TIME = re.compile(
    r"\b(?:the\s+)?(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)(?:\s+one|\s+slot|\s+o'?clock)\b"
    r"|\bat\s+(\d{1,2}(?::\d{2})\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))\b",
    re.I,
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_STATUS = (
    (re.compile(r"\bin\s+(?:the\s+)?yard\b", re.I), "IN YARD"),
    (re.compile(r"\bon\s+(?:the\s+)?(?:vessel|ship|board)\b|\bstill\s+at\s+sea\b", re.I), "ON VESSEL"),
    (re.compile(r"\bgate(?:d)?[\s-]?out\b", re.I), "GATE OUT"),
    (re.compile(r"\bgate(?:d)?[\s-]?in\b", re.I), "GATE IN"),
)
_LINES = {"mscu": "MSCU", "msc": "MSCU", "hdmu": "HDMU", "hmm": "HDMU", "hyundai": "HDMU", "cmdu": "CMDU",
          "cma": "CMDU", "cma cgm": "CMDU", "oney": "ONEY", "ymja": "YMJA", "yang ming": "YMJA", "eglv": "EGLV",
          "evergreen": "EGLV"}


@dataclass
class Entities:
    """What a message names; empty fields were not said."""

    containers: list[str] = field(default_factory=list)
    invalid_containers: list[tuple[str, str]] = field(default_factory=list)
    terminal: str = ""
    move_type: str = ""
    plate: str = ""
    own_chassis: bool | None = None
    day: date | None = None
    day_from: date | None = None
    day_to: date | None = None
    starting_before: str = ""
    slot_choice: str = ""
    status: str = ""
    holds: str = ""
    trade_type: str = ""
    line: str = ""
    lfd: bool = False
    ready_to_pick_up: bool = False


def find_containers(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Valid numbers (normalised) and invalid ones with the reason, in order of appearance."""
    valid: list[str] = []
    invalid: list[tuple[str, str]] = []
    for match in _CONTAINER.finditer(text):
        raw = "".join(match.groups()).upper()
        try:
            number = normalize_container_number(raw)
        except InvalidContainerNumber as exc:
            invalid.append((raw, exc.why))
            continue
        if number not in valid:
            valid.append(number)
    return valid, invalid


def find_terminal(text: str) -> str:
    """A terminal code from a code or a name in the text ("ITS" only in capitals: "its" is a word)."""
    lowered = " " + " ".join(re.sub(r"[-,.?!]", " ", text).split()).lower() + " "
    for code, name in TERMINAL_NAMES.items():
        if " " + " ".join(name.replace("-", " ").split()).lower() + " " in lowered:
            return code
    for alias, code in sorted(TERMINAL_ALIASES.items(), key=lambda item: -len(item[0])):
        if alias == "its":
            if re.search(r"\bITS\b", text):
                return code
            continue
        if f" {alias} " in lowered:
            return code
    return ""


def _next_weekday(today: date, index: int) -> date:
    return today + timedelta(days=(index - today.weekday()) % 7)


def _one_day(word: str, today: date) -> date | None:
    word = word.lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS.index(word))
    return None


def _explicit_date(text: str, today: date) -> date | None:
    iso = _ISO_DATE.search(text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    for slash in _SLASH_DATE.finditer(text):
        month, day, year = int(slash[1]), int(slash[2]), int(slash[3] or today.year)
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if not slash[3] and found < today - timedelta(days=180):
            found = date(year + 1, month, day)  # "01/05" said in December means next January
        return found
    return None


def find_dates(text: str, today: date, entities: Entities) -> None:
    """Fill `day` or the `day_from`/`day_to` range from date words relative to `today`."""
    lowered = text.lower()
    if "day after tomorrow" in lowered:
        entities.day = today + timedelta(days=2)
        return
    if re.search(r"\bthis week\b", lowered):
        entities.day_from, entities.day_to = today, today + timedelta(days=6 - today.weekday())
        return
    if re.search(r"\bnext week\b", lowered):
        start = today + timedelta(days=7 - today.weekday())
        entities.day_from, entities.day_to = start, start + timedelta(days=6)
        return
    range_match = re.search(r"\b(before|by|until|through)\s+(today|tomorrow|" + "|".join(WEEKDAYS) + r")\b", lowered)
    if range_match:
        end = _one_day(range_match[2], today)
        if end is not None:
            entities.day_from = today
            entities.day_to = end - timedelta(days=1) if range_match[1] == "before" else end
            return
    explicit = _explicit_date(text, today)
    if explicit is not None:
        entities.day = explicit
        return
    for word in re.findall(r"\b(today|tomorrow|" + "|".join(WEEKDAYS) + r")\b", lowered):
        found = _one_day(word, today)
        if found is not None:
            entities.day = found
            return


def find_slot_choice(text: str) -> str:
    """Which offered slot the message picks: "first", "second", "last" or a start time "HH:MM"."""
    lowered = text.lower()
    for word, choice in (("first", "first"), ("earliest", "first"), ("second", "second"), ("third", "third"),
                         ("last", "last")):
        if re.search(rf"\b{word}\b", lowered):
            return choice
    match = _SLOT_TIME.search(text)
    if match:
        return parse_clock(match[1] or match[2])
    return ""


def extract(text: str, today: date) -> Entities:
    """Every entity the message names."""
    entities = Entities()
    entities.containers, entities.invalid_containers = find_containers(text)
    entities.terminal = find_terminal(text)
    move = _MOVE.search(text)
    if move:
        entities.move_type = normalize_move_type(f"{move[1]} {move[2]}")
    plate = _PLATE.search(text)
    if plate and any(ch.isdigit() for ch in plate[1]) and not _CONTAINER.fullmatch(plate[1]):
        entities.plate = plate[1].upper()
    lowered = text.lower()
    if re.search(r"\b(no|not|without)\s+(?:our\s+|my\s+)?own\s+chassis\b|\bpool\s+chassis\b", lowered):
        entities.own_chassis = False
    elif re.search(r"\bown\s+chassis\b|\bour\s+chassis\b|\bmy\s+chassis\b", lowered):
        entities.own_chassis = True
    find_dates(text, today, entities)
    if re.search(r"\bmorning\b", lowered):
        entities.starting_before = "12:00"
    before = _BEFORE_TIME.search(text)
    if before and parse_clock(before[1]):
        entities.starting_before = parse_clock(before[1])
    entities.slot_choice = find_slot_choice(text)
    _filters(text, lowered, entities)
    return entities


def _filters(text: str, lowered: str, entities: Entities) -> None:
    for pattern, status in _STATUS:
        if pattern.search(text):
            entities.status = status
            break
    if re.search(r"\b(no|without|zero)\s+holds?\b|\bholds?\s*(?:=|:)?\s*no\b|\breleased\b|\bnot on hold\b", lowered):
        entities.holds = "NO"
    elif re.search(r"\b(with|have|has|having)\s+(?:a\s+)?holds?\b|\bon hold\b|\bholds?\s*(?:=|:)?\s*yes\b", lowered):
        entities.holds = "YES"
    if re.search(r"\bimports?\b", lowered):
        entities.trade_type = "IMPORT"
    elif re.search(r"\bexports?\b", lowered) and not re.search(r"\bexport\s+(?:to|as|in|all|the|my|every)\b", lowered):
        entities.trade_type = "EXPORT"
    for alias, code in sorted(_LINES.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{alias}\b", lowered) and not (alias == "msc" and entities.containers):
            entities.line = code
            break
    if re.search(r"\bONE\b", text):
        entities.line = "ONEY"
    entities.lfd = bool(re.search(r"\blfd\b|\blast free day\b|\bfree time\b", lowered))
    if re.search(r"\bready\s+(?:to|for)\s+pick\s*(?:up)?\b|\bready for pickup\b|\bavailable for pick", lowered):
        entities.ready_to_pick_up = True
        entities.trade_type, entities.status, entities.holds = "IMPORT", "IN YARD", "NO"
