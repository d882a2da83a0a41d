"""A real process for the reliability tests: ``python -m tests.services.backup.child MODE DB [FOLDER] [ARG]``.

``backups``: after "ready", write one enterprise and make one backup (small steps, so a copy spans many of
them), over and over, until killed. ``writer``: after "ready", write enterprises as fast as it can until killed.
``limited``: make one backup with the file-size limit ARG bytes (RLIMIT_FSIZE, SIGXFSZ ignored, so a write past
it fails with EFBIG as on a full disk) and print the outcome as JSON.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path

from jjdesk.services.backup import make
from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ServiceError
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.records import enterprises
from jjdesk.store.migrate import open_database

ACTOR = Actor("lihua", "entry")


def _enterprise(n: int) -> dict:
    return {
        "name": f"台州子进程测试有限公司{os.getpid()}-{n}",
        "credit_code": make_credit_code(f"{(os.getpid() * 100_000 + n) % 100_000_000:08d}"),
        "enterprise_type": "外贸公司",
        "cluster": "家电",
        "join_date": "2021-03-01",
        "export_value": "12.5",
    }


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    db = open_database(f"sqlite:///{path}")
    if mode == "backups":
        folder = Path(argv[2])
        print("ready", flush=True)
        for n in itertools.count():
            enterprises.create(db, ACTOR, _enterprise(n))
            make.make_backup(db, folder, ACTOR, pages_per_step=4)
    if mode == "writer":
        print("ready", flush=True)
        for n in itertools.count():
            enterprises.create(db, ACTOR, _enterprise(n))
    if mode == "limited":
        import resource
        import signal

        folder, limit = Path(argv[2]), int(argv[3])
        folder.mkdir(parents=True, exist_ok=True)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            entry = make.make_backup(db, folder, ACTOR)
        except ServiceError as exc:
            print(json.dumps({"ok": False, "message": str(exc)}, ensure_ascii=False), flush=True)
        else:
            print(json.dumps({"ok": True, "file": entry.file}, ensure_ascii=False), flush=True)
        db.engine.dispose()
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
