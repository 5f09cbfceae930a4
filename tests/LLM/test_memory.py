"""Dialogue memory: what each tool result leaves behind, and the note that carries it to any model."""

from __future__ import annotations

from langchain_core.messages import SystemMessage

from LLM.memory import NOTE_PREFIX, DialogueMemory, displayed_slots, note, read_note, remember

SLOTS = ["Thursday 10/02/2025 07:00 - 12:00", "Thursday 10/02/2025 12:00 - 17:00", "Friday 10/03/2025 17:00 - 22:00"]
CHECK = {"container_number": "MSCU5165756", "terminal": "ITS", "move_type": "PICK FULL", "truck_plate": "7KRT481",
         "slots": SLOTS}


def test_a_list_is_remembered_in_the_order_shown_and_a_lookup_moves_the_focus() -> None:
    rows = [{"container_number": f"MSCU{n}"} for n in ("5165756", "5165757")]
    memory = remember(DialogueMemory(), "list_containers", {}, {"rows": rows})
    assert memory["containers"] == ["MSCU5165756", "MSCU5165757"] and memory["shown"] == "containers"
    memory = remember(memory, "get_container_timeline", {"container_number": "MSCU5165757"},
                      {"container_number": "MSCU5165757"})
    assert memory["container"] == "MSCU5165757" and memory["containers"] == ["MSCU5165756", "MSCU5165757"]
    assert memory["last_tool"] == "get_container_timeline"


def test_slots_remember_the_truck_the_terminal_and_only_what_the_window_let_through() -> None:
    memory = remember(DialogueMemory(), "check_appointments", {"starting_after": "12:00"}, CHECK)
    assert memory["slots"] == SLOTS[1:] and memory["slots_container"] == "MSCU5165756"
    assert (memory["plate"], memory["terminal"], memory["move_type"]) == ("7KRT481", "ITS", "PICK FULL")
    assert displayed_slots(CHECK, {"day_from": "2025-10-03", "day_to": "2025-10-03"}) == SLOTS[2:]
    assert displayed_slots(CHECK, {"day": "2025-10-02", "starting_before": "12:00"}) == SLOTS[:1]


def test_plates_used_before_come_from_my_appointments_and_bookings() -> None:
    rows = [{"appointment_number": "40000001", "Truck Plate": "8KRT223", "Container/Booking #": "MSDU5772413"},
            {"appointment_number": "40000002", "Truck Plate": "6KRT917"}]
    memory = remember(DialogueMemory(), "list_my_appointments", {}, {"rows": rows})
    assert memory["plates"] == ["8KRT223", "6KRT917"] and memory["appointments"][0]["container"] == "MSDU5772413"
    memory = remember(memory, "book_appointment", {}, {"container": "MSCU5165756", "truck_plate": "9KRT052"})
    assert memory["plate"] == "9KRT052" and memory["plates"][0] == "9KRT052"


def test_a_failed_or_unknown_tool_leaves_the_memory_alone() -> None:
    memory = remember(DialogueMemory(container="MSCU5165756"), "session_status", {}, {"account": "x"})
    assert memory == {"container": "MSCU5165756"}


def test_the_note_is_one_line_that_reads_back_from_any_system_message() -> None:
    memory = remember(DialogueMemory(), "check_appointments", {}, CHECK)
    text = note(memory)
    assert text.startswith(NOTE_PREFIX) and "\n" not in text
    assert read_note([SystemMessage("You are the assistant.\n" + text)]) == memory
    assert note(DialogueMemory()) == "" and read_note([SystemMessage("no note")]) is None
