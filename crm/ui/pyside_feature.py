"""PySide6's check of every imported module, made cheap.

Once PySide6 is imported, its import hook (`shibokensupport.feature`, for `from __feature__
import snake_case`) asks of each module imported afterwards whether it uses PySide6, by
looking for "PySide6" in its source through `inspect.getsource`. That keeps every module's
source, split into lines, in `linecache`: for the 800 modules the app imports after the window
is up (SQLAlchemy, pydantic, the services), some 27 MB of memory, which stays resident even
once the lines are dropped.

`lighten()` answers the same question by reading the module's file as bytes and looking for
b"PySide6" in them, which leaves nothing behind. Where the answer needs more (no `.py` file: a
built-in module, a bundle's compiled ones), PySide6's own check still answers. Should a later
PySide6 no longer have the check, nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_liaison_reads_bytes"


def lighten() -> bool:
    """Replace PySide6's check with the cheap one (once PySide6 is imported); True if done."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, _MARK, False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
