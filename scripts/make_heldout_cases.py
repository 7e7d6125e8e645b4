"""Write the held-out backtest cases (decisions of 2023-2025) from ``scripts/backtest_heldout.py``.

The data are ``backtest_heldout.py`` (session 5), ``backtest_heldout_fresh.py`` (session 6: a fresh
batch committed before any model was run on it), ``backtest_heldout_third.py`` (session 7: EU and NATO
decisions) and ``backtest_heldout_third_national.py`` (session 7: national decisions), both committed
before any model run; this one generator writes them all.

These cases are for evaluation only: ``redline backtest --cv loo`` scores them in its "held_out" split
with parameters fitted on the 2008-2022 corpus, and never fits on them (``CORPUS_END``). The expansion
into TOML is ``make_backtest_cases.build`` (every member of the body in that year written out; the
reader's extension fields), with the decision window moved to 2023-01-01 .. 2025-12-31.

Usage: ``python scripts/make_heldout_cases.py [--out backtest/cases] [--check]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backtest_heldout import HELDOUT  # noqa: E402
from backtest_heldout_fresh import FRESH  # noqa: E402
from backtest_heldout_third import THIRD  # noqa: E402
from backtest_heldout_third_national import THIRD_NATIONAL  # noqa: E402
from make_backtest_cases import build, write_cases  # noqa: E402

HELDOUT_WINDOW = (dt.date(2023, 1, 1), dt.date(2025, 12, 31))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "backtest" / "cases"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    return write_cases(
        HELDOUT + FRESH + THIRD + THIRD_NATIONAL, lambda case: build(case, "auto", HELDOUT_WINDOW), Path(args.out), args.check, "held-out cases"
    )

if __name__ == "__main__":
    raise SystemExit(main())
