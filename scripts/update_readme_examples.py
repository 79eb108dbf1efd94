"""Rewrite the README's example output from what each command prints today (80 columns, no colour).

Every ```text block line that starts with ``$ shusha`` is run again; the lines after it are
replaced by the new output. Where the README shows only the start of an output (a line ``...``
follows), the same number of lines is kept and the ``...`` stays. ``tests/test_readme.py`` checks
the result. Run from the repository root: ``.venv/bin/python scripts/update_readme_examples.py``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def run(command: str, workdir: str) -> list[str]:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "SHUSHA_PAGER": ""}
    env.pop("SHUSHA_DATA", None)
    args = [sys.executable, "-m", "shusha_cli", *shlex.split(command)[2:]]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=workdir, check=False)
    text = proc.stdout + proc.stderr
    text = text.replace(str(Path(sys.prefix).resolve()), "...")
    lines = [line.rstrip() for line in text.splitlines()]
    # the shipped file's path differs between installs: keep the README's elision
    return [re.sub(r"^\S*/shusha_cli/data/events\.yaml", ".../shusha_cli/data/events.yaml", x)
            for x in lines]  # fmt: skip


def rewrite_block(block: str, workdir: str) -> str:
    lines = block.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("$ shusha ")]
    if not starts:
        return block
    out = lines[: starts[0]]
    for n, i in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        shown = lines[i + 1 : end]
        while shown and shown[-1] == "":
            shown.pop()
        cut = next((k for k, line in enumerate(shown) if line.strip() == "..."), None)
        new = run(lines[i], workdir)
        while new and new[-1] == "":
            new.pop()
        out.append(lines[i])
        if cut is not None:
            out += [*new[:cut], "..."]
        else:
            out += new
        if n + 1 < len(starts):
            out.append("")
    return "\n".join(out) + "\n"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as workdir:
        text = re.sub(
            r"```text\n(.*?)```",
            lambda m: "```text\n" + rewrite_block(m.group(1), workdir) + "```",
            text,
            flags=re.S,
        )
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
