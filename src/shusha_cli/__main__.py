"""Run the command line as ``python -m shusha_cli``."""

from shusha_cli.cli import main

main()
