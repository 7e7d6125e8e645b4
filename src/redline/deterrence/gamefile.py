"""A game file (TOML, format in docs/deterrence.md): the game, its ``[montecarlo]`` and ``[levers]`` settings.

Reading a file checks everything the run would use: the game's fields (:mod:`~redline.deterrence.spec`),
the declared distributions (:func:`~redline.deterrence.montecarlo.check_uncertainty`) and the lever
names (:func:`~redline.deterrence.levers.resolve_lever`). It sits above those modules, so none of them
imports it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from redline.deterrence.credibility import DEFAULT_DELTA
from redline.deterrence.game import contest_success
from redline.deterrence.levers import resolve_lever
from redline.deterrence.montecarlo import check_uncertainty
from redline.deterrence.spec import DeterrenceGame, read_toml
from redline.errors import RedlineError

__all__ = ["game_from_dict", "load_game"]

_GAME_KEYS = {
    "name",
    "target",
    "challenger",
    "theta",
    "rho",
    "delta",
    "lambda",
    "article5",
    "key_ally",
    "illustrative",
    "note",
}
_CHALLENGER_KEYS = {"V", "k_L", "k_W", "p_L", "p_W", "capability", "target_capability", "psi"}
_ALLY_KEYS = {"name", "a", "w"}
_MC_KEYS = {"draws", "seed", "rule"}
_TOP = {"game", "challenger", "allies", "uncertainty", "montecarlo", "levers"}


def _number(table: Mapping[str, Any], key: str, where: str, default: Any = ...) -> float:
    if key not in table:
        if default is ...:
            raise RedlineError(f"{where}: missing field {key!r}")
        return default
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RedlineError(f"{where}.{key}: expected a number, found {value!r}")
    return float(value)


def _unknown(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise RedlineError(
            f"{where}: unknown field(s) {', '.join(extra)}; expected some of {', '.join(sorted(allowed))}"
        )


def game_from_dict(doc: Mapping[str, Any], where: str = "game") -> tuple[DeterrenceGame, dict[str, Any]]:
    """Build a game from a parsed TOML document; return it with the ``[montecarlo]`` and ``[levers]`` settings."""
    _unknown(doc, _TOP, where)
    g = doc.get("game", {})
    _unknown(g, _GAME_KEYS, f"{where} [game]")
    c = doc.get("challenger")
    if c is None:
        raise RedlineError(f"{where}: missing table [challenger] (V, k_L, k_W and p_L, p_W or capabilities)")
    _unknown(c, _CHALLENGER_KEYS, f"{where} [challenger]")
    allies = doc.get("allies", [])
    if not isinstance(allies, list):
        raise RedlineError(f"{where}: [[allies]] must be an array of tables")
    names, a, w = [], [], []
    for i, ally in enumerate(allies, start=1):
        at = f"{where} [[allies]] #{i}"
        _unknown(ally, _ALLY_KEYS, at)
        if "name" not in ally:
            raise RedlineError(f"{at}: missing field 'name'")
        names.append(str(ally["name"]))
        a.append(_number(ally, "a", f"{at} ({ally['name']})"))
        w.append(_number(ally, "w", f"{at} ({ally['name']})"))
    if "theta" not in g:
        raise RedlineError(
            f"{where} [game]: missing field 'theta' (capability share the response must reach)"
        )
    theta = _number(g, "theta", f"{where} [game]")
    V = _number(c, "V", f"{where} [challenger]", 1.0)
    if "p_L" in c or "p_W" in c:
        p_L = _number(c, "p_L", f"{where} [challenger]")
        p_W = _number(c, "p_W", f"{where} [challenger]")
    elif "capability" in c:
        cap_c = _number(c, "capability", f"{where} [challenger]")
        cap_t = _number(c, "target_capability", f"{where} [challenger]", 0.0)
        psi = _number(c, "psi", f"{where} [challenger]", 1.0)
        p_L = contest_success(cap_c, cap_t, 0.0, psi)
        p_W = contest_success(cap_c, cap_t, theta, psi)
    else:
        raise RedlineError(
            f"{where} [challenger]: give p_L and p_W, or capability (and target_capability) in the units of a"
        )
    lam = g.get("lambda")
    if lam is not None:
        lam = _number(g, "lambda", f"{where} [game]")
    unc = doc.get("uncertainty", {})
    if not isinstance(unc, Mapping):
        raise RedlineError(f"{where} [uncertainty]: expected a table of distributions")
    key = -1
    if "key_ally" in g:
        if g["key_ally"] not in names:
            raise RedlineError(
                f"{where} [game].key_ally: expected the name of one of the [[allies]] ({', '.join(names)}), "
                f"found {g['key_ally']!r}"
            )
        key = names.index(g["key_ally"])
    notes = []
    if g.get("illustrative"):
        notes.append("illustrative numbers (not data)")
    if g.get("note"):
        notes.append(str(g["note"]))
    game = DeterrenceGame(
        target=str(g.get("target", "T")),
        allies=tuple(names),
        a=np.array(a),
        w=np.array(w),
        theta=theta,
        V=V,
        k_L=_number(c, "k_L", f"{where} [challenger]"),
        k_W=_number(c, "k_W", f"{where} [challenger]"),
        p_L=float(p_L),
        p_W=float(p_W),
        rho=_number(g, "rho", f"{where} [game]", 0.0),
        lam=lam,
        delta=_number(g, "delta", f"{where} [game]", DEFAULT_DELTA),
        article5=bool(g.get("article5", True)),
        key=key,
        challenger=str(g.get("challenger", "C")),
        name=str(g.get("name", "")),
        uncertainty={str(k): dict(v) for k, v in unc.items()},
        notes=tuple(notes),
    )
    check_uncertainty(game, f"{where} [uncertainty]")
    mc = doc.get("montecarlo", {})
    _unknown(mc, _MC_KEYS, f"{where} [montecarlo]")
    levers = doc.get("levers", {})
    _unknown(levers, {"compare", "define"}, f"{where} [levers]")
    if not isinstance(levers.get("compare", []), list):
        raise RedlineError(f"{where} [levers].compare: expected a list of lever names")
    for name in levers.get("compare", []):  # unknown names and malformed definitions fail here
        resolve_lever(name, levers.get("define", {}))
    settings = {"montecarlo": dict(mc), "levers": levers}
    return game, settings


def load_game(path: str | Path) -> tuple[DeterrenceGame, dict[str, Any]]:
    """Read a game file (TOML, see docs/deterrence.md); errors name the file and the field."""
    return game_from_dict(read_toml(path), where=str(path))
