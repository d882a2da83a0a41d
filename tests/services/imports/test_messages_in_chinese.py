"""Every refusal of a file is in the officer's language: a hostile corpus (renamed Office files, broken CSV
quoting, hundreds of random byte mutations of a real workbook) gives either rows or a Chinese message — never a
traceback, never the reader's, the zip layer's or the csv module's English."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from jjdesk.services.imports.safety import UnsafeFile
from jjdesk.services.imports.table_reader import read_sheets
from tests.services.excel_helpers import write_xlsx

# Words a Chinese message may hold: formats, programs and Unicode names it tells the officer about.
ALLOWED = {"xlsx", "xls", "xlsm", "csv", "CSV", "UTF", "Excel", "WPS", "XML", "DOCTYPE", "ENTITY", "VBA", "MB", "KB"}
ALLOWED |= {"Word", "PowerPoint", "txt", "ole"}


def _english(message: str, name: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{2,}", message.replace(name, "")) if w not in ALLOWED]


def _refusal(path: Path) -> str | None:
    try:
        read_sheets(path)
    except UnsafeFile as exc:
        return str(exc)
    return None


def test_a_renamed_word_document_says_what_it_is(tmp_path):
    path = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://x"/>')
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "<document/>")
    message = _refusal(path)
    assert message is not None and "Word 文档" in message and not _english(message, path.name)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('企业名称,备注\n台州甲公司,"' + "很长" * 1_500_000 + "\n", ["第2行", "32767"]),
        ('企业名称,备注\n台州甲公司,"未配对\n', None),
    ],
)
def test_broken_csv_quoting_names_the_line(tmp_path, text, words):
    path = tmp_path / "名单.csv"
    path.write_text(text, encoding="utf-8")
    message = _refusal(path)
    if message is None:  # an open quote at the end reads as one long last cell in Python's csv: not an error
        assert words is None
        return
    assert not _english(message, path.name), message
    assert all(w in message for w in words or ()), message


@pytest.mark.slow
def test_random_byte_mutations_of_a_workbook_read_or_are_refused_in_chinese(tmp_path):
    good = write_xlsx(
        tmp_path / "好.xlsx",
        [["企业名称", "统一社会信用代码", "年出口额（万元）"]]
        + [[f"台州测试{i}有限公司", f"9133{i:014d}", i * 1.5] for i in range(60)],
    )
    data = good.read_bytes()
    rng = random.Random(600)
    refused = read = 0
    for trial in range(300):
        mutated = bytearray(data)
        for _ in range(rng.choice((1, 2, 8, 32))):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        path = tmp_path / f"m{trial}.xlsx"
        path.write_bytes(bytes(mutated))
        message = _refusal(path)  # anything but UnsafeFile propagates and fails the test
        if message is None:
            read += 1
        else:
            refused += 1
            assert not _english(message, path.name), message
        path.unlink()
    assert refused > 100 and refused + read == 300


def test_small_messages_say_what_happened(tmp_path, db):
    """.xlsb is a binary workbook (not a macro one), a date Excel wrote into a CSV with its midnight time is a
    date, and a short number in the credit-code column is not taken for a rounded 18-digit code."""
    from jjdesk.services.core.fields import parse_date
    from jjdesk.services.imports.enterprises import commit_enterprises, preview_enterprises
    from jjdesk.services.imports.safety import check_file

    xlsb = tmp_path / "名单.xlsb"
    xlsb.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsafeFile, match=r"Excel 二进制工作簿（\.xlsb）") as info:
        check_file(xlsb)
    assert "宏" not in str(info.value)
    assert str(parse_date("2021/2/19 0:00")) == str(parse_date("2021-02-19 00:00:00")) == "2021-02-19"
    book = write_xlsx(
        tmp_path / "短.xlsx", [["企业名称", "统一社会信用代码", "企业类型"], ["台州甲有限公司", 12345, "外贸公司"]]
    )
    from jjdesk.services.core.actor import Actor

    result = commit_enterprises(db, Actor("li"), preview_enterprises(db, book))
    [error] = result.errors
    assert "“12345”是一个数字，不是18位统一社会信用代码" in error.message and "15位" not in error.message
