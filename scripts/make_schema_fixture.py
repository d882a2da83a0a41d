"""Write tests/fixtures/schema/<head revision>.db: a demo database made by the current schema.

Run once for each new schema revision and commit the file, so tests can prove that databases made by every
earlier version still open, upgrade and keep their data:  .venv/bin/python scripts/make_schema_fixture.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jjdesk.services.core.actor import Actor
from jjdesk.services.demo import load as demo
from jjdesk.services.exports import meeting_pack
from jjdesk.services.records import enterprises, statistics
from jjdesk.store.migrate import head_revision, open_database


def main() -> None:
    target = ROOT / "tests" / "fixtures" / "schema" / f"{head_revision()}.db"
    if target.exists():
        sys.exit(f"{target} exists: fixtures of past schema versions are never rewritten.")
    target.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{target}")
    demo.load_demo(db, generated=30)
    clerk = Actor("fixture", "entry")
    first = enterprises.search(db, None, limit=1)[0]
    enterprises.update(
        db,
        clerk,
        first["id"],
        {"notes": "修改过一次", "services": ["通关", "物流"]},
        expected_version=first["version"],
        reason="夹具数据",
    )
    statistics.set_value(db, clerk, "WM", 2019, {"value": "275.52", "source": "夹具：用于检验增速"})
    with tempfile.TemporaryDirectory() as tmp:  # a stored meeting-pack snapshot (schema 0004 on)
        meeting_pack.export_meeting_pack(db, Path(tmp) / "会议材料.xlsx", year=2021, actor=clerk)
    db.dispose()
    con = sqlite3.connect(target)
    con.execute("pragma journal_mode=delete")  # one self-contained file, no -wal beside it
    con.execute("vacuum")
    con.close()
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
