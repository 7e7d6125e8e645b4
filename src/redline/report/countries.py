"""Per-country pages of the report: everything the run says about one state, in one place.

Each page is a ``<section class="country" id="country-XXX">`` shown when the address ends in
``#country-XXX`` (CSS ``:target``; no script), so the map, the tables and the index link to it. A page
holds the state's deterrence numbers and levers (as a target), the notes and data gaps of its coding
(the useful line first, the lines shared by every target said once elsewhere), its role in each issue
(position, salience, capability, blocker, pivotal, veto player) and its coding as an ally when others
are attacked.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

__all__ = ["common_notes", "country_pages", "ordered_notes"]


def common_notes(targets: list[dict[str, Any]]) -> list[str]:
    """Notes that appear for at least half of the targets: said once, not on every page."""
    counts = Counter(note for target in targets for note in dict.fromkeys(target.get("notes", [])))
    return [note for note, n in counts.items() if len(targets) > 1 and n >= max(2, len(targets) / 2)]


def ordered_notes(notes: list[str], common: list[str]) -> list[str]:
    """A target's own notes, de-duplicated, with the local balance (the useful line) first."""
    own = [note for note in dict.fromkeys(notes) if note not in common]
    return sorted(own, key=lambda note: 0 if note.startswith(("first days at", "theatre balance")) else 1)


def _states(summary: dict[str, Any]) -> list[str]:
    """Every state the run says something about: deterrence targets, then issue actors."""
    det = summary.get("deterrence") or {}
    states = [t["target"] for t in det.get("targets", [])]
    for issue in summary.get("issues", []):
        states += [a["actor"] for a in issue.get("actors", []) if "actor" in a]
    return list(dict.fromkeys(states))


def country_pages(summary: dict[str, Any]) -> str:
    """The index of states and one hidden page per state (shown by ``#country-XXX``)."""
    from redline.deterrence.link import annual_text, eu_text, knife_edge, source_text
    from redline.report.markup import _esc, _kappa, _num, _regime, _scale, _table

    states = _states(summary)
    if not states:
        return ""
    det = summary.get("deterrence") or {}
    table = pd.DataFrame(det.get("table", []))
    targets = {t["target"]: t for t in det.get("targets", [])}
    common = common_notes(list(targets.values()))
    allies = det.get("allies", {})
    out = [
        "<h2 id='countries'>Countries</h2>",
        "<p>One page per state: its deterrence numbers, the notes and gaps of its coding, its role in each "
        "issue and its coding as an ally. Click a state here, on the map or in a table.</p>",
        "<p class='countries'>",
        *(f"<a href='#country-{_esc(s)}'>{_esc(s)}</a>" for s in sorted(states)),
        "</p>",
    ]
    for state in states:
        page = [f"<section class='country' id='country-{_esc(state)}'><h3>{_esc(state)}</h3>"]
        rows = table[table["target"] == state] if not table.empty else table
        base = rows[rows["lever"] == "base"] if not rows.empty else rows
        if not base.empty:
            r = base.iloc[0]
            at_war = targets.get(state, {}).get("at_war")
            if at_war:  # deterrence has already failed: no P(failure), and the page says why
                page.append(f"<p><b>At war</b>: {_esc(at_war)}.</p>")
            else:
                eu = r.get("eu_attack")
                about = ["knife edge"] if knife_edge(r["p_failure"]) else []
                about += [] if eu is None else [f"{eu_text(eu)} at the coded values"]
                about_text = f" ({_esc('; '.join(about))})" if about else ""
                page.append(
                    f"<p><b>If attacked</b> ({_esc(r['basis'])}): attack pays in "
                    f"<b>{_num(r['p_failure'], pct=True)}</b> [{_num(r['p_lo'], pct=True)}, "
                    f"{_num(r['p_hi'], pct=True)}] of the assumption draws{about_text}; "
                    f"annual P(attack) <b>{_esc(annual_text(r.get('p_attack_year')))}</b> "
                    f"({_esc(source_text(det.get('link')))}); credibility κ = {_kappa(r['kappa'])}, needed κ* = "
                    f"{_num(r['kappa_star'])}; {_esc(_regime(r['regime']))}.</p>"
                )
            levers = rows[rows["lever"] != "base"]
            if not levers.empty:
                page.append(
                    _table(
                        [
                            {
                                "lever": lr["lever"],
                                "attack pays (share of assumption draws)": _num(lr["p_failure"], pct=True),
                                "ΔP vs base": f"{lr['delta_p'] * 100:+.1f} pp",
                                "paired 95% interval": f"[{lr['delta_lo'] * 100:+.1f}, "
                                f"{lr['delta_hi'] * 100:+.1f}] pp",
                            }
                            for lr in levers.to_dict(orient="records")
                            if lr.get("delta_p") is not None and lr["delta_p"] == lr["delta_p"]
                        ],
                        name=f"{state}-levers",
                    )
                )
        notes = ordered_notes(targets.get(state, {}).get("notes", []), common)
        if notes:
            page.append("<p><b>Coding notes and data gaps</b> (shared notes are under Assumptions):</p><ul>")
            page.extend(f"<li>{_esc(n)}</li>" for n in notes)
            page.append("</ul>")
        coding = allies.get(state)
        if coding:
            page.append(f"<p><b>The allies who would respond to an attack on {_esc(state)}</b>:</p>")
            page.append(_table(coding, name=f"{state}-responders"))
        roles = []
        for issue in summary.get("issues", []):
            actor = next((a for a in issue.get("actors", []) if a.get("actor") == state), None)
            if actor is None:
                continue
            decision = issue.get("decision") or {}
            roles.append(
                {
                    "issue": issue.get("title", issue.get("id")),
                    "position": _scale(actor.get("position")),
                    "salience": actor.get("salience"),
                    "capability": actor.get("capability"),
                    "blocks": "yes" if state in decision.get("blockers", []) else "no",
                    "pivotal": "yes" if decision.get("pivotal") == state else "no",
                    "veto player": "yes" if state in decision.get("veto_players", []) else "no",
                }
            )
        if roles:
            page.append("<p><b>Its role in each issue</b> (capability in US dollars):</p>")
            page.append(_table(roles, name=f"{state}-issues"))
        responder = [
            {"if attacked": target, **{k: v for k, v in row.items() if k != "ally"}}
            for target, rows_ in allies.items()
            for row in rows_
            if row.get("ally") == state
        ]
        if responder:
            page.append(
                f"<details><summary>{_esc(state)} as an ally: its coded willingness w and capability in "
                "theatre for each target</summary>"
            )
            page.append(_table(responder, name=f"{state}-as-ally"))
            page.append("</details>")
        gaps = sorted({g for row in responder for g in str(row.get("missing") or "").split(", ") if g})
        if gaps:
            page.append(
                f"<p class='note'>Data missing for {_esc(state)} (not filled in): {_esc(', '.join(gaps))}.</p>"
            )
        page.append("<p><a href='#countries'>All countries</a> · <a href='#deterrence'>Map</a></p></section>")
        out.extend(page)
    return "".join(out)
