"""Start Liaison at login the way each desktop expects: an XDG autostart entry (Linux, BSDs), a
`Run` value in the user's registry (Windows), a launch agent (macOS). Only the user's own files
and keys, so no administrator rights; files are renamed into place, never left half written."""

from __future__ import annotations

import importlib
import os
import plistlib
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from crm.domain.text import QT_TRANSLATE_NOOP, DomainError

NOT_SET_UP = QT_TRANSLATE_NOOP(
    "Autostart", "Starting Liaison at login could not be set up: {reason}"
)

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "Liaison"
AGENT_LABEL = "org.liaison.crm"
# Characters the Desktop Entry spec reserves: an argument holding any of them is quoted.
_RESERVED = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


def default_command() -> list[str]:
    """What to run at login: the bundle itself once frozen by PyInstaller, else the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--minimized"]
    return [sys.executable, "-m", "crm", "--minimized"]


def desktop_exec(command: list[str]) -> str:
    """The `Exec` value: quoting rules of the Desktop Entry spec, then its string escapes."""

    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not arg or _RESERVED.search(arg):
            arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
        return arg

    line = " ".join(quote(arg) for arg in command)
    return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _winreg() -> ModuleType:
    """Imported only on Windows, and by name so that mypy elsewhere does not miss its names."""
    return importlib.import_module("winreg")


@contextmanager
def _setting_up() -> Iterator[None]:
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise DomainError(NOT_SET_UP.with_params(reason=reason)) from error


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Autostart:
    """Turns "start Liaison at login" on and off for the current user."""

    def __init__(
        self,
        *,
        platform: str | None = None,
        home: Path | None = None,
        command: list[str] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.platform = platform or sys.platform
        self.home = home if home is not None else Path.home()
        self.command = command if command is not None else default_command()
        self.environ = environ if environ is not None else os.environ

    @property
    def path(self) -> Path:
        """The file holding the setting (none on Windows, where it is a registry value)."""
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
        config = self.environ.get("XDG_CONFIG_HOME", "")
        # The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        base = Path(config) if os.path.isabs(config) else self.home / ".config"
        return base / "autostart" / "liaison.desktop"

    def is_enabled(self) -> bool:
        if self.platform == "win32":
            winreg = _winreg()
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    winreg.QueryValueEx(key, VALUE_NAME)
            except OSError:
                return False
            return True
        if self.platform == "darwin":
            return self.path.is_file()
        try:
            text = self.path.read_text("utf-8").lower().replace(" ", "")
        except (OSError, UnicodeDecodeError):
            return False
        # Session settings (GNOME, KDE) turn an entry off by editing it rather than deleting it.
        return not {"hidden=true", "x-gnome-autostart-enabled=false"} & set(text.splitlines())

    def enable(self) -> None:
        with _setting_up():
            if self.platform == "win32":
                winreg = _winreg()
                with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    line = subprocess.list2cmdline(self.command)
                    winreg.SetValueEx(key, VALUE_NAME, 0, winreg.REG_SZ, line)
            elif self.platform == "darwin":
                agent = {"Label": AGENT_LABEL, "ProgramArguments": self.command, "RunAtLoad": True}
                _write_atomically(self.path, plistlib.dumps(agent))
            else:
                _write_atomically(self.path, self._desktop_entry().encode("utf-8"))

    def disable(self) -> None:
        with _setting_up():
            if self.platform == "win32":
                winreg = _winreg()
                try:
                    with winreg.OpenKey(
                        winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                    ) as key:
                        winreg.DeleteValue(key, VALUE_NAME)
                except FileNotFoundError:
                    pass
            else:
                self.path.unlink(missing_ok=True)

    def _desktop_entry(self) -> str:
        return (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Liaison\n"
            "Comment=Liaison CRM, started in the tray at login\n"
            f"Exec={desktop_exec(self.command)}\n"
            "Icon=io.github.liaison_crm.Liaison\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
