"""Custom Rasa NLU components for Rumbo (loaded by config.yml as `nlu_components.<module>.<Class>`)."""
