"""The offline model: dispatcher phrasings to tool calls, follow-ups from the thread, answers from results."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from LLM import OfflineChatModel
from Tools import TOOLS

TODAY = date(2025, 10, 1)
SYSTEM = SystemMessage("Today is 2025-10-01 (Wednesday).")
MODEL = OfflineChatModel().bind_tools(TOOLS)


def reply(*messages: BaseMessage) -> AIMessage:
    result = MODEL.invoke([SYSTEM, *messages])
    assert isinstance(result, AIMessage)
    return result


def first_call(text: str, *earlier: BaseMessage) -> tuple[str, dict[str, Any]]:
    message = reply(*earlier, HumanMessage(text))
    assert message.tool_calls, message.content
    return message.tool_calls[0]["name"], message.tool_calls[0]["args"]


def tool_turn(name: str, args: dict[str, Any], result: dict[str, Any] | str, call_id: str = "c1",
              error: bool = False) -> list[BaseMessage]:
    content = result if isinstance(result, str) else json.dumps(result)
    return [AIMessage("", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}]),
            ToolMessage(content, tool_call_id=call_id, name=name, status="error" if error else "success")]


@pytest.mark.parametrize(("text", "tool", "args"), [
    ("which containers are ready to pick up?", "list_containers",
     {"status": "IN YARD", "trade_type": "IMPORT", "holds": "NO"}),
    ("show containers in yard with holds at TTI", "list_containers",
     {"status": "IN YARD", "holds": "YES", "terminal": "TTI"}),
    ("imports with LFD this week", "list_containers",
     {"trade_type": "IMPORT", "lfd_from": "2025-10-01", "lfd_to": "2025-10-05"}),
    ("LFD before Friday", "list_containers", {"lfd_from": "2025-10-01", "lfd_to": "2025-10-02"}),
    ("evergreen exports on the vessel", "list_containers", {"status": "ON VESSEL", "trade_type": "EXPORT",
                                                            "line": "EGLV"}),
    ("how many containers do I have?", "list_containers", {}),
    ("status of MSCU5165756", "get_container", {"container_number": "MSCU5165756"}),
    ("MSCU5165756?", "get_container", {"container_number": "MSCU5165756"}),
    ("has MSDU5772413 passed pregate?", "get_container_timeline", {"container_number": "MSDU5772413"}),
    ("timeline of MSDU5772413 with a screenshot", "get_container_timeline", {"container_number": "MSDU5772413"}),
    ("slots for MSCU5165756 at ITS tomorrow morning truck 7KRT481 own chassis", "check_appointments",
     {"container_number": "MSCU5165756", "truck_plate": "7KRT481", "terminal": "ITS", "starting_before": "12:00",
      "day": "2025-10-02", "own_chassis": True}),
    ("any appointments for MSDU5772413 drop empty on 10/03, truck 8KRT223", "check_appointments",
     {"container_number": "MSDU5772413", "truck_plate": "8KRT223", "move_type": "DROP EMPTY", "day": "2025-10-03"}),
    ("show my appointments", "list_my_appointments", {}),
    ("export my containers to Excel", "export_containers_excel", {}),
    ("run the full check with truck 7KRT481", "run_container_check", {"truck_plate": "7KRT481"}),
    ("check all actionable containers", "run_container_check", {}),
    ("run the full container check", "run_container_check", {}),
    ("am I logged in?", "session_status", {}),
])
def test_requests_become_tool_calls(text: str, tool: str, args: dict[str, Any]) -> None:
    assert first_call(text) == (tool, args)


@pytest.mark.parametrize("text", ["what's the weather like?", "order pizza"])
def test_what_it_does_not_understand_it_says_with_examples(text: str) -> None:
    answer = str(reply(HumanMessage(text)).content)
    assert answer.startswith("Sorry, I did not understand") and "slots for MSCU5165756" in answer


def test_help_lists_examples() -> None:
    assert "book the first one" in str(reply(HumanMessage("help")).content)


def test_an_invalid_check_digit_is_named_without_calling_a_tool() -> None:
    message = reply(HumanMessage("has MSCU5165757 passed pregate?"))
    assert not message.tool_calls
    assert "**MSCU5165757** (check digit should be 6)" in str(message.content)


def test_slots_without_a_truck_ask_for_one_then_the_plate_completes_the_request() -> None:
    first = HumanMessage("slots for MSCU5165756 tomorrow")
    question = reply(first)
    assert not question.tool_calls and "which plate" in str(question.content)
    assert first_call("truck 7KRT481", first, question) == (
        "check_appointments", {"container_number": "MSCU5165756", "truck_plate": "7KRT481", "day": "2025-10-02"})


SLOTS = ["Thursday 10/02/2025 07:00 - 12:00", "Thursday 10/02/2025 12:00 - 17:00"]
CHECK: dict[str, Any] = {
    "container": "MSCU5165756", "trade_type": "IMPORT", "terminal": "ITS", "terminal_name": "ITS Long Beach",
    "move_type": "PICK FULL", "trucking_company": "K & R", "truck_plate": "7KRT481", "own_chassis": False,
    "derived": ["move_type", "terminal"], "filters": {"day": "", "starting_before": ""}, "offered_count": 2,
    "slot_count": 2, "slots": SLOTS,
}


def test_slots_answer_is_a_numbered_table() -> None:
    history = [HumanMessage("slots for MSCU5165756 truck 7KRT481"), *tool_turn("check_appointments", {}, CHECK)]
    answer = str(reply(*history).content)
    assert "**2** slot(s) for **MSCU5165756**" in answer and "(from the timeline)" in answer
    assert "| 1 | Thursday 10/02/2025 07:00 - 12:00 |" in answer


@pytest.mark.parametrize(("text", "slot"), [("book the first one", "first"), ("book the 12:00 one", "12:00"),
                                            ("book it", "first"), ("ok book the second slot", "second")])
def test_booking_follow_ups_use_the_checked_container(text: str, slot: str) -> None:
    history = [HumanMessage("slots for MSCU5165756 truck 7KRT481"), *tool_turn("check_appointments", {}, CHECK),
               AIMessage("2 slots")]
    assert first_call(text, *history) == ("book_appointment", {"container_number": "MSCU5165756", "slot": slot})


def test_booking_a_container_never_checked_checks_it_first() -> None:
    name, args = first_call("book the first slot for MSDU5772413 with truck 7KRT481")
    assert (name, args["container_number"]) == ("check_appointments", "MSDU5772413")
    history = [HumanMessage("book the first slot for MSDU5772413 with truck 7KRT481"),
               *tool_turn("check_appointments", args, {**CHECK, "container": "MSDU5772413"})]
    assert reply(*history).tool_calls[0]["name"] == "book_appointment"


def test_booked_and_rejected_answers() -> None:
    plan = {"container": "MSCU5165756", "terminal": "ITS", "terminal_name": "ITS Long Beach", "move_type": "PICK FULL",
            "slot": CHECK["slots"][0], "truck_plate": "7KRT481", "own_chassis": False, "trucking_company": "K & R"}
    ask = HumanMessage("book the first one")
    booked = reply(ask, *tool_turn("book_appointment", {}, {"booked": True, "appointment_number": "55512345",
                                                            "seen_in_my_appointments": True, **plan}))
    assert "appointment **#55512345**" in str(booked.content) and "My Appointments" in str(booked.content)
    rejected = reply(ask, *tool_turn("book_appointment", {}, {"booked": False, **plan}))
    assert str(rejected.content).startswith("Not booked")


def test_list_answer_counts_rows_and_links_the_file() -> None:
    rows = [{"container": f"MSCU51657{i:02d}", "trade": "IMPORT", "status": "IN YARD", "holds": "NO",
             "origin": "ITS", "destination": "ITS", "current_loc": "ITS", "line": "MSCU", "size": "40GP",
             "lfd_gtd": "10/03/2025 - 10/04/2025"} for i in range(15)]
    result = {"total_containers": 120, "matched": 40, "filters": {"status": "IN YARD"}, "rows": rows,
              "files": [{"id": "f1", "url": "/files/f1", "filename": "containers.xlsx", "kind": "containers"}]}
    answer = str(reply(HumanMessage("containers in yard"), *tool_turn("list_containers", {}, result)).content)
    assert answer.startswith("**40** of 120 containers match (status IN YARD).")
    assert answer.count("| MSCU51657") == 15 and "[containers.xlsx](/files/f1)" in answer


def test_a_tool_error_is_relayed() -> None:
    history = [HumanMessage("status of MSCU5165756"),
               *tool_turn("get_container", {}, "Container MSCU5165756 was not found in E-Modal", error=True)]
    assert "was not found in E-Modal" in str(reply(*history).content)


def test_pregate_answer() -> None:
    result = {"container": "MSDU5772413", "trade_type": "IMPORT", "passed_pregate": True, "decided_by": "x",
              "next_move": "DROP EMPTY", "milestones": [{"name": "Pregate", "date": "09/28/2025 10:00",
                                                          "reached": True}],
              "files": [{"id": "p", "url": "/files/p", "filename": "t.png", "kind": "screenshot"}]}
    answer = str(reply(HumanMessage("has MSDU5772413 passed pregate?"),
                       *tool_turn("get_container_timeline", {}, result)).content)
    assert answer.startswith("Yes: **MSDU5772413** passed Pregate on 09/28/2025 10:00. Next move: **DROP EMPTY**.")
    assert "[t.png](/files/p)" in answer


def test_only_bound_tools_are_called() -> None:
    bare = OfflineChatModel().bind_tools([t for t in TOOLS if t.name != "session_status"])
    message = bare.invoke([SYSTEM, HumanMessage("am I logged in?")])
    assert not message.tool_calls and "not available" in str(message.content)
