"""Turning tool results into a dispatcher's answer: short sentences and Markdown tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MAX_TABLE_ROWS = 15


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


def _filters_text(filters: dict[str, Any]) -> str:
    names = {"status": "status", "trade_type": "trade type", "holds": "holds", "terminal": "terminal", "line": "line",
             "lfd_from": "LFD from", "lfd_to": "LFD to", "without_pregate_ticket": "no pregate ticket"}
    parts = [f"{names.get(k, k)} {v}" if v is not True else names.get(k, k) for k, v in filters.items() if v]
    return ", ".join(parts)


def containers_answer(result: dict[str, Any]) -> str:
    """Counts, then the first rows, then the file with every match."""
    matched, total = result["matched"], result["total_containers"]
    where = _filters_text(result.get("filters", {}))
    head = f"**{matched}** of {total} containers match" + (f" ({where})." if where else ".")
    if not matched:
        return head + " Nothing to show."
    rows = [[r["container"], r["trade"], r["status"], r["holds"], r["origin"], r["destination"], r["current_loc"],
             r["line"], r["size"], r["lfd_gtd"]] for r in result["rows"]]
    text = head + "\n\n" + table(["Container", "Trade", "Status", "Holds", "Origin", "Destination", "Current Loc",
                                  "Line", "Size", "LFD/GTD"], rows)
    if matched > len(rows):
        text += f"\n\nShowing the first {len(rows)}. All {matched}: {file_links(result)}"
    return text


def container_answer(result: dict[str, Any]) -> str:
    """One container's row as a two-column table."""
    if not result.get("known", True):
        return f"E-Modal does not know **{result['container']}** (every column reads N/A)."
    fields = [("Trade type", "trade"), ("Status", "status"), ("Holds", "holds"), ("Pregate ticket", "pregate_ticket"),
              ("E-Modal pregate status", "emodal_pregate_status"), ("Gate status", "gate_status"),
              ("Origin", "origin"), ("Destination", "destination"), ("Current location", "current_loc"),
              ("Line", "line"), ("Vessel / voyage", "vessel"), ("Size/type", "size"), ("LFD/GTD", "lfd_gtd"),
              ("Fees", "fees"), ("Tags", "tags")]
    rows = [[label, result.get(key, "")] for label, key in fields]
    return f"**{result['container']}** is **{result['status']}** ({result['trade']}).\n\n" + table(["Field", "Value"],
                                                                                                   rows)


def pregate_answer(result: dict[str, Any]) -> str:
    """Yes or no, with the milestone that decided it and the next move."""
    number = result["container"]
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
    text = (f"Timeline of **{result['container']}** ({result['trade_type']}); passed Pregate: "
            f"**{'yes' if result['passed_pregate'] else 'no'}**; next move: **{result['next_move']}**.\n\n")
    text += table(["Milestone", "Date", "Reached"], rows)
    links = file_links(result)
    return text + (f"\n\nScreenshot: {links}" if links else "")


def slots_answer(result: dict[str, Any]) -> str:
    """The slots found, numbered, with how the request was made up."""
    derived = result.get("derived", [])
    how = (f"**{result['move_type']}**{' (from the timeline)' if 'move_type' in derived else ''} at "
           f"**{result['terminal_name']}**{' (from the container row)' if 'terminal' in derived else ''}, "
           f"truck {result['truck_plate']}, own chassis {'YES' if result['own_chassis'] else 'NO'}")
    filters = result.get("filters", {})
    narrowed = " and ".join(v for v in (
        f"on {filters['day']}" if filters.get("day") else "",
        f"starting before {filters['starting_before']}" if filters.get("starting_before") else "") if v)
    if not result["slot_count"]:
        extra = f" {narrowed}" if narrowed else ""
        offered = f" ({result['offered_count']} on other days/times)" if result["offered_count"] else ""
        return f"No appointment slots{extra} for **{result['container']}**{offered}: {how}."
    rows = [[i, s] for i, s in enumerate(result["slots"], start=1)]
    text = (f"**{result['slot_count']}** slot(s){' ' + narrowed if narrowed else ''} for **{result['container']}** — "
            f"{how}:\n\n" + table(["#", "Slot"], rows))
    return text + "\n\nSay \"book the first one\" or \"book the 08:00 one\" to book (you approve before I submit)."


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
    links = file_links(result)
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
    rows = [[r.get("container", ""), r.get("lfd", ""), r.get("move_type", ""), r.get("terminal", ""),
             r.get("earliest_slot", "") or r.get("note", "")] for r in result["rows"]]
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
