"""The pass-rate assertion both sets share: at least 95% per category, every failure printed."""

from __future__ import annotations

from collections.abc import Sequence

from tests.conversations.harness import CaseResult, failure_report, pass_rate, summary

TARGET = 0.95


def assert_category(label: str, results: Sequence[CaseResult]) -> None:
    """Print the category's rate and its failures; fail below the target."""
    report = summary(label, results) + "\n" + failure_report(results)
    print(report)
    assert pass_rate(results) >= TARGET, report
