"""Quick replies from a turn's last tool result: slots to book, containers to look at, nothing after a failure."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from Graph.quick_replies import quick_replies, slot_replies
from Graph.turns import build_turn
from Graph.views import BookingConfirmation

SLOTS = ["Tuesday 11/24/2026 07:00 - 12:00", "Tuesday 11/24/2026 13:00 - 18:00",
         "Wednesday 11/25/2026 07:00 - 12:00", "Wednesday 11/25/2026 18:00 - 23:00"]


def _turn(tool: str, result: Any, args: dict[str, Any] | None = None, status: str = "success") -> list[BaseMessage]:
    call = {"id": "c1", "name": tool, "args": args or {}}
    return [HumanMessage("question"), AIMessage(content="", tool_calls=[call]),
            ToolMessage(content=json.dumps(result), tool_call_id="c1", name=tool, status=status),
            AIMessage(content="the answer")]


def test_slots_are_picked_by_start_time_or_by_place() -> None:
    # 07:00 is offered on two days, so those are named by their place (every model reads "first").
    assert slot_replies(SLOTS) == ["book the first one (Tue 11/24 07:00)", "book the 13:00 one",
                                   "book the third one (Wed 11/25 07:00)", "book the 18:00 one"]
    many = [f"Monday 11/23/2026 {h:02d}:00 - {h + 1:02d}:00" for h in range(6)] * 2
    assert slot_replies(many) == ["book the first one (Mon 11/23 00:00)", "book the second one (Mon 11/23 01:00)",
                                  "book the third one (Mon 11/23 02:00)", "book the last one (Mon 11/23 05:00)"]
    assert slot_replies(SLOTS[1:2]) == ["book the 13:00 one"]
    assert slot_replies(["Unparsed window"]) == ["book the first one (Unparsed window)"]
    assert slot_replies([]) == []


def test_a_slot_check_offers_its_slots_and_a_list_its_containers() -> None:
    slots = _turn("check_appointments", {"container_number": "MSCU5165756", "slots": SLOTS[:2]})
    assert quick_replies(slots) == ["book the 07:00 one", "book the 13:00 one"]
    rows = [{"container_number": f"MSCU{n:07d}"} for n in range(8)]
    listed = quick_replies(_turn("list_containers", {"matched": 8, "rows": rows}))
    assert listed == [f"timeline of MSCU{n:07d}" for n in range(5)]
    check = _turn("run_container_check", {"rows": rows[:2]}, {"truck_plate": "7KRT481"})
    assert quick_replies(check) == ["slots for MSCU0000000, truck 7KRT481", "slots for MSCU0000001, truck 7KRT481"]


def test_no_replies_after_a_failure_or_without_a_tool() -> None:
    assert quick_replies(_turn("check_appointments", "no slots", status="error")) == []
    assert quick_replies([HumanMessage("hi"), AIMessage(content="hello")]) == []
    assert quick_replies(_turn("session_status", {"logged_in": True})) == []


def test_the_turn_carries_them_unless_a_booking_waits() -> None:
    messages = _turn("check_appointments", {"container_number": "MSCU5165756", "slots": SLOTS[1:2]})
    assert build_turn("t", messages, None).quick_replies == ["book the 13:00 one"]
    waiting = BookingConfirmation(container="MSCU5165756", terminal="ITS", terminal_name="ITS Long Beach",
                                  move_type="PICK FULL", slot=SLOTS[1], truck_plate="7KRT481", own_chassis=False,
                                  trucking_company="K&R")
    assert build_turn("t", messages, waiting).quick_replies == []


def test_an_answer_may_offer_its_own_replies() -> None:
    question = AIMessage(content="Which container?", additional_kwargs={"quick_replies": ["MSCU5165756", " "]})
    assert quick_replies([HumanMessage("timeline"), question]) == ["MSCU5165756"]
    after_list = _turn("list_containers", {"rows": [{"container_number": "MSCU5165756"}]})
    after_list[-1] = question
    assert quick_replies(after_list) == ["MSCU5165756"]  # the question's own answers come first
