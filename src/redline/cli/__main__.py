"""`python -m redline.cli` runs the `redline` command."""

from redline.cli import main

main()
