"""Channels: one package per provider (web, twilio, telegram) plus the shared contract."""
