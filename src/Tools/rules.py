"""The operators' rules: next move type from the timeline, terminal from the container's locations."""

from __future__ import annotations

from EModal import Container
from EModal.records import MOVE_TYPES, TERMINAL_NAMES

# Names a dispatcher may type for a terminal, beside its code and its wizard name.
TERMINAL_ALIASES: dict[str, str] = {
    "its": "ITS",
    "its long beach": "ITS",
    "tti": "TTI",
    "total terminals": "TTI",
    "total terminals intl": "TTI",
    "trapac": "TRP1",
    "trp1": "TRP1",
    "trapac la": "TRP1",
    "everport": "ETSLAX",
    "etslax": "ETSLAX",
    "pct": "PCT",
    "pacific container terminal": "PCT",
    "ssa": "SSA",
    "ssa pier a": "SSA",
    "lbct": "BNLPC",
    "bnlpc": "BNLPC",
    "long beach container terminal": "BNLPC",
}


def next_move(trade_type: str, passed_pregate: bool) -> str:
    """IMPORT past Pregate -> DROP EMPTY, IMPORT before -> PICK FULL, EXPORT -> DROP FULL."""
    if trade_type.strip().upper() == "EXPORT":
        return "DROP FULL"
    return "DROP EMPTY" if passed_pregate else "PICK FULL"


def _known(value: str) -> str:
    value = value.strip().upper()
    return "" if value in ("", "N/A") else value


def terminal_code_for(container: Container, move_type: str) -> str:
    """A PICK uses the Destination (else Current Loc), a DROP the Origin (else Current Loc)."""
    first = container.destination if move_type.upper().startswith("PICK") else container.origin
    return _known(first) or _known(container.current_loc)


def terminal_code(text: str) -> str:
    """A terminal code from a code, a wizard name or a common name; "" when unknown."""
    clean = " ".join(text.replace("-", " ").split()).lower()
    if not clean:
        return ""
    if clean.upper() in TERMINAL_NAMES:
        return clean.upper()
    for code, name in TERMINAL_NAMES.items():
        if " ".join(name.replace("-", " ").split()).lower() == clean:
            return code
    return TERMINAL_ALIASES.get(clean, "")


def terminal_name(code: str) -> str:
    """The wizard's name of a terminal code (the code itself when the wizard has no such terminal)."""
    return TERMINAL_NAMES.get(code.upper(), code)


def normalize_move_type(text: str) -> str:
    """"pick full", "Drop-Empty" ... -> the wizard's move type; "" when not one of the four."""
    clean = " ".join(text.replace("-", " ").replace("_", " ").split()).upper()
    return clean if clean in MOVE_TYPES else ""
