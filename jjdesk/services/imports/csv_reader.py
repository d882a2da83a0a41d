"""CSV files as officers have them: UTF-8 with or without a BOM (WPS, newer Excel) or GB18030 (older Excel on a
Chinese Windows saves "CSV" in the ANSI code page, i.e. GBK, which GB18030 contains).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jjdesk.services.imports.safety import UnsafeFile

_BOM = b"\xef\xbb\xbf"


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes; UTF-8 is tried strictly first, then GB18030."""
    if data.startswith(_BOM):
        try:
            return data[len(_BOM) :].decode("utf-8"), "UTF-8（带 BOM）"
        except UnicodeDecodeError:
            pass
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsafeFile(f"“{name}”是 UTF-16 编码的文本，请另存为“CSV UTF-8（逗号分隔）”后再导入。")
    else:
        try:
            return data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise UnsafeFile(
            f"“{name}”的文字编码无法识别（既不是 UTF-8 也不是 GB18030），请另存为“CSV UTF-8（逗号分隔）”后再导入。"
        ) from None


def read_csv(path: Path | str) -> tuple[list[list[str]], str]:
    """The rows of a CSV file as lists of strings, and the encoding it was read in.

    The delimiter is a comma unless the first line holds tabs and no commas (text exported as 制表符分隔).
    """
    p = Path(path)
    text, encoding = decode(p.read_bytes(), p.name)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    if "\x00" in text:
        raise UnsafeFile(f"“{p.name}”含有空字符，不是文本文件。")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_TEXT)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise UnsafeFile(f"“{p.name}”{_csv_problem(str(exc), reader.line_num)}") from None
    finally:
        csv.field_size_limit(limit)
    return rows, encoding


MAX_CELL_TEXT = 32767  # characters in one cell: Excel's limit, so no real table has a longer field


def _csv_problem(error: str, line: int) -> str:
    """The csv module's English refusal as the officer reads it, with the line it stopped at."""
    where = f"第{line}行" if line else "开头"
    if "field larger than field limit" in error:
        return (
            f"{where}有一格超过{MAX_CELL_TEXT}个字（一个单元格最多{MAX_CELL_TEXT}个字）："
            "多半是某个引号没有配对，其后的内容都被当成了一格。请检查该行附近的引号。"
        )
    if "new-line character" in error:
        return f"{where}有未加引号的换行符，无法分行。请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入。"
    return f"{where}的 CSV 格式有误（引号不配对或分隔符不一致），请检查该行或另存为 CSV UTF-8 后再导入。"
