"""ISO 6346 validation happens before any browser work."""

from __future__ import annotations

import pytest

from EModal.container_number import (
    check_digit,
    is_valid_container_number,
    normalize_container_number,
    strip_status_letter,
)
from EModal.errors import EModalError, InvalidContainerNumberError


class TestCheckDigit:
    @pytest.mark.parametrize("number", ["MSCU5165756", "MSDU5772413", "CAIU7181746", "HMMU9048448"])
    def test_known_numbers_are_valid(self, number: str) -> None:
        assert is_valid_container_number(number)
        assert check_digit(number[:10]) == int(number[10])

    def test_ten_counts_as_zero(self) -> None:
        # Find a prefix whose sum mod 11 is 10, then check the digit is 0.
        prefix = next(
            f"ABCU{serial:06d}"
            for serial in range(1000)
            if sum(
                (int(c) if c.isdigit() else {"A": 10, "B": 12, "C": 13, "U": 32}[c]) * 2**i
                for i, c in enumerate(f"ABCU{serial:06d}")
            )
            % 11
            == 10
        )
        assert check_digit(prefix) == 0

    def test_normalizes_spacing_and_case(self) -> None:
        assert normalize_container_number(" mscu 516575-6 ") == "MSCU5165756"


class TestInvalidNumbers:
    @pytest.mark.parametrize(
        ("raw", "why"),
        [
            ("MSCU5165757", "check digit should be 6"),
            ("MSCX5165756", "expected 3 owner letters"),
            ("MSC5165756", "expected 3 owner letters"),
            ("", "expected 3 owner letters"),
        ],
    )
    def test_refused_with_reason(self, raw: str, why: str) -> None:
        with pytest.raises(InvalidContainerNumberError) as caught:
            normalize_container_number(raw)
        assert why in str(caught.value)
        assert isinstance(caught.value, EModalError)
        assert caught.value.number == raw


class TestStatusLetter:
    @pytest.mark.parametrize(
        ("cell", "number"),
        [("MSDU5772413L", "MSDU5772413"), ("HMMU9048448E", "HMMU9048448"), ("MSDU5772413", "MSDU5772413")],
    )
    def test_trailing_letter_stripped(self, cell: str, number: str) -> None:
        assert strip_status_letter(cell) == number

    def test_other_text_kept(self) -> None:
        assert strip_status_letter("N/A") == "N/A"
