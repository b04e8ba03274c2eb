"""Handoff to human staff: the conversation state machine and what the person is told."""
