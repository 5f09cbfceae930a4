"""Run some tuning cases and print whole answers: `python -m tests.conversations [category or id ...]`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.conversations.harness import conversation_stacks, run_cases, summary
from tests.conversations.tuning import TUNING


def main(wanted: list[str]) -> int:
    """Tuning cases only: the held-out set is for measuring, not for reading while tuning."""
    cases = [c for c in TUNING if not wanted or c.category in wanted or c.id in wanted]
    with tempfile.TemporaryDirectory() as tmp, conversation_stacks(Path(tmp)) as stacks:
        results = run_cases(stacks, cases)
    for r in results:
        print(f"\n{'PASS' if r.passed else 'FAIL'} {r.case.category}/{r.case.id} ({r.seconds:.1f}s)")
        for reason in r.failures:
            print(f"  ! {reason}")
        for said, answer in r.transcript:
            print(f"  > {said}\n" + "\n".join(f"  < {line}" for line in answer.splitlines()))
    print(summary("tuning", results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
