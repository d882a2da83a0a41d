"""Which milestones are overdue, in SQL: the one definition the dashboard, the initiative list and the meeting
pack share.

A milestone is overdue on ``today`` when it has a due date before ``today``, is not done, and its initiative is
not closed (已完成 / 已取消: a finished or cancelled initiative has no work left to chase). Review rule INI-02
(``services.review.rules_builtin``) applies the same test to loaded records with the same ``CLOSED_STATUSES``;
``tests/store/test_overdue.py`` keeps the rule and this SQL in agreement.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.sql.elements import ColumnElement

from jjdesk.store.tables import INITIATIVE, MILESTONE

CLOSED_STATUSES = ("已完成", "已取消")  # initiatives in these states have no overdue milestones


def is_overdue(today: date) -> ColumnElement[bool]:
    """The test on a milestone row whose initiative is in the same statement (joined or correlated)."""
    return and_(
        MILESTONE.c.done.is_(False),
        MILESTONE.c.due_date.is_not(None),
        MILESTONE.c.due_date < today,
        INITIATIVE.c.status.not_in(CLOSED_STATUSES),
    )


def overdue_milestones(today: date) -> Select:
    """FROM milestone JOIN initiative WHERE overdue, no columns yet (callers add what they show or count)."""
    return (
        select()
        .select_from(MILESTONE.join(INITIATIVE, INITIATIVE.c.id == MILESTONE.c.initiative_id))
        .where(is_overdue(today))
    )


def has_overdue_milestone(today: date) -> ColumnElement[bool]:
    """A condition on initiative rows: at least one of its milestones is overdue (EXISTS on the milestone's
    initiative index, correlated to the initiative of the outer query)."""
    return exists(
        select(MILESTONE.c.id)
        .where(MILESTONE.c.initiative_id == INITIATIVE.c.id, is_overdue(today))
        .correlate(INITIATIVE)
    )
