"""Entities in a dispatcher's message: container numbers, terminals, move types, plates, dates, filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain import (
    TERMINAL_ALIASES,
    TERMINAL_NAMES,
    InvalidContainerNumber,
    TimeWindow,
    check_digit,
    closest_terminal,
    normalize_container_number,
    normalize_move_type,
    parse_clock,
    parse_time_window,
)

# Owner code, then 6 serial digits and the check digit, in whatever groups people type them ("msdu 577 2413").
_CONTAINER = re.compile(r"\b([A-Za-z]{3}[A-Za-z])((?:[\s.-]?\d){6})(?:[\s.-]?(\d))?\b")
_MOVE = re.compile(r"\b(pick|drop)[\s-]*(?:up\s+)?(full|empty)\b", re.I)
_MOVE_WORDS = ((re.compile(r"\bempty return|return (?:the |an? )?empty|drop (?:off )?(?:the |an? )?empty|"
                           r"bring (?:back )?(?:the )?empty|empty (?:drop|back)\b", re.I), "DROP EMPTY"),
               (re.compile(r"\bpick ?up (?:an? |the )?empty|empty pick ?up\b", re.I), "PICK EMPTY"),
               (re.compile(r"\bdrop (?:off )?(?:the |a )?(?:full|load|export)|export drop|ingate the load\b", re.I),
                "DROP FULL"),
               (re.compile(r"\b(?:import )?pick ?ups?\b|\bpull (?:it|the container)\b", re.I), "PICK FULL"))
_PLATE = re.compile(r"\b(?:truck|plate|tractor|lic(?:ense)?)\s*(?:#|no\.?|number|plate)?\s*:?\s*([A-Za-z0-9-]{4,9})\b",
                    re.I)
_CA_PLATE = re.compile(r"\b(\d[A-Z]{3}\d{3}|\d{2}[A-Z]\d{5}|[A-Z]{2,3}\d{3,4}[A-Z]?)\b")  # California truck plates
_SLOT_TIME = re.compile(
    r"\b(?:the\s+)?(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)(?:\s+one|\s+slot|\s+window|\s+o'?clock)\b"
    r"|\bat\s+(\d{1,2}(?::\d{2})\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))\b"
    r"|^\s*(?:the\s+)?(\d{1,2}:\d{2})\s*\??$",
    re.I,
)
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4,
             "5th": 4, "sixth": 5, "6th": 5, "seventh": 6, "7th": 6, "eighth": 7, "8th": 7, "ninth": 8, "9th": 8,
             "tenth": 9, "10th": 9, "last": -1, "earliest": 0, "top": 0}
# "it"/"its" only in lower case or at a sentence start: "ITS" is a terminal.
_REFERENCE = re.compile(r"\b(?:[Ii]ts?)\b|(?i:\b(?:same one|the same|same container|the container|the one)\b)|"
                        r"(?i:\b(?:that|this)(?=\s*(?:[?.!,]|$|\s+(?:one|container|box|unit)\b)))")
# A status word said negated ("haven't discharged", "not off the ship yet") means the other side of it.
_NOT = r"(?:not|never|n't|yet to)\s+(?:\w+\s+)?(?:been\s+|be\s+)?"
_ARRIVED = r"(?:discharged|unloaded|landed|arrived|off (?:the )?(?:vessel|ship|boat))"
_STATUS = (
    (re.compile(rf"{_NOT}{_ARRIVED}|\bon\s+(?:the\s+)?(?:vessel|ship|boat|board|water)\b|\bat\s+sea\b|"
                r"\b(?:still\s+)?sailing\b|\bin\s+transit\b|\bafloat\b|"
                r"\bnot (?:yet )?(?:in|at) (?:the )?(?:yard|port)\b",
                re.I), "ON VESSEL"),
    (re.compile(r"\bin\s+(?:the\s+)?yard\b|\b" + _ARRIVED + r"\b|\bon the ground\b|"
                r"\b(?:sitting|waiting|parked|still)\s+(?:at|in)\s+(?:the\s+)?(?:port|pier|dock|terminal)\b|"
                r"\bat\s+(?:the\s+)?(?:port|pier|docks?)\b",
                re.I), "IN YARD"),
    (re.compile(r"\bgate(?:d)?[\s-]?out\b|\bleft the (?:terminal|port)\b|\b(?:got|was|were|already|been) picked up\b",
                re.I), "GATE OUT"),
    (re.compile(r"\bgate(?:d)?[\s-]?in\b", re.I), "GATE IN"),
)
# Released, nothing holding it: free to leave the terminal ("good to go", "cleared to pull", "pullable").
_READY = re.compile(r"\bready\s+(?:to|for)\s+(?:pick\s*(?:up)?|pickup|pull|go|be picked up|collect)|"
                    r"\b(?:available|free|good|clear(?:ed)?|okay|ok)\s+(?:to|for)\s+(?:go|pick\s*(?:up)?|pickup|pull|"
                    r"be picked up|leave|collect|gate out)|\bcan (?:i|we) (?:pull|grab|get out|pick up|collect)\b|"
                    r"\bcan (?:go|leave|be (?:picked up|pulled|collected))\b|"
                    r"\bto pull\b|\bpullable\b|\bready to go\b", re.I)
_HOLDS_NO = re.compile(r"\b(?:no|without|zero|free of|clear of)\s+(?:any\s+)?holds?\b|\bholds?\s*(?:=|:)?\s*no\b|"
                       r"\breleased\b|\bnot (?:on |under )?(?:a )?hold\b|\bnot held\b", re.I)
_HOLDS_YES = re.compile(r"\b(?:with|have|has|having|got|any)\s+(?:a\s+|any\s+)?holds?\b|"
                        r"\b(?:on|under)\s+(?:a\s+)?hold\b|"
                        r"\bholds?\s*(?:=|:)?\s*yes\b|\bheld\b|\bcustoms\b|\b(?:blocked|stuck)\b|"
                        r"\bnot (?:yet )?released\b|\bholds? on\b|^\s*holds?\s*\??\s*$", re.I)
_LINES = {"mscu": "MSCU", "msc": "MSCU", "hdmu": "HDMU", "hmm": "HDMU", "hyundai": "HDMU", "cmdu": "CMDU",
          "cma": "CMDU", "cma cgm": "CMDU", "oney": "ONEY", "ymja": "YMJA", "yang ming": "YMJA", "eglv": "EGLV",
          "evergreen": "EGLV"}


@dataclass
class Entities:
    """What a message names; empty fields were not said."""

    containers: list[str] = field(default_factory=list)
    invalid_containers: list[tuple[str, str]] = field(default_factory=list)
    completed: list[tuple[str, str]] = field(default_factory=list)  # (typed without check digit, full number)
    terminal: str = ""
    move_type: str = ""
    plate: str = ""
    same_truck: bool = False
    own_chassis: bool | None = None
    window: TimeWindow = field(default_factory=TimeWindow)
    slot_choice: str = ""
    ordinal: int | None = None  # "the second one" -> 1, "the last one" -> -1
    next_one: bool = False  # "and the next one?"
    refers: bool = False  # "it", "that one": the container in focus
    status: str = ""
    holds: str = ""
    trade_type: str = ""
    line: str = ""
    lfd: bool = False
    past_lfd: bool = False  # "past LFD", "overdue"
    ready_to_pick_up: bool = False
    without_pregate_ticket: bool = False
    appointment_status: str = ""  # SCHEDULED, CANCELLED or COMPLETED, for My Appointments
    terminal_unnamed: bool = False  # "at the terminal" without saying which

    @property
    def day(self) -> date | None:
        """The one day named."""
        return self.window.day

    @property
    def day_from(self) -> date | None:
        """The first day of a range named."""
        return self.window.day_from

    @property
    def day_to(self) -> date | None:
        """The last day of a range named."""
        return self.window.day_to

    @property
    def starting_before(self) -> str:
        """Only windows starting before this time."""
        return self.window.starting_before

    @property
    def starting_after(self) -> str:
        """Only windows starting at or after this time."""
        return self.window.starting_after


def find_containers(text: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Valid numbers (normalised), invalid ones with the reason, and those completed with their check digit."""
    valid: list[str] = []
    invalid: list[tuple[str, str]] = []
    completed: list[tuple[str, str]] = []
    for match in _CONTAINER.finditer(text):
        owner, serial, digit = match.groups()
        raw = f"{owner}{re.sub(r'[^0-9]', '', serial)}{digit or ''}".upper()
        if raw[3] not in "UJZ" and not re.fullmatch(r"[A-Za-z]{4}\d{7}", match[0]):
            continue  # "from 1234567" is words and a number, not a container number typed apart
        if digit is None:
            if raw[3] not in "UJZ":
                continue  # "ABCD123456" without a check digit and a category letter is no container number
            full = f"{raw}{check_digit(raw)}"
            completed.append((raw, full))
            raw = full
        try:
            number = normalize_container_number(raw)
        except InvalidContainerNumber as exc:
            invalid.append((raw, exc.why))
            continue
        if number not in valid:
            valid.append(number)
    return valid, invalid, completed


# "its" is a word ("its LFD"); after "at"/"from"/"to" and before nothing that it could own, it is the terminal.
_ITS_LOWER = re.compile(r"\b(?:at|@|from|to|in|into|for)\s+its\b(?=\s*(?:$|[?.!,;)]|\s(?:long beach|lb|terminal|"
                        r"right now|now|today|tomorrow|yard|please|and|or|for|with|in|on|that|which|pls)\b))", re.I)


def find_terminal(text: str) -> str:
    """A terminal code from a code or a name in the text ("ITS" in capitals or where only a place fits)."""
    lowered = " " + " ".join(re.sub(r"[-,.?!]", " ", text).split()).lower() + " "
    for code, name in TERMINAL_NAMES.items():
        if " " + " ".join(name.replace("-", " ").split()).lower() + " " in lowered:
            return code
    for alias, code in sorted(TERMINAL_ALIASES.items(), key=lambda item: -len(item[0])):
        if alias == "its":
            if re.search(r"\bITS\b", text) or _ITS_LOWER.search(text):
                return code
            continue
        if f" {alias} " in lowered:
            return code
    return closest_terminal(lowered.split())


def find_ordinal(text: str) -> int | None:
    """Which item of a list shown the message picks: "the second one" -> 1, "#3" -> 2, "the last" -> -1."""
    lowered = text.lower()
    for word, index in _ORDINALS.items():
        if re.search(rf"\b{word}\b", lowered):
            return index
    number = re.search(r"(?:#|\bnumber\s*|\bno\.?\s*|\boption\s*|\bline\s*|^\s*)(\d{1,2})\b(?![:/]|\s*(?:am|pm))",
                       lowered)
    if number and 1 <= int(number[1]) <= 50 and not re.search(r"\bdays?\b|\bcontainers\b", lowered):
        return int(number[1]) - 1
    return None


def find_slot_choice(text: str) -> str:
    """A start time "HH:MM" the message picks a slot by ("the 8:00 one", "at 7am")."""
    match = _SLOT_TIME.search(text)
    if match:
        return parse_clock(match[1] or match[2] or match[3])
    return ""


def find_plate(text: str) -> str:
    """A truck plate said with "truck"/"plate", or written like a California truck plate."""
    plate = _PLATE.search(text)
    if plate and any(ch.isdigit() for ch in plate[1]) and not _CONTAINER.fullmatch(plate[1]):
        return plate[1].replace("-", "").upper()
    bare = _CA_PLATE.search(_CONTAINER.sub(" ", text))
    return bare[1] if bare else ""


def find_move_type(text: str) -> str:
    """The wizard's move type from "pick full" / "drop-empty" or the words dispatchers use ("empty return")."""
    move = _MOVE.search(text)
    if move:
        return normalize_move_type(f"{move[1]} {move[2]}")
    for pattern, move_type in _MOVE_WORDS:
        if pattern.search(text):
            return move_type
    return ""


def extract(text: str, today: date) -> Entities:
    """Every entity the message names."""
    entities = Entities()
    entities.containers, entities.invalid_containers, entities.completed = find_containers(text)
    entities.terminal = find_terminal(text)
    entities.move_type = find_move_type(text)
    entities.plate = find_plate(text)
    lowered = text.lower()
    entities.same_truck = bool(re.search(r"\bsame (?:truck|plate|tractor|driver)\b", lowered))
    if re.search(r"\b(no|not|without)\s+(?:our\s+|my\s+|an?\s+)?own\s+chassis\b|\bpool\s+chassis\b", lowered):
        entities.own_chassis = False
    elif re.search(r"\bown\s+chassis\b|\bour\s+chassis\b|\bmy\s+chassis\b", lowered):
        entities.own_chassis = True
    without_numbers = _CONTAINER.sub(" ", text)
    entities.window = parse_time_window(without_numbers, today)
    entities.slot_choice = find_slot_choice(without_numbers)
    entities.ordinal = find_ordinal(without_numbers)
    entities.next_one = bool(re.search(r"\b(?:the )?next (?:one|container|box)\b|^\s*(?:and )?next\s*\??\s*$", lowered))
    entities.refers = bool(_REFERENCE.search(_ITS_LOWER.sub(" at ITS", text)))  # "at its": the terminal
    _filters(text, lowered, entities)
    return entities


def _filters(text: str, lowered: str, entities: Entities) -> None:
    for pattern, status in _STATUS:
        if pattern.search(text):
            entities.status = status
            break
    if _HOLDS_NO.search(lowered) and not re.search(r"\bnot (?:yet )?released\b", lowered):
        entities.holds = "NO"
    elif _HOLDS_YES.search(lowered):
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
    entities.lfd = bool(re.search(r"\blfds?\b|\blast free days?\b|\bfree time\b|\bdue\b|\bdeadline\b|"
                                  r"\bneeds? to be (?:picked up|pulled)\b|\bdemurrage\b", lowered))
    _more_filters(lowered, entities)


def _more_filters(lowered: str, entities: Entities) -> None:
    entities.past_lfd = bool(re.search(r"\b(?:past|over|after|passed|beyond)\s+(?:the\s+|their\s+|its\s+)?"
                                       r"(?:lfd|last free day|free time)|\b(?:lfd|last free day)\s+(?:has\s+)?passed|"
                                       r"\boverdue\b|\bpast due\b|\bin demurrage\b|\bout of free time\b|"
                                       r"\bfree time (?:is |has )?(?:up|over|gone|expired|ran out|run out)\b", lowered))
    # Demurrage is what a box costs once its free time is over: asked without a day, it is the overdue ones.
    demurrage = re.search(r"\bdemurrage\b", lowered)
    if demurrage and not entities.window.has_days and not re.search(r"\b(?:will|before|avoid|starts?|going to)\b",
                                                                    lowered):
        entities.past_lfd = True
    if entities.past_lfd and demurrage and not entities.status:
        entities.status = "IN YARD"  # demurrage runs only while the box sits at the terminal
    entities.lfd = entities.lfd or entities.past_lfd
    entities.without_pregate_ticket = bool(re.search(r"\b(?:without|no|missing|lacking)\s+(?:an?\s+|any\s+)?"
                                                     r"pre[\s-]?gate\s+tickets?\b", lowered))
    if re.search(r"\bempt(?:y|ies)\b.*\breturned\b|\breturned empt(?:y|ies)\b|\bempt(?:y|ies) (?:are |is )?back\b",
                 lowered):
        entities.trade_type, entities.status = "IMPORT", "GATE IN"
    for pattern, value in ((r"\bcancel+ed\b", "CANCELLED"),
                           (r"\bcompleted?\b|\bdone\b|\bfinished\b|\bpast appointments\b", "COMPLETED"),
                           (r"\bscheduled\b|\bupcoming\b|\bcoming up\b|\bbooked\b|\bbook anything\b|"
                            r"\bnext appointments?\b", "SCHEDULED")):
        if re.search(pattern, lowered):
            entities.appointment_status = value
            break
    said_ready = re.search(r"\b(?:available|releas|pickable|ready\b)", lowered)
    if _READY.search(lowered) or (said_ready and not entities.containers
                                  and entities.trade_type != "EXPORT" and entities.holds != "YES"
                                  and not (entities.plate or entities.window.has_days or entities.window.has_times)
                                  and not re.search(r"\b(?:slots?|appointments?|windows?|openings?|times?)\b",
                                                    lowered)):
        entities.ready_to_pick_up = True
        entities.trade_type, entities.status, entities.holds = "IMPORT", "IN YARD", "NO"
    at_terminal = not entities.terminal and re.search(r"\b(?:the|a|which|what) terminals?\b", lowered)
    if at_terminal and (entities.trade_type or entities.holds or entities.line or entities.lfd or entities.status):
        entities.status = entities.status or "IN YARD"  # "released imports still at the terminal": in the yard
    else:
        entities.terminal_unnamed = bool(at_terminal)
