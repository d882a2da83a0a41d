"""Shared fixtures: a fresh, migrated SQLite file per test, actors, and record factories."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jjdesk.services.core.actor import Actor
from jjdesk.services.families.codes import make_credit_code
from jjdesk.store.migrate import open_database


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "jjdesk.db"


@pytest.fixture
def db(db_path):
    database = open_database(f"sqlite:///{db_path}")
    yield database
    database.dispose()


@pytest.fixture
def clerk():
    return Actor("lihua", "entry")


@pytest.fixture
def reviewer():
    return Actor("wangjun", "reviewer")


@pytest.fixture
def enterprise_values():
    """Valid enterprise input, a fresh credit code per call."""
    counter = iter(range(10_000_000, 99_999_999))

    def make(**overrides):
        values = {
            "name": f"台州测试进出口有限公司{next(counter)}",
            "credit_code": make_credit_code(f"{next(counter):08d}"),
            "enterprise_type": "外贸公司",
            "cluster": "家电",
            "join_date": "2020-06-01",
            "services": ["通关", "退税"],
            "channels": "亚马逊、速卖通",
            "contact_name": "林晓",
            "mobile": "13857600001",
            "export_value": "289.84",
        }
        values.update(overrides)
        return values

    return make
