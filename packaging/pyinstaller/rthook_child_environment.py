"""PyInstaller runtime hook: programs Liaison starts get the user's library path, not the bundle's.

On Linux the bundle starts itself again with its own folder on LD_LIBRARY_PATH (the user's own
value kept in LD_LIBRARY_PATH_ORIG). The dynamic loader reads that variable once, when a process
starts, so the bundle keeps finding its libraries after it is put back; but every program started
from Liaison would inherit it otherwise: xdg-open (a shell script) opening a file, a folder or a
mail, and the programs it starts, would load the bundle's copies of libraries such as readline
and glib instead of their own, and could fail to start.
"""

import os
import sys


def _restore(name: str) -> None:
    original = os.environ.pop(f"{name}_ORIG", None)
    if original is not None:
        os.environ[name] = original
    else:
        os.environ.pop(name, None)


if not sys.platform.startswith(("win", "darwin")):
    _restore("LD_LIBRARY_PATH")
