"""SMS and WhatsApp through Twilio: one webhook, signature check, parsing, status callbacks,
and the REST sender (see docs/channels.md)."""
