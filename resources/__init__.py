"""Icons, style sheet and compiled translations; installed as ``jjdesk.resources`` (see pyproject.toml)."""
