"""Retention and the schedule with an injected clock: exactly the expected backups survive a simulated year of
daily starts and a simulated fortnight of office use, and each kept one is verified."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from jjdesk.services.backup import index, retention, schedule
from jjdesk.services.core.actor import Actor
from jjdesk.services.records import enterprises
from tests.services.backup.helpers import final_files, live, verified

ADMIN = Actor("admin", "admin")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    # Noon-ish UTC keeps the local date the same in any time zone within ±11 hours.
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def _name(when: datetime) -> str:
    return when.astimezone().strftime("jjdesk-%Y%m%d-%H%M%S.db")


# Daily backups through 2026 (it ends on a Thursday): the last 7 days; the newest of the last 4 ISO weeks
# (W53 from Mon 28 Dec: the 31st, then Sundays 27, 20 and 13 December); the newest of each of the 12 months.
YEAR_KEPT = sorted(
    [date(2026, 12, d) for d in (25, 26, 27, 28, 29, 30, 31)]
    + [date(2026, 12, 20), date(2026, 12, 13)]
    + [date(2026, m, d) for m, d in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30))]
    + [date(2026, m, d) for m, d in ((7, 31), (8, 31), (9, 30), (10, 31), (11, 30))]
)


def test_to_keep_over_a_year_of_daily_backups_is_exactly_the_expected_set():
    backups = [(_at(d, 12), f"b{d:%Y%m%d}") for d in _days(date(2026, 1, 1), date(2026, 12, 31))]
    assert retention.to_keep(backups) == {f"b{d:%Y%m%d}" for d in YEAR_KEPT}
    assert len(YEAR_KEPT) == 20


def test_the_newest_backup_is_kept_whatever_the_policy():
    backups = [(_at(date(2026, 5, d), 12), f"b{d}") for d in (1, 2, 3)]
    assert retention.to_keep(backups, retention.Policy(daily=0, weekly=0, monthly=0)) == {"b3"}
    assert retention.to_keep([]) == set()


def test_buckets_count_backups_not_days_so_a_long_holiday_prunes_nothing_away():
    before = [(_at(date(2026, 1, d), 12), f"jan{d}") for d in range(1, 11)]
    after = [(_at(date(2026, 3, 1), 12), "mar1")]
    kept = retention.to_keep(before + after)
    assert {"mar1", "jan10", "jan9", "jan8", "jan7", "jan6", "jan5"} <= kept  # 7 daily despite the gap


@pytest.mark.slow
def test_a_year_of_daily_starts_leaves_exactly_the_expected_verified_backups(db, tmp_path, clerk, enterprise_values):
    folder = tmp_path / "backups"
    made = 0
    for day in _days(date(2026, 1, 1), date(2026, 12, 31)):
        if day.day == 1:
            enterprises.create(db, clerk, enterprise_values())  # the ledger changes now and then
        entry = schedule.run_scheduled(db, folder, ADMIN, index.START, now=_at(day, 9))
        assert entry is not None and entry.reason == index.START
        assert schedule.run_scheduled(db, folder, ADMIN, index.START, now=_at(day, 14)) is None  # once a day
        made += 1
    assert made == 365
    assert [p.name for p in final_files(folder)] == sorted(_name(_at(d, 9)) for d in YEAR_KEPT)
    assert all(verified(p) for p in final_files(folder))
    assert {e.file for e in index.indexed(folder)} == {_name(_at(d, 9)) for d in YEAR_KEPT}  # index pruned too


def test_a_fortnight_of_office_use_keeps_the_expected_daily_and_weekly_backups(db, tmp_path, clerk, enterprise_values):
    folder = tmp_path / "backups"
    fortnight = _days(date(2026, 3, 2), date(2026, 3, 15))  # Monday 2 March to Sunday 15 March
    for day in fortnight:
        assert schedule.run_scheduled(db, folder, ADMIN, index.START, now=_at(day, 8, 30)) is not None
        closing = schedule.run_scheduled(db, folder, ADMIN, index.CLOSE, now=_at(day, 17, 30))
        assert closing is None  # nothing changed since the morning's backup
        if day.weekday() < 5:  # the office works Monday to Friday
            enterprises.create(db, clerk, enterprise_values())
            closing = schedule.run_scheduled(db, folder, ADMIN, index.CLOSE, now=_at(day, 17, 31))
            assert closing is not None and closing.reason == index.CLOSE
        assert schedule.last_good(folder) is not None
    weekdays = [_name(_at(d, 17, 31)) for d in fortnight[7:12]]  # Mon 9 – Fri 13: the closing backups
    weekend = [_name(_at(d, 8, 30)) for d in fortnight[12:]]  # Sat 14, Sun 15: only the morning's
    week_before = [_name(_at(fortnight[6], 8, 30))]  # the newest of the first week: Sunday 8 March
    assert [p.name for p in final_files(folder)] == sorted(week_before + weekdays + weekend)
    assert all(verified(p) for p in final_files(folder))
    newest = schedule.last_good(folder)
    assert newest is not None and newest.file == _name(_at(fortnight[-1], 8, 30))
    assert not schedule.due_at_close(db, folder)
    assert not schedule.due_at_start(folder, _at(fortnight[-1], 20))
    assert schedule.due_at_start(folder, _at(fortnight[-1] + timedelta(1), 8))


def test_a_new_empty_ledger_is_not_backed_up_on_close(db, tmp_path):
    assert not schedule.due_at_close(db, tmp_path / "backups")
    assert schedule.last_good(tmp_path / "backups") is None


def test_two_ledgers_sharing_a_folder_are_scheduled_and_pruned_each_on_its_own(db, fresh_db, tmp_path):
    shared = tmp_path / "U盘"
    other = fresh_db(tmp_path / "另一台账" / "jjdesk.db")
    days = _days(date(2026, 4, 1), date(2026, 4, 10))
    for day in days:
        assert schedule.run_scheduled(db, shared, ADMIN, index.START, now=_at(day, 9)) is not None
        # the first ledger's backup today does not count for the second
        assert schedule.run_scheduled(other, shared, ADMIN, index.START, now=_at(day, 10)) is not None
    mine = sorted(e.file for e in index.list_backups(shared) if e.source == str(live(db)))
    theirs = sorted(e.file for e in index.list_backups(shared) if e.source == str(live(other)))
    # For each ledger: its own 7 daily (4–10 April; they hold the newest of both ISO weeks and of the month). Pruned
    # together, the twenty files would have kept only 7 in all.
    kept_days = days[-7:]
    assert mine == [_name(_at(d, 9)) for d in kept_days]
    assert theirs == [_name(_at(d, 10)) for d in kept_days]
    assert schedule.last_good(shared, live(db)).file == _name(_at(days[-1], 9))
