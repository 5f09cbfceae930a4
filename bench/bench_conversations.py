"""The dispatcher conversation suite's pass rate by category, on the tuning set and on the held-out set."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "src")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from tests.conversations.harness import (  # noqa: E402
    CaseResult,
    conversation_stacks,
    failure_report,
    pass_rate,
    rates_by_category,
    run_cases,
    summary,
)
from tests.conversations.heldout import HELDOUT  # noqa: E402
from tests.conversations.tuning import TUNING  # noqa: E402


def _figures(label: str, results: list[CaseResult]) -> dict[str, float]:
    figures = {f"conversations_{label}_pass_rate": round(pass_rate(results), 3),
               f"conversations_{label}_cases": float(len(results))}
    for category, (passed, total) in rates_by_category(results).items():
        figures[f"conversations_{label}_{category}"] = round(passed / total, 3)
    return figures


def run() -> dict[str, float]:
    """Both sets against a fresh sandbox; print the rate per category, and the tuning set's failed phrasings.

    The held-out set's failures stay unprinted: read once, its phrasings would no longer be held out.
    """
    with tempfile.TemporaryDirectory() as tmp, conversation_stacks(Path(tmp)) as stacks:
        tuning = run_cases(stacks, TUNING)
        heldout = run_cases(stacks, HELDOUT)
    for label, results in (("tuning", tuning), ("held-out", heldout)):
        print(summary(label, results))
    failed = failure_report(tuning)
    if failed:
        print(failed)
    return {**_figures("tuning", tuning), **_figures("heldout", heldout)}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key} = {value}")
