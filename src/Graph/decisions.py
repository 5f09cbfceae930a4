"""Reading a typed reply to a booking that waits: "yes, go ahead" approves, "no, don't book it" rejects."""

from __future__ import annotations

import re
from typing import Literal

Decision = Literal["approve", "reject"]

_WORD = re.compile(r"[a-z0-9'-]+")
# A reply decides only when every word is one of these: "yes but the 12:00 one" is not a decision.
_FILLER = frozenset({"it", "that", "this", "one", "the", "booking", "please", "pls", "plz", "thanks", "thank", "you",
                     "thx", "ty", "just", "then", "now", "for", "me", "appointment", "appt"})
_APPROVE_CORE = frozenset({"yes", "y", "yep", "yeah", "ya", "yup", "yea", "sure", "ok", "okay", "k", "kk", "go",
                           "book", "confirm", "confirmed", "approve", "approved", "proceed", "fine", "correct",
                           "do", "lgtm", "perfect", "great", "send", "submit", "lock", "affirmative", "alright",
                           "cool", "works"})
_APPROVE_EXTRA = frozenset({"ahead", "good", "sounds", "looks", "right", "all", "set", "absolutely", "definitely",
                            "in", "off", "away", "through"})
_REJECT_CORE = frozenset({"no", "n", "nope", "nah", "cancel", "dont", "don't", "not", "reject", "rejected",
                          "decline", "stop", "nevermind", "never", "abort", "drop", "forget", "skip", "scratch",
                          "leave", "pass", "negative", "hold-off"})
_REJECT_EXTRA = frozenset({"book", "do", "mind", "about", "go", "with", "need", "on", "off", "send", "submit"})
# Two-word replies whose words alone mean something else: "hold off" rejects, while "hold on" keeps waiting.
_PHRASES = (("hold off", "hold-off"),)


def typed_decision(text: str) -> Decision | None:
    """The decision a short reply states; None for anything else (the booking then keeps waiting)."""
    lowered = text.lower().replace("\u2019", "'")
    for phrase, token in _PHRASES:
        lowered = lowered.replace(phrase, token)
    words = _WORD.findall(lowered)
    content = [w for w in words if w not in _FILLER]
    if not content or len(words) > 8:
        return None
    if any(w in _REJECT_CORE for w in content) and all(w in _REJECT_CORE | _REJECT_EXTRA for w in content):
        return "reject"
    if any(w in _APPROVE_CORE for w in content) and all(w in _APPROVE_CORE | _APPROVE_EXTRA for w in content):
        return "approve"
    return None
