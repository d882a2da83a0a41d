"""What every capability shares: errors, the acting user and roles, vocabularies, field parsing, the audit trail,
record versioning and progress/cancel. Imports nothing from the other service packages."""
