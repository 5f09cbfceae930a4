"""The offline model: dispatcher phrasings to tool calls, follow-ups from the thread, answers from results."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from LLM import OfflineChatModel
from LLM.memory import NOTE_PREFIX
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
    ("LFD before Friday", "list_containers", {"lfd_to": "2025-10-02"}),
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
    ("check all actionable containers with truck 8KRT223", "run_container_check", {"truck_plate": "8KRT223"}),
    ("run the full container check, truck 7KRT481", "run_container_check", {"truck_plate": "7KRT481"}),
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


MY_APPOINTMENTS: dict[str, Any] = {"total": 2, "matched": 2, "rows": [
    {"appointment_number": "40000001", "Container/Booking #": "MSDU5772413", "Truck Plate": "8KRT223",
     "Status": "COMPLETED"},
    {"appointment_number": "40000002", "Container/Booking #": "MSCU5165756", "Truck Plate": "6KRT917",
     "Status": "SCHEDULED"}]}


def test_slots_without_a_truck_ask_once_offering_the_plates_used_before_then_the_plate_completes_it() -> None:
    first = HumanMessage("slots for MSCU5165756 tomorrow")
    assert first_call("slots for MSCU5165756 tomorrow") == ("list_my_appointments", {})
    lookup = tool_turn("list_my_appointments", {}, MY_APPOINTMENTS)
    question = reply(first, *lookup)
    text = str(question.content)
    assert not question.tool_calls and text.count("?") == 1 and "which plate" in text
    assert "*8KRT223*" in text and "*6KRT917*" in text
    assert first_call("truck 7KRT481", first, *lookup, question) == (
        "check_appointments", {"container_number": "MSCU5165756", "truck_plate": "7KRT481", "day": "2025-10-02"})


def test_the_full_check_without_a_truck_asks_for_one() -> None:
    ask = HumanMessage("run the full check")
    assert first_call("run the full check") == ("list_my_appointments", {})
    question = reply(ask, *tool_turn("list_my_appointments", {}, MY_APPOINTMENTS))
    assert not question.tool_calls and "*8KRT223*" in str(question.content)


SLOTS = ["Thursday 10/02/2025 07:00 - 12:00", "Thursday 10/02/2025 12:00 - 17:00"]
CHECK: dict[str, Any] = {
    "container_number": "MSCU5165756", "trade_type": "IMPORT", "terminal": "ITS", "terminal_name": "ITS Long Beach",
    "move_type": "PICK FULL", "trucking_company": "K & R", "truck_plate": "7KRT481", "own_chassis": False,
    "derived": ["move_type", "terminal"], "filters": {"day": "", "starting_before": ""}, "offered_count": 2,
    "slot_count": 2, "slots": SLOTS,
}


def test_slots_answer_is_a_numbered_table() -> None:
    history = [HumanMessage("slots for MSCU5165756 truck 7KRT481"), *tool_turn("check_appointments", {}, CHECK)]
    answer = str(reply(*history).content)
    assert "**2** slot(s) for **MSCU5165756**" in answer and "(from the timeline)" in answer
    assert "| 1 | Thursday 10/02/2025 07:00 - 12:00 |" in answer


@pytest.mark.parametrize(("text", "slot"), [("book the first one", SLOTS[0]), ("book the 12:00 one", SLOTS[1]),
                                            ("book it", SLOTS[0]), ("ok book the second slot", SLOTS[1]),
                                            ("the 2nd one", SLOTS[1]), ("2", SLOTS[1]), ("the 07:00 one", SLOTS[0])])
def test_booking_follow_ups_use_the_checked_container(text: str, slot: str) -> None:
    history = [HumanMessage("slots for MSCU5165756 truck 7KRT481"), *tool_turn("check_appointments", {}, CHECK),
               AIMessage("2 slots")]
    assert first_call(text, *history) == ("book_appointment", {"container_number": "MSCU5165756", "slot": slot})


def test_booking_a_container_never_checked_checks_it_first() -> None:
    name, args = first_call("book the first slot for MSDU5772413 with truck 7KRT481")
    assert (name, args["container_number"]) == ("check_appointments", "MSDU5772413")
    history = [HumanMessage("book the first slot for MSDU5772413 with truck 7KRT481"),
               *tool_turn("check_appointments", args, {**CHECK, "container_number": "MSDU5772413"})]
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
    rows = [{"container_number": f"MSCU51657{i:02d}", "trade_type": "IMPORT", "status": "IN YARD", "holds": "NO",
             "origin": "ITS", "destination": "ITS", "current_loc": "ITS", "line": "MSCU", "size_type": "40GP",
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
    result = {"container_number": "MSDU5772413", "trade_type": "IMPORT", "passed_pregate": True, "decided_by": "x",
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


# --- Dialogue memory: what the thread showed resolves "the second one", "it", "same truck". ---

LIST_ROWS = [{"container_number": n, "trade_type": "IMPORT", "status": "IN YARD", "holds": "NO", "origin": "ITS",
              "destination": "ITS", "current_loc": "ITS", "line": "MSCU", "size_type": "40GP",
              "lfd_gtd": "10/03/2025 - 10/04/2025"} for n in ("MSCU5165756", "MSDU5772413", "CAIU7181746")]
LISTED = [HumanMessage("which containers are ready to pick up?"),
          *tool_turn("list_containers", {}, {"total_containers": 3, "matched": 3, "filters": {}, "rows": LIST_ROWS},
                     "list"),
          AIMessage("3 containers")]


@pytest.mark.parametrize(("text", "tool", "number"), [
    ("show me the timeline of the second one", "get_container_timeline", "MSDU5772413"),
    ("the first one, has it passed pregate?", "get_container_timeline", "MSCU5165756"),
    ("what's the status of the last one?", "get_container", "CAIU7181746"),
    ("#2", "get_container", "MSDU5772413"),
    ("LFD of the third one?", "get_container", "CAIU7181746"),
])
def test_a_place_in_the_list_shown_names_the_container(text: str, tool: str, number: str) -> None:
    assert first_call(text, *LISTED) == (tool, {"container_number": number})


def test_and_the_next_one_repeats_the_question_for_the_next_container() -> None:
    first = [HumanMessage("timeline of the first one"),
             *tool_turn("get_container_timeline", {"container_number": "MSCU5165756"},
                        {"container_number": "MSCU5165756", "trade_type": "IMPORT", "passed_pregate": False,
                         "next_move": "PICK FULL", "milestones": []}, "t1"),
             AIMessage("timeline")]
    assert first_call("and the next one?", *LISTED, *first) == ("get_container_timeline",
                                                                {"container_number": "MSDU5772413"})


def test_that_one_is_the_container_in_focus_and_its_lfd_is_spelled_out() -> None:
    row = {**LIST_ROWS[0], "known": True}
    status = [HumanMessage("status of MSCU5165756"), *tool_turn("get_container", {}, row, "s1"), AIMessage("ok")]
    assert first_call("what's the LFD on that one?", *status) == ("get_container",
                                                                 {"container_number": "MSCU5165756"})
    ask = HumanMessage("what's the LFD on that one?")
    answer = str(reply(*status, ask, *tool_turn("get_container", {}, row, "s2")).content)
    assert "**Friday 10/03**" in answer and "2 days from now" in answer


def test_it_after_a_container_answer_is_that_container() -> None:
    status = [HumanMessage("status of MSDU5772413"),
              *tool_turn("get_container", {}, {"container_number": "MSDU5772413"}),
              AIMessage("ok")]
    assert first_call("has it passed pregate?", *status) == ("get_container_timeline",
                                                            {"container_number": "MSDU5772413"})
    assert first_call("and MSCU5165756?", *status) == ("get_container", {"container_number": "MSCU5165756"})


def test_same_truck_is_the_plate_used_last() -> None:
    booked = [HumanMessage("book the first one"),
              *tool_turn("book_appointment", {}, {**CHECK, "slot": SLOTS[0], "booked": True, "truck_plate": "8KRT223",
                                                  "appointment_number": "55512345"}), AIMessage("Booked")]
    name, args = first_call("now slots for MSDU5772413, same truck", *booked)
    assert (name, args["container_number"], args["truck_plate"]) == ("check_appointments", "MSDU5772413", "8KRT223")


def test_the_memory_note_from_the_graph_is_read_when_the_messages_are_trimmed() -> None:
    note = SystemMessage(NOTE_PREFIX + json.dumps({"containers": ["MSCU5165756", "MSDU5772413"],
                                                   "shown": "containers"}))
    message = MODEL.invoke([SYSTEM, note, HumanMessage("timeline of the second one")])
    assert message.tool_calls[0]["args"] == {"container_number": "MSDU5772413"}


def test_slots_in_the_afternoon_show_only_afternoon_windows_numbered_as_they_can_be_booked() -> None:
    three = {**CHECK, "slots": [*SLOTS, "Friday 10/03/2025 07:00 - 12:00"], "slot_count": 3}
    text = "slots for MSCU5165756 tomorrow afternoon, truck 7KRT481"
    ask = HumanMessage(text)
    name, args = first_call(text)
    assert name == "check_appointments"
    assert args["day"] == "2025-10-02" and args["starting_after"] == "12:00" and args["starting_before"] == "17:00"
    answer = str(reply(ask, *tool_turn("check_appointments", args, three)).content)
    assert "| 1 | Thursday 10/02/2025 12:00 - 17:00 |" in answer and "07:00 - 12:00" not in answer
    assert "on tomorrow, Thursday 10/02" in answer
    history = [ask, *tool_turn("check_appointments", args, three), AIMessage(answer)]
    assert first_call("book the first one", *history)[1]["slot"] == SLOTS[1]


# --- Time and vocabulary. ---

@pytest.mark.parametrize(("text", "tool", "args"), [
    ("containers in the yard today", "list_containers", {"status": "IN YARD"}),  # "today" is no LFD filter
    ("which containers have LFD today", "list_containers", {"lfd_from": "2025-10-01", "lfd_to": "2025-10-01"}),
    ("anything past LFD still in the yard?", "list_containers", {"status": "IN YARD", "lfd_to": "2025-09-30"}),
    ("boxes without a pregate ticket", "list_containers", {"without_pregate_ticket": True}),
    ("what do I have at Total Terminals", "list_containers", {"terminal": "TTI"}),
    ("containers at ITS Long Bech", "list_containers", {"terminal": "ITS"}),
    ("anything at Evreport?", "list_containers", {"terminal": "ETSLAX"}),
    ("cntrs avail for pickup?", "list_containers", {"status": "IN YARD", "trade_type": "IMPORT", "holds": "NO"}),
    ("staus of MSCU 516575-6", "get_container", {"container_number": "MSCU5165756"}),
    ("where's msdu 577 2413", "get_container", {"container_number": "MSDU5772413"}),
    ("has MSCU5165756 passed pre gate", "get_container_timeline", {"container_number": "MSCU5165756"}),
    ("are we connected to emodal?", "session_status", {}),
    ("r u logged in to emodal", "session_status", {}),
    ("appointments I have scheduled", "list_my_appointments", {"status": "SCHEDULED"}),
    ("any cancelled appointments?", "list_my_appointments", {"status": "CANCELLED"}),
    ("appointments for MSDU5772413", "list_my_appointments", {"container_number": "MSDU5772413"}),
    ("do the hourly sweep w/ truck 6KRT917", "run_container_check", {"truck_plate": "6KRT917"}),
    ("go through every container and find the earliest slot for each, use 7KRT481", "run_container_check",
     {"truck_plate": "7KRT481"}),
    ("dump all containers to a file", "export_containers_excel", {}),
    ("tmrw morning appts for MSCU5165756 with 8KRT223", "check_appointments",
     {"container_number": "MSCU5165756", "truck_plate": "8KRT223", "day": "2025-10-02", "starting_before": "12:00"}),
    ("open slots to return the empty for MSDU5772413, truck 9KRT052", "check_appointments",
     {"container_number": "MSDU5772413", "truck_plate": "9KRT052", "move_type": "DROP EMPTY"}),
    ("Friday morning for MSCU5165756, truck 7KRT481", "check_appointments",
     {"container_number": "MSCU5165756", "truck_plate": "7KRT481", "day": "2025-10-03", "starting_before": "12:00"}),
    ("slots for MSCU5165756 in the next 3 days truck 7KRT481", "check_appointments",
     {"container_number": "MSCU5165756", "truck_plate": "7KRT481", "day_from": "2025-10-01", "day_to": "2025-10-04"}),
])
def test_dispatcher_words(text: str, tool: str, args: dict[str, Any]) -> None:
    assert first_call(text) == (tool, args)


def test_a_number_without_its_check_digit_is_completed_and_said_so() -> None:
    ask = HumanMessage("status of MSCU516575")
    assert first_call("status of MSCU516575") == ("get_container", {"container_number": "MSCU5165756"})
    answer = str(reply(ask, *tool_turn("get_container", {}, {**LIST_ROWS[0], "known": True})).content)
    assert answer.startswith("(**MSCU516575** has no check digit, so I used **MSCU5165756**.)")


@pytest.mark.parametrize("text", ["what's the status?", "has it passed pregate?", "show me the timeline",
                                  "what's the LFD?"])
def test_a_missing_container_is_one_question_without_a_tool(text: str) -> None:
    message = reply(HumanMessage(text))
    assert not message.tool_calls and str(message.content).count("?") == 1
    assert str(message.content).startswith("Which container")


def test_a_missing_container_for_slots_offers_the_ready_ones() -> None:
    ask = HumanMessage("appointment for tomorrow morning, truck 7KRT481")
    name, args = first_call("appointment for tomorrow morning, truck 7KRT481")
    assert (name, args["without_pregate_ticket"]) == ("list_containers", True)
    question = str(reply(ask, *tool_turn("list_containers", args, {"total_containers": 3, "matched": 3,
                                                                   "filters": {}, "rows": LIST_ROWS})).content)
    assert question.count("?") == 1 and "*MSCU5165756*" in question and "*CAIU7181746*" in question


def test_an_unnamed_terminal_is_asked_for_with_the_choices() -> None:
    message = reply(HumanMessage("containers at the terminal"))
    assert not message.tool_calls and str(message.content).count("?") == 1
    assert "ITS Long Beach" in str(message.content) and "TraPac" in str(message.content)


def test_a_question_offers_its_likely_answers_as_quick_replies_and_a_bare_reply_completes_it() -> None:
    question = reply(*LISTED, HumanMessage("has it passed pregate?"))
    assert not question.tool_calls and question.additional_kwargs["quick_replies"][0] == "MSCU5165756"
    pregate_first = [HumanMessage("has it passed pregate?"), question]
    assert first_call("MSDU5772413", *pregate_first) == ("get_container_timeline",
                                                        {"container_number": "MSDU5772413"})
    assert first_call("status of MSDU5772413", *pregate_first)[0] == "get_container"  # said outright: as said


def test_slot_buttons_follow_the_slots_as_shown_and_book_what_they_say() -> None:
    ask = HumanMessage("slots for MSCU5165756 tomorrow afternoon, truck 7KRT481")
    args = first_call("slots for MSCU5165756 tomorrow afternoon, truck 7KRT481")[1]
    answer = reply(ask, *tool_turn("check_appointments", args, CHECK))
    assert answer.additional_kwargs["quick_replies"] == ["book the first one (10/02/2025 12:00 - 17:00)"]
    history = [ask, *tool_turn("check_appointments", args, CHECK), answer]
    assert first_call(answer.additional_kwargs["quick_replies"][0], *history)[1]["slot"] == SLOTS[1]
