"""The CSV writer's own rules: formula cells guarded and read back, CRLF rows, the BOM."""

from __future__ import annotations

import csv
import io

import pytest

from shusha_cli.render.csv import guard, unguard, write
from tests.conftest import Run


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_trigger_is_guarded_and_read_back(first: str) -> None:
    cell = f"{first}SUM(A1)"
    assert guard(cell) == f"'{cell}"
    assert unguard(guard(cell)) == cell


@pytest.mark.parametrize("cell", ["", "plain", "'quoted", "a=b", "'", "x-1", "-2", "+1", "2e5"])
def test_other_cells_are_left_alone(cell: str) -> None:
    """Wholly a number (``-2``) is left alone since issue 15: a spreadsheet reads it as one."""
    assert guard(cell) == cell
    assert unguard(cell) == cell


@pytest.mark.parametrize(
    ("cell", "guarded"), [("''=x", "'''=x"), ("'=1", "''=1"), (" =x", "' =x"), ("-2x", "'-2x")]
)
def test_apostrophes_are_looked_past_and_white_space_guarded(cell: str, guarded: str) -> None:
    """Issue 15: leading apostrophes are looked past, a leading space is guarded."""
    assert guard(cell) == guarded
    assert unguard(guarded) == cell


def test_write_guards_every_cell_and_ends_rows_with_crlf() -> None:
    out = io.StringIO(newline="")
    write([["a", "=1"], ["-2x", "b\nc", "-2"]], out)
    assert out.getvalue() == "a,'=1\r\n'-2x,\"b\nc\",-2\r\n"
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["a", "'=1"],
        ["'-2x", "b\nc", "-2"],
    ]


def test_bom_only_when_asked() -> None:
    out = io.StringIO(newline="")
    write([["a"]], out, bom=True)
    assert out.getvalue() == "\ufeffa\r\n"
    plain = io.StringIO(newline="")
    write([["a"]], plain)
    assert plain.getvalue() == "a\r\n"


def test_export_bom_end_to_end(run: Run) -> None:
    with_bom = run("export", "--bom")
    without = run("export")
    assert with_bom.code == without.code == 0
    assert with_bom.out == "\ufeff" + without.out
    assert without.out.startswith("id,date,start,end,")
