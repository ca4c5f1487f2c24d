"""Starting Liaison at login: the entry each platform reads, written and removed in a test home."""

from __future__ import annotations

import configparser
import os
import plistlib
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from crm.domain.text import DomainError
from crm.services import autostart
from crm.services.autostart import RUN_KEY, Autostart, default_command, desktop_exec

COMMAND = ["python3", "-m", "crm", "--minimized"]


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def linux(home: Path, command: list[str] = COMMAND) -> Autostart:
    return Autostart(platform="linux", home=home, command=command, environ={})


def test_linux_enable_writes_a_desktop_entry_and_disable_removes_it(tmp_path: Path) -> None:
    service = linux(tmp_path)
    path = tmp_path / ".config" / "autostart" / "liaison.desktop"
    assert service.path == path
    assert not service.is_enabled()

    service.enable()
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Liaison"
    assert entry["Icon"] == "io.github.liaison_crm.Liaison"  # the name the installed icon has
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["Comment"]
    assert entry["Exec"] == "python3 -m crm --minimized"
    assert service.is_enabled()

    service.disable()
    assert not path.exists()
    assert not service.is_enabled()
    service.disable()


def test_enabling_twice_leaves_one_entry_and_no_temporary_file(tmp_path: Path) -> None:
    service = linux(tmp_path)
    service.enable()
    first = service.path.read_bytes()
    service.enable()
    assert service.path.read_bytes() == first
    assert [p.name for p in service.path.parent.iterdir()] == ["liaison.desktop"]
    assert service.is_enabled()


def test_exec_quotes_a_path_with_a_space(tmp_path: Path) -> None:
    python = tmp_path / "My Programs" / "python3"
    service = linux(tmp_path, [str(python), "-m", "crm", "--minimized"])
    service.enable()
    exec_line = read_entry(service.path)["Exec"]
    assert exec_line == f'"{python}" -m crm --minimized'
    assert exec_line.endswith("--minimized")


def test_exec_escapes_per_the_desktop_entry_spec() -> None:
    assert desktop_exec(["liaison", "--note=50%"]) == "liaison --note=50%%"
    assert desktop_exec(["a b", ""]) == '"a b" ""'
    # Quoting escapes `"`, `$` and the backslash; the string escapes then double every backslash.
    assert desktop_exec(['say "$hi"']) == r'"say \\"\\$hi\\""'
    assert desktop_exec([r"C:\x"]) == r'"C:\\\\x"'


def test_xdg_config_home_is_followed_when_absolute(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere"
    service = Autostart(platform="linux", home=tmp_path, environ={"XDG_CONFIG_HOME": str(config)})
    assert service.path == config / "autostart" / "liaison.desktop"
    relative = Autostart(platform="linux", home=tmp_path, environ={"XDG_CONFIG_HOME": "rel"})
    assert relative.path == tmp_path / ".config" / "autostart" / "liaison.desktop"


def test_the_default_environment_is_the_isolated_one(tmp_path: Path) -> None:
    service = Autostart(platform="freebsd14", command=COMMAND)
    assert service.path.is_relative_to(tmp_path)
    service.enable()
    assert service.is_enabled()


def test_an_entry_turned_off_by_the_session_is_not_enabled(tmp_path: Path) -> None:
    service = linux(tmp_path)
    service.enable()
    service.path.write_text(
        service.path.read_text("utf-8").replace(
            "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"
        ),
        "utf-8",
    )
    assert not service.is_enabled()
    service.path.write_text("[Desktop Entry]\nHidden = true\n", "utf-8")
    assert not service.is_enabled()


def test_a_blocked_folder_gives_a_plain_error_and_leaves_nothing(tmp_path: Path) -> None:
    config = tmp_path / ".config"
    config.mkdir()
    (config / "autostart").write_text("not a folder", "utf-8")
    service = linux(tmp_path)
    with pytest.raises(DomainError) as caught:
        service.enable()
    assert caught.value.text.context == "Autostart"
    assert str(caught.value).startswith("Starting Liaison at login could not be set up: ")
    assert [p.name for p in config.iterdir()] == ["autostart"]
    assert not service.is_enabled()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions that bind"
)
def test_an_unwritable_folder_gives_a_plain_error(tmp_path: Path) -> None:
    folder = tmp_path / ".config" / "autostart"
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        with pytest.raises(DomainError):
            linux(tmp_path).enable()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_failed_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(autostart.os, "replace", refuse)
    service = linux(tmp_path)
    with pytest.raises(DomainError, match="Permission denied"):
        service.enable()
    assert list(service.path.parent.iterdir()) == []


def test_macos_writes_a_launch_agent(tmp_path: Path) -> None:
    service = Autostart(platform="darwin", home=tmp_path, command=COMMAND)
    path = tmp_path / "Library" / "LaunchAgents" / "org.liaison.crm.plist"
    assert not service.is_enabled()

    service.enable()
    service.enable()
    with path.open("rb") as file:
        agent = plistlib.load(file)
    assert agent == {"Label": "org.liaison.crm", "ProgramArguments": COMMAND, "RunAtLoad": True}
    assert service.is_enabled()

    service.disable()
    service.disable()
    assert not path.exists()
    assert not service.is_enabled()


class FakeKey:
    def __init__(self, values: dict[str, tuple[int, str]]) -> None:
        self.values = values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def fake_winreg() -> tuple[Any, dict[tuple[int, str], dict[str, tuple[int, str]]]]:
    """Just enough of `winreg` for the Run key: keys are dictionaries of (type, value)."""
    keys: dict[tuple[int, str], dict[str, tuple[int, str]]] = {}
    module: Any = types.ModuleType("winreg")
    module.HKEY_CURRENT_USER, module.KEY_SET_VALUE, module.REG_SZ = 1, 2, 1

    def open_key(root: int, sub_key: str, reserved: int = 0, access: int = 0) -> FakeKey:
        if (root, sub_key) not in keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(keys[root, sub_key])

    def query_value(key: FakeKey, name: str) -> tuple[str, int]:
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        kind, value = key.values[name]
        return value, kind

    def delete_value(key: FakeKey, name: str) -> None:
        query_value(key, name)
        del key.values[name]

    def set_value(key: FakeKey, name: str, reserved: int, kind: int, value: str) -> None:
        key.values[name] = (kind, value)

    module.OpenKey = open_key
    module.CreateKey = lambda root, sub_key: FakeKey(keys.setdefault((root, sub_key), {}))
    module.QueryValueEx = query_value
    module.SetValueEx = set_value
    module.DeleteValue = delete_value
    return module, keys


def test_windows_sets_and_deletes_the_run_value(monkeypatch: pytest.MonkeyPatch) -> None:
    module, keys = fake_winreg()
    monkeypatch.setitem(sys.modules, "winreg", module)
    command = [r"C:\Program Files\Liaison\Liaison.exe", "--minimized"]
    service = Autostart(platform="win32", command=command)
    assert not service.is_enabled()
    service.disable()

    service.enable()
    service.enable()
    line = keys[1, RUN_KEY]["Liaison"]
    assert line == (1, r'"C:\Program Files\Liaison\Liaison.exe" --minimized')
    assert line[1] == subprocess.list2cmdline(command)
    assert service.is_enabled()

    service.disable()
    assert keys[1, RUN_KEY] == {}
    assert not service.is_enabled()
    service.disable()


def test_windows_registry_refusal_gives_a_plain_error(monkeypatch: pytest.MonkeyPatch) -> None:
    module, _keys = fake_winreg()

    def refuse(*args: object) -> None:
        raise PermissionError(5, "Access is denied")

    module.SetValueEx = refuse
    monkeypatch.setitem(sys.modules, "winreg", module)
    with pytest.raises(DomainError, match="Access is denied"):
        Autostart(platform="win32", command=COMMAND).enable()


def test_the_command_starts_the_package_or_the_frozen_bundle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert default_command() == [sys.executable, "-m", "crm", "--minimized"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert default_command() == [sys.executable, "--minimized"]
