"""Renderers: one channel-neutral `Reply` in, what one channel shows out (SMS, WhatsApp,
Telegram), plus the SMS segment counter and the text splitter they share."""
