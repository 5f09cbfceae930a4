"""ISO 6346 check digits."""

from __future__ import annotations

import pytest

from sandbox.iso6346 import LETTER_VALUES, check_digit, is_valid, make_number


class TestCheckDigit:
    @pytest.mark.parametrize("number", ["MSCU5165756", "MSDU5772413", "CAIU7181746", "HMMU9048448"])
    def test_known_numbers_are_valid(self, number: str) -> None:
        assert is_valid(number)

    def test_wrong_digit_is_refused(self) -> None:
        assert not is_valid("MSCU5165757")

    def test_letter_values_skip_multiples_of_eleven(self) -> None:
        assert (LETTER_VALUES["A"], LETTER_VALUES["B"], LETTER_VALUES["L"], LETTER_VALUES["V"]) == (10, 12, 23, 34)
        assert not {11, 22, 33} & set(LETTER_VALUES.values())

    def test_remainder_ten_counts_as_zero(self) -> None:
        prefix = next(f"ABCU{n:06d}" for n in range(10**6) if _raw(f"ABCU{n:06d}") == 10)
        assert check_digit(prefix) == 0
        assert is_valid(make_number(prefix[:3], "U", int(prefix[4:])))


def _raw(prefix: str) -> int:
    total: int = sum((LETTER_VALUES[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(prefix))
    return total % 11
