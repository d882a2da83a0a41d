"""A meeting pack's snapshot and its 变动情况 sheet: what changed since the previous pack.

Each pack's records are kept as a snapshot (``services.review.snapshots``, the same canonical text and hash a
submission freezes; tables ``meeting_pack`` / ``meeting_pack_record``); the next pack compares with the latest
stored one. At 100,000 enterprises the snapshot is streamed, never held: built in (entity, id) order from plain
rows, hashed as it passes, merge-joined with the previous pack's records read in the same order, differences
written to the sheet as found, records spooled to disk; :meth:`PackSnapshot.store` then writes the pack in the
caller's short write (``exports.meeting_pack``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain, islice

from sqlmodel import Session

from jjdesk.services.core import audit
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.progress import Ticker
from jjdesk.services.core.spool import RowSpool
from jjdesk.services.excel.style import Column, SheetMeta, StreamSheet, Styles
from jjdesk.services.records.enterprises import COLUMNS as ENTERPRISE_COLUMNS
from jjdesk.services.review.reviewables import ENTITY_LABELS
from jjdesk.services.review.rules import CheckContext
from jjdesk.services.review.snapshots import (
    ContentHash,
    Difference,
    Item,
    compact_json,
    iter_snapshot,
    merge_join,
    record_differences,
)
from jjdesk.store import export_repo
from jjdesk.store.models import MeetingPack, id_of

ENTITY = "meeting_pack"
CHANGES_SHEET = "变动情况"
FIRST_PACK = "首次生成，无上次材料可比"
RECORD_BATCH = 5000  # records spooled, and inserted, per batch
PAGE = 5000  # enterprises, and previous records, read per keyset page
_SAMPLE = 500  # differences peeked at to fit the sheet's column widths


class PackSnapshot:
    """This pack's snapshot, streamed once: items are built in (entity, id) order from plain rows, hashed as
    they pass (``ContentHash``), spooled to disk for the later write (``RowSpool``), and merge-joined with the
    previous pack's records read in the same order, yielding the differences as they are found. Memory holds a
    page of each side and one batch, whatever the number of enterprises; :meth:`store` then writes the pack.
    """

    def __init__(
        self, s: Session, actor: Actor, year: int, title: str, workbook: str, ticker: Ticker, spool: RowSpool
    ) -> None:
        self.s, self.actor, self.year, self.title, self.workbook, self.ticker = s, actor, year, title, workbook, ticker
        self.spool = spool
        self.ctx = CheckContext(s)
        self.previous = export_repo.latest_meeting_pack(s)
        self.anchor = audit.chain_head(s)  # the chain as this snapshot sees it: recorded, and on the cover
        self.created_at = audit.utcnow()
        self.digest = ContentHash()
        self.changes = 0
        self.done = False

    def _items(self) -> Iterator[tuple[Item, str]]:
        """This pack's items with their stored JSON, hashed and spooled as they pass."""
        s = self.s
        for n, item in enumerate(
            iter_snapshot(s, self.ctx, export_repo.iter_enterprise_records(s, ENTERPRISE_COLUMNS, PAGE)), start=1
        ):
            stored = compact_json(item)
            self.digest.add(item, stored)
            self.spool.add((item.entity, item.id, item.label[:200], stored))
            if n % RECORD_BATCH == 0:
                self.ticker.check()
            yield item, stored

    def differences(self) -> Iterator[Difference]:
        """Every difference from the previous pack, in (entity, id) order; consuming them all spools the
        snapshot's records (with no previous pack there are none to yield, but the records are spooled)."""
        items = self._items()
        if self.previous is None:
            for _ in items:
                pass
            self.done = True
            return
        names = {i.code: i.name for i in self.ctx.catalogue.values()}
        before = export_repo.iter_meeting_pack_records(self.s, id_of(self.previous), PAGE)
        for old, pair in merge_join(before, items, lambda r: (r[0], r[1]), lambda p: (p[0].entity, p[0].id)):
            if old is not None and pair is not None and old[3] == pair[1]:
                continue  # same stored text, nothing changed: no need to parse it (packs stored before the
                # compact form differ in spacing only: parsed and compared field by field, they show no change)
            old_item = None if old is None else Item(old[0], old[1], old[2], json.loads(old[3]))
            for d in record_differences(old_item, None if pair is None else pair[0], names):
                self.changes += 1
                yield d
        self.done = True

    def still_latest(self, s: Session) -> bool:
        """Whether the pack this one compared with is still the latest (no colleague made one meanwhile)."""
        latest = export_repo.latest_meeting_pack(s)
        return (latest and latest.id) == (self.previous and self.previous.id)

    def store(self, s: Session) -> None:
        """Record the pack, its spooled records and its audit entry in the write transaction ``s``."""
        if not self.done:
            raise RuntimeError("meeting pack snapshot was not streamed to the end")
        digest = self.digest.hexdigest()
        pack = MeetingPack(
            year=self.year,
            title=self.title[:200],
            created_by=self.actor.name,
            created_at=self.created_at,
            content_hash=digest,
            record_count=self.digest.count,
            workbook=self.workbook[:260],
            chain_entries=self.anchor.entries,
            chain_hash=self.anchor.hash,
        )
        s.add(pack)
        s.flush()
        pack_id = id_of(pack)
        for batch in self.spool.batches():
            export_repo.insert_meeting_pack_records(s, [(pack_id, *row) for row in batch])
        audit.write(
            s,
            self.actor.name,
            [
                audit.created(
                    ENTITY,
                    pack_id,
                    f"{self.year}年会议材料",
                    {
                        "year": self.year,
                        "title": self.title,
                        "content_hash": digest,
                        "records": self.digest.count,
                        "workbook": self.workbook,
                        "changes": self.changes,
                    },
                )
            ],
        )


def changes_sheet(wb, st: Styles, snap: PackSnapshot) -> list[StreamSheet]:
    cols = [
        Column("kind", "变动"),
        Column("entity", "类别"),
        Column("record", "记录", width=30),
        Column("field", "字段", width=20),
        Column("before", "上次", width=30),
        Column("after", "本次", width=30),
    ]
    prev = snap.previous
    diffs = snap.differences()
    if prev is None:
        for _ in diffs:  # stores this pack's records; there is nothing to compare with
            pass
        meta = SheetMeta("与上次会议材料相比的变动情况", period=FIRST_PACK)
        sheet = StreamSheet(wb, st, CHANGES_SHEET, cols, meta)
        sheet.finish(total_label=None)
        sheet.ws.append([FIRST_PACK])
        return [sheet]
    at = prev.created_at.astimezone() if prev.created_at.tzinfo else prev.created_at
    meta = SheetMeta(
        "与上次会议材料相比的变动情况", period=f"上次材料：{at:%Y年%m月%d日 %H:%M}（{prev.workbook or prev.title}）"
    )
    rows = ((d.kind, ENTITY_LABELS.get(d.entity, d.entity), d.label, d.field_label, d.submitted, d.now) for d in diffs)
    sample = list(islice(rows, _SAMPLE))
    sheet = StreamSheet(wb, st, CHANGES_SHEET, cols, meta, sample)
    for row in chain(sample, rows):
        sheet.append(row)
    sheet.finish(total_label=None)
    if not sheet.rows_written:
        sheet.ws.append(["与上次材料相比没有变动。"])
    return [sheet]
