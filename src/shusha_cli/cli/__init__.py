"""The command line: options in, one core or view call, one renderer out.

Importing the package registers every command on the Typer app; ``main`` is the entry point.
"""

from shusha_cli.cli import campaign_commands as _campaign  # noqa: F401  (registers commands)
from shusha_cli.cli import commands as _commands  # noqa: F401  (registers commands)
from shusha_cli.cli import data_commands as _data  # noqa: F401  (registers commands)
from shusha_cli.cli.app import app, main

__all__ = ["app", "main"]
