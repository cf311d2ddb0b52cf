"""``python -m cleaner.cli``: the command, from a checkout."""

from cleaner.cli import main

main()
