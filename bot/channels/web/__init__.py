"""The web chat channel: served by the gateway itself (page, /api/chat, polling)."""
