"""The connector refuses a bad container number before any browser work, with its own error."""

from __future__ import annotations

import pytest

from domain import InvalidContainerNumber
from EModal import AppointmentRequest
from EModal.container_number import checked_container_number, strip_status_letter
from EModal.errors import EModalError, InvalidContainerNumberError


class TestCheckedNumber:
    def test_a_typed_number_is_normalised(self) -> None:
        assert checked_container_number(" mscu 516575-6 ") == "MSCU5165756"

    def test_the_refusal_is_the_connectors_error_and_the_domains(self) -> None:
        with pytest.raises(InvalidContainerNumberError) as caught:
            checked_container_number("MSCU5165757")
        error = caught.value
        assert isinstance(error, EModalError) and isinstance(error, InvalidContainerNumber)
        assert error.code == "invalid_container_number"
        assert error.number == "MSCU5165757" and error.why == "check digit should be 6"
        assert str(error) == "'MSCU5165757' is not a valid container number: check digit should be 6"

    def test_an_appointment_request_refuses_a_bad_number_when_built(self) -> None:
        with pytest.raises(InvalidContainerNumberError):
            AppointmentRequest(container_number="MSCU516575")
        assert AppointmentRequest(container_number="mscu-5165756").container_number == "MSCU5165756"


class TestStatusLetter:
    @pytest.mark.parametrize(
        ("cell", "number"),
        [("MSDU5772413L", "MSDU5772413"), ("HMMU9048448E", "HMMU9048448"), ("MSDU5772413", "MSDU5772413"),
         (" MSDU5772413L ", "MSDU5772413")],
    )
    def test_trailing_letter_stripped(self, cell: str, number: str) -> None:
        assert strip_status_letter(cell) == number

    def test_other_text_kept(self) -> None:
        assert strip_status_letter("N/A") == "N/A"
        assert strip_status_letter("MSDU5772413X") == "MSDU5772413X"
