"""A dispatcher's words made plain before parsing: texting shorthand spelled out, typos matched to known words."""

from __future__ import annotations

import difflib
import re
from functools import cache

from domain import TERMINAL_ALIASES, TERMINAL_NAMES
from domain.clock import WEEKDAYS

# Abbreviations dispatchers type (not misspellings: those are matched by similarity below).
SHORTHAND: dict[str, str] = {
    "appt": "appointment", "appts": "appointments", "apt": "appointment", "apts": "appointments",
    "appointmnt": "appointment", "cntr": "container", "cntrs": "containers", "ctnr": "container",
    "ctnrs": "containers", "cont": "container", "conts": "containers", "box": "container",
    "u": "you", "r": "are", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks",
    "w/": "with", "w/o": "without", "wo/": "without", "b4": "before", "2day": "today", "tdy": "today",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "2morrow": "tomorrow", "2moro": "tomorrow",
    "nxt": "next", "avail": "available", "avl": "available", "sched": "schedule", "schd": "schedule",
    "rdy": "ready", "p/u": "pickup", "pu": "pickup", "mty": "empty", "mt": "empty", "imp": "import",
    "imps": "imports", "exp": "export", "chk": "check", "trk": "truck", "trck": "truck", "yd": "yard",
    "whats": "what is", "what's": "what is", "wats": "what is", "wat": "what", "hows": "how is",
    "term": "terminal", "lmk": "tell me", "asap": "soon", "tl": "timeline", "sts": "status", "stat": "status",
    "tml": "terminal", "em": "emodal", "e-modal": "emodal", "dbl": "double", "info": "details",
}
# Words the parser acts on; a longer unknown word close to one of these is taken as it (same first letter).
_KNOWN = (
    "container containers appointment appointments available availability slot slots opening openings "
    "timeline milestones screenshot pregate pregated status details holds hold released released yard vessel "
    "import imports export exports excel spreadsheet download terminal terminals truck plate chassis booking "
    "book reserve schedule scheduled upcoming check everything every actionable session connected connection "
    "logged login tomorrow today tonight morning afternoon evening weekend week before after between until "
    "through pickup empty return drop full ready release free last first second third next previous "
    "emodal help hello thanks please show list which where what many cancel cancelled canceled completed "
    "approve reject returned empties booked checked listed shown "
    "sweep through everything where whats timeline containers evergreen hyundai yang ming cosco maersk"
)
# Words never corrected: common English that sits close to a known word ("later" ~ "plate", "ship" ~ "slip").
_KEEP_WORDS = (
    "the and for with you are your that this those these have has had was were will would could should "
    "them they their there then than when what which while who why how does done dont doesnt isnt arent "
    "some same any all not now new our ours out over into from about also just only even still very much "
    "later later plates ships ship shipment today okay sure good great fine nope yeah yes time times "
    "take taken took make made need needs want wants like look looks give tell said says know here "
    "date dates day days hour hours minute minutes open opens closed close gate gated"
)
_KEEP = frozenset(_KEEP_WORDS.split())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'/-]*[A-Za-z/]|[A-Za-z0-9/]+")


@cache
def known_words() -> tuple[str, ...]:
    """Every word the parser knows: its keywords, the weekdays, and the words of terminal names and aliases."""
    words = set(_KNOWN.split()) | set(WEEKDAYS)
    for text in [*TERMINAL_NAMES.values(), *TERMINAL_ALIASES]:
        words |= {w for w in re.split(r"[\s\-/]+", text.lower()) if len(w) >= 4 and w.isalpha()}
    return tuple(sorted(words))


def correct_word(word: str) -> str:
    """The known word a typo stands for ("apointment" -> "appointment"), else the word itself."""
    lowered = word.lower()
    if len(lowered) < 4 or lowered in _KEEP or not lowered.isalpha() or lowered in known_words():
        return word
    candidates = [w for w in known_words() if w[0] == lowered[0] and abs(len(w) - len(lowered)) <= 2]
    close = difflib.get_close_matches(lowered, candidates, n=1, cutoff=0.8)
    return close[0] if close else word


def normalize(text: str) -> str:
    """The message with shorthand spelled out and typos corrected; numbers, plates and capitals kept."""
    def fix(match: re.Match[str]) -> str:
        word = match[0]
        if any(ch.isdigit() for ch in word) and word.lower() not in SHORTHAND:
            return word  # container numbers, plates and times stay as typed
        if word.lower() in SHORTHAND:
            return SHORTHAND[word.lower()]
        if word.isupper() and len(word) <= 6:
            return word  # codes such as ITS, TTI, LFD, ONE
        return correct_word(word)

    return _TOKEN.sub(fix, text)
