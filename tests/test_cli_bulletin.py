"""``jjdesk bulletin`` as a shell sees it (in-process, tests/cli_helpers.py): refused with the Chinese reason,
drafted on request, plain once approved."""

from jjdesk.services.core.actor import Actor
from jjdesk.services.records import statistics
from jjdesk.services.review import workflow
from jjdesk.store.migrate import open_database
from tests.cli_helpers import run

PARAGRAPH_2020 = (
    "全年外贸进出口总额289.84亿元，比上年增长5.2%。其中，外贸公司出口额70.88亿元，增长10.7%；"
    "三资企业出口额36.37亿元，增长7.8%；生产企业出口额161.45亿元，增长3.9%。"
)


def test_bulletin_refuses_drafts_and_prints(tmp_path):
    path = tmp_path / "b.db"
    db = ("--db", str(path))
    assert run(*db, "init", "--demo", "--demo-enterprises", "0").returncode == 0
    refused = run(*db, "bulletin", "--year", "2020")
    assert refused.returncode == 1 and refused.stdout == ""
    assert "2020年统计尚未审核通过" in refused.stderr and "外贸进出口总额" in refused.stderr
    drafted = run(*db, "bulletin", "--year", "2020", "--draft")
    assert drafted.returncode == 0 and drafted.stdout == "【草稿，数据未经审核】" + PARAGRAPH_2020 + "\n"
    database = open_database(f"sqlite:///{path}")
    year = {y["year"]: y["id"] for y in statistics.years(database)}[2020]
    workflow.submit(database, Actor("lihua", "entry"), [("stat_year", year)])
    workflow.approve(database, Actor("wangjun", "reviewer"), [("stat_year", year)])
    database.dispose()
    done = run(*db, "bulletin", "--year", "2020")
    assert done.returncode == 0 and done.stdout == PARAGRAPH_2020 + "\n"
    empty = run(*db, "bulletin", "--year", "2019", "--draft")
    assert empty.returncode == 1 and "2019年没有外贸统计数据" in empty.stderr
    assert run(*db, "bulletin").returncode == 2  # --year is required
