"""Exact decimals on a real SQLite file: what goes in comes out, sums stay exact, comparisons work."""

from decimal import Decimal

from sqlalchemy import func, select, text

from jjdesk.services.families.codes import make_credit_code
from jjdesk.store.models import Enterprise
from jjdesk.store.types import strip_zeros, to_decimal


def _add(db, name, value):
    with db.write() as s:
        ent = Enterprise(name=name, credit_code=make_credit_code(f"{abs(hash(name)) % 10**8:08d}"), export_value=value)
        s.add(ent)
    return ent.id


def test_values_read_back_exactly(db):
    samples = ["289.84", "0.1", "0.0001", "161.45", "123456789012.3456", "-15.3", "40", "70.10"]
    ids = {s: _add(db, f"企业{i}", Decimal(s)) for i, s in enumerate(samples)}
    with db.session() as s:
        for raw, eid in ids.items():
            got = s.get(Enterprise, eid).export_value
            assert got == Decimal(raw)
            assert str(got) == str(strip_zeros(Decimal(raw)))
    assert str(strip_zeros(Decimal("289.8400"))) == "289.84"
    assert str(strip_zeros(Decimal("100.00"))) == "100"


def test_stored_as_scaled_integer_on_sqlite(db):
    _add(db, "甲", Decimal("289.84"))
    with db.session() as s:
        raw = s.execute(text("SELECT export_value, typeof(export_value) FROM enterprise")).one()
    assert raw == (2898400, "integer")


def test_sum_is_exact_and_where_binds_scaled(db):
    for i in range(10):
        _add(db, f"乙{i}", Decimal("0.1"))
    _add(db, "丙", Decimal("70.88"))
    with db.session() as s:
        total = s.execute(select(func.sum(Enterprise.export_value))).scalar_one()
        big = s.execute(select(func.count()).where(Enterprise.export_value > Decimal("1"))).scalar_one()
    assert total == Decimal("71.88")
    assert big == 1


def test_to_decimal_never_goes_through_binary_float():
    assert to_decimal(289.84) == Decimal("289.84")
    assert to_decimal("1,234.50") == Decimal("1234.50")
    assert to_decimal(0.1 + 0.2) == Decimal("0.30000000000000004")  # the float itself, not its expansion
