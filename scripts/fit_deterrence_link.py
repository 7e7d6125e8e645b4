"""Build src/redline/deterrence/link_fit.json: the retrodiction link fitted per last panel year.

    python scripts/fit_deterrence_link.py            # codes the 2000-2025 panel (~15 s) and writes the file

A scenario of year Y reads the fit on the panel rows up to Y − 1 (redline.deterrence.link).
Re-run after a change of the data snapshot or of the deterrence coding: tests/test_deterrence_link.py
fails until the file matches the code and data again.
"""

from __future__ import annotations

import argparse
import json

from redline.deterrence.link import FIRST, LINK_FILE, build_link


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--to", type=int, default=2025, help="last panel year (default 2025)")
    args = parser.parse_args()
    link = build_link(FIRST, args.to)
    LINK_FILE.write_text(json.dumps(link, indent=1) + "\n")
    for end in (2007, 2008, 2021, 2022, 2023, 2024):
        if str(end) in link["fits"]:
            print(end, link["fits"][str(end)])
    print(f"wrote {LINK_FILE} ({len(link['rows']['year'])} rows, snapshot {link['data_snapshot']})")


if __name__ == "__main__":
    main()
