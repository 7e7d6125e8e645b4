"""Write the historical backtest case files (backtest/cases/*.toml) from compact tables.

The 2008-2022 corpus of EU-unanimity, NATO-consensus and single-government decisions (issue 16) is kept
as Python data in ``scripts/backtest_corpus.py``: per case the issue, the actors that were individually
researched (each with a position, salience, a justification and a source dated before the decision)
and, for EU and NATO cases, a shared coding for the remaining member states (every member of the body
in that year is written out as an actor with a veto, as the case format asks). This script only expands
those tables into TOML; it adds no facts of its own. Capability is a judgement of relative clout in the
body (population and economic weight; military weight for NATO), the same for every case of a body.

Usage: ``python scripts/make_backtest_cases.py [--out backtest/cases] [--check]``.
``--check`` rewrites nothing and exits 1 if a generated file differs from the one on disk.

Extension fields (``[context]``, per-actor ``isolation_cost``, ``outcome_type`` / ``opt_outs`` /
``side_payments``) are written only when the installed case reader accepts them, so that the files
always validate against the reader of the same commit (``--extended yes|no|auto``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backtest_corpus import CASES  # noqa: E402
from backtest_reservations import RESERVATION  # noqa: E402

# ----------------------------------------------------------------------------- membership by date
EU_2007 = (
    "AUT BEL BGR CYP CZE DEU DNK ESP EST FIN FRA GBR GRC HUN IRL ITA LTU LUX LVA MLT NLD POL PRT ROU "
    "SVK SVN SWE"
).split()
NATO_2004 = (
    "BEL BGR CAN CZE DNK EST FRA DEU GRC HUN ISL ITA LVA LTU LUX NLD NOR POL PRT ROU SVK SVN ESP TUR "
    "GBR USA"
).split()

NAMES = {
    "ALB": "Albania", "AUT": "Austria", "BEL": "Belgium", "BGR": "Bulgaria", "CAN": "Canada",
    "CYP": "Cyprus", "CZE": "Czech Republic", "DEU": "Germany", "DNK": "Denmark", "ESP": "Spain",
    "EST": "Estonia", "FIN": "Finland", "FRA": "France", "GBR": "United Kingdom", "GRC": "Greece",
    "HRV": "Croatia", "HUN": "Hungary", "IRL": "Ireland", "ISL": "Iceland", "ITA": "Italy",
    "LTU": "Lithuania", "LUX": "Luxembourg", "LVA": "Latvia", "MKD": "North Macedonia",
    "MLT": "Malta", "MNE": "Montenegro", "NLD": "Netherlands", "NOR": "Norway", "POL": "Poland",
    "PRT": "Portugal", "ROU": "Romania", "SVK": "Slovakia", "SVN": "Slovenia", "SWE": "Sweden",
    "TUR": "Turkey", "USA": "United States",
}

# Judgement: relative clout in the Council of the EU (population and GDP), the same in every EU case.
EU_CLOUT = {
    "DEU": 0.45, "FRA": 0.4, "GBR": 0.4, "ITA": 0.3, "ESP": 0.25, "POL": 0.2, "NLD": 0.15,
    "SWE": 0.1, "BEL": 0.1, "AUT": 0.08, "ROU": 0.08, "CZE": 0.07, "DNK": 0.07, "FIN": 0.06,
    "PRT": 0.06, "GRC": 0.06, "HUN": 0.06, "IRL": 0.06, "SVK": 0.04, "BGR": 0.04, "HRV": 0.03,
    "LTU": 0.03, "SVN": 0.03, "LVA": 0.02, "EST": 0.02, "CYP": 0.02, "LUX": 0.02, "MLT": 0.02,
}
EU_BASIS = (
    "Judgement: relative weight in the Council (population and economic size); a full veto under "
    "unanimity whatever its size"
)
# Judgement: relative clout in NATO (defence spending and forces, political weight).
NATO_CLOUT = {
    "USA": 1.0, "GBR": 0.45, "FRA": 0.45, "DEU": 0.45, "TUR": 0.3, "ITA": 0.3, "CAN": 0.2,
    "ESP": 0.2, "POL": 0.2, "NLD": 0.15, "NOR": 0.1, "GRC": 0.1, "BEL": 0.08, "DNK": 0.08,
    "ROU": 0.08, "CZE": 0.06, "PRT": 0.06, "HUN": 0.05, "SVK": 0.04, "BGR": 0.04, "HRV": 0.03,
    "LTU": 0.03, "LVA": 0.02, "EST": 0.02, "SVN": 0.02, "ALB": 0.02, "LUX": 0.02, "ISL": 0.01,
    "MNE": 0.01, "MKD": 0.01, "FIN": 0.1, "SWE": 0.1,
}
NATO_BASIS = (
    "Judgement: relative weight in the Alliance (defence effort and political weight); a full veto "
    "under consensus whatever its size"
)


def eu_members(day: dt.date) -> list[str]:
    members = list(EU_2007)
    if day >= dt.date(2013, 7, 1):
        members.append("HRV")
    if day >= dt.date(2020, 2, 1):
        members.remove("GBR")
    return sorted(members)


def nato_members(day: dt.date) -> list[str]:
    members = list(NATO_2004)
    if day >= dt.date(2009, 4, 1):
        members += ["ALB", "HRV"]
    if day >= dt.date(2017, 6, 5):
        members.append("MNE")
    if day >= dt.date(2020, 3, 27):
        members.append("MKD")
    if day >= dt.date(2023, 4, 4):
        members.append("FIN")
    if day >= dt.date(2024, 3, 7):
        members.append("SWE")
    return sorted(members)


# ----------------------------------------------------------------------------- TOML writing
def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        if not v:
            return "[]"
        return "[\n" + "".join(f"  {_value(x)},\n" for x in v) + "]"
    raise TypeError(f"cannot write {v!r}")


def _table(name: str | None, fields: dict) -> str:
    lines = [f"[{name}]"] if name else []
    lines += [f"{k} = {_value(v)}" for k, v in fields.items() if v is not None]
    return "\n".join(lines) + "\n"


def _reader_keys() -> tuple[set, set, set]:
    try:
        from redline.backtest import cases as reader
    except ImportError:
        return set(), set(), set()
    return set(reader._TOP_KEYS), set(reader._ACTOR_KEYS), set(reader._OUTCOME_KEYS)


CORPUS_WINDOW = (dt.date(2008, 1, 1), dt.date(2022, 12, 31))


_CITING = ("justification", "source", "capability_basis", "isolation_cost_justification")
"""The actor fields whose citations a position rests on."""


def _quality(*texts: object) -> str | None:
    """The ``source_quality`` flag the cited texts call for (redline.data.source_quality's list), or None."""
    try:
        from redline.data.source_quality import expected_quality
    except ImportError:
        return None
    return expected_quality(texts) or None


def build(case: dict, extended: str = "auto", window: tuple[dt.date, dt.date] = CORPUS_WINDOW) -> tuple[str, str]:
    """The file name and TOML text of one case (its decision must fall inside ``window``: the corpus
    by default; ``make_heldout_cases.py`` passes the held-out years)."""
    top_keys, actor_keys, outcome_keys = _reader_keys()
    ext = extended == "yes"
    context_ok = ext or (extended == "auto" and "context" in top_keys)
    iso_ok = ext or (extended == "auto" and "isolation_cost" in actor_keys)
    otype_ok = ext or (extended == "auto" and "outcome_type" in outcome_keys)

    decision = dt.date.fromisoformat(case["decision_date"])
    coding = dt.date.fromisoformat(case["coding_date"])
    assert window[0] <= decision <= window[1], case["id"]
    assert coding <= decision, case["id"]
    rule = case["rule"]
    head = {
        "id": case["id"],
        "title": case["title"],
        "decision_date": decision,
        "coding_date": coding,
        "body": case["body"],
        "rule": rule,
        "decider": case.get("decider"),
        "decision": case.get("decision"),  # a coalition case's kind (supply | operation); absent otherwise
    }
    out = [_table(None, head)]
    issue = {"question": case["question"]}
    issue.update({k: v for k, v in case["scale"].items()})
    issue.update(
        status_quo=case.get("status_quo", 0),
        proposal=case.get("proposal", 100),
        adopted_threshold=case.get("adopted_threshold", 50),
    )
    out.append(_table("issue", issue))

    if context_ok and case.get("context"):
        ctx = {}
        coded = dict(case["context"])
        if case["id"] in RESERVATION:  # coded from the instrument's form (backtest_reservations.py)
            coded = {k: v for k, v in coded.items() if k == "opt_out_possible"} | {
                "reservation_possible": RESERVATION[case["id"]]
            } | {k: v for k, v in coded.items() if k != "opt_out_possible"}
        for field, (flag, why, src) in coded.items():
            ctx[field] = flag
            ctx[f"{field}_justification"] = why
            ctx[f"{field}_source"] = src
            if "source_quality" in actor_keys:
                ctx[f"{field}_source_quality"] = _quality(why, src)
        out.append(_table("context", ctx))

    actors = dict(case.get("actors", {}))
    members: list[str] = []
    clout, basis = {}, ""
    if rule == "eu-unanimity":
        members, clout, basis = eu_members(decision), EU_CLOUT, EU_BASIS
    elif rule == "nato-consensus":
        members, clout, basis = nato_members(decision), NATO_CLOUT, NATO_BASIS
    default = case.get("default")
    for key in members:
        coded = actors.pop(key, None)
        if coded is None:
            if default is None:
                raise ValueError(f"{case['id']}: member {key} not coded and no default")
            coded = dict(default)
        row = {
            "name": coded.get("name", NAMES[key]),
            "position": coded["position"],
            "salience": coded["salience"],
            "capability": coded.get("capability", clout[key]),
            "capability_basis": coded.get("capability_basis", basis),
            "veto": True,
            "justification": coded["justification"],
            "source": coded["source"],
            "source_after_coding_date": True if coded.get("late") else None,
            "isolation_cost": coded.get("isolation_cost") if iso_ok else None,
            "isolation_cost_justification": coded.get("iso_why") if iso_ok else None,
        }
        if "source_quality" in actor_keys:  # positions resting on state media / the "Pravda" network
            row["source_quality"] = _quality(*(row[k] for k in _CITING if row.get(k)))
        out.append(_table(f"actors.{key}", row))
    leftovers = {**actors, **case.get("actors_extra", {})}
    for key, coded in leftovers.items():  # non-members, institutions, internal actors
        if "name" not in coded:
            raise ValueError(f"{case['id']}: {key} is not a member of the body in that year")
        row = {
            "name": coded["name"],
            "position": coded["position"],
            "salience": coded["salience"],
            "capability": coded["capability"],
            "capability_basis": coded.get("capability_basis"),
            "veto": coded.get("veto", False),
            "member": coded.get("member"),  # a coalition case: potential participant (true) or not
            "justification": coded["justification"],
            "source": coded["source"],
            "source_after_coding_date": True if coded.get("late") else None,
            "isolation_cost": coded.get("isolation_cost") if iso_ok else None,
            "isolation_cost_justification": coded.get("iso_why") if iso_ok else None,
        }
        if "source_quality" in actor_keys:  # positions resting on state media / the "Pravda" network
            row["source_quality"] = _quality(*(row[k] for k in _CITING if row.get(k)))
        out.append(_table(f"actors.{key}", row))

    o = case["outcome"]
    outcome = {"adopted": o["adopted"], "outcome_value": o["value"]}
    if otype_ok:
        outcome["outcome_type"] = o["type"]
        if o.get("opt_outs"):
            outcome["opt_outs"] = o["opt_outs"]
        if o.get("side_payments"):
            outcome["side_payments"] = o["side_payments"]
    outcome["summary"] = o["summary"]
    outcome["sources"] = o["sources"]
    if "source_quality" in outcome_keys:
        outcome["source_quality"] = _quality(o["summary"], o.get("side_payments"), *o["sources"])
    out.append(_table("outcome", outcome))
    out.append(_table("notes", case["notes"]))
    return f"{case['id']}.toml", "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "backtest" / "cases"))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--extended", choices=("yes", "no", "auto"), default="auto")
    args = parser.parse_args(argv)
    return write_cases(CASES, lambda case: build(case, args.extended), Path(args.out), args.check, "cases")


def write_cases(cases: list[dict], builder, out: Path, check: bool, label: str) -> int:  # noqa: ANN001
    """Write each case's TOML (``builder(case)`` gives its file name and text) into ``out``, or with
    ``check`` only report the files that differ; exit status 1 when any does."""
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    stale = 0
    for case in cases:
        name, text = builder(case)
        path = out / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"differs: {path}")
                stale += 1
        else:
            path.write_text(text, encoding="utf-8")
    print(f"{len(cases)} {label} {'checked' if check else 'written'} in {out}")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
