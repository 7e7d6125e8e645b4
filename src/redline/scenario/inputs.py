"""The files a scenario names (backtest case files, an escalation ladder file), read relative to the
scenario file, and the scenario hash that covers every one of them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from redline.errors import RedlineError
from redline.scenario.schema import Escalation, IssueSpec, Scenario, WorldSpec

__all__ = [
    "case_path",
    "escalation_fit_of",
    "input_files",
    "issue_case",
    "ladder_of",
    "record_cutoff",
    "scenario_hash",
]


def case_path(spec: IssueSpec, base_dir: Path = Path()) -> Path:
    """The case file of ``spec`` (``case`` is relative to the scenario file's folder ``base_dir``)."""
    path = Path(spec.case)  # type: ignore[arg-type]
    return path if path.is_absolute() else base_dir / path


def issue_case(spec: IssueSpec, base_dir: Path = Path()):  # noqa: ANN201 - a redline.backtest.Case
    """The backtest case of an issue with ``case`` (read once with :func:`redline.backtest.read_case`,
    which never reads the ``[outcome]`` table); ``None`` for a coded issue."""
    if spec.case is None:
        return None
    try:
        return _load_case(spec, base_dir)
    except RedlineError as exc:
        raise RedlineError(f"issue {spec.id}: case = {spec.case!r}: {exc}") from None


def _load_case(spec: IssueSpec, base_dir: Path):  # noqa: ANN202
    if spec._case is None:
        from redline.backtest import read_case

        path = case_path(spec, base_dir)
        try:
            case = read_case(path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except (OSError, ValueError) as exc:  # e.g. a folder or a NUL byte in the path
            raise RedlineError(f"{path}: cannot read the case file ({exc})") from None
        spec._case, spec._case_digest = case, digest
    return spec._case


def ladder_of(spec: Escalation, base_dir: Path = Path(), as_of: str | None = None):  # noqa: ANN201
    """The :class:`redline.escalation.Ladder` of the ``[escalation]`` section (fitted when ``fit``)."""
    fitted = escalation_fit_of(spec, base_dir, as_of)
    if fitted is not None:
        return fitted.ladder
    return _base_ladder(spec, base_dir)


def _base_ladder(spec: Escalation, base_dir: Path):  # noqa: ANN202
    from redline.escalation import load_ladder, parse_ladder

    if spec.ladder is not None:
        return parse_ladder(spec.ladder, where="escalation.ladder")
    if spec.file is None:
        return None
    path = Path(spec.file)
    return load_ladder(path if path.is_absolute() else base_dir / path)


def record_cutoff(world: WorldSpec) -> str:
    """The scenario's date as the cut-off of the escalation record (the end of the year if only a
    year is given): validation and the run fit the ladder to the same record, so they share one fit."""
    return world.date.isoformat() if world.date is not None else f"{world.effective_year}-12-31"


def escalation_fit_of(spec: Escalation, base_dir: Path = Path(), as_of: str | None = None):  # noqa: ANN201
    """The ladder fitted to the record (:class:`redline.escalation.fit.EscalationFit`) when the
    section says ``fit = true``, else ``None``. ``as_of``: the scenario's date (record cut-off)."""
    if not spec.fit:
        return None
    from redline.cache import cached

    inputs = {"escalation": spec.model_dump(mode="json"), "as_of": as_of, "file_sha256": None}
    if spec.ladder is None and spec.file is not None:
        path = Path(spec.file) if Path(spec.file).is_absolute() else base_dir / spec.file
        try:
            inputs["file_sha256"] = _file_digest(path)
        except ValueError:  # e.g. a NUL byte in the name: the fit itself reports it
            return _fit(spec, base_dir, as_of)
        if inputs["file_sha256"] == "unreadable":
            return _fit(spec, base_dir, as_of)
    # The record fit runs for validation and again for the run (twice): cached on disk, it runs once.
    from redline.data.snapshot import active_snapshot_dir

    snapshot = active_snapshot_dir()  # the record the ladder is fitted to
    return cached("escalation-fit", inputs, lambda: _fit(spec, base_dir, as_of), snapshot=snapshot)


def _fit(spec: Escalation, base_dir: Path, as_of: str | None):  # noqa: ANN202
    from redline.escalation.fit import fit_escalation

    base = _base_ladder(spec, base_dir)
    if base is not None:
        base = base.replace(observations=())
    return fit_escalation(
        None,
        base,
        retaliation=spec.retaliation,
        months=spec.steps or (base.steps if base else 12),
        as_of=as_of,
    )


def input_files(scenario: Scenario, base_dir: Path | None = None) -> dict[str, Path]:
    """Every file besides the scenario file that a run of ``scenario`` reads, by the field naming it.

    ``base_dir`` (default: the scenario file's folder) is what relative names are relative to. A new
    schema field that names a file must be listed here, so that :func:`scenario_hash` covers it
    (``tests/test_scenario_hash.py`` fails on a file field this function does not know).
    """
    base = _base_of(scenario, base_dir)
    files: dict[str, Path] = {}
    for i, issue in enumerate(scenario.issues):
        if issue.case is not None:
            files[f"issues[{i}].case"] = case_path(issue, base)
        if issue.statements is not None:
            path = Path(issue.statements.file)
            files[f"issues[{i}].statements.file"] = path if path.is_absolute() else base / path
    if scenario.escalation is not None and scenario.escalation.file is not None:
        path = Path(scenario.escalation.file)
        files["escalation.file"] = path if path.is_absolute() else base / path
    return files


def _base_of(scenario: Scenario, base_dir: Path | None) -> Path:
    if base_dir is not None:
        return Path(base_dir)
    return scenario._base_dir if scenario._base_dir is not None else Path()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def scenario_hash(scenario: Scenario, base_dir: Path | None = None) -> str:
    """SHA-256 of everything a run reads from files: the validated scenario (canonical JSON, so
    formatting changes don't change it) and the contents of every file it names (:func:`input_files`:
    case files, the escalation ladder file). A changed ladder or case is another scenario, so a run
    made with it cannot be resumed with the new one.
    """
    data = scenario.model_dump(mode="json")
    files = input_files(scenario, base_dir)
    if files:
        read = {f"issues[{i}].case": issue._case_digest for i, issue in enumerate(scenario.issues)}
        data["input_files_sha256"] = {
            field: read.get(field) or _file_digest(path) for field, path in sorted(files.items())
        }
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
