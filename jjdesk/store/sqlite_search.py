"""SQLite-only: the FTS5 trigram index behind the enterprise search box. Other backends never import this path.

Why FTS5 with the trigram tokenizer: officers type fragments of company names (缝制设备, 水晶光电), of credit
codes (913310…) and of contacts' names, not words, and Chinese has no spaces to split words on. A trigram index
answers "contains" queries of three or more characters in about a millisecond where ``LIKE '%x%'`` scans the
whole table (100–400 ms at 1,000,000 rows, performance.md).

Two-character searches are the common case in Chinese (科技, 光电) and the trigram index cannot answer them
directly. Every indexed value therefore ends with two padding characters (``PAD``), so each one- or
two-character substring of a value is the beginning of at least one indexed trigram; such a query is expanded,
through the index's own vocabulary (an ``fts5vocab`` table), into the OR of the trigrams that begin with it.
That is exact, and 5–20 ms at 1M rows. When a very common single character expands into too many trigrams the
caller falls back to ``LIKE`` (``None`` from :func:`match_expression`).

The index is *contentless* (``content=''``): it holds no copy of the text, only the trigrams (+150 MB at 1M
rows), and the padded values it indexes need not exist as columns anywhere. Triggers keep it in step with the
``enterprise`` table; a contentless index forgets a row through the special ``'delete'`` command, which must be
given the values that were indexed — the triggers have them as ``old.*``.

Schema changes: a batch migration that rebuilds ``enterprise`` (copy-and-move) drops its triggers with it, so
such a migration must call :func:`install` and :func:`backfill` again afterwards. ``db/env.py`` tells Alembic's
autogenerate to leave these tables alone (:func:`is_search_table`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, column, table, text
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import TableClause

INDEX = "enterprise_search"
TERMS = "enterprise_search_terms"  # fts5vocab over INDEX: one row per distinct trigram
COLUMNS = ("name", "credit_code", "contact_name")
PAD = "\x01\x01"  # two characters nobody types; the search text is stripped of control characters
PAD_SQL = "char(1, 1)"
MAX_EXPANSION = 300  # trigrams one short term may expand to before LIKE is cheaper (measured: 李 → 2,970)
_TRIGGERS = ("enterprise_search_ai", "enterprise_search_ad", "enterprise_search_au")


def is_search_table(name: str | None) -> bool:
    """True for the FTS index, its shadow tables and its vocabulary (for Alembic's autogenerate to skip)."""
    return name is not None and (name == INDEX or name.startswith(INDEX + "_"))


def _padded(prefix: str) -> str:
    return ", ".join(f"{prefix}.{c} || {PAD_SQL}" for c in COLUMNS)


def install(conn: Connection) -> None:
    """Create the index, its vocabulary table and the triggers that keep it current (idempotent)."""
    cols = ", ".join(COLUMNS)
    statements = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5({cols}, content='', tokenize='trigram')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS} USING fts5vocab({INDEX}, 'row')",
        f"""CREATE TRIGGER IF NOT EXISTS enterprise_search_ai AFTER INSERT ON enterprise BEGIN
              INSERT INTO {INDEX}(rowid, {cols}) VALUES (new.id, {_padded("new")});
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS enterprise_search_ad AFTER DELETE ON enterprise BEGIN
              INSERT INTO {INDEX}({INDEX}, rowid, {cols}) VALUES ('delete', old.id, {_padded("old")});
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS enterprise_search_au AFTER UPDATE OF {cols} ON enterprise BEGIN
              INSERT INTO {INDEX}({INDEX}, rowid, {cols}) VALUES ('delete', old.id, {_padded("old")});
              INSERT INTO {INDEX}(rowid, {cols}) VALUES (new.id, {_padded("new")});
            END""",
    ]
    for sql in statements:
        conn.exec_driver_sql(sql)


def backfill(conn: Connection) -> None:
    """Index every existing enterprise from scratch (after :func:`install` on a filled database)."""
    cols = ", ".join(COLUMNS)
    conn.exec_driver_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('delete-all')")
    conn.exec_driver_sql(f"INSERT INTO {INDEX}(rowid, {cols}) SELECT id, {_padded('enterprise')} FROM enterprise")
    conn.exec_driver_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('optimize')")


def index_from(conn: Connection, first_id: int) -> None:
    """Index the enterprises with ``id >= first_id`` (rows a bulk load wrote while the triggers were off)."""
    cols = ", ".join(COLUMNS)
    # A larger in-memory term buffer for the load (FTS5 'hashsize', default 1 MB) flushes fewer, larger
    # segments and so merges less: ~20% faster at 100,000 rows. Set back to the default in the same transaction.
    conn.exec_driver_sql(f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('hashsize', {_LOAD_HASHSIZE})")
    conn.exec_driver_sql(
        f"INSERT INTO {INDEX}(rowid, {cols}) SELECT id, {_padded('enterprise')} FROM enterprise WHERE id >= ?",
        (first_id,),
    )
    conn.exec_driver_sql(f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('hashsize', {_DEFAULT_HASHSIZE})")


_LOAD_HASHSIZE, _DEFAULT_HASHSIZE = 16 * 1024 * 1024, 1024 * 1024


def drop_triggers(conn: Connection) -> None:
    """Stop indexing row by row: a bulk load then calls :func:`index_from` and :func:`install` (same
    transaction), which builds the index for a million rows in a third of the time the triggers take."""
    for name in _TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def uninstall(conn: Connection) -> None:
    """Drop triggers, vocabulary and index (downgrade)."""
    drop_triggers(conn)
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TERMS}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX}")


def is_installed(conn: Connection) -> bool:
    """Whether this database has the index (a database made without migrations would not)."""
    found = conn.execute(
        text("SELECT count(*) FROM sqlite_master WHERE name IN (:a, :b)"), {"a": INDEX, "b": "enterprise_search_au"}
    ).scalar()
    return found == 2


# ---------------------------------------------------------------- queries

_index: TableClause = table(INDEX, column("rowid"), column(INDEX))


@dataclass(frozen=True)
class Match:
    """A search the index can answer: join ``index`` on ``index.c.rowid`` and add ``condition``."""

    index: TableClause
    condition: ColumnElement[bool]

    @property
    def rowid(self):
        return self.index.c.rowid


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _expand(conn: Connection, term: str) -> list[str] | None:
    """The indexed trigrams that begin with a one- or two-character ``term``; None when there are too many."""
    # The tokenizer folds case, so the vocabulary holds lower-case trigrams; fold the prefix the same way.
    low = term.lower()
    rows = (
        conn.execute(
            text(f"SELECT term FROM {TERMS} WHERE term >= :lo AND term < :hi LIMIT :n"),
            {"lo": low, "hi": low + "\U0010ffff", "n": MAX_EXPANSION + 1},
        )
        .scalars()
        .all()
    )
    if len(rows) > MAX_EXPANSION:
        return None
    return list(rows)


@dataclass(frozen=True)
class Plan:
    """How the index answers a search: an FTS5 ``expression`` (None: the index takes no term), the terms left
    for ``LIKE``, and ``nothing`` when some term occurs in no indexed value at all."""

    expression: str | None
    like_terms: tuple[str, ...] = ()
    nothing: bool = False


def plan(conn: Connection, terms: list[str]) -> Plan:
    """Route each term: three or more characters are FTS5 phrases, shorter ones are expanded through the
    vocabulary, and a short term too common to expand is left for ``LIKE``. Every term must match."""
    parts: list[str] = []
    left: list[str] = []
    for term in terms:
        if len(term) >= 3:
            parts.append(_quote(term))
            continue
        expanded = _expand(conn, term)
        if expanded is None:
            left.append(term)
        elif not expanded:
            return Plan(None, (), nothing=True)
        else:
            parts.append("(" + " OR ".join(_quote(t) for t in expanded) + ")")
    return Plan(" AND ".join(parts) if parts else None, tuple(left))


def match(expression: str) -> Match:
    """The join and condition for a :class:`Plan`'s expression."""
    return Match(_index, _index.c[INDEX].match(expression))
