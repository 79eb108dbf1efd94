"""The README's examples are real output: every line shown is printed by the command today."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import REPO, Run


def examples() -> list[tuple[str, list[str]]]:
    """(command line, the lines the README shows for it), skipping elisions (``...``)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```text\n(.*?)```", text, re.S):
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ shusha ")]
        for n, i in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            shown = [line.rstrip() for line in lines[i + 1 : end]]
            found.append(
                (lines[i][2:], [s for s in shown if s and not s.lstrip().startswith("...")])
            )
    return found


EXAMPLES = [(cmd, shown) for cmd, shown in examples() if " -o " not in cmd]


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 12


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_is_what_the_command_prints(
    run: Run, command: str, shown: list[str]
) -> None:
    result = run(*shlex.split(command)[1:], width=80)
    assert result.code == 0, result.err
    printed = {line.rstrip() for line in (result.out + result.err).splitlines()}
    missing = [line for line in shown if line not in printed]
    assert missing == []
