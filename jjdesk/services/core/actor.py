"""Who is acting. Every service call that changes data takes an Actor, so the audit trail names a person."""

from __future__ import annotations

from dataclasses import dataclass

from jjdesk.services.core.vocab import ROLES


@dataclass(frozen=True)
class Actor:
    """The signed-in user (or the command-line user) on whose behalf a service acts."""

    name: str
    role: str = "entry"

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


# Used by `jjdesk init --demo` and migrations-time data loads, which happen before anyone signs in.
SYSTEM = Actor("system", "admin")
