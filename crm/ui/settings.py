"""The user's preferences, typed, with defaults; window state kept apart from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from crm.services.backups import BackupKeep
    from crm.services.greetings import SmtpSettings

DEFAULT_REMINDER_TIME = dt.time(9, 0)
DEFAULT_AGENDA_DAYS = 30
SMTP_SECURITIES = ("none", "starttls", "ssl")
DEFAULT_SMTP_SECURITY = "starttls"
MAX_PORT = 65535
# Backups of each kind the rotation may be asked to keep: ten years of months is plenty.
MAX_BACKUPS_KEPT = 120


class Settings:
    """One place for every stored preference. Tests pass a file in their temporary folder."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._store = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Liaison", "Liaison"
            )
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        return str(self._store.value("ui/language", "", type=str))

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("ui/language", value)

    @property
    def show_archived(self) -> bool:
        return bool(self._store.value("contacts/show_archived", False, type=bool))

    @show_archived.setter
    def show_archived(self, value: bool) -> None:
        self._store.setValue("contacts/show_archived", value)

    # General -----------------------------------------------------------------------------
    # "General", capitalised: an INI file keeps this group as [%General] (plain [General] is
    # the keys of no group), which Qt reads back as "General/..." whatever case it was
    # written in, so "general/..." was lost at every restart.
    @property
    def start_minimized(self) -> bool:
        """Start in the tray. The autostart entry passes --minimized whatever this says."""
        return bool(self._store.value("General/start_minimized", False, type=bool))

    @start_minimized.setter
    def start_minimized(self, value: bool) -> None:
        self._store.setValue("General/start_minimized", value)

    @property
    def first_run_done(self) -> bool:
        """The first-run wizard was finished (a cancelled one leaves this False, and shows
        again at the next start)."""
        return bool(self._store.value("General/first_run_done", False, type=bool))

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self._store.setValue("General/first_run_done", value)

    @property
    def close_to_tray(self) -> bool:
        return bool(self._store.value("General/close_to_tray", True, type=bool))

    @close_to_tray.setter
    def close_to_tray(self, value: bool) -> None:
        self._store.setValue("General/close_to_tray", value)

    @property
    def close_to_tray_explained(self) -> bool:
        """The user was told once that closing the window leaves Liaison running in the tray."""
        return bool(self._store.value("General/close_to_tray_explained", False, type=bool))

    @close_to_tray_explained.setter
    def close_to_tray_explained(self, value: bool) -> None:
        self._store.setValue("General/close_to_tray_explained", value)

    # Reminders ---------------------------------------------------------------------------
    @property
    def reminder_time(self) -> dt.time:
        """When the daily check for reminders runs; stored as "HH:MM" so the file reads well."""
        text = str(self._store.value("reminders/time", "", type=str))
        try:
            return dt.datetime.strptime(text.strip(), "%H:%M").time()
        except ValueError:
            return DEFAULT_REMINDER_TIME

    @reminder_time.setter
    def reminder_time(self, value: dt.time) -> None:
        self._store.setValue("reminders/time", value.strftime("%H:%M"))

    @property
    def notifications(self) -> bool:
        return bool(self._store.value("reminders/notify", True, type=bool))

    @notifications.setter
    def notifications(self, value: bool) -> None:
        self._store.setValue("reminders/notify", value)

    @property
    def agenda_days(self) -> int:
        """How many days ahead the agenda looks."""
        # A value that is not a number reads as 0: the default then.
        days = self._store.value("reminders/agenda_days", DEFAULT_AGENDA_DAYS, type=int)
        return days if isinstance(days, int) and days > 0 else DEFAULT_AGENDA_DAYS

    @agenda_days.setter
    def agenda_days(self, value: int) -> None:
        self._store.setValue("reminders/agenda_days", value)

    # Mail (greetings sent by SMTP; the password lives in the system keyring) ---------------
    def _text(self, key: str) -> str:
        return str(self._store.value(key, "", type=str)).strip()

    @property
    def smtp_host(self) -> str:
        return self._text("mail/host")

    @smtp_host.setter
    def smtp_host(self, value: str) -> None:
        self._store.setValue("mail/host", value.strip())

    @property
    def smtp_port(self) -> int:
        """0: the usual port of the security chosen."""
        port = self._store.value("mail/port", 0, type=int)
        return port if isinstance(port, int) and 0 < port <= MAX_PORT else 0

    @smtp_port.setter
    def smtp_port(self, value: int) -> None:
        self._store.setValue("mail/port", value)

    @property
    def smtp_user(self) -> str:
        return self._text("mail/user")

    @smtp_user.setter
    def smtp_user(self, value: str) -> None:
        self._store.setValue("mail/user", value.strip())

    @property
    def smtp_security(self) -> str:
        """One of SMTP_SECURITIES: "none", "starttls" or "ssl"."""
        value = self._text("mail/security").lower()
        return value if value in SMTP_SECURITIES else DEFAULT_SMTP_SECURITY

    @smtp_security.setter
    def smtp_security(self, value: str) -> None:
        self._store.setValue("mail/security", value)

    @property
    def sender_address(self) -> str:
        """The From address of the greetings."""
        return self._text("mail/sender_address")

    @sender_address.setter
    def sender_address(self, value: str) -> None:
        self._store.setValue("mail/sender_address", value.strip())

    def smtp_settings(self, password: str | None = None) -> SmtpSettings:
        """The mail server as the greeting service wants it."""
        from crm.services.greetings import SmtpSettings

        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            user=self.smtp_user,
            security=self.smtp_security,
            sender_address=self.sender_address,
            sender_name=self.sender_name,
            password=password,
        )

    # Our office: who you are, who signs the greetings ------------------------------------
    @property
    def my_name(self) -> str:
        """How colleagues know you: a record you save carries it, so that a colleague whose
        save of the same record is refused learns who changed it. "" until you give it."""
        return self._text("office/my_name")

    @my_name.setter
    def my_name(self, value: str) -> None:
        self._store.setValue("office/my_name", " ".join(value.split()))

    @property
    def our_city(self) -> str:
        return self._text("office/our_city")

    @our_city.setter
    def our_city(self, value: str) -> None:
        self._store.setValue("office/our_city", value.strip())

    @property
    def our_country(self) -> str:
        """Our own country (ISO 3166 code): its national day is on the agenda too."""
        return self._text("office/our_country").upper()

    @our_country.setter
    def our_country(self, value: str) -> None:
        self._store.setValue("office/our_country", value.strip().upper())

    @property
    def our_city_zh(self) -> str:
        return self._text("office/our_city_zh")

    @our_city_zh.setter
    def our_city_zh(self, value: str) -> None:
        self._store.setValue("office/our_city_zh", value.strip())

    @property
    def sender_name(self) -> str:
        return self._text("office/sender_name")

    @sender_name.setter
    def sender_name(self, value: str) -> None:
        self._store.setValue("office/sender_name", value.strip())

    @property
    def sender_name_zh(self) -> str:
        return self._text("office/sender_name_zh")

    @sender_name_zh.setter
    def sender_name_zh(self, value: str) -> None:
        self._store.setValue("office/sender_name_zh", value.strip())

    @property
    def sender_title(self) -> str:
        return self._text("office/sender_title")

    @sender_title.setter
    def sender_title(self, value: str) -> None:
        self._store.setValue("office/sender_title", value.strip())

    @property
    def sender_title_zh(self) -> str:
        return self._text("office/sender_title_zh")

    @sender_title_zh.setter
    def sender_title_zh(self, value: str) -> None:
        self._store.setValue("office/sender_title_zh", value.strip())

    @property
    def greeting_bilingual(self) -> bool:
        """Chinese-speaking contacts get the Chinese text, then the English one."""
        return bool(self._store.value("greetings/bilingual", True, type=bool))

    @greeting_bilingual.setter
    def greeting_bilingual(self, value: bool) -> None:
        self._store.setValue("greetings/bilingual", value)

    # Database and backups ----------------------------------------------------------------
    @property
    def database(self) -> str:
        """The database Liaison opens when neither --database nor CRM_DATABASE names one: a
        file path or a server URL, never with a password in it (the system keyring keeps
        that; see `database_url_with_password`). "": the default file on this computer."""
        return self._text("database/url")

    @database.setter
    def database(self, value: str) -> None:
        self._store.setValue("database/url", value.strip())

    @property
    def automatic_backups(self) -> bool:
        """A copy of the database file every day Liaison runs."""
        return bool(self._store.value("backups/automatic", True, type=bool))

    @automatic_backups.setter
    def automatic_backups(self, value: bool) -> None:
        self._store.setValue("backups/automatic", value)

    @property
    def backup_keep(self) -> BackupKeep:
        """How many daily, weekly and monthly backups the rotation keeps (7, 4, 12)."""
        from crm.services.backups import BackupKeep

        default = BackupKeep()
        return BackupKeep(
            daily=self._count("backups/daily", default.daily),
            weekly=self._count("backups/weekly", default.weekly),
            monthly=self._count("backups/monthly", default.monthly),
        )

    @backup_keep.setter
    def backup_keep(self, value: BackupKeep) -> None:
        self._store.setValue("backups/daily", value.daily)
        self._store.setValue("backups/weekly", value.weekly)
        self._store.setValue("backups/monthly", value.monthly)

    def _count(self, key: str, default: int) -> int:
        # Read as text: Qt reads a word as 0, which is a count the user may choose. Anything
        # but a whole number from 0 to MAX_BACKUPS_KEPT is the default.
        raw = str(self._store.value(key, default, type=str)).strip()
        if not raw.isdigit() or int(raw) > MAX_BACKUPS_KEPT:
            return default
        return int(raw)

    # Window state ------------------------------------------------------------------------
    def window_state(self, name: str) -> QByteArray | None:
        value = self._store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self._store.sync()


def needs_first_run(settings: Settings) -> bool:
    """Whether to show the first-run wizard: never finished, and nothing of what it asks set
    yet (who set up our office or a database in Settings before the wizard existed is not
    asked). Here rather than beside the wizard, which is asked at every start, before the
    window: the wizard's module is imported only when it is shown."""
    if settings.first_run_done:
        return False
    configured = (
        settings.my_name,
        settings.our_city,
        settings.our_city_zh,
        settings.our_country,
        settings.sender_name,
        settings.database,
    )
    return not any(configured)


def database_url_with_password(settings: Settings) -> str:
    """The database of the settings as Liaison connects to it: a server URL gets the password
    the system keyring keeps for it. "" when the settings name none (the default file)."""
    stored = settings.database
    if not stored:
        return ""
    from crm.services.connection import with_saved_password

    return with_saved_password(stored)
