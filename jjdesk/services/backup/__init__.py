"""Backups of the SQLite ledger: made and verified (``make``, ``verify``), listed (``index``), pruned
(``retention``), scheduled (``schedule``) and restored (``restore``). The SQLite mechanics are in
``store/sqlite_backup.py``."""
