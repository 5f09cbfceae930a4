"""HELD-OUT SET: never shown to the offline model's author and never tuned on.

Whoever improves the model tunes against tuning.py only; these phrasings measure whether that generalises.
Do not copy phrasings from here into tuning.py, and do not read this file while changing src/LLM.
"""

from __future__ import annotations

from collections.abc import Callable

from sandbox.dataset import DEMO_ACTIONABLE as READY
from sandbox.dataset import DEMO_EMPTY_RETURNED as RETURNED
from sandbox.dataset import DEMO_EXPORT as EXPORT
from sandbox.dataset import DEMO_PREGATED as PREGATED
from tests.conversations.cases import Case, Check, case, one, say
from tests.conversations.checks import (
    Terminal,
    asks,
    fact,
    has_file,
    lists,
    lists_when,
    mentions_day,
    no_tool,
    pregate,
    says,
    says_total,
    shown,
    tool,
)
from tests.conversations.portal_checks import (
    Days,
    already_booked,
    appointments_listed,
    awaits_approval,
    booked,
    full_check,
    no_slots_offered,
    not_booked,
    slots,
    still_waiting,
)
from tests.conversations.world import (
    World,
    at_terminal,
    in_yard,
    lfd,
    lfd_between,
    prebooked,
    ready_elsewhere,
    ready_to_pick_up,
    us_date,
    weekday,
)

P1, P2, P3 = "7KRT481", "8KRT223", "6KRT917"


def its_pick(days: Days | None = None, after: str | Callable[[World], str] = "",
             before: str | Callable[[World], str] = "") -> Check:
    return slots("ITS", "PICK FULL", days=days, after=after, before=before)


def on(offset: int, until: int | None = None) -> Days:
    return lambda w: (w.day(offset), w.day(offset if until is None else until))


HELDOUT: list[Case] = [
    # lists and filters
    one("lists", "free-to-go", "what boxes are free to go out of the terminal?", lists(ready_to_pick_up)),
    one("lists", "sitting-at-port", "how many are sitting at the port right now", lists(in_yard)),
    one("lists", "still-sailing", "which ones haven't discharged yet", lists(lambda c: c.status == "ON VESSEL")),
    one("lists", "held-up", "anything held up by customs or the line?", lists(lambda c: c.holds)),
    # terminals
    one("terminals", "its-lower", "show me whats at its", tool("list_containers", terminal=Terminal("ITS")),
        lists(at_terminal("ITS"))),
    one("terminals", "lbct-typo", "containers at long beach containr terminal", lists(at_terminal("BNLPC"))),
    one("terminals", "trapac-typo", "anything at trapak", lists(at_terminal("TRP1"))),
    one("terminals", "everport-la", "list whats at Everport LA", lists(at_terminal("ETSLAX"))),
    # container numbers
    one("numbers", "dots-lower", "mscu 5165756 - any update?", says(READY, "IN YARD")),
    one("numbers", "export-status", f"where's the export {EXPORT} at", says(EXPORT)),
    one("numbers", "missing-digit-lower", "msdu577241 status", says(PREGATED)),
    # pregate
    one("pregate", "cleared", f"is {PREGATED} pregate cleared", pregate(PREGATED)),
    one("pregate", "go-through", f"did {READY} go through pregate or not", pregate(READY)),
    one("pregate", "empty-back", f"{RETURNED} pregate?", pregate(RETURNED)),
    # last free day
    one("lfd", "running-out", "whose free time runs out tomorrow?",
        lists_when(lambda w: lfd_between(w.day(1), w.day(1)))),
    one("lfd", "demurrage", "which ones are already racking up demurrage in the yard",
        lists_when(lambda w: lambda c: in_yard(c) and c.lfd is not None and c.lfd < w.today)),
    one("lfd", "last-day-pickup", f"last day to pick up {READY}?", mentions_day(fact(lambda w: lfd(w, READY)))),
    # time expressions
    one("time", "day-after-tomorrow", f"day after tomorrow slots for {READY}, truck {P1}", its_pick(on(2))),
    one("time", "weekday-afternoon", lambda w: f"{weekday(w.day(3))} afternoon for {READY} with {P2}",
        its_pick(on(3), after="12:00", before="17:00")),
    one("time", "us-date-morning", lambda w: f"{us_date(w.day(2))} in the AM, {READY}, truck {P1}",
        its_pick(on(2), before="12:00")),
    one("time", "next-2-days", f"{READY} any windows next 2 days truck {P3}", its_pick(on(0, 2))),
    # slots
    one("slots", "earliest", f"earliest appointment to pull {READY}? use truck {P2}",
        tool("check_appointments", container_number=READY, truck_plate=P2), its_pick()),
    one("slots", "return-empty", f"need to bring back the empty {PREGATED}, truck {P1} - what's open",
        slots("ITS", "DROP EMPTY")),
    one("slots", "double", lambda w: f"get me a slot for {prebooked(w)}, truck {P3}", already_booked(fact(prebooked)),
        no_slots_offered(fact(prebooked))),
    # booking
    case("booking", "yes-please",
         say(f"slots for {READY} tomorrow morning, truck {P1}", its_pick(on(1), before="12:00")),
         say("grab the first one", awaits_approval(READY, P1)), say("yes please", booked(READY, P1))),
    case("booking", "no-thanks", say(f"{READY} tmrw am slots, truck {P2}", its_pick(on(1), before="12:00")),
         say("book that one", awaits_approval(READY, P2)), say("no thanks", not_booked())),
    case("booking", "hold-on", say(f"slots for {READY} tomorrow morning, truck {P1}", its_pick(on(1), before="12:00")),
         say("book it", awaits_approval(READY, P1)), say("hmm what's the LFD again?", still_waiting()),
         say("cancel it", not_booked())),
    case("booking", "confirm-word", say(f"morning slots tomorrow for {READY} truck {P3}",
                                        its_pick(on(1), before="12:00")),
         say("book the first", awaits_approval(READY, P3)), say("confirm", booked(READY, P3))),
    # follow-ups and references
    case("followups", "its-status", say("what's on hold?", lists(lambda c: c.holds)),
         say("what's the status of the first one", tool("get_container", container_number=shown(0, 0)))),
    case("followups", "that-box-pregate", say(f"status of {READY}", says(READY)),
         say("did that box pass pregate?", pregate(READY))),
    case("followups", "later-that-day", say(f"slots for {READY} tomorrow, truck {P1}", its_pick(on(1))),
         say("anything later in the afternoon?", its_pick(on(1), after="12:00", before="17:00"))),
    case("followups", "use-other-truck", say(f"slots for {READY} truck {P1}", its_pick()),
         say(f"use {P3} instead", tool("check_appointments", container_number=READY, truck_plate=P3))),
    # my appointments
    one("appointments", "whats-booked", "what have I got booked?",
        appointments_listed(lambda a: a.status == "SCHEDULED")),
    one("appointments", "all-visits", "list all my truck visits", appointments_listed()),
    one("appointments", "cancelled-ones", "which appts got cancelled",
        appointments_listed(lambda a: a.status == "CANCELLED")),
    # connection status
    one("connection", "emodal-ok", "is emodal working for us?", tool("session_status"), says("dispatch1")),
    one("connection", "still-signed-in", "am I still signed in to e-modal", tool("session_status"), says("dispatch1")),
    # full check
    one("full_check", "needs-appt", f"find appointments for everything that needs one, truck {P2}", full_check(P2),
        has_file("report")),
    # export
    one("export", "download", "download my container list", tool("export_containers_excel"), has_file("export"),
        says_total()),
    one("export", "excel-file", "put all my containers in an excel file", tool("export_containers_excel")),
    one("connection", "portal-down", "is the portal down or are we good?", tool("session_status"), says("dispatch1")),
    one("export", "whole-list-xlsx", "gimme the whole container list as xlsx", tool("export_containers_excel"),
        has_file("export")),
    one("appointments", "pickups-scheduled", "what pickups do I have scheduled?",
        appointments_listed(lambda a: a.status == "SCHEDULED")),
    one("numbers", "check-digit-spaces", "CAIU 718174 status?", says(EXPORT)),
    one("pregate", "thru-pregate", "msdu5772413 thru pregate yet?", pregate(PREGATED)),
    one("slots", "openings-terminal-name", f"openings at ITS Long Beach for {READY}, truck {P2}",
        tool("check_appointments", container_number=READY, terminal=Terminal("ITS")), its_pick()),
    # missing information
    one("missing_info", "pick-up-what", "schedule a pickup", asks(fact(lambda w: [ready_elsewhere(w), READY]))),
    one("missing_info", "no-truck", f"what slots are open for {READY}?", asks(), no_tool("check_appointments")),
    one("missing_info", "where-is-it", "where is it?", asks(), no_tool("get_container")),
    one("missing_info", "lfd-which", "when's the last free day", asks(), no_tool("get_container")),
]
