"""The held-out set, one test per category: at least 95% right on phrasings nobody tuned the model on."""

from __future__ import annotations

import pytest

from tests.conversations.cases import by_category
from tests.conversations.harness import CaseResult
from tests.conversations.heldout import HELDOUT
from tests.conversations.suite import assert_category

pytestmark = [pytest.mark.conversations, pytest.mark.browser, pytest.mark.timeout(900)]
CATEGORIES = by_category(HELDOUT)


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_heldout_category(heldout_results: dict[str, list[CaseResult]], category: str) -> None:
    assert_category(f"heldout/{category}", heldout_results[category])
