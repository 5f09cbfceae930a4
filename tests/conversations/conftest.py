"""Two identical stacks (sandbox, warm portal session pool, runner) for the whole suite; each set runs once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conversations.cases import Case
from tests.conversations.harness import CaseResult, ConversationStack, conversation_stacks, run_cases
from tests.conversations.heldout import HELDOUT
from tests.conversations.tuning import TUNING


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "conversations: the dispatcher phrasing suite (pass rate by category)")


@pytest.fixture(scope="package")
def conversations(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ConversationStack]]:
    with conversation_stacks(tmp_path_factory.mktemp("conversations")) as stacks:
        yield stacks


def _results(stacks: list[ConversationStack], cases: list[Case]) -> dict[str, list[CaseResult]]:
    grouped: dict[str, list[CaseResult]] = {}
    for result in run_cases(stacks, cases):
        grouped.setdefault(result.case.category, []).append(result)
    return grouped


@pytest.fixture(scope="package")
def tuning_results(conversations: list[ConversationStack]) -> dict[str, list[CaseResult]]:
    """Every tuning case, run once (in parallel on the stacks), by category."""
    return _results(conversations, TUNING)


@pytest.fixture(scope="package")
def heldout_results(conversations: list[ConversationStack]) -> dict[str, list[CaseResult]]:
    """Every held-out case, run once, by category."""
    return _results(conversations, HELDOUT)
