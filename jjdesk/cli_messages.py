"""The command line's own words in Chinese: argparse's usage line, section titles and error messages.

argparse looks its texts up through gettext at the moment it uses them (``argparse._`` / ``argparse.ngettext``);
with no catalogue installed an officer would read "the following arguments are required" and "invalid choice".
:func:`install` points those two names at this table — the same lookup a gettext catalogue would answer — before
any parser is built. Texts not in the table stay as argparse has them.
"""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必须给出的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "不是可选的值：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "不是有效的%(type)s：%(value)r",
    "expected one argument": "需要给出一个值",
    "expected at most one argument": "最多给出一个值",
    "expected at least one argument": "至少给出一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出参数 %s 之一",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可用：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
PLURALS = {"expected %s argument": "需要给出 %s 个值"}


def translate(text: str) -> str:
    return MESSAGES.get(text, text)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return PLURALS.get(singular) or (singular if n == 1 else plural)


def install() -> None:
    """Answer argparse's message look-ups from the tables above (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
