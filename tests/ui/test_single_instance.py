"""A second start of Liaison on the same database hands over to the first and ends."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from crm.ui.single_instance import (
    MINIMIZED,
    SHOW,
    InstanceServer,
    bring_to_front,
    database_key,
    hand_over,
    server_name,
    start_server,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def name(tmp_path: Path) -> str:
    """A server name of the test's own (a socket file in its folder on Unix)."""
    if sys.platform == "win32":
        return f"liaison-test-{os.getpid()}-{tmp_path.name}"
    return str(tmp_path / "instance.sock")


@pytest.fixture
def first(qtbot, name: str) -> Iterator[InstanceServer]:  # type: ignore[no-untyped-def]
    server = start_server(name, SHOW)
    assert server is not None and server.is_listening()
    yield server
    server.close()


def test_nobody_listening_means_nobody_took_over(name: str) -> None:
    started = time.perf_counter()
    assert not hand_over(SHOW, name)
    assert time.perf_counter() - started < 0.5  # refused at once, not after a timeout


def test_a_second_start_brings_the_hidden_window_to_the_front(  # type: ignore[no-untyped-def]
    qtbot, first: InstanceServer, name: str
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.hide()  # closed into the tray
    first.message_received.connect(lambda said: bring_to_front(window) if said == SHOW else None)

    with qtbot.waitSignal(first.message_received) as received:
        assert hand_over(SHOW, name)
    assert received.args == [SHOW]
    assert window.isVisible()


def test_a_second_start_restores_a_minimized_window(  # type: ignore[no-untyped-def]
    qtbot, first: InstanceServer, name: str
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    first.message_received.connect(lambda said: bring_to_front(window) if said == SHOW else None)

    with qtbot.waitSignal(first.message_received):
        assert hand_over(SHOW, name)
    assert window.isVisible() and not window.isMinimized()


def test_a_second_minimized_start_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, first: InstanceServer, name: str
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    first.message_received.connect(lambda said: bring_to_front(window) if said == SHOW else None)

    with qtbot.waitSignal(first.message_received) as received:
        assert start_server(name, MINIMIZED) is None  # handed over: this start ends
    assert received.args == [MINIMIZED]
    assert not window.isVisible()  # still in the tray


def test_a_message_that_is_not_ours_is_ignored(  # type: ignore[no-untyped-def]
    qtbot, first: InstanceServer, name: str
) -> None:
    with qtbot.assertNotEmitted(first.message_received, wait=300):
        assert hand_over("format c:", name)


@pytest.mark.skipif(sys.platform == "win32", reason="a Unix socket of the test's own")
def test_a_silent_or_slow_caller_does_not_stop_a_later_start(  # type: ignore[no-untyped-def]
    qtbot, first: InstanceServer, name: str
) -> None:
    silent = socket.socket(socket.AF_UNIX)
    silent.connect(name)  # connects, then says nothing
    slow = socket.socket(socket.AF_UNIX)
    slow.connect(name)
    try:
        with qtbot.waitSignal(first.message_received) as received:
            assert hand_over(MINIMIZED, name)
        assert received.args == [MINIMIZED]
        with qtbot.waitSignal(first.message_received) as received:
            slow.sendall(b"sh")  # a line in two pieces, the second without its end
            qtbot.wait(50)
            slow.sendall(b"ow")
            slow.close()
        assert received.args == [SHOW]
    finally:
        silent.close()
        slow.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe leaves no file behind")
def test_the_socket_a_crashed_instance_left_is_taken_over(qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)
    stale.close()  # as a crash leaves it: the file there, nobody answering
    assert Path(name).exists()

    server = start_server(name, SHOW)
    try:
        assert server is not None and server.is_listening()
        with qtbot.waitSignal(server.message_received):
            assert hand_over(SHOW, name)
    finally:
        assert server is not None
        server.close()
    assert not Path(name).exists()  # a clean end leaves nothing behind


def test_the_name_is_per_database_however_it_is_written(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3"
    assert server_name(str(office)) == server_name(f"sqlite:///{office}")
    assert server_name(str(office)) != server_name(str(tmp_path / "practice.sqlite3"))
    assert server_name("") == server_name(str(database_key("")))  # the data folder's file
    with_password = "postgresql+psycopg://anna:secret@db.example/liaison"
    assert "secret" not in database_key(with_password)
    assert server_name(with_password) == server_name("postgresql+psycopg://anna@db.example/liaison")


def _wait_for(path: Path, text: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in log:
            return log
        assert process.poll() is None, f"the first start ended early:\n{log}"
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in the log after {seconds} s")


@pytest.mark.slow
def test_a_second_crm_hands_over_to_the_first_and_exits(tmp_path: Path, crm_env) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    database = tmp_path / "office.sqlite3"
    env = crm_env(home)
    if sys.platform != "win32":  # the socket in the test's folder, even after a crash
        runtime = tmp_path / "run"
        runtime.mkdir(mode=0o700)
        env["XDG_RUNTIME_DIR"] = str(runtime)
    log = home / "xdg_state_home" / "Liaison" / "log" / "liaison.log"
    command = [sys.executable, "-m", "crm", "--database", str(database)]
    quiet = {"cwd": ROOT, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    first = subprocess.Popen(command, **quiet)  # type: ignore[call-overload]
    try:
        _wait_for(log, "Listening for later starts", first, seconds=60)

        started = time.monotonic()
        second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=30)
        assert second.returncode == 0, second.stderr
        assert time.monotonic() - started < 10
        _wait_for(log, "Another start handed over to this one: show", first, seconds=10)

        again = subprocess.run(
            [*command, "--minimized"], cwd=ROOT, env=env, capture_output=True, timeout=30
        )
        assert again.returncode == 0, again.stderr
        _wait_for(log, "Another start handed over to this one: minimized", first, seconds=10)
        assert first.poll() is None  # the first one runs on
    finally:
        first.kill()  # as a crash ends it: its socket is left behind
        first.wait(timeout=30)

    if sys.platform == "win32":
        return
    after_crash = subprocess.Popen(command, **quiet)  # type: ignore[call-overload]
    try:
        _wait_for(log, "Removed the socket a crashed instance left behind", after_crash, 60)
    finally:
        after_crash.kill()
        after_crash.wait(timeout=30)
