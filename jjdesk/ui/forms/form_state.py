"""What a form knows about its fields apart from the widgets: parsed values, refusals, hints, what changed.

Kept free of Qt so the bookkeeping — which message a field shows, whether Save may be pressed, which fields an
update sends — can be read and tested on its own; ``RecordForm`` only draws it. Parsing is always
``jjdesk.services.core.fields.parse_field``; rules over several fields come from the family's service check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jjdesk.services.core.audit import as_text
from jjdesk.services.core.errors import FieldError
from jjdesk.services.core.fields import FieldSpec, field_hint, parse_field

CrossCheck = Callable[[Mapping[str, Any]], list[FieldError]]


@dataclass
class FieldState:
    raw: Any = None
    parsed: Any = None
    error: str | None = None  # the parser refused the value
    cross: str | None = None  # a rule over several fields refused it
    server: str | None = None  # the service refused it on the last save (e.g. a duplicate credit code)
    hint: str = ""

    def blocking(self) -> str | None:
        """A refusal the service would repeat: Save stays disabled while it is shown."""
        return self.error or self.cross

    def shown(self) -> str | None:
        return self.error or self.cross or self.server

    def key(self) -> tuple:
        """Comparable form of the value: the canonical text when it parses, else what was typed."""
        return ("ok", as_text(self.parsed)) if self.error is None else ("raw", str(self.raw))

    def value(self) -> Any:
        return self.parsed if self.error is None else self.raw


class FormState:
    """Per-field state of one form, plus which fields count as touched and what was loaded."""

    def __init__(self, specs: Iterable[FieldSpec], cross_check: CrossCheck | None = None) -> None:
        self.specs = {s.name: s for s in specs}
        self.cross_check = cross_check
        self.fields = {name: FieldState() for name in self.specs}
        self.touched: set[str] = set()
        # A loaded record shows every refusal at once; a new one only those of fields the officer has been in,
        # so an empty form does not open covered in "不能为空".
        self.show_all = False
        self._baseline: dict[str, tuple] = {}

    def reset(self, raws: Mapping[str, Any], show_all: bool) -> None:
        """Parse freshly loaded values; they become the baseline that "changed" is measured against."""
        self.touched.clear()
        self.show_all = show_all
        for name in self.specs:
            self.fields[name] = FieldState()
            self._parse(name, raws.get(name))
        self.run_cross_check()
        self._baseline = {n: f.key() for n, f in self.fields.items()}

    def _parse(self, name: str, raw: Any) -> None:
        spec, state = self.specs[name], self.fields[name]
        state.raw = raw
        try:
            state.parsed, state.error = parse_field(spec, raw), None
            state.hint = field_hint(spec, raw)
        except ValueError as exc:
            state.parsed, state.error, state.hint = None, str(exc), ""

    def update(self, name: str, raw: Any, cross: bool = True) -> None:
        """The officer changed a field: parse it again and forget the service's refusal of the old value."""
        self.touched.add(name)
        self._parse(name, raw)
        self.fields[name].server = None
        if cross:
            self.run_cross_check()

    def run_cross_check(self) -> None:
        for state in self.fields.values():
            state.cross = None
        if self.cross_check is None:
            return
        parsed = {n: s.parsed for n, s in self.fields.items() if s.error is None}
        for err in self.cross_check(parsed):
            state = self.fields.get(err.field)
            # A field the parser already refused keeps that message; only rules over several fields are added.
            if state is not None and state.error is None and err.row is None:
                state.cross = err.message

    def visible(self, name: str) -> bool:
        return self.show_all or name in self.touched

    def message(self, name: str) -> str | None:
        return self.fields[name].shown() if self.visible(name) else None

    def has_errors(self) -> bool:
        return any(s.blocking() and self.visible(n) for n, s in self.fields.items())

    def changed(self) -> list[str]:
        return [n for n, f in self.fields.items() if f.key() != self._baseline.get(n)]

    def values(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        """Parsed values (the typed text where a value does not parse) of ``names``, or of every field."""
        return {n: self.fields[n].value() for n in (self.specs if names is None else names)}

    def take_server_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Attach the service's refusals to their fields; return those that belong to no single field."""
        rest = []
        for err in errors:
            if err.row is None and err.field in self.fields:
                self.fields[err.field].server = err.message
            else:
                rest.append(err)
        return rest
