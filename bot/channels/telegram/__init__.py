"""Telegram through python-telegram-bot in webhook mode: the channel, its handlers and
commands, the sender and the `telegram-setup` command (see docs/channels.md)."""
