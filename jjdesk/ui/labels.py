"""Field labels in the UI's language, from the one declaration of each field (``FieldSpec.label`` / ``label_en``).

Translation policy: a field's Chinese and English labels are declared together with the field
(``services/families``), not in the Qt catalogue, so the form, the list headers and the exports cannot drift
apart. The Chinese UI shows ``label``; the English UI shows ``label_en`` where one is declared. Window texts
that are not field labels (menus, buttons, dialogs) are English source strings translated through
``resources/i18n/jjdesk_zh_CN.ts``. Service messages are written in Chinese.
"""

from __future__ import annotations

from jjdesk.i18n import current_language
from jjdesk.services.core.fields import FieldSpec
from jjdesk.services.families.field import FormGroup

_UNITS_EN = {"万元": "10k yuan", "元": "yuan", "%": "%"}


def english() -> bool:
    return current_language() == "en"


def field_label(spec: FieldSpec) -> str:
    """The field's label in the UI's language."""
    return spec.label_en if english() and spec.label_en else spec.label


def header_label(spec: FieldSpec) -> str:
    """A list header: the label with its unit, 年出口额（万元） / Annual exports (10k yuan)."""
    if not spec.unit:
        return field_label(spec)
    if english() and spec.label_en:
        return f"{spec.label_en} ({_UNITS_EN.get(spec.unit, spec.unit)})"
    return f"{spec.label}（{spec.unit}）"


def group_title(group: FormGroup) -> str:
    """A form group's title in the UI's language."""
    return group.title_en if english() else group.title
