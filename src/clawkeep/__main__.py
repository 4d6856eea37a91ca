"""`python -m clawkeep` runs the command line."""

from clawkeep.cli import main

main()
