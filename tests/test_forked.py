"""The background adapters' second process (:mod:`redline.forked`): the same answer as a call in the
caller's process, the caller's own answer or error when the child fails, and no fork where unsafe."""

from __future__ import annotations

import os
import threading

import pytest

from redline import forked
from redline.errors import RedlineError
from redline.forked import Forked, can_fork

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is a POSIX call")


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_the_answer_comes_from_a_second_process():
    value, pid = Forked(_square_and_pid, 7).result()
    assert value == 49 and pid != os.getpid()


def _fails_in_child(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("only in the child")
    return "computed by the caller"


def _dies_in_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)
    return "computed by the caller"


def _unpicklable_in_child(parent: int):  # noqa: ANN202
    return (lambda: None) if os.getpid() != parent else "computed by the caller"


@pytest.mark.parametrize("function", [_fails_in_child, _dies_in_child, _unpicklable_in_child])
def test_a_failed_child_means_the_caller_computes_it(function):
    assert Forked(function, os.getpid()).result() == "computed by the caller"


def _refuses() -> None:
    raise RedlineError("error: here: expected this; found that")


def test_an_error_is_the_error_of_a_call_in_the_callers_process():
    child = Forked(_refuses)
    with pytest.raises(RedlineError, match="expected this; found that"):
        child.result()


def test_no_fork_beside_another_thread_or_when_told(monkeypatch):
    monkeypatch.setattr(forked.sys, "platform", "linux")
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    assert can_fork()
    monkeypatch.setenv("REDLINE_BACKGROUND", "thread")
    assert not can_fork()
    monkeypatch.delenv("REDLINE_BACKGROUND")
    monkeypatch.setattr(forked.threading, "active_count", lambda: 2)
    assert not can_fork()
    monkeypatch.setattr(forked.threading, "active_count", threading.active_count)
    monkeypatch.setattr(forked.sys, "platform", "darwin")
    assert not can_fork()


def test_the_scenario_answers_are_the_same_forked_or_in_one_process(monkeypatch):
    """nato-2024's exact answers: the analytics and the exact bargaining forecasts computed in forked
    children, then all in this process (no disk cache: everything computed both times)."""
    import json
    from pathlib import Path

    import redline.adapters as adapters
    import redline.adapters.issues as issues_adapter
    from redline.scenario import load_scenario
    from redline.serialize import to_jsonable

    monkeypatch.setenv("REDLINE_CACHE", "off")
    started = []

    class Counted(Forked):
        def __init__(self, function, *args):  # noqa: ANN001
            started.append(function.__name__)
            super().__init__(function, *args)

    monkeypatch.setattr(adapters, "Forked", Counted)
    monkeypatch.setattr(issues_adapter, "Forked", Counted)
    nato = Path(__file__).resolve().parents[1] / "scenarios" / "nato-2024.toml"
    scenario = load_scenario(nato)
    answers = {}
    for fork in (True, False):
        monkeypatch.setattr(adapters, "can_fork", lambda fork=fork: fork)
        monkeypatch.setattr(issues_adapter, "can_fork", lambda fork=fork: fork)
        exact, _, _ = adapters.build(scenario, nato.parent, draws=64)
        answers[fork] = json.dumps(to_jsonable(exact))  # key order too: the bargaining answer stays last
    assert sorted(started) == ["_bargain_all", "build"]  # forked twice, then nothing forked
    assert answers[True] == answers[False]
    assert '"claims"' in answers[True] and '"bargaining"' in answers[True]
