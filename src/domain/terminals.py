"""Terminals: the codes the portal's list shows, the wizard's names, and what dispatchers call them."""

from __future__ import annotations

# Code (as in the containers list's Origin/Destination/Current Loc) -> name in the wizard's Terminal select.
TERMINAL_NAMES: dict[str, str] = {
    "ITS": "ITS Long Beach",
    "TTI": "Total Terminals Intl LLC",
    "TRP1": "TraPac LLC - Los Angeles",
    "ETSLAX": "Everport Terminal Services - Los Angeles",
    "PCT": "Pacific Container Terminal",
    "SSA": "SSA Terminal - PierA / LB",
    "BNLPC": "Long Beach Container Terminal",
}

# Names a dispatcher may type for a terminal, beside its code and its wizard name (lower case, single spaces).
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


def _words(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).lower()


def terminal_code(text: str) -> str:
    """A terminal code from a code, a wizard name or a common name ("ITS Long Beach" -> "ITS"); "" when unknown."""
    clean = _words(text)
    if not clean:
        return ""
    if clean.upper() in TERMINAL_NAMES:
        return clean.upper()
    for code, name in TERMINAL_NAMES.items():
        if _words(name) == clean:
            return code
    return TERMINAL_ALIASES.get(clean, "")


def terminal_name(code: str) -> str:
    """The wizard's name of a terminal code (the text itself when the wizard has no such terminal)."""
    return TERMINAL_NAMES.get(code.strip().upper(), code.strip())


def _known(location: str) -> str:
    value = location.strip().upper()
    return "" if value in ("", "N/A") else value


def terminal_code_for(*, move_type: str, origin: str, destination: str, current_loc: str) -> str:
    """Where a move happens: a PICK at the Destination, a DROP at the Origin, else the Current Loc; "" if unknown."""
    first = destination if move_type.strip().upper().startswith("PICK") else origin
    return _known(first) or _known(current_loc)
