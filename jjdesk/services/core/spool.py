"""Rows kept on disk between a long read and a short write: a spool of row batches in a temporary file.

A writer that reads for a long time (the meeting pack streams every enterprise) must not hold the write lock
while it reads, yet must store what it read in one short write afterwards — without holding 100,000 records in
memory meanwhile. The spool takes rows in batches (pickled: the file is the process's own, never read from
outside) and gives them back in the same order and batches; the file is deleted when the spool is closed.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

_BATCH = 5000
_MEMORY = 8 * 1024 * 1024  # bytes kept in memory before the spool moves to a file


class RowSpool:
    """Append rows, then :meth:`batches` reads them back once, in order; use as a context manager."""

    def __init__(self, batch: int = _BATCH) -> None:
        # Closed by close() / the with block that owns the spool.
        self._file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_MEMORY, prefix="jjdesk-spool-")  # noqa: SIM115
        self._pending: list[Any] = []
        self._batch = batch
        self.count = 0

    def add(self, row: Any) -> None:
        self._pending.append(row)
        self.count += 1
        if len(self._pending) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def batches(self) -> Iterator[list[Any]]:
        """Every row added, in batches of up to ``batch`` rows, in the order they were added."""
        self._flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RowSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
