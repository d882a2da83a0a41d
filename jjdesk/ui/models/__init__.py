"""Qt item models: thin adapters from services to views (no SQL, no business rules)."""
