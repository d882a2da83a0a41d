"""The pages of the main window, in navigation order. Adding a page means adding one entry here.

Each page answers ``offers()`` (``context.PageOffers``): the window wires its actions, export and import from
that declaration. A page listed without a widget gets a disabled navigation entry with a note, so officers see
where a feature will live without a page that pretends to work (every page of this version has its widget).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from jjdesk.services.records import enterprises, initiatives
from jjdesk.ui.forms.enterprise_form import FORM_FIELDS as ENTERPRISE_FORM_FIELDS
from jjdesk.ui.forms.enterprise_form import EnterpriseForm
from jjdesk.ui.forms.initiative_form import FORM_FIELDS as INITIATIVE_FORM_FIELDS
from jjdesk.ui.forms.initiative_form import InitiativeForm
from jjdesk.ui.pages.context import Page, PageContext, PageEntry
from jjdesk.ui.pages.enterprises_page import EnterprisesPage
from jjdesk.ui.pages.home import HomePage
from jjdesk.ui.pages.initiatives_page import InitiativesPage
from jjdesk.ui.pages.review_page import ReviewPage
from jjdesk.ui.pages.statistics_page import StatisticsPage
from jjdesk.ui.pages.summary_page import SummaryPage
from jjdesk.ui.pages.workspace import RecordWorkspace


def _entry(key: str, title: str, page: Page) -> PageEntry:
    assert isinstance(page, QWidget)
    return PageEntry(key, title, page, offers=page.offers())


def build_pages(ctx: PageContext) -> list[PageEntry]:
    """Create every page for ``ctx`` in navigation order."""
    enterprise_space = RecordWorkspace(
        ctx,
        EnterprisesPage(ctx.db),
        EnterpriseForm(ctx.db, ctx.actor),
        entity="enterprise",
        update=enterprises.update,
        delete=enterprises.delete,
        form_fields=tuple(s.name for s in ENTERPRISE_FORM_FIELDS),
        allow_paste=True,
    )
    initiative_space = RecordWorkspace(
        ctx,
        InitiativesPage(ctx.db),
        InitiativeForm(ctx.db, ctx.actor),
        entity="initiative",
        update=initiatives.update,
        delete=initiatives.delete,
        form_fields=tuple(s.name for s in INITIATIVE_FORM_FIELDS),
    )

    # Spelled out in full: lupdate only recognises literal QCoreApplication.translate(context, text) calls.
    return [
        _entry("home", QCoreApplication.translate("PageRegistry", "Overview"), HomePage(ctx.db)),
        _entry("enterprises", QCoreApplication.translate("PageRegistry", "Enterprises"), enterprise_space),
        _entry("initiatives", QCoreApplication.translate("PageRegistry", "Initiatives"), initiative_space),
        _entry(
            "statistics", QCoreApplication.translate("PageRegistry", "Statistics"), StatisticsPage(ctx.db, ctx.actor)
        ),
        _entry("review", QCoreApplication.translate("PageRegistry", "Review"), ReviewPage(ctx)),
        _entry("summary", QCoreApplication.translate("PageRegistry", "Summary"), SummaryPage(ctx)),
    ]
