"""``jjdesk export`` and ``jjdesk import`` as a shell sees them (in-process, tests/cli_helpers.py): files, exit
codes, --json."""

from __future__ import annotations

import json

import openpyxl

from tests.cli_helpers import run
from tests.services.excel_helpers import write_xlsx


def test_export_every_kind_then_import_round_trip(tmp_path):
    src, dst = tmp_path / "src.db", tmp_path / "dst.db"
    assert run("--db", str(src), "init", "--demo", "--demo-enterprises", "40").returncode == 0
    for kind in ("enterprises", "initiatives", "statistics", "meeting-pack"):
        out = run("--db", str(src), "export", kind, "--out", str(tmp_path / f"{kind}.xlsx"), "--year", "2021")
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(f"已导出：{tmp_path / f'{kind}.xlsx'}（") and out.stderr == ""
    pack = openpyxl.load_workbook(tmp_path / "meeting-pack.xlsx")
    assert pack.sheetnames[:2] == ["封面", "主要数据"] and "按产业集群" in pack.sheetnames
    assert len(pack["按产业集群"]._charts) == 1
    assert run("--db", str(dst), "init").returncode == 0
    dry = run("--db", str(dst), "import", "enterprises", str(tmp_path / "enterprises.xlsx"), "--dry-run", "--json")
    report = json.loads(dry.stdout)
    assert dry.returncode == 0 and report["created"] == 45 and not report["written"]
    done = run("--db", str(dst), "import", "enterprises", str(tmp_path / "enterprises.xlsx"), "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["created"] == 45
    again = run("--db", str(dst), "import", "enterprises", str(tmp_path / "enterprises.xlsx"), "--json")
    result = json.loads(again.stdout)
    assert again.returncode == 1 and result["error_count"] == 45 and not result["written"]
    assert result["errors"][0]["row"] == 4 and result["errors"][0]["column"] in ("B", "C")
    skip = run("--db", str(dst), "import", "enterprises", str(tmp_path / "enterprises.xlsx"), "--on-duplicate", "skip")
    assert skip.returncode == 0 and "跳过45条" in skip.stdout


def test_import_errors_report_and_refusals(tmp_path):
    db = tmp_path / "x.db"
    assert run("--db", str(db), "init").returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("企业名称,企业类型,入驻日期\n台州甲公司,外贸公司,2021-02-30\n台州乙公司,外资,\n", encoding="utf-8")
    out = run("--db", str(db), "import", "enterprises", str(bad), "--report", str(tmp_path / "r.xlsx"))
    assert out.returncode == 1
    assert "第2行 C列（入驻日期）" in out.stderr and "第3行 B列（企业类型）" in out.stderr
    assert "未导入任何数据" in out.stderr and (tmp_path / "r.xlsx").exists()
    truncated = tmp_path / "cut.xlsx"
    good = tmp_path / "good.xlsx"
    assert run("--db", str(db), "export", "enterprises", "--out", str(good)).returncode == 0
    truncated.write_bytes(good.read_bytes()[:2000])
    cut = run("--db", str(db), "import", "enterprises", str(truncated))
    assert cut.returncode == 1 and "不完整或已损坏" in cut.stderr and "Traceback" not in cut.stderr
    as_json = json.loads(run("--db", str(db), "import", "enterprises", str(truncated), "--json").stdout)
    assert as_json["written"] is False and "不完整" in as_json["errors"][0]["message"]


def test_import_with_columns_mapped_on_the_command_line(tmp_path):
    """--map does what the mapping dialog does: a file whose header is not recognised is refused without it and
    imported with it; a --map that cannot be read, or a field given twice, is refused and nothing is written."""
    db = tmp_path / "m.db"
    assert run("--db", str(db), "init", "--demo", "--demo-enterprises", "5").returncode == 0
    odd = write_xlsx(
        tmp_path / "名单.xlsx",
        [
            ["甲", "乙", "丙"],
            ["台州市椒江映澜绣品有限公司", "备注甲", "生产企业"],
            ["浙江椒江远岚数字科技有限公司", "", "外贸公司"],
        ],
    )
    assert run("--db", str(db), "import", "enterprises", str(odd)).returncode == 1
    bad = run("--db", str(db), "import", "enterprises", str(odd), "--map", "A=企业名", "--map", "3")
    assert bad.returncode == 1
    assert "不认识字段“企业名”" in bad.stderr and "“3”：应写成 列=字段" in bad.stderr
    twice = run("--db", str(db), "import", "enterprises", str(odd), "--map", "A=企业名称", "--map", "B=name")
    assert twice.returncode == 1 and "已对应A列" in twice.stderr
    done = run(
        "--db",
        str(db),
        "import",
        "enterprises",
        str(odd),
        "--map",
        "A=企业名称",
        "--map",
        "B=忽略",
        "--map",
        "3=enterprise_type",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"] == 2
    listed = run("--db", str(db), "export", "enterprises", "--out", str(tmp_path / "out.xlsx"))
    assert listed.returncode == 0
    names = {r[1]: r[4] for r in openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True)}
    assert names["浙江椒江远岚数字科技有限公司"] == "外贸公司"

    wide = write_xlsx(
        tmp_path / "统计.xlsx", [["项目", "口径", "二〇二〇", "上年比"], ["外贸进出口总额", "亿元", 289.84, 5.2]]
    )
    assert run("--db", str(db), "import", "statistics", str(wide), "--dry-run").returncode == 1
    mapped = run(
        "--db",
        str(db),
        "import",
        "statistics",
        str(wide),
        "--dry-run",
        "--json",
        "--layout",
        "wide",
        "--map",
        "A=指标名称",
        "--map",
        "B=unit",
        "--map",
        "C=2020年数值",
        "--map",
        "D=growth:2020",
    )
    assert mapped.returncode == 0, mapped.stdout + mapped.stderr
    assert json.loads(mapped.stdout)["error_count"] == 0


def test_export_a_year_without_figures_is_refused_and_the_unit_is_the_officers(tmp_path):
    db = tmp_path / "d.db"
    assert run("--db", str(db), "init", "--demo", "--demo-enterprises", "5").returncode == 0
    for year in ("2030", "20"):  # a year without data, and a typo
        out = tmp_path / f"s{year}.xlsx"
        done = run("--db", str(db), "export", "statistics", "--out", str(out), "--year", year)
        assert done.returncode == 1 and f"{year}年没有统计数据，未导出文件" in done.stderr, done.stderr
        assert "已有数据的年份：" in done.stderr and "Traceback" not in done.stderr
        assert not out.exists() and not list(tmp_path.glob("*.xlsx"))
    out = tmp_path / "e.xlsx"
    done = run("--db", str(db), "export", "enterprises", "--out", str(out), "--unit", "外综服平台运营中心")
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(out).active["A2"].value.startswith("填报单位：外综服平台运营中心")
    default = run("--db", str(db), "export", "statistics", "--out", str(tmp_path / "s.xlsx"))
    assert default.returncode == 0
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").active["A2"].value.startswith("填报单位：椒江区经科局")
