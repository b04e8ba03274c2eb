"""Outcome categories staff choose when they resolve a case (stored in `case_outcomes`).

Values are stored and reported on; add new ones at the end, never rename.
"""

from __future__ import annotations

OUTCOMES: dict[str, str] = {
    "information_given": "Information given",
    "referred": "Referred to an organisation or authority",
    "document_help": "Helped with documents or procedures",
    "emergency_handled": "Emergency handled",
    "person_left": "Person stopped answering",
    "resolved_by_bot": "The bot's answer was enough",
    "not_applicable": "Not applicable (spam, test, wrong number)",
    "other": "Other",
}
