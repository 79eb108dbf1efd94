"""The package's layers: imports run one way (core → views → render → cli), never upwards.

Read from the source with :mod:`ast`, so a lazy import inside a function counts as much as one at
the top of a module: a layer that reaches up, however late, is a layer that cannot be read alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "shusha_cli"

LAYERS = ["core", "views", "render", "cli"]
"""Lowest first. A module may import its own layer and those below it."""

MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _dotted(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(dotted: str) -> int | None:
    parts = dotted.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None  # the package root and __main__: above every layer
    return LAYERS.index(parts[1])


def _imports(path: Path) -> list[str]:
    """Every module of ours a file imports, with ``from shusha_cli.x import y`` read as x.y too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
    return [m for m in found if m.split(".")[0] == "shusha_cli"]


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _dotted(p))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    own = _layer(_dotted(path))
    if own is None:
        return
    upward = [m for m in _imports(path) if (other := _layer(m)) is not None and other > own]
    assert not upward, f"{_dotted(path)} ({LAYERS[own]}) imports a higher layer: {upward}"


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a core module importing the command line is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from shusha_cli.cli import commands\n", encoding="utf-8")
    assert "shusha_cli.cli.commands" in _imports(bad)
    assert _layer("shusha_cli.cli.commands") == 3 > (_layer("shusha_cli.core.model") or 0)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _dotted(p))
def test_only_the_command_line_knows_typer_and_only_renderers_know_rich(path: Path) -> None:
    dotted, used = _dotted(path), _third_party(path)
    layer = _layer(dotted)
    if "typer" in used or "click" in used:
        assert layer == LAYERS.index("cli"), f"{dotted} imports Typer/Click"
    if "rich" in used:
        assert layer in (LAYERS.index("render"), LAYERS.index("cli")), f"{dotted} imports Rich"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _dotted(p))
def test_every_module_is_short_and_says_its_job(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{_dotted(path)} is over {MAX_LINES} lines"
    if path.stat().st_size:
        doc = ast.get_docstring(ast.parse(text))
        assert doc, f"{_dotted(path)} has no docstring saying its job"


def test_every_package_module_sits_in_a_layer() -> None:
    """Nothing new lands beside the layers: only the package's entry points stay at the top."""
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _dotted(p))
def test_data_classes_are_records_not_dataclasses(path: Path) -> None:
    """``@dataclass`` compiles six to ten methods a class at import (issue 17): use ``@record``.

    ``core/record.py`` makes the same classes (``dataclasses.fields``/``replace`` work on them)
    without compiling at import; a class is only compiled when first instantiated.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    decorated = [
        f"{node.name} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for d in node.decorator_list
        if "dataclass" in ast.unparse(d)
    ]
    assert not decorated, f"{_dotted(path)}: @dataclass on {decorated}; use @record"
