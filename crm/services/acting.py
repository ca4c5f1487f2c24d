"""Who is making the changes this program writes.

Saved contacts, partnerships and visits carry their author's name, so that a colleague whose
save is refused because of it learns who changed the record ("Ms Wang was changed by Anna at
10:42"). One `Acting` is shared by the services of a bundle and changed in place when the user
gives their name in Settings: the services read it at every save.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

# The width of the `updated_by` columns.
MAX_NAME = 200


def login_name() -> str:
    """The operating system's name for the user: better than nothing to tell colleagues apart."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        return ""


@dataclass
class Acting:
    name: str = field(default_factory=login_name)

    def use(self, *names: str) -> None:
        """The first of `names` that is not blank (the user's name from Settings, say), else
        the login name."""
        self.name = next((n.strip() for n in names if n and n.strip()), "") or login_name()

    @property
    def stamp(self) -> str:
        """The name as a record stores it."""
        return " ".join(self.name.split())[:MAX_NAME]
