"""What a dispatcher asks for: one intent per message, with follow-ups completed from the thread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from LLM.entities import Entities, extract

HELP = "help"
LIST = "list_containers"
STATUS = "container_status"
PREGATE = "pregate"
TIMELINE = "timeline"
SLOTS = "slots"
BOOK = "book"
MY_APPOINTMENTS = "my_appointments"
EXPORT = "export"
FULL_CHECK = "full_check"
SESSION = "session_status"
GREETING = "greeting"
UNKNOWN = "unknown"

# (intent, pattern) in priority order: the first that matches wins.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (HELP, re.compile(r"^\s*(help|\?|menu)\b|what can you do|how do i use|\bexamples?\b|\bhelp me\b", re.I)),
    (FULL_CHECK, re.compile(r"full (?:container )?check|check (?:all|every|everything)|"
                            r"run (?:the |a )?(?:hourly |full )?(?:container )?check|"
                            r"hourly (?:check|job|run)|all actionable|actionable containers", re.I)),
    (BOOK, re.compile(r"\bbook\b|\breserve\b|\bschedule (?:it|that|the|a)\b|\btake the\b|\bgo (?:with|for) the\b|"
                      r"\bconfirm the\b", re.I)),
    (MY_APPOINTMENTS, re.compile(r"\bmy appointments?\b|\b(?:booked|upcoming|scheduled|existing) "
                                 r"(?:appointments?|visits?)\b|\bappointments? (?:i|we) (?:have|made|booked)\b|"
                                 r"\bmy (?:visits|bookings)\b", re.I)),
    (EXPORT, re.compile(r"\bexport\b|\bexcel\b|\bspreadsheet\b|\bxlsx\b|\bdownload\b", re.I)),
    (SESSION, re.compile(r"\bsession\b|\blogged in\b|\blog ?in status\b|\bwhich account\b|\bam i connected\b|"
                         r"\bconnection status\b", re.I)),
    (SLOTS, re.compile(r"\bslots?\b|\bappointments?\b|\bavailab|\bwhen can (?:i|we)\b|\bopenings?\b|"
                       r"\btime windows?\b", re.I)),
    (TIMELINE, re.compile(r"\btimeline\b|\bmilestones?\b|\bscreenshot\b|\bhistory of\b", re.I)),
    (PREGATE, re.compile(r"\bpre-?gate[ds]?\b", re.I)),
    (STATUS, re.compile(r"\bstatus\b|\bwhere is\b|\bwhere's\b|\bwhat about\b|\btell me about\b|\bdetails?\b|"
                        r"\binfo\b|\blook ?up\b|\bcheck\b", re.I)),
    (LIST, re.compile(r"\bcontainers?\b|\bboxes\b|\bunits\b|\blist\b|\bhow many\b|\bwhich\b|\bshow\b|"
                      r"\bready (?:to|for) pick|\blfd\b|\blast free day\b|\bholds?\b|\bimports?\b|\bexports?\b|"
                      r"\bin (?:the )?yard\b|\bon (?:the )?vessel\b", re.I)),
    (GREETING, re.compile(r"^\s*(hi|hello|hey|good (?:morning|afternoon|evening)|thanks?|thank you)\b", re.I)),
)


@dataclass
class Intent:
    """One request: its kind and the entities it names (completed from the thread for follow-ups)."""

    kind: str
    entities: Entities = field(default_factory=Entities)
    text: str = ""

    @property
    def container(self) -> str:
        """The first valid container number named."""
        return self.entities.containers[0] if self.entities.containers else ""


def classify(text: str, entities: Entities) -> str:
    """The intent of one message on its own."""
    for kind, pattern in _RULES:
        if pattern.search(text):
            if kind == LIST and entities.containers and not re.search(r"\bcontainers\b|\blist\b", text, re.I):
                return STATUS
            return kind
    if entities.containers or entities.invalid_containers:
        return STATUS
    return UNKNOWN


def _is_bare_followup(entities: Entities) -> bool:
    """A message that only adds details (a plate, a day, a terminal...) to the previous request."""
    return bool(entities.plate or entities.day or entities.day_from or entities.terminal or entities.move_type
                or entities.starting_before or entities.own_chassis is not None)


def _merge(current: Entities, previous: Entities) -> Entities:
    merged = replace(current)
    for name in ("terminal", "move_type", "plate", "starting_before"):
        if not getattr(merged, name):
            setattr(merged, name, getattr(previous, name))
    if merged.own_chassis is None:
        merged.own_chassis = previous.own_chassis
    if not (merged.day or merged.day_from):
        merged.day, merged.day_from, merged.day_to = previous.day, previous.day_from, previous.day_to
    if not merged.containers and not merged.invalid_containers:
        merged.containers = list(previous.containers)
    return merged


def parse(text: str, today: date, earlier: list[str] | None = None) -> Intent:
    """The intent of `text`; `earlier` are the thread's previous user messages, oldest first."""
    entities = extract(text, today)
    kind = classify(text, entities)
    history = [(classify(t, extract(t, today)), extract(t, today)) for t in (earlier or [])[-6:]]
    if kind == UNKNOWN and history and _is_bare_followup(entities):
        kind, previous = history[-1]
        if kind in (UNKNOWN, GREETING, HELP):
            return Intent(UNKNOWN, entities, text)
        return Intent(kind, _merge(entities, previous), text)
    if kind in (SLOTS, BOOK, STATUS, PREGATE, TIMELINE, FULL_CHECK) and history:
        # Details said earlier in the thread (the truck, the container) still hold unless said again.
        for _, previous in reversed(history):
            if kind in (SLOTS, BOOK, FULL_CHECK):
                entities = _keep_truck(entities, previous)
            if kind != FULL_CHECK:
                entities = _fill_container(entities, previous)
    return Intent(kind, entities, text)


def _fill_container(current: Entities, previous: Entities) -> Entities:
    if current.containers or current.invalid_containers:
        return current
    return replace(current, containers=list(previous.containers))


def _keep_truck(current: Entities, previous: Entities) -> Entities:
    return replace(current, plate=current.plate or previous.plate,
                   own_chassis=previous.own_chassis if current.own_chassis is None else current.own_chassis)
