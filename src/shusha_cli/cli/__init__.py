"""The command line: options in, one core or view call, one renderer out.

Importing the package registers every command on the Typer app; ``main`` is the entry point.
"""

from shusha_cli.cli import commands as _commands  # noqa: F401  (registers the commands on app)
from shusha_cli.cli.app import app, main

__all__ = ["app", "main"]
