"""Engines and sessions. The only place that knows SQLite pragmas; everything else is backend-neutral."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from jjdesk.config import sqlite_path
from jjdesk.errors import DatabaseBusy

BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the UI read while a worker writes; foreign keys are off by default in SQLite.
    # isolation_level=None hands BEGIN to us (see _sqlite_begin), so writes can take the lock up front.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    # A deferred transaction that reads and then writes fails with SQLITE_BUSY if another process wrote in
    # between; write units of work therefore start IMMEDIATE, which waits (busy_timeout) for the lock instead.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def lock_timed_out(exc: BaseException) -> bool:
    """Whether ``exc`` is the database giving up waiting for another connection's lock: SQLite's "database is
    locked" after the busy timeout, PostgreSQL's lock_timeout (55P03) — raised by SQLAlchemy or by a driver
    cursor directly."""
    orig = exc.orig if isinstance(exc, OperationalError) else exc
    if isinstance(orig, sqlite3.OperationalError):
        return "locked" in str(orig)  # "database is locked", "database table is locked"
    return getattr(orig, "sqlstate", None) == "55P03"


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite files, create the folder and switch on WAL, foreign keys, busy timeout."""
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def insert_sql(conn: Connection, table: str, columns: Sequence[str]) -> str:
    """An INSERT of one row into ``table`` in the driver's own placeholders (``?`` for sqlite3, ``%s`` for
    psycopg), for ``exec_driver_sql(sql, rows)``: the driver's executemany, no per-row work in SQLAlchemy."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"


def driver_cursor(conn: Connection) -> Any:
    """A cursor of the DB-API connection under ``conn``, inside its transaction (``executemany`` at C speed)."""
    driver = conn.connection.driver_connection
    assert driver is not None, "the connection was closed"
    return driver.cursor()


class Database:
    """An open database: its engine and a factory for short, one-transaction sessions."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._factory = sessionmaker(self.engine, class_=Session, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """One unit of work: committed when the block ends normally, rolled back on any exception.

        ``write=True`` for anything that changes data: on SQLite it takes the write lock at the start. A lock
        that another connection holds past the busy timeout is :class:`~jjdesk.errors.DatabaseBusy` (Chinese,
        nothing written), never the driver's error.
        """
        with self._factory() as session:
            try:
                if write:
                    session.connection(execution_options={"write": True})
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if lock_timed_out(exc):
                    raise DatabaseBusy() from exc
                raise

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only unit of work that sees the database as it was when it began, however long it reads, and
        never blocks a writer: SQLite's WAL read transaction (opened at once), PostgreSQL's REPEATABLE READ.

        For long readers that write a little at the end (上报, the meeting pack): they read here, then write
        in a short :meth:`write` of their own, so colleagues' saves never wait for the reading.
        """
        # Closing the session ends the transaction (nothing to commit) and detaches what was read, unexpired,
        # so the caller keeps using it after the block.
        with self._factory() as session:
            if self.is_sqlite:
                session.connection().exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1")
            else:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def write(self) -> AbstractContextManager[Session]:
        """Shorthand for ``session(write=True)``."""
        return self.session(write=True)

    @contextmanager
    def one_transaction(self) -> Iterator[Database]:
        """A view of this database in which every unit of work — however many the services open — runs inside
        one transaction, committed when the block ends and rolled back whole on any error or a killed process.

        For set-up made of many service calls that must land whole or not at all (the demo data: a ledger with
        half of it could not be loaded again). Each inner unit of work is a SAVEPOINT of the one connection,
        which holds the write lock for the whole block: keep such blocks to set-up, never to the officer's work.
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(write=True)  # SQLite: BEGIN IMMEDIATE, the lock taken up front
            try:
                transaction = conn.begin()
            except BaseException as exc:
                if lock_timed_out(exc):
                    raise DatabaseBusy() from exc
                raise
            inner = Database(self.url, self.engine)
            inner._factory = sessionmaker(
                bind=conn, class_=Session, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
            try:
                yield inner
                transaction.commit()
            except BaseException:
                transaction.rollback()
                raise

    def dispose(self) -> None:
        """Close the database. On SQLite, first let it refresh the planner statistics it finds stale
        (``PRAGMA optimize``): the list queries choose between plans from them."""
        if self.is_sqlite:
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except SQLAlchemyError:  # closing must not fail because the statistics could not be refreshed
                pass
        self.engine.dispose()
