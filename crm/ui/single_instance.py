"""One Liaison per user and database: a second start hands over to the first and ends.

Clicking the menu entry again, or the login start (`crm --minimized`) of someone who already
opened Liaison, must not open the same database in a second window with a second tray icon
and a second daily check. The first start listens on a local socket (a named pipe on Windows);
a later start connects, says "show" (bring the window to the front, from the tray if it is
hidden there) or "minimized" (nothing to do: the app is already running in the tray), and
exits 0.

The name is per user and per database: two different databases (an office's server and a
file for practice, say) may be open side by side, each in its own window. The database is the
one the start would open: `--database`, else CRM_DATABASE, else Settings › Database, else the
file in the data folder; a file is named by its full path, a server URL without its password.

The hand-over runs before the heavy imports (SQLAlchemy, the pages) and before the
QApplication exists. A first start pays for QtNetwork's import (6 ms on an idle machine, up to
20 under load) and a connect that nobody answers (under 1 ms); a second one ends about as
soon as Python and Qt are loaded.

On Linux and macOS the socket is Python's own (a Unix socket, watched by a QSocketNotifier);
on Windows Qt's QLocalServer makes the named pipe. Qt's network module is not loaded where it
is not needed: it costs some 3 MB resident for the whole day.

A crashed instance leaves its socket file behind on Unix. Nobody answers on it, so the start
that finds it removes it and listens in its place. Two starts in the same instant: the one that
fails to listen hands over to the other.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import logging
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from platformdirs import user_data_path
from PySide6.QtCore import QDir, QObject, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

WINDOWS = sys.platform == "win32"

logger = logging.getLogger("crm.single_instance")

SHOW = "show"
MINIMIZED = "minimized"
MESSAGES = (SHOW, MINIMIZED)
HAND_OVER_TIMEOUT_MS = 2000
QUIET_CONNECTION_MS = 5000
MAX_MESSAGE_BYTES = 256
# As `crm.store.database.DB_FILENAME`; not imported from there, which imports SQLAlchemy.
DEFAULT_DATABASE_FILE = "liaison.sqlite3"


def database_key(database: str) -> str:
    """The database a start opens, written the same way however it was named: a file by its
    full real path (also behind `sqlite:///`), a server URL without its password. "" is the
    file in the data folder."""
    value = database.strip()
    if not value:
        value = str(user_data_path("Liaison", appauthor=False) / DEFAULT_DATABASE_FILE)
    if value.startswith("sqlite:///"):
        value = value.removeprefix("sqlite:///")
    if "://" in value:
        parts = urlsplit(value)
        if parts.password is not None:
            host = parts.netloc.rpartition("@")[2]
            netloc = f"{parts.username or ''}@{host}"
            parts = parts._replace(netloc=netloc)
        return urlunsplit(parts)
    return os.path.normcase(os.path.realpath(Path(value).expanduser()))


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment nor the password database
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(database: str) -> str:
    """The name the instance of this user on `database` listens as. Where the desktop gives
    the user a private runtime folder (XDG_RUNTIME_DIR), the socket is made there; otherwise
    Qt puts it in the temporary folder, or on Windows makes it a named pipe."""
    digest = hashlib.sha256(f"{_user()}\0{database_key(database)}".encode()).hexdigest()
    name = f"liaison-{digest[:20]}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform != "win32" and runtime and os.path.isdir(runtime):
        return os.path.join(runtime, name)
    return name


def hand_over(message: str, name: str, timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
    """Tell the instance listening as `name` what this start was asked for; True when one is
    listening and the message was delivered to it (this start then ends), False when none is.

    Delivered means written to the connection: a running instance busy for a moment (opening
    its database) reads it once it is free, so it is not waited for. Needs no QApplication."""
    if not WINDOWS:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
            unix.settimeout(timeout_ms / 1000)
            try:
                unix.connect(socket_path(name))
                unix.sendall(message.encode("utf-8") + b"\n")
            except OSError:  # nobody there (or a file a crash left), or too slow to take it
                return False
        return True
    from PySide6.QtNetwork import QLocalSocket

    connection = QLocalSocket()
    connection.connectToServer(name)
    if not connection.waitForConnected(timeout_ms):
        return False
    connection.write(message.encode("utf-8") + b"\n")
    written = connection.waitForBytesWritten(timeout_ms) or connection.bytesToWrite() == 0
    connection.disconnectFromServer()
    if connection.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        connection.waitForDisconnected(timeout_ms)
    return written


def socket_path(name: str) -> str:
    """Where the socket named `name` is (Unix): the name itself if it is a path, else a file
    of that name in the temporary folder, as Qt's QLocalServer puts it."""
    return name if os.path.isabs(name) else os.path.join(QDir.tempPath(), name)


def _message(data: bytes | bytearray | memoryview) -> str:
    return bytes(data).decode("utf-8", errors="replace").strip()


class _Connection(QObject):
    """One later start's connection (Unix): read until its line is whole, the other side is
    gone, or QUIET_CONNECTION_MS have passed."""

    said = Signal(str)

    def __init__(self, connection: socket.socket, parent: QObject) -> None:
        super().__init__(parent)
        self._socket: socket.socket | None = connection
        self._data = b""
        connection.setblocking(False)
        self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        # A connection that says nothing (a probe, a stuck client) is not kept for ever.
        QTimer.singleShot(QUIET_CONNECTION_MS, self, self.close)

    def _read(self) -> None:
        if self._socket is None:
            return
        try:
            data = self._socket.recv(MAX_MESSAGE_BYTES + 1)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        self._data += data
        if not data or b"\n" in self._data or len(self._data) > MAX_MESSAGE_BYTES:
            line = self._data.split(b"\n", 1)[0][: MAX_MESSAGE_BYTES + 1]
            self.close()
            self.said.emit(_message(line))

    def close(self) -> None:
        if self._socket is not None:
            self._notifier.setEnabled(False)
            self._socket.close()
            self._socket = None
            self.deleteLater()


class _Listening(QObject):
    """What a server for later starts says: `message_received` with what each one asked for
    ("show" or "minimized"); anything else is logged and left."""

    message_received = Signal(str)

    def _said(self, message: str) -> None:
        if message in MESSAGES:
            logger.info("Another start handed over to this one: %s", message)
            self.message_received.emit(message)
        elif message:
            logger.warning("Another start sent an unknown message: %r", message[:40])


class _UnixInstanceServer(_Listening):
    """Listens on a Unix socket for later starts."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._path = socket_path(name)
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._error: OSError | None = None

    def listen(self) -> bool:
        """Start listening; False when the name is taken (by a live instance, or by the socket
        file a crashed one left: `start_server` tells them apart) or cannot be used."""
        if self._socket is not None:
            return True
        listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listening.bind(self._path)
            listening.listen(8)
        except OSError as error:
            listening.close()
            self._error = error
            return False
        listening.setblocking(False)
        self._socket, self._error = listening, None
        self._notifier = QSocketNotifier(listening.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        logger.info("Listening for later starts as %s", self._path)
        return True

    def address_in_use(self) -> bool:
        return self._error is not None and self._error.errno == errno.EADDRINUSE

    def is_listening(self) -> bool:
        return self._socket is not None

    def remove_left_behind(self) -> None:
        """Remove the socket file a crashed instance left (nobody answers on it)."""
        with contextlib.suppress(OSError):
            os.unlink(self._path)

    def close(self) -> None:
        """Stop listening and remove the socket file: a later start is a first one again."""
        if self._socket is None:
            return
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self._socket.close()
        self._socket = None
        self.remove_left_behind()

    def error_string(self) -> str:
        return str(self._error or "")

    def _accept(self) -> None:
        while self._socket is not None:
            try:
                connection, _address = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                logger.warning("A later start could not be taken: %s", error)
                return
            reader = _Connection(connection, self)
            reader.said.connect(self._said)


class _PipeInstanceServer(_Listening):
    """Listens on a named pipe (Windows, through Qt's QLocalServer) for later starts."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # its user's
        self._server.newConnection.connect(self._accept)
        self._open: set[QLocalSocket] = set()

    def listen(self) -> bool:
        """Start listening; False when the name is taken (by a live instance, or by the socket
        file a crashed one left: `start_server` tells them apart) or cannot be used."""
        if self._server.isListening():
            return True
        if self._server.listen(self.name):
            logger.info("Listening for later starts as %s", self._server.fullServerName())
            return True
        return False

    def address_in_use(self) -> bool:
        from PySide6.QtNetwork import QAbstractSocket

        return self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError

    def remove_left_behind(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        """Stop listening and remove the socket file: a later start is a first one again."""
        self._server.close()

    def error_string(self) -> str:
        return self._server.errorString()

    # The connections' signals go to methods, not to lambdas: PySide6 (6.11) crashes deleting
    # a socket whose lambda slot had captured `self`, once this object is gone first.
    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            if connection is None:
                return
            self._open.add(connection)
            connection.readyRead.connect(self._ready)
            connection.disconnected.connect(self._ended)
            # A connection that says nothing (a probe, a stuck client) is not kept for ever.
            QTimer.singleShot(QUIET_CONNECTION_MS, connection, connection.abort)
            self._read(connection)  # it may all be there already

    def _ready(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read(connection)

    def _ended(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read(connection, ended=True)

    def _read(self, connection: QLocalSocket, *, ended: bool = False) -> None:
        if connection not in self._open:
            return
        if connection.canReadLine():
            data = connection.readLine(MAX_MESSAGE_BYTES + 1).data()
        elif ended or connection.bytesAvailable() > MAX_MESSAGE_BYTES:
            data = connection.read(MAX_MESSAGE_BYTES + 1).data()
        else:
            return  # the rest of the line is still to come
        self._open.discard(connection)
        connection.abort()
        connection.deleteLater()
        self._said(_message(data))


if sys.platform == "win32":
    InstanceServer = _PipeInstanceServer
else:
    InstanceServer = _UnixInstanceServer


def start_server(name: str, message: str, parent: QObject | None = None) -> InstanceServer | None:
    """This start's server, listening as `name`, once `hand_over` found nobody there; None
    when another start began listening meanwhile and got `message` (this one then ends).
    Should listening fail for another reason, the server is returned all the same, not
    listening: Liaison then starts without it rather than not at all."""
    server = InstanceServer(name, parent)
    if server.listen():
        return server
    if server.address_in_use():
        # Another start listening since we looked (two clicks at once), or a file left by a
        # crash that nobody answers on: the first gets the message, the second is removed.
        if hand_over(message, name):
            server.deleteLater()
            return None
        server.remove_left_behind()
        if server.listen():
            logger.info("Removed the socket a crashed instance left behind")
            return server
    logger.warning("Cannot listen for later starts as %s: %s", name, server.error_string())
    return server


def bring_to_front(window: QWidget) -> None:
    """Show `window` as it was left, whether hidden in the tray or minimized, on top and
    focused (as far as the window system lets an application take the focus)."""
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
