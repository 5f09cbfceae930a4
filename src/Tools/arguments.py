"""Id arguments as the tool schemas state them: a pattern and a length a grammar-constrained server can follow.

The patterns accept what the normaliser cleans (spaces, dots, dashes, lower case, a missing check digit) and
nothing that could grow without end; the domain rules (check digit, owner code) still give the precise error.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# 4 letters, then 6 or 7 digits with optional separators: "MSCU5165756", "mscu 516575-6", "MSCU516575".
CONTAINER_NUMBER_PATTERN = r"^ ?[A-Za-z]{4}([ .-]{0,2}[0-9]){6,7} ?$"
# 2 to 10 letters or digits, a space or dash allowed between them: "7KRT481", "7 KRT 481".
TRUCK_PLATE_PATTERN = r"^ ?[A-Za-z0-9]([ -]?[A-Za-z0-9]){1,9} ?$"
CONTAINER_NUMBER_MAX = 24
TRUCK_PLATE_MAX = 24


def _optional(pattern: str) -> str:
    return f"^$|{pattern}"


ContainerNumberArg = Annotated[str, Field(pattern=CONTAINER_NUMBER_PATTERN, max_length=CONTAINER_NUMBER_MAX)]
OptionalContainerNumberArg = Annotated[
    str, Field(pattern=_optional(CONTAINER_NUMBER_PATTERN), max_length=CONTAINER_NUMBER_MAX)]
TruckPlateArg = Annotated[str, Field(pattern=TRUCK_PLATE_PATTERN, max_length=TRUCK_PLATE_MAX)]
OptionalTruckPlateArg = Annotated[str, Field(pattern=_optional(TRUCK_PLATE_PATTERN), max_length=TRUCK_PLATE_MAX)]
# Free text the model copies from what was offered or said: bounded so a runaway argument ends.
ShortTextArg = Annotated[str, Field(max_length=40)]
SlotTextArg = Annotated[str, Field(max_length=80)]
