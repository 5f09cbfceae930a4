"""Run every benchmark, print its figures, and write them all to bench/results.json."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

MODULES = ["bench.bench_sandbox", "bench.bench_connector", "bench.bench_agent", "bench.bench_conversations",
           "bench.bench_cluster"]
RESULTS = Path(__file__).with_name("results.json")


def main(argv: list[str]) -> int:
    """Run the benchmarks named in argv (all by default)."""
    wanted = [m for m in MODULES if not argv or m.rsplit(".", 1)[1] in argv]
    figures: dict[str, float] = {}
    failures: list[str] = []
    for name in wanted:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that benchmark does not exist in this build
            raise
        print(f"== {name}", flush=True)
        try:
            results = module.run()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            print(f"   FAILED: {exc}", flush=True)
            continue
        for key, value in results.items():
            print(f"   {key} = {value}")
        figures.update(results)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    document = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "figures": {**previous.get("figures", {}), **figures},
    }
    RESULTS.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    print(f"wrote {RESULTS}")
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
