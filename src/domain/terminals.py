"""Terminals: the codes the portal's list shows, the wizard's names, and what dispatchers call them."""

from __future__ import annotations

from collections.abc import Sequence

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
    "long beach container": "BNLPC",
    "everport la": "ETSLAX",
    "everport los angeles": "ETSLAX",
    "trapac los angeles": "TRP1",
    "pacific container": "PCT",
    "total terminal": "TTI",
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


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete, change or swap with a neighbour to turn `a` into `b` ("evreport" -> 1)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, start=1):
        row = [i]
        for j, right in enumerate(b, start=1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (left != right))
            if i > 1 and j > 1 and left == b[j - 2] and a[i - 2] == right:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


def _typo_budget(name: str) -> int:
    """Typos forgiven in a name: one, and one more in a long name (short codes such as "its" get no fuzzy match)."""
    return 1 + len(name) // 15


def closest_terminal(words: Sequence[str]) -> str:
    """The terminal a run of typed words names with typos ("trapak", "long beach containr terminal"); "" if none.

    Every wizard name and alias is compared with the same number of consecutive words; the closest one within its
    typo budget wins (the longer name on a tie).
    """
    # Short codes ("its", "pct", "tti") sit one letter from common words: they only match as typed.
    names = {n: c for n, c in ({_words(n): c for c, n in TERMINAL_NAMES.items()} | TERMINAL_ALIASES).items()
             if len(n) >= 5}
    best, best_score = "", (1.0, 0)
    lowered = [w.lower() for w in words]
    for name, code in names.items():
        size = len(name.split())
        budget = _typo_budget(name)
        for start in range(max(len(lowered) - size + 1, 0)):
            distance = edit_distance(" ".join(lowered[start:start + size]), name)
            score = (distance / len(name), -len(name))
            if distance <= budget and score < best_score:
                best, best_score = code, score
    return best
