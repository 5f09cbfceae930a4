"""Turning tool results into a dispatcher's answer: short sentences and Markdown tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from domain import lfd_date, parse_day, spell_day
from LLM.memory import SHOWN_ROWS, displayed_slots

MAX_TABLE_ROWS = SHOWN_ROWS


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table (pipes in values escaped)."""
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        return text.replace("|", "\\|").replace("\n", " ") or " "

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:MAX_TABLE_ROWS]]
    return "\n".join(lines)


def file_links(result: dict[str, Any]) -> str:
    """Markdown links to the files a tool produced."""
    files = result.get("files") or []
    return "\n".join(f"[{f['filename']}]({f['url']})" for f in files)


def spelled(day_text: str, today: date | None = None) -> str:
    """A date as "Tuesday 11/24" (YYYY-MM-DD or MM/DD/YYYY in), the text itself when it is no date."""
    try:
        day = parse_day(day_text)
    except ValueError:
        return day_text
    return spell_day(day, today) if day else day_text


def _filters_text(filters: dict[str, Any], today: date | None = None) -> str:
    names = {"status": "status", "trade_type": "trade type", "holds": "holds", "terminal": "terminal", "line": "line",
             "lfd_from": "LFD from", "lfd_to": "LFD to", "without_pregate_ticket": "no pregate ticket"}
    parts = [f"{names.get(k, k)} {spelled(str(v), today) if k.startswith('lfd') else v}" if v is not True
             else names.get(k, k) for k, v in filters.items() if v]
    return ", ".join(parts)


def containers_answer(result: dict[str, Any], today: date | None = None) -> str:
    """Counts, then the first rows, then the file with every match."""
    matched, total = result["matched"], result["total_containers"]
    where = _filters_text(result.get("filters", {}), today)
    head = f"**{matched}** of {total} containers match" + (f" ({where})." if where else ".")
    if not matched:
        return head + " Nothing to show."
    rows = [[r["container_number"], r["trade_type"], r["status"], r["holds"], r["origin"], r["destination"],
             r["current_loc"], r["line"], r["size_type"], r["lfd_gtd"]] for r in result["rows"]]
    text = head + "\n\n" + table(["Container", "Trade", "Status", "Holds", "Origin", "Destination", "Current Loc",
                                  "Line", "Size", "LFD/GTD"], rows)
    if matched > len(rows):
        text += f"\n\nShowing the first {len(rows)}. All {matched}: {file_links(result)}"
    return text


def container_answer(result: dict[str, Any]) -> str:
    """One container's row as a two-column table."""
    if not result.get("known", True):
        return f"E-Modal does not know **{result['container_number']}** (every column reads N/A)."
    fields = [("Trade type", "trade_type"), ("Status", "status"), ("Holds", "holds"),
              ("Pregate ticket", "pregate_ticket"),
              ("E-Modal pregate status", "emodal_pregate_status"), ("Gate status", "gate_status"),
              ("Origin", "origin"), ("Destination", "destination"), ("Current location", "current_loc"),
              ("Line", "line"), ("Vessel / voyage", "vessel"), ("Size/type", "size_type"), ("LFD/GTD", "lfd_gtd"),
              ("Fees", "fees"), ("Tags", "tags")]
    rows = [[label, result.get(key, "")] for label, key in fields]
    head = f"**{result['container_number']}** is **{result['status']}** ({result['trade_type']})."
    return head + "\n\n" + table(["Field", "Value"], rows)


def lfd_answer(result: dict[str, Any], today: date) -> str:
    """The Last Free Day of one container, spelled out, with how many days are left."""
    number = result["container_number"]
    if not result.get("known", True):
        return f"E-Modal does not know **{number}** (every column reads N/A), so it has no LFD."
    lfd = lfd_date(str(result.get("lfd_gtd", "")))
    if lfd is None:
        return f"**{number}** has no Last Free Day in E-Modal yet (LFD/GTD: {result.get('lfd_gtd') or 'N/A'})."
    left = (lfd - today).days
    when = ("it has passed" if left < 0 else "that is today" if left == 0 else
            f"{left} day{'s' if left != 1 else ''} from now")
    return (f"The LFD of **{number}** is **{spell_day(lfd, today)}** ({when}). It is **{result.get('status', '')}**, "
            f"holds {result.get('holds', '') or 'N/A'}.")


def pregate_answer(result: dict[str, Any]) -> str:
    """Yes or no, with the milestone that decided it and the next move."""
    number = result["container_number"]
    pregate = next((m for m in result["milestones"] if m["name"].lower() == "pregate"), None)
    if result["passed_pregate"]:
        when = f" on {pregate['date']}" if pregate and pregate["date"] not in ("", "N/A") else ""
        text = f"Yes: **{number}** passed Pregate{when}."
    else:
        text = f"No: **{number}** has not passed Pregate yet."
    text += f" Next move: **{result['next_move']}**."
    links = file_links(result)
    return text + (f"\n\nTimeline screenshot: {links}" if links else "")


def timeline_answer(result: dict[str, Any]) -> str:
    """Every milestone, reached or not, and the screenshot."""
    rows = [[m["name"], m["date"], "yes" if m["reached"] else "no"] for m in result["milestones"]]
    text = (f"Timeline of **{result['container_number']}** ({result['trade_type']}); passed Pregate: "
            f"**{'yes' if result['passed_pregate'] else 'no'}**; next move: **{result['next_move']}**.\n\n")
    text += table(["Milestone", "Date", "Reached"], rows)
    links = file_links(result)
    return text + (f"\n\nScreenshot: {links}" if links else "")


def _narrowed(args: Mapping[str, Any], today: date | None) -> str:
    """How the slots were narrowed, in words ("on Thursday 10/02, starting after 12:00")."""
    day, first, last = (str(args.get(k) or "") for k in ("day", "day_from", "day_to"))
    parts = [f"on {spelled(day, today)}" if day else "",
             f"from {spelled(first, today)} to {spelled(last, today)}" if first and last and not day else "",
             f"starting at or after {args['starting_after']}" if args.get("starting_after") else "",
             f"starting before {args['starting_before']}" if args.get("starting_before") else ""]
    return ", ".join(p for p in parts if p)


def slots_answer(result: dict[str, Any], args: Mapping[str, Any] | None = None, today: date | None = None) -> str:
    """The slots found, numbered as the dispatcher may pick them, with how the request was made up."""
    args = {**{k: v for k, v in (result.get("filters") or {}).items() if v}, **(args or {})}
    derived = result.get("derived", [])
    how = (f"**{result['move_type']}**{' (from the timeline)' if 'move_type' in derived else ''} at "
           f"**{result['terminal_name']}**{' (from the container row)' if 'terminal' in derived else ''}, "
           f"truck {result['truck_plate']}, own chassis {'YES' if result['own_chassis'] else 'NO'}")
    narrowed = _narrowed(args, today)
    slots = displayed_slots(result, args)
    notes = _slot_notes(result)
    if result.get("already_booked") and not slots:
        return notes.strip()
    if not slots:
        extra = f" {narrowed}" if narrowed else ""
        others = len(result.get("slots", [])) - len(slots) or result.get("offered_count", 0)
        offered = f" ({others} on other days/times)" if others else ""
        return f"No open appointment slots{extra} for **{result['container_number']}**{offered}: {how}.{notes}"
    rows = [[i, s] for i, s in enumerate(slots, start=1)]
    text = (f"**{len(slots)}** slot(s){' ' + narrowed if narrowed else ''} for **{result['container_number']}** — "
            f"{how}:\n\n" + table(["#", "Slot"], rows))
    return text + notes + ("\n\nSay \"book the first one\" or \"book the 08:00 one\" to book (you approve before I "
                           "submit).")


def _slot_notes(result: Mapping[str, Any]) -> str:
    """What the dispatcher should know beside the slots: windows already over, an appointment already held."""
    notes = []
    booked = result.get("already_booked")
    if isinstance(booked, Mapping):
        number = result["container_number"]
        notes.append(f"**{number}** already has appointment **#{booked.get('appointment_number', '')}** "
                     f"for this move ({booked.get('Appointment Date', '')} {booked.get('Time Window', '')}".rstrip()
                     + "): I did not offer another one.")
    if result.get("ended_count"):
        notes.append(f"{result['ended_count']} window(s) that already ended at the terminal are left out.")
    if result.get("note") and not booked:
        notes.append(str(result["note"]))
    return ("\n\n" + " ".join(notes)) if notes else ""


def booking_answer(result: dict[str, Any]) -> str:
    """The appointment number, or that nothing was booked."""
    what = (f"{result['container']} — {result['move_type']} at {result['terminal_name']}, {result['slot']}, "
            f"truck {result['truck_plate']}, own chassis {'YES' if result['own_chassis'] else 'NO'}")
    if not result.get("booked"):
        return f"Not booked: you rejected the booking, nothing was submitted ({what})."
    seen = " It is listed in My Appointments." if result.get("seen_in_my_appointments") else ""
    return f"Booked: appointment **#{result['appointment_number']}** for {what}.{seen}"


def appointments_answer(result: dict[str, Any]) -> str:
    """My Appointments as a table."""
    if not result["matched"]:
        return "No appointments found in My Appointments" + (" for that filter." if result["total"] else ".")
    header = [h for h in ("Appointment #", "Terminal", "Move Type", "Container/Booking #", "Appointment Date",
                          "Time Window", "Truck Plate", "Status") if h in result["rows"][0]] or list(result["rows"][0])
    rows = [[r.get(h, "") for h in header] for r in result["rows"]]
    text = f"**{result['matched']}** appointment(s) in My Appointments.\n\n" + table(header, rows)
    # Labelled in words: a file name carries a date that reads like an appointment number.
    links = "\n".join(f"[Excel file]({f['url']})" for f in result.get("files") or [])
    return text + (f"\n\nAll of them: {links}" if links else "")


def export_answer(result: dict[str, Any]) -> str:
    """The exported file."""
    return f"Exported **{result['rows']}** containers to Excel: {file_links(result)}"


def check_answer(result: dict[str, Any]) -> str:
    """Summary of the full check, the first rows and the report."""
    text = (f"Full check done: **{result['total_containers']}** containers, **{result['actionable']}** actionable "
            f"(Holds NO, no pregate ticket), **{result['checked']}** checked, **{result['with_slots']}** with a slot.")
    if result.get("stopped_early"):
        text += " (Stopped early on request.)"
    skipped = result.get("skipped_already_booked") or []
    if skipped:
        text += (f" Skipped {len(skipped)} that already have an appointment for their next move: "
                 + ", ".join(skipped[:10]) + ("…" if len(skipped) > 10 else "") + ".")
    rows = [[r.get("container_number", ""), r.get("lfd", ""), r.get("move_type", ""), r.get("terminal", ""),
             r.get("earliest_slot", "") or (f"already booked #{r['already_booked']}" if r.get("already_booked")
                                            else r.get("note", ""))] for r in result["rows"]]
    if rows:
        text += "\n\n" + table(["Container", "LFD", "Move", "Terminal", "Earliest slot / note"], rows)
    return text + f"\n\nReport: {file_links(result)}"


def session_answer(result: dict[str, Any]) -> str:
    """Which account, and whether the login was reused."""
    how = "just logged in" if result.get("new_login") else "the login was already live"
    return f"Connected to E-Modal as **{result['account']}** ({how}; portal session `{result['portal_session_id']}`)."


def error_answer(tool_name: str, message: str) -> str:
    """A tool failure in words the dispatcher can act on."""
    return f"I could not finish that ({tool_name.replace('_', ' ')}): {message}"
