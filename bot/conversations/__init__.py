"""The conversation pipeline: store inbound messages, answer them in order, deliver replies."""
