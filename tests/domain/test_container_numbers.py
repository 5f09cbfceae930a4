"""ISO 6346 container numbers: what a dispatcher may type, and why a number is refused."""

from __future__ import annotations

import pytest

from domain import DomainError, InvalidContainerNumber, check_digit, is_valid_container_number
from domain import normalize_container_number as normalize


class TestCheckDigit:
    @pytest.mark.parametrize("number", ["MSCU5165756", "MSDU5772413", "CAIU7181746", "HMMU9048448"])
    def test_known_numbers_are_valid(self, number: str) -> None:
        assert is_valid_container_number(number)
        assert check_digit(number[:10]) == int(number[10])

    def test_a_remainder_of_ten_is_written_as_zero(self) -> None:
        # Letter values by ISO 6346: A=10, B=12, C=13, U=32 (11, 22, 33 are skipped).
        def remainder(prefix: str) -> int:
            values = {"A": 10, "B": 12, "C": 13, "U": 32}
            return sum((int(c) if c.isdigit() else values[c]) << i for i, c in enumerate(prefix)) % 11

        prefix = next(p for p in (f"ABCU{serial:06d}" for serial in range(1000)) if remainder(p) == 10)
        assert check_digit(prefix) == 0

    def test_lower_case_prefix_gives_the_same_digit(self) -> None:
        assert check_digit("mscu516575") == 6

    @pytest.mark.parametrize("prefix", ["MSCU51657", "MSC0516575", "MSCU51657X", ""])
    def test_a_malformed_prefix_is_refused_not_crashed(self, prefix: str) -> None:
        with pytest.raises(InvalidContainerNumber, match="4 letters and 6 digits"):
            check_digit(prefix)


class TestNormalisation:
    @pytest.mark.parametrize(
        "typed",
        ["MSCU5165756", "mscu5165756", " MSCU 516575 6 ", "MSCU-516575-6", "mscu 516575-6", "MSCU.516575.6",
         "MSCU\t5165756"],
    )
    def test_spaces_dashes_dots_and_case_are_ignored(self, typed: str) -> None:
        assert normalize(typed) == "MSCU5165756"
        assert is_valid_container_number(typed)


class TestInvalidNumbers:
    @pytest.mark.parametrize(
        ("raw", "why"),
        [
            ("MSCU5165757", "check digit should be 6"),
            ("mscu 516575-7", "check digit should be 6"),
            ("MSCX5165756", "expected 3 owner letters"),
            ("MSC5165756", "expected 3 owner letters"),
            ("MSCU516575", "expected 3 owner letters"),
            ("", "expected 3 owner letters"),
        ],
    )
    def test_refused_with_a_reason_that_names_the_input(self, raw: str, why: str) -> None:
        with pytest.raises(InvalidContainerNumber) as caught:
            normalize(raw)
        assert why in str(caught.value)
        assert repr(raw) in str(caught.value)
        assert caught.value.number == raw
        assert caught.value.code == "invalid_container_number"

    def test_it_is_a_domain_error_and_a_value_error(self) -> None:
        with pytest.raises(DomainError) as caught:
            normalize("nonsense")
        assert isinstance(caught.value, ValueError)

    def test_is_valid_says_no_without_raising(self) -> None:
        assert not is_valid_container_number("MSCU5165757")
        assert not is_valid_container_number("hello")
