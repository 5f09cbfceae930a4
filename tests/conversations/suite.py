"""The pass-rate assertion both sets share: at least 95% per category; the tuning set's failures printed.

The held-out set's failures are never printed (only case ids and counts): a printed phrasing is one the model's
author has read, and the set would stop measuring generalisation (the first held-out set was lost that way).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.conversations.harness import CaseResult, failure_report, pass_rate, summary

TARGET = 0.95


def assert_category(label: str, results: Sequence[CaseResult], *, show_failures: bool = True) -> None:
    """Print the category's rate (and its failures, if shown); fail below the target."""
    report = summary(label, results)
    if show_failures:
        report += "\n" + failure_report(results)
    print(report)
    if pass_rate(results) < TARGET:
        # No traceback: pytest would show the test's arguments (every case's phrasings) in it.
        pytest.fail(report, pytrace=False)
