"""What a dispatcher asks for: one intent per message, completed from the thread's memory and earlier messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from LLM.entities import Entities, extract
from LLM.memory import DialogueMemory
from LLM.vocabulary import normalize

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
NEEDS_CONTAINER = (STATUS, PREGATE, TIMELINE, SLOTS, BOOK)
# The kind of question a tool answered, for "and the next one?".
_KIND_OF_TOOL = {"get_container": STATUS, "get_container_timeline": TIMELINE, "check_appointments": SLOTS}

# (intent, pattern) in priority order: the first that matches wins.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (HELP, re.compile(r"^\s*(help|\?|menu)\b|what can you do|how do i use|\bexamples?\b|\bhelp me\b", re.I)),
    (FULL_CHECK, re.compile(r"full (?:container )?check|check (?:all|every|everything|each)|\bsweep\b|"
                            r"run (?:the |a )?(?:hourly |full )?(?:container )?check|go (?:through|over) (?:all|every)|"
                            r"hourly (?:check|job|run)|all actionable|actionable containers|"
                            r"\b(?:all|every|each) (?:of )?(?:my |our |the )?containers? (?:for|and find|that need)|"
                            r"\bslots? for (?:all|every|everything|each)|"
                            r"\bwhich (?:of (?:my|our) )?containers need (?:an )?appointments?|"
                            # "find appointments for everything that needs one", "slots for all of them"
                            r"\b(?:appointments?|slots?|visits?)\b.*\b(?:for|on) (?:everything|"
                            r"every (?:container|box|one)|all (?:of )?(?:my |our |the )?(?:containers|boxes|them|units|"
                            r"ones))\b|"
                            r"\b(?:everything|anything|all|whatever|every(?:one| container| box)) (?:that )?needs? "
                            r"(?:an? )?(?:appointment|slot|one|booking)", re.I)),
    (MY_APPOINTMENTS, re.compile(r"\b(?:my|our) (?:\w+ )?appointments?\b|"
                                 r"\b(?:booked|upcoming|scheduled|existing|current|cancel+ed|completed|past|previous) "
                                 r"(?:appointments?|visits?)\b|"
                                 r"\bappointments? (?:are |i have )?coming up\b|\bdid (?:i|we) book\b|"
                                 r"\bhave (?:i|we) booked\b|\bbook(?:ed)? anything\b|"
                                 r"\bappointments? (?:i|we) (?:have|made|booked|got)\b|"
                                 r"\bappointments? (?:already )?(?:booked|scheduled|made)\b|"
                                 r"\bmy (?:visits|bookings)\b|\bwhat (?:do|did|have) (?:i|we) (?:have )?booked\b|"
                                 r"\bwhat is (?:already )?booked\b|\bour appointments?\b|"
                                 # "what have I got booked", "what do we have scheduled", "pickups I have lined up"
                                 r"\b(?:i|we)(?:'ve)? (?:have |got |had )?(?:got |have )?(?:\w+ ){0,2}"
                                 r"(?:booked|scheduled|lined up|set up|on the books)\b|"
                                 r"\bhave (?:i|we) (?:got )?(?:\w+ ){0,2}(?:booked|scheduled)\b|"
                                 r"\b(?:truck )?visits\b|\b(?:appointments?|bookings?|pick ?ups?|drop ?offs?) "
                                 r"(?:\w+ ){0,2}(?:got |were |was |been |are |is )?(?:cancel+ed|completed|scheduled|"
                                 r"booked|upcoming|coming up|confirmed)\b|"
                                 r"\b(?:cancel+ed|completed|confirmed|upcoming|scheduled) (?:pick ?ups?|drop ?offs?|"
                                 r"moves|bookings)\b|\b(?:my|our) schedule\b|\bon (?:the|my|our) (?:schedule|books)\b|"
                                 r"\b(?:anything|something|what|everything) (?:is |already )?(?:booked|scheduled)\b",
                                 re.I)),
    (BOOK, re.compile(r"\bbook\b|\breserve\b|\bschedule (?:it|that|the|a|one)\b|\btake the\b|\bgo (?:with|for) the\b|"
                      r"\bconfirm the\b|\block (?:it|that|the) in\b|\bgrab the\b", re.I)),
    (EXPORT, re.compile(r"\bexport (?:to|as|in|all|my|every|the list)\b|\bexcel\b|\bspreadsheet\b|\bxlsx?\b|"
                        r"\bdownload\b|^\s*export\s*$|\bdump\b|\bto a file\b|\bcsv\b", re.I)),
    (SESSION, re.compile(r"\bsession\b|\blogged (?:in|on|into)\b|\blog ?in status\b|\bwhich (?:emodal )?account\b|"
                         r"\bconnected\b|\blog ?in (?:working|ok|still)|\bemodal log ?in\b|\baccount am i\b|"
                         r"\bconnection\b|\bonline\b|\bemodal (?:up|working|down|status)\b|"
                         r"\bis emodal (?:up|working|down)\b|\bsigned (?:in|on|into)\b|\bsign ?in (?:working|ok)\b|"
                         # "is the portal down or are we good?", "emodal still working for us?"
                         r"\b(?:emodal|portal|site|website|connection|login)\b(?:\s+\w+){0,2}\s+(?:up|down|working|"
                         r"ok|okay|good|alive|online|offline|reachable|responding|live)\b|"
                         r"\b(?:up|down|working|online|offline|live)\b(?:\s+\w+){0,2}\s+(?:emodal|portal)\b", re.I)),
    (SLOTS, re.compile(r"\bslots?\b|\bappointments?\b|\bavailab|\bwhen can (?:i|we)\b|\bopenings?\b|"
                       r"\btime windows?\b|\bwindows?\b", re.I)),
    (TIMELINE, re.compile(r"\btimeline\b|\bmilestones?\b|\bscreenshot\b|\bhistory of\b", re.I)),
    (PREGATE, re.compile(r"\bpre[\s-]?gate[ds]?\b", re.I)),
    (STATUS, re.compile(r"\bstatus\b|\bwhere is\b|\bwhere's\b|\btell me about\b|\bdetails?\b|"
                        r"\blook ?up\b|\bcheck\b", re.I)),
    (LIST, re.compile(r"\bcontainers?\b|\bboxes\b|\bunits\b|\blist\b|\bhow many\b|\bwhich\b|\bshow\b|"
                      r"\bready (?:to|for) pick|\blfds?\b|\blast free days?\b|\bholds?\b|\bimports?\b|\bexports?\b|"
                      r"\bin (?:the )?yard\b|\bon (?:the )?vessel\b|\bready\b", re.I)),
    (GREETING, re.compile(r"^\s*(hi|hello|hey|good (?:morning|afternoon|evening)|thanks?|thank you)\b", re.I)),
)
_PLURAL_LIST = re.compile(r"\bcontainers\b|\blist\b|\bhow many\b|\bboxes\b|\ball\b", re.I)
# "and MSDU5772413?", "what about tomorrow?", "same but truck 8KRT223": the previous request, changed.
_FOLLOWUP = re.compile(r"^\s*(?:and|what about|how about|same|now|also|ok(?:ay)?,? (?:and|now)|then)\b|"
                       r"^\s*(?:only|just) (?:the )?\w+ ones?\b", re.I)
_THOSE = re.compile(r"\b(?:those|these|them|of them)\b", re.I)
_ASKS_SLOTS = re.compile(r"\bslots?\b|availab|\bopen\b|\bfree\b|\bfind\b|\bget\b|\bneed\b|\bwhen can\b|"
                         r"\bopenings?\b|\bany\b", re.I)
_CONTAINER_KINDS = (STATUS, PREGATE, TIMELINE, SLOTS)


@dataclass
class Intent:
    """One request: its kind, the entities it names, and what the thread resolved ("the second one" -> a number)."""

    kind: str
    entities: Entities = field(default_factory=Entities)
    text: str = ""
    container: str = ""  # the container meant (said, or resolved from memory)
    slot: str = ""  # the slot meant: an offered slot's text, or a choice such as "first" or "08:00"
    field: str = ""  # a single field asked about ("lfd")
    plate: str = ""  # the truck meant (said, or the one used before)
    problem: str = ""  # why the request cannot be resolved (e.g. "only 2 slots were offered")


def classify(text: str, entities: Entities) -> str:
    """The intent of one message on its own (UNKNOWN when only the thread can tell)."""
    for kind, pattern in _RULES:
        if pattern.search(text):
            return _refine(kind, text, entities)
    return UNKNOWN


def _refine(kind: str, text: str, entities: Entities) -> str:
    """Corrections to the first rule that matched, from what else the message says."""
    one_container = (entities.containers or entities.refers or entities.ordinal is not None or entities.next_one
                     or (re.search(r"\bthe (?:lfd|last free day)\b", text, re.I) and not entities.window.has_days))
    if entities.past_lfd and not entities.containers and not re.search(r"\b(?:it|that one|this one)\b", text, re.I):
        return LIST  # "what's past its LFD": the overdue ones
    if kind == LIST and one_container and not _PLURAL_LIST.search(text):
        return STATUS
    if kind == PREGATE and entities.without_pregate_ticket and not entities.containers:
        return LIST
    if kind == SLOTS and entities.ready_to_pick_up and not entities.containers:
        return LIST  # "containers available for pickup": a list, not slots
    if (kind == SLOTS and entities.appointment_status and not entities.containers and not entities.plate
            and not re.search(r"\b(?:open|free|available|find|get|need)\b", text, re.I)):
        return MY_APPOINTMENTS  # "which appointments are done": the ones made, by status
    if (kind == SLOTS and entities.containers and not (entities.plate or entities.window.has_days
                                                          or entities.window.has_times or entities.move_type)
            and not _ASKS_SLOTS.search(text)):
        return MY_APPOINTMENTS  # "appointments for MSDU5772413": the ones it has, not new ones
    return kind


def _is_bare_followup(entities: Entities) -> bool:
    """A message that only adds details (a plate, a day, a terminal...) to the previous request."""
    return bool(entities.plate or entities.window.has_days or entities.window.has_times or entities.terminal
                or entities.move_type or entities.own_chassis is not None or entities.same_truck)


def _merge(current: Entities, previous: Entities) -> Entities:
    merged = replace(current)
    for name in ("terminal", "move_type", "plate"):
        if not getattr(merged, name):
            setattr(merged, name, getattr(previous, name))
    if merged.own_chassis is None:
        merged.own_chassis = previous.own_chassis
    if not merged.window.has_days and not merged.window.has_times:
        merged.window = previous.window
    elif not merged.window.has_days:
        merged.window = replace(merged.window, day_from=previous.window.day_from, day_to=previous.window.day_to)
    if not merged.containers and not merged.invalid_containers:
        merged.containers = list(previous.containers)
    return merged


def understand(text: str, today: date) -> tuple[str, Entities]:
    """The kind and entities of one message on its own (shorthand and typos made plain first)."""
    clean = normalize(text)
    entities = extract(clean, today)
    return classify(clean, entities), entities


def parse(text: str, today: date, earlier: list[str] | None = None, memory: DialogueMemory | None = None) -> Intent:
    """The intent of `text`, given the thread's earlier user messages (oldest first) and what it showed."""
    memory = memory or DialogueMemory()
    kind, entities = understand(text, today)
    explicit = kind != UNKNOWN
    history = [understand(t, today) for t in (earlier or [])[-6:]]
    if kind == UNKNOWN:
        kind = _kind_of_choice(entities, memory, history)
    if kind in (UNKNOWN, STATUS) and history:
        kind, entities = _followup(kind, text, entities, history, explicit)
    if kind == UNKNOWN:
        kind = _default_kind(entities)
    if kind == LIST and _THOSE.search(text):
        previous = next((e for k, e in reversed(history) if k == LIST), None)
        entities = _merge_filters(entities, previous) if previous else entities
    if kind in (SLOTS, BOOK, FULL_CHECK):
        for _, previous in reversed(history):
            entities = _keep_truck(entities, previous)
    intent = Intent(kind, entities, text, plate=entities.plate)
    if not intent.plate and kind in (SLOTS, BOOK, FULL_CHECK) and (entities.same_truck or kind != FULL_CHECK):
        intent.plate = memory.get("plate", "")
    if kind in NEEDS_CONTAINER:
        _resolve_container(intent, memory, history)
    if kind == STATUS and entities.lfd:
        intent.field = "lfd"
    if kind == BOOK:
        _resolve_slot(intent, memory)
    return intent


def _followup(kind: str, text: str, entities: Entities, history: list[tuple[str, Entities]],
              explicit: bool) -> tuple[str, Entities]:
    """The previous request with what this message changes ("and MSDU5772413?", "what about the day after?")."""
    previous_kind, previous = next(((k, e) for k, e in reversed(history) if k not in (UNKNOWN, GREETING, HELP)),
                                   (UNKNOWN, Entities()))
    said_followup = bool(_FOLLOWUP.search(text))
    if (not explicit and previous_kind in (*_CONTAINER_KINDS, BOOK) and not previous.containers
            and (entities.containers or entities.ordinal is not None)):
        return previous_kind, _merge(entities, previous)  # the answer to "which container?"
    if previous_kind == UNKNOWN or (kind == STATUS and not (said_followup and previous_kind in _CONTAINER_KINDS)):
        return kind, entities
    if not (said_followup or _is_bare_followup(entities)):
        return kind, entities
    if entities.containers and previous_kind not in _CONTAINER_KINDS:
        return kind, entities  # a number after a list is a question about that container
    merged = _merge(entities, previous)
    if re.search(r"\bday after\b", text, re.I) and not re.search(r"\bafter (?:tomorrow|tmrw)\b", text, re.I):
        day = previous.window.day
        if day is not None:
            merged.window = replace(merged.window, day_from=day + timedelta(days=1), day_to=day + timedelta(days=1))
    return previous_kind, merged


def _default_kind(entities: Entities) -> str:
    """A message no rule placed: a container number asks about it (or its slots), filters ask for a list."""
    if entities.containers or entities.invalid_containers:
        wants_slots = entities.plate or entities.window.has_days or entities.window.has_times
        return SLOTS if wants_slots and entities.containers else STATUS
    if (entities.status or entities.holds or entities.trade_type or entities.line or entities.terminal
            or entities.ready_to_pick_up or entities.lfd or entities.without_pregate_ticket):
        return LIST
    return UNKNOWN


def _merge_filters(current: Entities, previous: Entities) -> Entities:
    """"Which of those are on hold?": the earlier list's filters, narrowed by this message's."""
    merged = replace(current)
    for name in ("status", "holds", "trade_type", "line", "terminal"):
        if not getattr(merged, name):
            setattr(merged, name, getattr(previous, name))
    merged.without_pregate_ticket = merged.without_pregate_ticket or previous.without_pregate_ticket
    if not merged.lfd and previous.lfd:
        merged.lfd, merged.window = True, previous.window
    return merged


def _kind_of_choice(entities: Entities, memory: DialogueMemory, history: list[tuple[str, Entities]]) -> str:
    """What a bare "the second one", "the 08:00 one" or "and the next one?" asks, from what was shown last."""
    shown = memory.get("shown", "")
    if entities.next_one:
        previous = next((k for k, _ in reversed(history) if k in (STATUS, PREGATE, TIMELINE)), "")
        fallback = STATUS if memory.get("containers") else UNKNOWN
        return previous or _KIND_OF_TOOL.get(memory.get("last_tool", ""), fallback)
    if shown == "slots" and (entities.ordinal is not None or entities.slot_choice):
        return BOOK
    if entities.ordinal is not None and (shown in ("containers", "appointments") or memory.get("containers")):
        return STATUS
    return UNKNOWN


def _listed(memory: DialogueMemory) -> list[str]:
    """The containers of the list shown last (an appointments list names containers too)."""
    if memory.get("shown") == "appointments" and memory.get("appointments"):
        return [a.get("container", "") for a in memory.get("appointments", [])]
    return list(memory.get("containers", []))


def _resolve_container(intent: Intent, memory: DialogueMemory, history: list[tuple[str, Entities]]) -> None:
    e = intent.entities
    focus = memory.get("container", "")
    listed = _listed(memory)
    if e.containers:
        intent.container = e.containers[0]
    elif e.next_one and listed:
        index = listed.index(focus) + 1 if focus in listed else 0
        if index < len(listed):
            intent.container = listed[index]
        else:
            intent.problem = f"that was the last of the {len(listed)} containers listed"
    elif e.ordinal is not None and listed and not (intent.kind == BOOK and memory.get("shown") == "slots"):
        if -len(listed) <= e.ordinal < len(listed):
            intent.container = listed[e.ordinal]
        else:
            intent.problem = f"only {len(listed)} containers were listed"
    elif intent.kind == BOOK and memory.get("slots_container"):
        intent.container = memory.get("slots_container", "")
    elif focus:
        intent.container = focus
    else:
        intent.container = next((p.containers[0] for _, p in reversed(history) if p.containers), "")


def _resolve_slot(intent: Intent, memory: DialogueMemory) -> None:
    """The offered slot meant, by its place in the list shown or its start time ("first" when nothing says)."""
    e = intent.entities
    slots = memory.get("slots", []) if memory.get("slots_container") == intent.container else []
    if e.ordinal is not None and slots:
        if -len(slots) <= e.ordinal < len(slots):
            intent.slot = slots[e.ordinal]
        else:
            intent.problem = f"only {len(slots)} slot(s) were offered"
        return
    if e.slot_choice:
        exact = [s for s in slots if _window(s)[0] == e.slot_choice]
        inside = [s for s in slots if _window(s)[0] <= e.slot_choice < _window(s)[1]]
        intent.slot = (exact or inside or [e.slot_choice])[0]
        return
    intent.slot = slots[0] if slots else "first"


def _window(slot: str) -> tuple[str, str]:
    """("HH:MM", "HH:MM") of a slot text's time window; ("~", "") when it has none (matches no time)."""
    window = re.search(r"(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})", slot)
    return (window[1], window[2]) if window else ("~", "")


def _keep_truck(current: Entities, previous: Entities) -> Entities:
    return replace(current, plate=current.plate or previous.plate,
                   own_chassis=previous.own_chassis if current.own_chassis is None else current.own_chassis)
