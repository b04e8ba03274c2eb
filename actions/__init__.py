"""Rumbo's custom actions (run by `rasa run actions`).

Every bot message comes from an action here and is a channel-neutral reply
(see docs/architecture.md): text, buttons, links and `meta` that tells the gateway the
language, topic, country, content id, and whether the turn is a handoff or an emergency.
"""
