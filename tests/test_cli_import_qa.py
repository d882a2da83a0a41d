"""``jjdesk import`` as a shell sees it (in-process, tests/cli_helpers.py) on the QA pass's cases: header-only
files, review-rule warnings, dry-run counts (issue 5, defects 3, 8 and 13)."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.cli_helpers import run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert run("--db", str(path), "init", "--demo", "--demo-enterprises", "0").returncode == 0
    return path


@pytest.mark.parametrize("kind,suffix", [("enterprises", "xlsx"), ("enterprises", "csv"), ("statistics", "csv")])
def test_a_header_only_file_is_refused_with_exit_1(demo_db, tmp_path, kind, suffix):
    header = ["企业名称", "统一社会信用代码", "企业类型"] if kind == "enterprises" else ["年份", "指标", "单位", "数值"]
    path = tmp_path / f"header.{suffix}"
    if suffix == "csv":
        path.write_text(",".join(header) + "\n", encoding="utf-8")
    else:
        wb = openpyxl.Workbook()
        wb.active.append(header)
        wb.save(path)
    for extra in ((), ("--dry-run",)):
        out = run("--db", str(demo_db), "import", kind, str(path), *extra)
        assert out.returncode == 1 and "文件中没有可导入的数据行" in out.stderr, out.stderr
        assert "已导入" not in out.stdout and "Traceback" not in out.stderr
    as_json = json.loads(run("--db", str(demo_db), "import", kind, str(path), "--json").stdout)
    assert as_json["written"] is False and "文件中没有可导入的数据行" in as_json["errors"][0]["message"]


def test_statistics_warnings_are_printed_and_dry_run_counts_match(tmp_path):
    db = tmp_path / "d.db"
    assert run("--db", str(db), "init", "--demo", "--demo-enterprises", "0").returncode == 0
    path = tmp_path / "jump.csv"
    path.write_text(
        "年份,指标,单位,数值,增速(%)\n2020,外贸进出口总额,亿元,289.84,5.2\n"
        "2021,生产企业出口额,亿元,1614500,3.0\n2021,外贸进出口总额,亿元,310.5,7.1\n",
        encoding="utf-8",
    )
    dry = json.loads(run("--db", str(db), "import", "statistics", str(path), "--dry-run", "--json").stdout)
    assert dry["warning_count"] == 2 and [(w["row"], w["column"], w["message"][:15]) for w in dry["warnings"]] == [
        (3, "D", "审核提示（强制·STAT-04"),
        (3, "E", "审核提示（核实·STAT-02"),
    ]
    real = run("--db", str(db), "import", "statistics", str(path))
    assert real.returncode == 0, real.stderr
    assert "第3行 D列（数值）：审核提示（强制·STAT-04" in real.stdout and "审核规则提示" in real.stdout
    assert "已导入：新增2条，更新0条，无变化1条。" in real.stdout
    assert (dry["created"], dry["updated"], dry["unchanged"]) == (2, 0, 1)
