"""`python -m bot serve` (and the other commands in bot/cli.py)."""

from bot.cli import main

raise SystemExit(main())
