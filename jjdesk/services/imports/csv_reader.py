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
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnsafeFile(f"“{p.name}”的 CSV 格式有误：{exc}") from None
    return rows, encoding
