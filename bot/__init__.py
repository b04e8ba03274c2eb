"""Rumbo's gateway: channels, conversations, handoff, staff console and storage."""
