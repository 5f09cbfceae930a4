"""HELD-OUT SET: never shown to the offline model's author and never tuned on.

Whoever improves the model tunes against tuning.py only; these phrasings measure whether that generalises.
Do not copy phrasings from here into tuning.py, and do not read this file while changing src/LLM.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from sandbox.dataset import DEMO_ACTIONABLE as READY
from sandbox.dataset import DEMO_EXPORT as EXPORT
from sandbox.models import Appointment
from tests.conversations.cases import Case, CaseRun, Check, TurnRecord, case, one, say
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
    says_any,
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
    nothing_waits,
    pending_is_shown,
    pending_slot,
    slots,
    still_waiting,
)
from tests.conversations.world import (
    World,
    actionable,
    at_terminal,
    end_of_week,
    in_yard,
    lfd,
    lfd_between,
    next_move,
    prebooked,
    ready_to_pick_up,
    us_date,
    weekday,
)

P1, P2, P3, P4 = "7KRT481", "8KRT223", "6KRT917", "9KRT052"  # dispatch1's trucks
D2_PLATE = "5PCD310"  # a dispatch2 truck
# Rows of the seeded sandbox (seed 7, 20 containers an account); every fact about them is read from the world.
ETS_READY = "CMAU4633104"  # released import in the yard at Everport, no ticket, no appointment
TTI_PREGATED = "CMAU9502848"  # in the yard at TTI with a confirmed pregate ticket
ITS_PREGATED = "EMCU5956819"  # in the yard at ITS with a confirmed pregate ticket
LBCT_EMPTY = "YMLU4202786"  # gated out of LBCT: its empty goes back there
TTI_EMPTY = "MSDU1892750"  # gated out of TTI: its empty goes back there
HELD = "YMMU2139688"  # in the yard at LBCT with holds
PCT_RETURNED = "APHU3916668"  # empty back at PCT
D2_PCT = "MSCU5376996"  # dispatch2: released import at PCT (PCT takes no PICK FULL bookings)
D2_ITS = "SEGU9426399"  # dispatch2: released import at ITS, no ticket


def on(offset: int, until: int | None = None) -> Days:
    return lambda w: (w.day(offset), w.day(offset if until is None else until))


def this_week(w: World) -> tuple[datetime.date, datetime.date]:
    """Today to Sunday; on a weekend "this week" may also mean the coming days, so up to six days on."""
    return w.today, (end_of_week(w) if w.today.weekday() < 5 else w.day(6))


def wd(w: World, offset: int) -> str:
    """The weekday as typed in a hurry: thu, mon."""
    return weekday(w.day(offset))[:3].lower()


def next_slots(number: str | Callable[[World], str], days: Days | None = None, after: str = "",
               before: str = "") -> Check:
    """`slots` for the container's next move at its terminal, both read from its timeline in the sandbox."""

    def check(run: CaseRun, record: TurnRecord) -> str | None:
        n = number(run.world) if callable(number) else number
        move, terminal = next_move(run.world.container(n))
        return slots(terminal, move, days=days, after=after, before=before)(run, record)

    return check


def appts_when(make: Callable[[World], Callable[[Appointment], bool]]) -> Check:
    """`appointments_listed` with the filter made from the world (dates relative to today)."""
    return lambda run, record: appointments_listed(make(run.world))(run, record)


def for_box(number: Callable[[World], str]) -> Callable[[World], Callable[[Appointment], bool]]:
    def make(w: World) -> Callable[[Appointment], bool]:
        n = number(w)
        return lambda a: n in a.containers

    return make


def lfd_of_shown(turn: int, index: int) -> Callable[[CaseRun], datetime.date]:
    """The LFD of the container shown at `index` in turn `turn` (a day no answer writes when there is none)."""

    def value(run: CaseRun) -> datetime.date:
        found = run.world.data.by_number.get(shown(turn, index)(run))
        return found.lfd if found and found.lfd else datetime.date.min

    return value


def drop_empties(w: World) -> list[str]:
    return [c.number for c in w.containers() if next_move(c)[0] == "DROP EMPTY"]


def pickups(w: World) -> list[str]:
    """Released imports in the yard with no ticket and no scheduled appointment: what a pickup is likely for."""
    taken = {n for a in w.appointments(lambda a: a.status == "SCHEDULED") for n in a.containers}
    return [c.number for c in w.containers(lambda c: ready_to_pick_up(c) and actionable(c)) if c.number not in taken]


def dashed(number: str) -> str:
    return f"{number[:4].lower()}-{number[4:10]}-{number[10]}"


UNKNOWN_WORDS = ("n/a", "not know", "doesn't know", "does not know", "not found", "no record", "unknown",
                 "isn't in", "is not in", "not listed", "no data", "no info", "not recogni", "doesn't recogni")
ENDED_WORDS = ("ended", "over", "passed", "closed", "no longer", "not available", "isn't available", "past",
               "expired", "too late")
MSC = "MSCU"

HELDOUT: list[Case] = [
    # lists and filters
    one("lists", "ready-to-pull", "whats ready to pull", lists(ready_to_pick_up)),
    one("lists", "holds-on-em", "which cans got holds on em?", lists(lambda c: c.holds)),
    one("lists", "export-boxes", "show me my export boxes", lists(lambda c: c.trade_type == "EXPORT")),
    one("lists", "on-a-vessel", "anything still on a vessel?", lists(lambda c: c.status == "ON VESSEL")),
    one("lists", "msc-cans", "pull up the msc cans", lists(lambda c: c.line == MSC)),
    one("lists", "gated-out", "list everything thats gated out", lists(lambda c: c.status == "GATE OUT")),
    one("lists", "yard-d2", "what do i have in the yard", lists(in_yard), username="dispatch2"),
    # terminals and their aliases
    one("terminals", "lbct", "whats at lbct", tool("list_containers", terminal=Terminal("BNLPC")),
        lists(at_terminal("BNLPC"))),
    one("terminals", "everport", "my everport containers?", lists(at_terminal("ETSLAX"))),
    one("terminals", "tti", "tti list pls", lists(at_terminal("TTI"))),
    one("terminals", "trapac", "what've we got at trapac rn", lists(at_terminal("TRP1"))),
    one("terminals", "ssa-none", "anything for us at ssa pier a", lists(at_terminal("SSA"))),
    one("terminals", "pct", "pct boxes?", lists(at_terminal("PCT"))),
    one("terminals", "its-count", "how many cans at its", lists(at_terminal("ITS"))),
    one("terminals", "lbct-name-d2", "whats at long beach container terminal", lists(at_terminal("BNLPC")),
        username="dispatch2"),
    # container numbers as typed
    one("numbers", "dash-check-digit", "MSCU 516575-6 whats the status", says(READY, "IN YARD")),
    one("numbers", "dashes-lower", lambda w: f"{dashed(prebooked(w))} where's it at", says(fact(prebooked))),
    one("numbers", "no-check-digit", f"{ETS_READY[:10].lower()} status", says(ETS_READY)),
    one("numbers", "spaced", f"{ITS_PREGATED[:4].lower()} {ITS_PREGATED[4:10]} {ITS_PREGATED[10]} status",
        says(ITS_PREGATED)),
    one("numbers", "unknown", lambda w: f"{w.unknown_numbers[0].lower()} any info?",
        says(fact(lambda w: w.unknown_numbers[0])), says_any(*UNKNOWN_WORDS)),
    one("numbers", "holds-no-digit", f"{HELD[:4].lower()} {HELD[4:10]} whats holding it up", says(HELD),
        says_any("hold")),
    # pregate
    one("pregate", "thru-pregate-dash", f"did {TTI_PREGATED[:4].lower()} {TTI_PREGATED[4:10]}-{TTI_PREGATED[10]} "
        "get thru pregate", pregate(TTI_PREGATED)),
    one("pregate", "pregated-yet", lambda w: f"{prebooked(w).lower()} pregated yet?", pregate(fact(prebooked))),
    one("pregate", "pre-gate-hyphen", f"{LBCT_EMPTY.lower()} went thru pre-gate?", pregate(LBCT_EMPTY)),
    one("pregate", "export-cleared", f"has the export {EXPORT.lower()} cleared pregate", pregate(EXPORT)),
    one("pregate", "done", f"{PCT_RETURNED.lower()} pregate done?", pregate(PCT_RETURNED)),
    one("pregate", "on-hold", f"{HELD.lower()} - pregate ok?", pregate(HELD)),
    one("pregate", "d2-spaced", f"{D2_ITS[:4].lower()} {D2_ITS[4:10]} {D2_ITS[10]} pregated?", pregate(D2_ITS),
        username="dispatch2"),
    # last free day
    one("lfd", "lfd-spaced", f"lfd on {ETS_READY[:4].lower()} {ETS_READY[4:]}?",
        mentions_day(fact(lambda w: lfd(w, ETS_READY)))),
    one("lfd", "next-3-days", "which cans hit lfd in the next 3 days",
        lists_when(lambda w: lambda c: c.trade_type == "IMPORT" and in_yard(c) and lfd_between(w.day(1), w.day(3))(c),
                   count=False, allow=lambda w: lfd_between(w.today, w.day(3)))),
    one("lfd", "past-still-sitting", "whats past lfd and still sitting at the terminal",
        lists_when(lambda w: lambda c: in_yard(c) and c.lfd is not None and c.lfd < w.today)),
    one("lfd", "weekday", lambda w: f"anything w/ lfd on {weekday(w.day(4)).lower()}",
        lists_when(lambda w: lfd_between(w.day(4), w.day(4)), count=False)),
    one("lfd", "us-date", lambda w: f"which ones have lfd {us_date(w.day(2))}",
        lists_when(lambda w: lfd_between(w.day(2), w.day(2)))),
    one("lfd", "free-time-ends", lambda w: f"when does free time end on {prebooked(w).lower()}",
        mentions_day(fact(lambda w: lfd(w, prebooked(w))))),
    # time as dispatchers say it (the terminal's local time)
    one("time", "weekday-after-2", lambda w: f"{READY.lower()} {wd(w, 5)} after 2, truck 7krt481",
        next_slots(READY, on(5), after="12:00")),
    one("time", "first-thing-tmrw", f"first thing tmrw for {READY} - 8KRT223",
        next_slots(READY, on(1), before="12:00")),
    one("time", "us-date-evening", lambda w: f"{us_date(w.day(3))} evening for {READY}, trk 6krt917",
        next_slots(READY, on(3), after="17:00")),
    one("time", "next-3-days", f"{READY} next 3 days? 9krt052", next_slots(READY, on(0, 3))),
    one("time", "left-today", f"anything left today for {READY.lower()} truck 7krt481", next_slots(READY, on(0))),
    one("time", "before-10", lambda w: f"{READY} {weekday(w.day(4))} before 10am, plate 8krt223",
        next_slots(READY, on(4), before="10:00")),
    one("time", "this-week", f"what windows this week for {READY}? truck 7 KRT 481", next_slots(READY, this_week)),
    one("time", "after-lunch-tmrw", f"{ETS_READY.lower()} tmrw after lunch, truck 6krt917",
        next_slots(ETS_READY, on(1), after="12:00")),
    # slots by move type and terminal
    one("slots", "empty-return-lbct", f"empty return for {LBCT_EMPTY[:4].lower()} {LBCT_EMPTY[4:]}, truck 7krt481",
        next_slots(LBCT_EMPTY)),
    one("slots", "drop-full-export", f"need to drop the full {EXPORT} at tti, truck 6KRT917 whats open",
        next_slots(EXPORT)),
    one("slots", "pct-none", f"pct slots for {D2_PCT.lower()} truck {D2_PLATE.lower()}", next_slots(D2_PCT),
        username="dispatch2"),
    one("slots", "already-has-appt", lambda w: f"can u get {prebooked(w).lower()} a pickup slot, use 9krt052",
        already_booked(fact(prebooked)), no_slots_offered(fact(prebooked))),
    one("slots", "everport", f"everport appts for {ETS_READY.lower()} truck 9krt052",
        tool("check_appointments", container_number=ETS_READY, truck_plate=P4), next_slots(ETS_READY)),
    one("slots", "empty-back-tti", f"{TTI_EMPTY.lower()} empty back to tti, truck 8krt223", next_slots(TTI_EMPTY)),
    # booking: always approved first; typed yes/no decide, anything else keeps it waiting
    case("booking", "yep-go-ahead",
         say(lambda w: f"{READY} {wd(w, 2)} morning, truck 7krt481", next_slots(READY, on(2), before="12:00")),
         say("book the 7am one", awaits_approval(READY, P1), pending_slot("07:00")),
         say("yep go ahead", booked(READY, P1))),
    case("booking", "nah-hold-off",
         say(f"slots {ETS_READY.lower()} tmrw truck 6krt917", next_slots(ETS_READY, on(1))),
         say("grab the 1st one", awaits_approval(ETS_READY, P3), pending_is_shown(0, 0)),
         say("nah hold off", not_booked())),
    case("booking", "question-keeps-waiting",
         say(lambda w: f"{READY} slots {us_date(w.day(3))} truck 8krt223", next_slots(READY, on(3))),
         say("book the second one", awaits_approval(READY, P2), pending_is_shown(0, 1)),
         say("wait what terminal is that at", still_waiting()),
         say("yes", booked(READY, P2))),
    one("booking", "already-booked", lambda w: f"book {prebooked(w).lower()} tmrw morning, truck 7krt481",
        already_booked(fact(prebooked)), nothing_waits()),
    one("booking", "ended-window", f"book {READY} today 7am window, truck 9krt052", nothing_waits(),
        says_any(*ENDED_WORDS)),
    case("booking", "direct-then-y",
         say(f"book {READY} first available tmrw morning, truck 6KRT917", awaits_approval(READY, P3),
             pending_slot("07:00")),
         say("y", booked(READY, P3))),
    case("booking", "yes-but-other-truck",
         say(f"{READY} slots tmrw truck 7krt481", next_slots(READY, on(1))),
         say("book the morning one", awaits_approval(READY, P1), pending_slot("07:00")),
         say("yes but put it on 9krt052", still_waiting()),
         say("nope, cancel it", not_booked())),
    case("booking", "lfd-question-then-nope",
         say(lambda w: f"{ETS_READY} {wd(w, 3)} truck 9krt052", next_slots(ETS_READY, on(3))),
         say("book the 6pm", awaits_approval(ETS_READY, P4), pending_slot("18:00")),
         say("whats the lfd on it again", still_waiting()),
         say("nope", not_booked())),
    # follow-ups: what "it", "that one", "the second one", "same truck" refer to
    case("followups", "second-one-lfd", say("which ones can i pull rn", lists(ready_to_pick_up)),
         say("lfd on the 2nd one?", says(shown(0, 1)), mentions_day(lfd_of_shown(0, 1)))),
    case("followups", "that-one-slot", say(f"status {ETS_READY.lower()}", says(ETS_READY)),
         say("get that one a slot tmrw, truck 6krt917",
             tool("check_appointments", container_number=ETS_READY, truck_plate=P3), next_slots(ETS_READY, on(1)))),
    case("followups", "same-truck", say(f"{READY} slots, truck 8krt223", next_slots(READY)),
         say(f"what about {ETS_READY.lower()}, same truck",
             tool("check_appointments", container_number=ETS_READY, truck_plate=P2), next_slots(ETS_READY))),
    case("followups", "day-after", say(f"slots for {READY} tmrw, 7krt481", next_slots(READY, on(1))),
         say("what about the day after", next_slots(READY, on(2)))),
    case("followups", "it-lfd", say(f"{READY.lower()} status pls", says(READY)),
         say("when's it gotta be out by", mentions_day(fact(lambda w: lfd(w, READY))))),
    case("followups", "those-on-hold", say("whats at lbct", lists(at_terminal("BNLPC"))),
         say("any of those on hold?", lists(lambda c: at_terminal("BNLPC")(c) and c.holds, count=False))),
    case("followups", "and-this-one", say(f"{TTI_PREGATED.lower()} thru pregate?", pregate(TTI_PREGATED)),
         say(f"and {ITS_PREGATED.lower()}?", pregate(ITS_PREGATED))),
    case("followups", "noon-one",
         say(lambda w: f"{READY} {weekday(w.day(3))} slots, truck 7krt481", next_slots(READY, on(3))),
         say("book the noon one", awaits_approval(READY, P1), pending_slot("12:00")),
         say("yup", booked(READY, P1))),
    # my appointments
    one("appointments", "coming-up", "what appts do i have coming up",
        appointments_listed(lambda a: a.status == "SCHEDULED")),
    one("appointments", "history-for-box", lambda w: f"appt history for {prebooked(w).lower()}",
        appts_when(for_box(prebooked))),
    one("appointments", "cancelled", "any visits get cancelled on us?",
        appointments_listed(lambda a: a.status == "CANCELLED")),
    one("appointments", "yesterday", "what appts did we have yesterday",
        appts_when(lambda w: lambda a: a.day == w.day(-1))),
    one("appointments", "d2-none-scheduled", "got any appts scheduled?",
        appointments_listed(lambda a: a.status == "SCHEDULED"), username="dispatch2"),
    # connection status
    one("connection", "logged-in-rn", "r we logged into emodal rn?", tool("session_status"), says("dispatch1")),
    one("connection", "typo", "emodal conection ok", tool("session_status"), says("dispatch1")),
    one("connection", "which-account", "which emodal account is this on", tool("session_status"), says("dispatch1")),
    one("connection", "d2-login", "check the portal login for me", tool("session_status"), says("dispatch2"),
        username="dispatch2"),
    one("connection", "port-site", "is the bot connected to the port site", tool("session_status"),
        says("dispatch1")),
    # the Excel export
    one("export", "excel-list", "send me the container list in excel", tool("export_containers_excel"),
        has_file("export"), says_total()),
    one("export", "spreadsheet", "export all my cans to a spreadsheet pls", tool("export_containers_excel"),
        has_file("export")),
    one("export", "xls-typo", "can i get an xls of everthing", tool("export_containers_excel")),
    one("export", "d2-dump", "excel dump of my containers", tool("export_containers_excel"), has_file("export"),
        says_total(), username="dispatch2"),
    one("export", "download-all", "download all containers as a file", tool("export_containers_excel"),
        has_file("export")),
    # the full check (skips containers already booked for their move)
    one("full_check", "w-plate", "run the full check w/ 9krt052", full_check(P4), has_file("report")),
    one("full_check", "go-thru", "go thru all my boxes n find appts, truck 7 KRT 481", full_check(P1),
        has_file("report")),
    one("full_check", "needs-appts", "check every container that needs an appt and get the earliest slots, 6krt917",
        full_check(P3)),
    one("full_check", "d2", f"run a full check truck {D2_PLATE.lower()}", full_check(D2_PLATE), has_file("report"),
        username="dispatch2"),
    # a needed piece missing: one specific question, offering the likely answers
    one("missing_info", "no-truck", f"need an appt for {ETS_READY.lower()}", asks()),
    one("missing_info", "which-empty", "book the empty return, truck 8krt223", asks(fact(drop_empties))),
    one("missing_info", "is-it-pregated", "is it pregated yet", asks(),
        no_tool("get_container", "get_container_timeline")),
    one("missing_info", "book-it-no-box", "book it tmrw morning truck 7krt481", asks(fact(pickups))),
    one("missing_info", "its-tmrw", "whats open at its tmrw", asks()),
    one("missing_info", "d2-pickup", "set up a pickup for tmrw, 7pcd846", asks(fact(pickups)),
        username="dispatch2"),
]
