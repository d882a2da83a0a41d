"""Unique, valid identifier codes for the demo enterprises: credit codes and customs codes.

Split out of ``demo.enterprises`` so the fast check-sum tables (measured from ``services.families.codes``'
own check-character functions, so there is still one implementation of GB 11714 / GB 32100) and
the code-space permutations live apart from the row generator. Uniqueness comes from walking keyed
permutations of each code space, never from a set of used codes.
"""

from __future__ import annotations

import random
from functools import cache
from itertools import product
from typing import Any

from jjdesk.services.demo.sampling import _Permutation, _Weighted
from jjdesk.services.families.codes import CREDIT_CHARSET, credit_code_check_char, org_code_check_char

# ---------------------------------------------------------------------------- credit codes


def _credit_tables() -> tuple[list[dict[str, int]], list[dict[str, int]]]:
    """Per-position contributions of each character to the two check sums, read off codes.py.

    ``make_credit_code`` re-validates every code it builds (~38 µs each, most of a 1M-row run).
    Both check characters are a fixed function of a weighted sum (GB 11714: mod 11, GB 32100: mod
    31), so the sums can be accumulated from tables instead. The tables are *measured* from codes.py's
    own check-character functions with single-character probes, so there is still only one
    implementation of the standards; the tests compare the result with ``make_credit_code``.
    """
    org: list[dict[str, int]] = []
    for pos in range(8):
        table = {}
        for c in CREDIT_CHARSET:
            check = org_code_check_char("0" * pos + c + "0" * (7 - pos))
            # check = 11 - (sum mod 11), written "X" for 10 and "0" for 11.
            c9 = 10 if check == "X" else 11 if check == "0" else int(check)
            table[c] = (11 - c9) % 11
        org.append(table)
    credit: list[dict[str, int]] = []
    for pos in range(17):
        table = {}
        for c in CREDIT_CHARSET:
            check = credit_code_check_char("0" * pos + c + "0" * (16 - pos))
            # check = CHARSET[(31 - sum mod 31) mod 31]
            table[c] = (31 - CREDIT_CHARSET.index(check)) % 31
        credit.append(table)
    return org, credit


_ORG_SUM, _CREDIT_SUM = _credit_tables()


def _org_check(total: int) -> str:
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


@cache
def _blocks(alphabet: str, width: int, start: int) -> tuple[list[str], list[int], list[int]]:
    """Every ``width``-character string over ``alphabet`` (index = its big-endian value) with its
    contributions to the two check sums when placed at body position ``start``; turns the per-row
    work into three list lookups."""
    strings, org, credit = [], [], []
    for chars in product(alphabet, repeat=width):
        strings.append("".join(chars))
        org.append(sum(_ORG_SUM[start + i][c] for i, c in enumerate(chars)))
        credit.append(sum(_CREDIT_SUM[8 + start + i][c] for i, c in enumerate(chars)))
    return strings, org, credit


class _CreditCodes:
    """Unique 18-character codes; uniqueness comes from unique organisation-code bodies.

    Old (pre-2015) organisation codes are 8 digits (here led by 1, 5, 6 or 7); newer bodies read
    "MA2" + 5 characters. Only CREDIT_CHARSET is used, because GB 32100 cannot carry I, O, S, V, Z.
    """

    _LEADS = "1567"

    def __init__(self, seed: int) -> None:
        base = len(CREDIT_CHARSET)
        self._perms = {
            False: _Permutation(len(self._LEADS) * 10**7, random.Random(f"jjdesk-demo-org:{seed}:d")),
            True: _Permutation(base**5, random.Random(f"jjdesk-demo-org:{seed}:m")),
        }
        self._used = {False: 0, True: 0}
        self._head_sums: dict[str, int] = {}
        # Digit bodies: lead + 3 + 4 digits; new-style: "MA2" + 2 + 3 characters.
        self._lead = [(c, _ORG_SUM[0][c], _CREDIT_SUM[8][c]) for c in self._LEADS]
        self._d3, self._d4 = _blocks("0123456789", 3, 1), _blocks("0123456789", 4, 4)
        self._m2, self._m3 = _blocks(CREDIT_CHARSET, 2, 3), _blocks(CREDIT_CHARSET, 3, 5)

    def _next_index(self, new_style: bool) -> tuple[bool, int]:
        for style in (new_style, not new_style):  # one style exhausted: borrow from the other
            used = self._used[style]
            if used < self._perms[style].n:
                self._used[style] = used + 1
                return style, self._perms[style](used)
        raise ValueError("演示企业数量超出统一社会信用代码的可用范围")

    def make(self, division: str, entity_type: str, new_style: bool) -> str:
        """Same result as ``make_credit_code(body, division, "9", entity_type)``, ~10× faster."""
        head = "9" + entity_type + division
        head_sum = self._head_sums.get(head)
        if head_sum is None:
            head_sum = self._head_sums[head] = sum(_CREDIT_SUM[i][c] for i, c in enumerate(head))
        style, x = self._next_index(new_style)
        if style:
            hi, lo = divmod(x, len(CREDIT_CHARSET) ** 3)
            a, b = self._m2, self._m3
            body = "MA2" + a[0][hi] + b[0][lo]
            org_total = _MA2_ORG + a[1][hi] + b[1][lo]
            credit_total = head_sum + _MA2_CREDIT + a[2][hi] + b[2][lo]
        else:
            lead, rest = divmod(x, 10**7)
            hi, lo = divmod(rest, 10**4)
            c, lead_org, lead_credit = self._lead[lead]
            a, b = self._d3, self._d4
            body = c + a[0][hi] + b[0][lo]
            org_total = lead_org + a[1][hi] + b[1][lo]
            credit_total = head_sum + lead_credit + a[2][hi] + b[2][lo]
        org = _org_check(org_total)
        credit_total += _CREDIT_SUM[16][org]
        return head + body + org + CREDIT_CHARSET[(31 - credit_total % 31) % 31]


_MA2_ORG = sum(_ORG_SUM[i][c] for i, c in enumerate("MA2"))
_MA2_CREDIT = sum(_CREDIT_SUM[8 + i][c] for i, c in enumerate("MA2"))


# ---------------------------------------------------------------------------- customs codes

_CUSTOMS_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _CustomsCodes:
    """Unique 10-character customs registration codes "3310" + area + ownership + 4 characters.

    Within each (area, ownership) bucket the 10⁴ all-digit sequences are used first, so small demos
    show ordinary all-digit codes, then the alphanumeric ones; a full bucket spills into the next
    area digit.
    """

    # 5th digit, 市内经济区划: 9 其他, 2 经济技术开发区, 3 高新区, 4 保税区 (台州综合保税区).
    _AREA = _Weighted([("9", 86), ("2", 9), ("3", 3), ("4", 2)])
    _SPILL_ORDER = "9234501678"

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._buckets: dict[tuple[str, str], list[Any]] = {}

    def make(self, u: float, ownership: str) -> str:
        """A fresh code; ``u`` (uniform in [0, 1)) picks the area digit."""
        first = self._AREA.pick(u)
        seq = self._next(first, ownership)
        if seq is not None:
            return f"3310{first}{ownership}{seq}"
        for area in self._SPILL_ORDER:
            seq = self._next(area, ownership)
            if seq is not None:
                return f"3310{area}{ownership}{seq}"
        raise ValueError("演示企业数量超出海关编码的可用范围")

    def _next(self, area: str, ownership: str) -> str | None:
        bucket = self._buckets.get((area, ownership))
        if bucket is None:
            r = random.Random(f"jjdesk-demo-customs:{self._seed}:{area}{ownership}")
            bucket = [_Permutation(10**4, r), _Permutation(len(_CUSTOMS_ALNUM) ** 4, r), 0]
            self._buckets[(area, ownership)] = bucket
        digits, alnum, used = bucket
        while True:
            if used < digits.n:
                bucket[2] = used + 1
                return f"{digits(used):04d}"
            k = used - digits.n
            if k >= alnum.n:
                return None
            used += 1
            bucket[2] = used
            x = alnum(k)
            chars = []
            for _ in range(4):
                x, r = divmod(x, len(_CUSTOMS_ALNUM))
                chars.append(_CUSTOMS_ALNUM[r])
            seq = "".join(chars)
            if not seq.isdigit():  # all-digit ones were handed out in the first tier
                return seq
