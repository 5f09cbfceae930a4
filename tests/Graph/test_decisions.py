"""Typed replies to a booking that waits: informal yes and no, and what only keeps it waiting."""

from __future__ import annotations

import pytest

from Graph.decisions import typed_decision


@pytest.mark.parametrize("reply", ["yes", "yes please", "go ahead", "sure, do it", "confirm", "send it", "lock it in",
                                   "go for it", "ok book it", "send it through", "yep"])
def test_informal_approvals(reply: str) -> None:
    assert typed_decision(reply) == "approve"


@pytest.mark.parametrize("reply", ["no", "no thanks", "nah cancel that", "hold off on that", "scratch that",
                                   "leave it", "not now", "don't send it", "no, don't book it"])
def test_informal_rejections(reply: str) -> None:
    assert typed_decision(reply) == "reject"


@pytest.mark.parametrize("reply", ["hold on", "wait, which terminal is that?", "yes but the 12:00 one",
                                   "what's the LFD again?"])
def test_anything_else_keeps_the_booking_waiting(reply: str) -> None:
    assert typed_decision(reply) is None
