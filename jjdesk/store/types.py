"""Column types that keep money and statistics exact on every backend.

SQLite has no decimal type: SQLAlchemy's ``Numeric`` there stores a binary float, so 289.84 would come back
through a float. We store decimals on SQLite as integers scaled by 10**SCALE — exact, indexable, and
``SUM`` stays exact because the sum of scaled integers is the scaled sum. PostgreSQL gets a real
``NUMERIC(precision, SCALE)``. Either way Python sees ``decimal.Decimal`` with trailing zeros removed, so the
value reads back as it was entered (289.84, not 289.8400).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.types import TypeDecorator

SCALE = 4
PRECISION = 18  # digits in all: NUMERIC(18, 4) on PostgreSQL; on SQLite the scaled value fits a 64-bit integer
# Every stored decimal is smaller than this in magnitude (14 digits before the point).
MAGNITUDE = Decimal(10) ** (PRECISION - SCALE)
_FACTOR = Decimal(10) ** SCALE
_QUANTUM = Decimal(1).scaleb(-SCALE)


def strip_zeros(value: Decimal) -> Decimal:
    """289.8400 → 289.84 and 100.00 → 100, without the exponent form ``normalize()`` gives (1E+2).

    A number of 28 digits or more (far past any column, and refused by the checks) is returned as it is: it
    has no exponent-free form within the default precision."""
    if value.adjusted() >= 27:
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def fits(value: Decimal) -> bool:
    """Whether ``value`` can be stored in a decimal column (magnitude below :data:`MAGNITUDE`)."""
    return abs(value) < MAGNITUDE


class ExactDecimal(TypeDecorator):
    """A decimal column exact to ``SCALE`` places: scaled BIGINT on SQLite, NUMERIC elsewhere."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 18) -> None:
        super().__init__()
        self.precision = precision

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, SCALE, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        dec = to_decimal(value)
        if not fits(dec):  # the checks refuse such input first; this is the last wall, never an OverflowError
            raise ValueError(f"数值 {dec} 超出可存储的范围（整数部分最多{PRECISION - SCALE}位）")
        if dialect.name == "sqlite":
            return int((dec * _FACTOR).to_integral_value(rounding=ROUND_HALF_EVEN))
        return dec.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            # Aggregates such as AVG may hand back a float; go through its shortest repr, never its binary value.
            raw = Decimal(repr(value)) if isinstance(value, float) else Decimal(int(value))
            return strip_zeros(raw / _FACTOR)
        return strip_zeros(Decimal(value))

    def coerce_compared_value(self, op, value):
        # Literals compared with this column must be bound through the same scaling.
        return self


def to_decimal(value) -> Decimal:
    """Convert user or file input to Decimal without passing through binary floating point."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("布尔值不是数值")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr() is the shortest string that round-trips, i.e. what the user typed into the spreadsheet.
        return Decimal(repr(value))
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"不是有效的数值：{value!r}") from exc
