"""Move types as the appointment wizard names them, and the operators' rule for a container's next move."""

from __future__ import annotations

MOVE_TYPES: tuple[str, ...] = ("PICK FULL", "DROP FULL", "PICK EMPTY", "DROP EMPTY")
# The wizard shows its export form (booking number, quantity) for these moves.
EXPORT_MOVES: tuple[str, ...] = ("DROP FULL", "PICK EMPTY")


def normalize_move_type(text: str) -> str:
    """"pick full", "Drop-Empty", "pick_full" -> the wizard's move type; "" when not one of the four."""
    clean = " ".join(text.replace("-", " ").replace("_", " ").split()).upper()
    return clean if clean in MOVE_TYPES else ""


def next_move(trade_type: str, passed_pregate: bool) -> str:
    """IMPORT past Pregate -> DROP EMPTY, IMPORT before -> PICK FULL, EXPORT -> DROP FULL."""
    if trade_type.strip().upper() == "EXPORT":
        return "DROP FULL"
    return "DROP EMPTY" if passed_pregate else "PICK FULL"
