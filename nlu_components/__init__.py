"""Custom Rasa NLU components for Rumbo.

config.yml loads them as `nlu_components.<module>.<Class>`.
"""
