"""docs/*.md are executed documentation: every ``redline`` command and Python block runs, outputs checked."""

from __future__ import annotations

import pytest

from docs_examples import ROOT, blocks, commands, run_command, scratch

PAGES = sorted((ROOT / "docs").glob("*.md"))


@pytest.fixture(scope="module")
def state():
    return {}


@pytest.mark.parametrize(
    ("page", "command", "comment"),
    [(p.name, c, m) for p in PAGES for c, m in commands(p)],
    ids=lambda v: v if isinstance(v, str) and not v.startswith("redline") else None,
)
def test_docs_command(page, command, comment, tmp_path_factory, monkeypatch, state):
    folder = scratch(tmp_path_factory.getbasetemp() / "docs" / page.removesuffix(".md"))
    monkeypatch.chdir(folder)
    run_command(command, comment, state.setdefault(page, {}))


@pytest.mark.parametrize("page", [p.name for p in PAGES if blocks(p, "python")])
def test_docs_python_blocks(page, tmp_path_factory, monkeypatch):
    """A page's Python blocks run in order in one namespace (later blocks use earlier names)."""
    folder = scratch(tmp_path_factory.getbasetemp() / "docs-python" / page.removesuffix(".md"))
    monkeypatch.chdir(folder)
    namespace: dict = {}
    for block in blocks(ROOT / "docs" / page, "python"):
        exec(compile(block, f"docs/{page}", "exec"), namespace)


def test_every_page_has_runnable_examples():
    assert sum(len(commands(p)) for p in PAGES) >= 40
    reference = (
        "glossary.md",
        "models.md",
        "dashboard.md",
        "architecture.md",
    )  # definitions, the spec, a server, the code's layout: nothing to run
    assert all(commands(p) or blocks(p, "python") for p in PAGES if p.name not in reference)


def test_docs_name_no_file_outside_the_repository():
    for page in [ROOT / "README.md", *PAGES]:
        outside = "shared" + "/"  # spelled apart so this file does not name the folder itself
        assert outside not in page.read_text(encoding="utf-8"), page.name
