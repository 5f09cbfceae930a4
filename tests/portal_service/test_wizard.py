"""Making up the wizard's request: what is checked, and nothing asked of the portal when all is given."""

from __future__ import annotations

from typing import cast

import pytest

from EModal import PortalOperations
from portal_service import InvalidArgumentError, WizardFields
from portal_service.wizard import prepare_request

NO_PORTAL = cast(PortalOperations, None)  # any portal read would fail: these requests need none


def test_fields_are_normalised_and_blanks_left_out() -> None:
    fields = WizardFields(container_number="mscu 516575-6", terminal="trapac", move_type="pick-full",
                          truck_plate=" 7krt481 ")
    assert fields.given() == {"container_number": "MSCU5165756", "terminal": "TRP1", "move_type": "PICK FULL",
                              "truck_plate": "7KRT481"}


@pytest.mark.parametrize(("field", "value", "code"), [("container_number", "MSCU5165757", "invalid_container_number"),
                                                       ("terminal", "Pier 400", "invalid_argument"),
                                                       ("move_type", "pick", "invalid_argument")])
def test_bad_values_are_refused_with_what_to_fix(field: str, value: str, code: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        WizardFields.model_validate({field: value})
    assert caught.value.code == code and value in str(caught.value)


def test_a_complete_import_request_derives_nothing() -> None:
    fields = WizardFields(container_number="MSCU5165756", terminal="ITS", move_type="PICK FULL",
                          truck_plate="7KRT481", own_chassis=False)
    request, derived = prepare_request(NO_PORTAL, fields, trucking_company="ACME TRUCKING")
    assert derived == []
    assert (request.trade_type, request.terminal_name, request.trucking_company) == (
        "IMPORT", "ITS Long Beach", "ACME TRUCKING")


def test_an_export_move_with_its_booking_books_against_the_booking() -> None:
    fields = WizardFields(container_number="MSCU5165756", terminal="TTI", move_type="DROP FULL",
                          booking_number="BK123", quantity=1, unit_number="MSCU5165756", trucking_company="ACME")
    request, derived = prepare_request(NO_PORTAL, fields)
    assert derived == [] and request.trade_type == "EXPORT" and request.booking_number == "BK123"
