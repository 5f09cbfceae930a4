"""The tuning set, one test per category: at least 95% of its phrasings answered right."""

from __future__ import annotations

import pytest

from tests.conversations.cases import by_category
from tests.conversations.harness import CaseResult
from tests.conversations.suite import assert_category
from tests.conversations.tuning import TUNING

pytestmark = [pytest.mark.conversations, pytest.mark.browser, pytest.mark.timeout(900)]
CATEGORIES = by_category(TUNING)


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_tuning_category(tuning_results: dict[str, list[CaseResult]], category: str) -> None:
    assert_category(f"tuning/{category}", tuning_results[category])
