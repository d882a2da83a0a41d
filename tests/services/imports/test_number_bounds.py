"""Numbers beyond what a decimal column holds are a per-cell refusal with the limit named, on every path —
never a ``decimal.InvalidOperation`` or an ``OverflowError`` from the store, dry run and real import alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jjdesk.services.core.actor import Actor
from jjdesk.services.core.errors import ValidationFailed
from jjdesk.services.families.codes import make_credit_code
from jjdesk.services.imports import enterprises as excel_import
from jjdesk.services.imports import statistics as stat_import
from jjdesk.services.records import enterprises, statistics
from jjdesk.store.types import MAGNITUDE, fits, strip_zeros
from tests.services.excel_helpers import seed_statistics, write_xlsx

HEADER = ["企业名称", "统一社会信用代码", "企业类型", "入驻日期", "年出口额（万元）"]
HUGE = (1e28, 1e30, "1e30", "1" * 31, -1e29, "9" * 15, 999999999999999)


def test_the_store_bound_and_strip_zeros_for_huge_numbers():
    assert Decimal("1E+14") == MAGNITUDE and fits(Decimal("99999999999999.9999"))
    assert not fits(Decimal("100000000000000")) and not fits(Decimal("-1E+28"))
    assert strip_zeros(Decimal("1E+28")) == Decimal("1E+28")  # no InvalidOperation
    assert str(strip_zeros(Decimal("289.8400"))) == "289.84" and str(strip_zeros(Decimal("1E+2"))) == "100"


@pytest.mark.parametrize("huge", HUGE)
def test_a_huge_export_value_is_refused_in_its_cell(db, tmp_path, huge):
    path = write_xlsx(
        tmp_path / "e.xlsx",
        [HEADER, ["台州巨额测试有限公司", make_credit_code("55500001"), "外贸公司", "2021-03-01", huge]],
    )
    preview = excel_import.preview_enterprises(db, path)
    for dry in (True, False):
        result = excel_import.dry_run(preview) if dry else excel_import.commit_enterprises(db, Actor("li"), preview)
        [error] = result.errors
        assert (error.row, error.header) == (2, "年出口额（万元）")
        assert "过大" in error.message or "不能大于" in error.message, error.message
        assert not result.written
    assert enterprises.search(db, "巨额") == []


@pytest.mark.parametrize("huge", HUGE)
def test_a_huge_statistic_is_refused_in_its_cell_by_the_dry_run_too(fresh_db, tmp_path, clerk, huge):
    target = fresh_db(tmp_path / "target.db")
    seed_statistics(target, clerk, figures=False)
    path = write_xlsx(tmp_path / "s.xlsx", [["年份", "指标", "单位", "数值"], [2021, "外贸进出口总额", "亿元", huge]])
    for dry in (True, False):
        result, _ = stat_import.import_statistics(target, Actor("li"), path, dry_run=dry)
        assert not result.ok and not result.written
        assert any("过大" in str(e) and "14位" in str(e) for e in result.errors), result.errors
    assert statistics.years(target) == []


def test_the_form_path_names_the_limit(db, enterprise_values, clerk):
    with pytest.raises(ValidationFailed, match="年出口额"):
        enterprises.create(db, clerk, enterprise_values(export_value="1e30"))
    seed_statistics(db, clerk, figures=False)
    with pytest.raises(ValidationFailed, match="整数部分最多14位"):
        statistics.set_value(db, clerk, "WM", 2021, {"value": "999999999999999"})
