"""`python -m sandbox`."""

from __future__ import annotations

import argparse
import sys

from sandbox.cli import add_arguments, run


def main(argv: list[str] | None = None) -> int:
    """Parse the options and serve."""
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="E-Modal look-alike and captcha solver")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
