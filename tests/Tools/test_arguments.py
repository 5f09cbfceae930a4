"""Id arguments in the tool schemas: a pattern and a length limit a grammar-constrained server can follow."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from Tools import TOOLS

BY_NAME = {tool.name: tool for tool in TOOLS}


def _property(tool: str, name: str) -> dict[str, Any]:
    schema = BY_NAME[tool].tool_call_schema
    assert isinstance(schema, type) and issubclass(schema, BaseModel)
    return dict(schema.model_json_schema()["properties"][name])


@pytest.mark.parametrize(("tool", "name"), [("get_container", "container_number"),
                                            ("get_container_timeline", "container_number"),
                                            ("check_appointments", "container_number"),
                                            ("book_appointment", "container_number"),
                                            ("list_my_appointments", "container_number"),
                                            ("check_appointments", "truck_plate"),
                                            ("book_appointment", "truck_plate"),
                                            ("run_container_check", "truck_plate")])
def test_every_id_argument_has_a_pattern_and_a_length_limit(tool: str, name: str) -> None:
    prop = _property(tool, name)
    assert prop["pattern"].startswith("^") and prop["pattern"].endswith("$") and 0 < prop["maxLength"] <= 24


@pytest.mark.parametrize("typed", ["MSCU5165756", "mscu 516575-6", "MSCU-516575-6", "MSCU516575", "MSDU5772414"])
def test_the_container_pattern_accepts_what_the_normaliser_cleans(typed: str) -> None:
    assert re.fullmatch(_property("get_container", "container_number")["pattern"], typed)


@pytest.mark.parametrize("typed", ["", "the second one", "MSCU51657561234567", "MSCU5165756" + " " * 20])
def test_the_container_pattern_refuses_what_is_no_number(typed: str) -> None:
    schema = BY_NAME["get_container"].tool_call_schema
    assert isinstance(schema, type) and issubclass(schema, BaseModel)
    with pytest.raises(ValidationError):
        schema.model_validate({"container_number": typed})


@pytest.mark.parametrize(("typed", "ok"), [("7KRT481", True), ("7 krt-481", True), ("", True), ("A" * 30, False),
                                           ("truck 7KRT481 please", False)])
def test_the_plate_pattern(typed: str, ok: bool) -> None:
    prop = _property("book_appointment", "truck_plate")
    assert (bool(re.fullmatch(prop["pattern"], typed)) and len(typed) <= prop["maxLength"]) == ok


@pytest.mark.parametrize(("name", "says"), [("day_from", "on or after"), ("day_to", "on or before"),
                                            ("starting_after", "at or after"), ("starting_before", "before")])
def test_a_chat_model_sees_how_to_narrow_slots_by_days_and_times(name: str, says: str) -> None:
    """"After 2pm Thursday" narrows at the source: the schema a chat model reads says which field means what."""
    prop = _property("check_appointments", name)
    assert says in prop["description"] and prop.get("default") == ""
    assert "after 2pm" in (BY_NAME["check_appointments"].description or "")
