"""Greeting campaigns end to end: a real SMTP server on loopback (aiosmtpd), messages parsed back
with the `email` package, the record that makes a second run greet only the others, and
`crm greet` as a script sees it."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")

from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

from crm.domain.greetings import GreetingTemplate  # noqa: E402
from crm.domain.text import DomainError  # noqa: E402
from crm.services import greetings as greetings_module  # noqa: E402
from crm.services.greetings import (  # noqa: E402
    Campaign,
    CampaignStopped,
    GreetingService,
    SmtpSettings,
    smtp_password,
)

YEAR = 2026
GREETING_LIST = "greeting list"
WANG_FANG = "2e4895f6-70de-4cf3-a2a7-72723bcf4ad8"  # 王芳, 欧洲处处长, zh_CN
LI_JIANGUO = "85084567-5c23-4516-b68e-4a4e16bcf005"  # moved on


# ---- a mail server on loopback ----


class Mailbox:
    """An aiosmtpd handler that keeps what it receives and can misbehave on cue."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.drop_after: int | None = None
        self.drop_how = "421"  # or "close": the connection just goes away
        self.refuse: set[str] = set()

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        if self.drop_after is not None and len(self.envelopes) >= self.drop_after:
            if self.drop_how == "close":
                server.transport.close()
            return "421 4.3.0 Closing the connection"
        self.envelopes.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def start_server() -> Iterator[Callable[..., tuple[Mailbox, int]]]:
    controllers: list[Controller] = []

    def start(**smtp_options: Any) -> tuple[Mailbox, int]:
        mailbox = Mailbox()
        port = free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port, **smtp_options)
        controller.start()
        controllers.append(controller)
        return mailbox, port

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def server(start_server: Callable[..., tuple[Mailbox, int]]) -> tuple[Mailbox, int]:
    return start_server()


def plain(port: int, **more: Any) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="none",
        sender_address="anna.berg@aalborg.dk.example",
        sender_name="Anna Berg",
        timeout=10,
        **more,
    )


def campaign(**more: Any) -> Campaign:
    values: dict[str, Any] = {
        "tag": GREETING_LIST,
        "sender_name": "Anna Berg",
        "sender_title": "International Coordinator",
        "our_city": "Aalborg",
        "our_city_zh": "奥尔堡",
        **more,
    }
    return Campaign("mid_autumn", YEAR, **values)


def body_text(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def address_of(message: EmailMessage) -> str:
    return str(message["To"].addresses[0].addr_spec)


@pytest.fixture
def service(demo_services: Any) -> GreetingService:
    return GreetingService(demo_services.db)


def statuses(service: GreetingService) -> dict[str, str]:
    return {
        r.contact_id: r.status for r in service.recipients("mid_autumn", YEAR, tag=GREETING_LIST)
    }


# ---- recipients ----


def test_the_recipients_say_who_is_skipped_and_why(service: GreetingService) -> None:
    people = {r.contact_id: r for r in service.recipients("mid_autumn", YEAR, tag=GREETING_LIST)}
    assert people[WANG_FANG].status == "ready"
    assert people[WANG_FANG].address == "wangfang@hefei.gov.cn.example"
    assert people[WANG_FANG].languages == ("zh_CN", "en")
    assert people[LI_JIANGUO].status == "moved_on"
    reasons = {r.status for r in people.values()}
    assert {"ready", "moved_on", "deceased"} <= reasons
    # The deceased contact has no address either: the status comes first.
    deceased = [r for r in people.values() if r.status == "deceased"]
    assert deceased and deceased[0].address == ""
    assert deceased[0].label.source == "Deceased"


def test_an_anniversary_needs_its_partnership_and_knows_the_years(
    service: GreetingService, demo_services: Any
) -> None:
    with pytest.raises(DomainError, match="partnership"):
        service.recipients("anniversary", YEAR)
    hefei = "58693463-6097-50b6-894f-73754ca4446e"  # formalised 1988
    people = service.recipients("anniversary", YEAR, partnership_id=hefei)
    assert WANG_FANG in {p.contact_id for p in people}  # a champion, and in Hefei
    greeting = service.preview(
        "anniversary", YEAR, WANG_FANG, partnership_id=hefei, our_city="Aalborg"
    )
    assert "38" in greeting.subject


def test_a_preview_is_the_message_in_the_contacts_language(service: GreetingService) -> None:
    greeting = service.preview("mid_autumn", YEAR, WANG_FANG, sender_name="Anna Berg")
    assert greeting.language == "zh_CN"
    assert greeting.text.splitlines()[0] == "尊敬的王处长："
    assert "Anna Berg" in greeting.text


def test_a_birthday_campaign_is_for_the_birthdays_of_the_next_30_days(
    service: GreetingService,
) -> None:
    # 王芳 was born on --09-23: in the window from 10 September, not from 1 October.
    soon = service.recipients("birthday", YEAR, today=dt.date(YEAR, 9, 10))
    assert WANG_FANG in {p.contact_id for p in soon}
    wang = next(p for p in soon if p.contact_id == WANG_FANG)
    assert wang.context is not None and wang.context.extra["date"] == f"{YEAR}-09-23"
    later = service.recipients("birthday", YEAR, today=dt.date(YEAR, 10, 1))
    assert WANG_FANG not in {p.contact_id for p in later}


def test_a_national_day_greeting_names_the_contacts_country(service: GreetingService) -> None:
    norwegians = service.recipients("national_day", YEAR, country="NO")
    assert norwegians and all(p.country == "NO" for p in norwegians)
    greeting = service.preview("national_day", YEAR, norwegians[0].contact_id)
    assert "National Day of Norway" in greeting.text


# ---- sending ----


def test_a_campaign_reaches_a_real_smtp_server(
    service: GreetingService, demo_services: Any, server: tuple[Mailbox, int]
) -> None:
    mailbox, port = server
    before = statuses(service)
    ready = {c for c, s in before.items() if s == "ready"}

    report = service.run(campaign(), smtp=plain(port))

    assert report.sent == len(ready) == len(mailbox.envelopes)
    received = {address_of(m): m for m in mailbox.messages()}
    people = {r.contact_id: r for r in service.recipients("mid_autumn", YEAR, tag=GREETING_LIST)}
    assert set(received) == {people[c].address for c in ready}

    wang = received["wangfang@hefei.gov.cn.example"]
    assert wang["To"].addresses[0].display_name == "王芳"
    assert wang["Subject"] == "中秋节快乐 | Happy Mid-Autumn Festival"
    assert wang["From"].addresses[0].display_name == "Anna Berg"
    assert wang["Date"] and wang["Message-ID"]
    text = body_text(wang)
    assert text.splitlines()[0] == "尊敬的王处长："
    assert "Dear Ms Wang," in text  # the English after the Chinese
    html = wang.get_body(("html",))
    assert html is not None and "尊敬的王处长" in str(html.get_content())  # type: ignore[attr-defined]

    odegard = received["ingrid.odegard@stavanger.kommune.no.example"]
    assert odegard["To"].addresses[0].display_name == "Ingrid Ødegård"
    assert odegard["Subject"] == "Happy Mid-Autumn Festival"
    assert body_text(odegard).splitlines()[0] == "Dear Ms Ødegård,"

    skipped = {s.contact_id: s.reason for s in report.skipped}
    assert skipped[LI_JIANGUO] == "moved_on"
    assert "deceased" in skipped.values()
    assert "lijianguo@hefei.gov.cn.example" not in received

    # Each message is a "greeting" interaction on the person's timeline.
    timeline = demo_services.interactions.timeline_for_contact(WANG_FANG)
    assert timeline[0].kind == "greeting"
    assert "wangfang@hefei.gov.cn.example" in timeline[0].note
    assert set(statuses(service).values()) == {"already_greeted", "moved_on", "deceased"}

    # A second run sends nothing.
    again = service.run(campaign(), smtp=plain(port))
    assert again.sent == 0 and again.messages == []
    assert len(mailbox.envelopes) == len(ready)
    assert {s.reason for s in again.skipped} == {"already_greeted", "moved_on", "deceased"}


@pytest.mark.parametrize("how", ["421", "close"])
def test_a_connection_dropped_after_two_messages_records_exactly_those_two(
    service: GreetingService,
    start_server: Callable[..., tuple[Mailbox, int]],
    how: str,
) -> None:
    mailbox, port = start_server()
    mailbox.drop_after, mailbox.drop_how = 2, how
    ready = [c for c, s in statuses(service).items() if s == "ready"]

    with pytest.raises(CampaignStopped) as stopped:
        service.run(campaign(), smtp=plain(port))

    assert "lost after 2 messages" in str(stopped.value)
    assert stopped.value.report.sent == 2
    delivered = {address_of(m) for m in mailbox.messages()}
    assert {m.to for m in stopped.value.report.messages} == delivered
    greeted = [c for c, s in statuses(service).items() if s == "already_greeted"]
    assert len(greeted) == 2

    # The server is back: a re-run sends the rest, and only the rest.
    mailbox.drop_after = None
    report = service.run(campaign(), smtp=plain(port))
    assert report.sent == len(ready) - 2
    assert len({address_of(m) for m in mailbox.messages()}) == len(ready)


def test_a_refused_recipient_fails_alone(
    service: GreetingService, server: tuple[Mailbox, int]
) -> None:
    mailbox, port = server
    mailbox.refuse = {"wangfang@hefei.gov.cn.example"}
    ready = [c for c, s in statuses(service).items() if s == "ready"]

    report = service.run(campaign(), smtp=plain(port))

    assert [(f.contact_id, f.reason) for f in report.failed] == [(WANG_FANG, "refused")]
    assert "550" in report.failed[0].detail
    assert report.sent == len(ready) - 1
    assert statuses(service)[WANG_FANG] == "ready"  # not recorded: tried again next time


def test_a_wrong_password_is_one_sentence_and_nothing_is_recorded(
    service: GreetingService, start_server: Callable[..., tuple[Mailbox, int]]
) -> None:
    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        good = isinstance(data, LoginPassword) and data.password == b"right"
        return AuthResult(success=good, handled=False)

    mailbox, port = start_server(authenticator=authenticator, auth_require_tls=False)
    settings = plain(port, user="anna", password="wrong")

    with pytest.raises(DomainError) as refused:
        service.run(campaign(), smtp=settings)
    assert str(refused.value) == "The mail server refused the user name or password."
    assert "ready" in statuses(service).values()
    assert mailbox.envelopes == []

    report = service.run(campaign(), smtp=replace(settings, password="right"))
    assert report.sent == len(mailbox.envelopes) > 0


def test_a_server_that_is_not_there_is_one_sentence(service: GreetingService) -> None:
    port = free_port()
    with pytest.raises(DomainError) as failed:
        service.run(campaign(), smtp=plain(port))
    message = str(failed.value)
    assert message.startswith(f"Cannot connect to the mail server 127.0.0.1:{port}: ")
    assert "\n" not in message


def test_starttls_asked_of_a_server_without_it_is_one_sentence(
    service: GreetingService, server: tuple[Mailbox, int]
) -> None:
    _mailbox, port = server
    with pytest.raises(DomainError, match="does not offer STARTTLS"):
        service.run(campaign(), smtp=replace(plain(port), security="starttls"))


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl makes the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_starttls_and_a_login(
    service: GreetingService,
    start_server: Callable[..., tuple[Mailbox, int]],
    certificate: tuple[Path, Path],
) -> None:
    cert, key = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)

    def authenticator(*args: Any) -> AuthResult:
        return AuthResult(success=True, handled=False)

    mailbox, port = start_server(
        tls_context=server_tls, require_starttls=True, authenticator=authenticator
    )
    settings = SmtpSettings(
        host="127.0.0.1",
        port=port,
        user="anna",
        password="secret",
        security="starttls",
        sender_address="anna.berg@aalborg.dk.example",
        timeout=10,
        tls_context=ssl.create_default_context(cafile=str(cert)),
    )
    report = service.run(campaign(), smtp=settings)
    assert report.sent == len(mailbox.envelopes) > 0


# ---- files, dry runs, cancelling ----


def test_eml_files_parse_and_are_recorded(service: GreetingService, tmp_path: Path) -> None:
    out = tmp_path / "greetings"
    report = service.run(campaign(), out_dir=out)

    files = sorted(out.iterdir())
    assert report.written == len(files) > 0
    assert not list(out.glob("*.part"))
    wang = next(m for m in report.messages if m.contact_id == WANG_FANG)
    assert wang.file is not None and Path(wang.file).name == f"wang-fang-{WANG_FANG[:8]}.eml"
    parsed = email.message_from_bytes(Path(wang.file).read_bytes(), policy=email.policy.default)
    assert address_of(parsed) == "wangfang@hefei.gov.cn.example"  # type: ignore[arg-type]
    assert body_text(parsed).splitlines()[0] == "尊敬的王处长："  # type: ignore[arg-type]
    assert statuses(service)[WANG_FANG] == "already_greeted"
    assert service.run(campaign(), out_dir=out).written == 0


def test_a_dry_run_sends_writes_and_logs_nothing(
    service: GreetingService, demo_services: Any, server: tuple[Mailbox, int], tmp_path: Path
) -> None:
    mailbox, port = server
    before = demo_services.interactions.timeline_for_contact(WANG_FANG)
    ready = [c for c, s in statuses(service).items() if s == "ready"]

    sent = service.run(campaign(), smtp=plain(port), dry_run=True)
    written = service.run(campaign(), out_dir=tmp_path / "out", dry_run=True)

    assert len(sent.messages) == len(written.messages) == len(ready)
    assert sent.sent == written.written == 0
    assert mailbox.envelopes == []
    assert not (tmp_path / "out").exists()
    assert demo_services.interactions.timeline_for_contact(WANG_FANG) == before
    assert "already_greeted" not in statuses(service).values()


def test_cancelling_stops_between_messages(service: GreetingService, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 3

    report = service.run(campaign(), out_dir=tmp_path, progress=progress)
    assert report.cancelled and report.written == 3
    assert seen[0][0] == 0 and seen[-1][0] == 3
    assert list(statuses(service).values()).count("already_greeted") == 3


def test_a_folder_that_cannot_be_written_is_one_sentence(
    service: GreetingService, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(DomainError, match="cannot be written"):
        service.run(campaign(), out_dir=blocker / "greetings")


# ---- templates and the password ----


def test_the_offices_own_template_replaces_the_shipped_one(service: GreetingService) -> None:
    shipped = service.template("mid_autumn", "en")
    assert shipped is not None and not service.is_customised("mid_autumn", "en")
    with pytest.raises(DomainError):
        service.save_template(GreetingTemplate("mid_autumn", "en", "Hi {{ nobody }}", "x"))
    own = GreetingTemplate("mid_autumn", "en", "Moon {{ year }}", "{{ salutation }}\n\nHello.")
    service.save_template(own)
    assert service.template("mid_autumn", "en") == own
    odegard = "c1cabb2a-cf05-4aa8-8b24-830b7439dead"
    assert service.preview("mid_autumn", YEAR, odegard).subject == f"Moon {YEAR}"
    service.reset_template("mid_autumn", "en")
    assert service.template("mid_autumn", "en") == shipped


def test_the_password_comes_from_the_environment_or_the_keyring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    import keyring.errors

    settings = SmtpSettings(host="mail.example", user="anna")
    monkeypatch.setenv("CRM_SMTP_PASSWORD", "from-env")
    assert smtp_password(settings) == "from-env"
    monkeypatch.delenv("CRM_SMTP_PASSWORD")

    asked: list[tuple[str, str]] = []

    def stored(service_name: str, user: str) -> str:
        asked.append((service_name, user))
        return "from-keyring"

    monkeypatch.setattr(keyring, "get_password", stored)
    assert smtp_password(settings) == "from-keyring"
    assert asked == [(greetings_module.KEYRING_SERVICE, "anna@mail.example")]

    def no_keyring(service_name: str, user: str) -> str:
        raise keyring.errors.NoKeyringError("no backend")

    monkeypatch.setattr(keyring, "get_password", no_keyring)
    assert smtp_password(settings) is None


def test_a_login_without_a_known_password_is_one_sentence(
    service: GreetingService, server: tuple[Mailbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRM_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr(greetings_module, "smtp_password", lambda settings: None)
    _mailbox, port = server
    with pytest.raises(DomainError, match="No password is known for anna on 127.0.0.1"):
        service.run(campaign(), smtp=plain(port, user="anna"))


# ---- the command ----


def test_crm_greet_json_report(
    demo_services: Any,
    database_url: str,
    tmp_path: Path,
    run_crm: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    out = tmp_path / "eml"
    args = ["greet", "mid_autumn", "--year", str(YEAR), "--tag", GREETING_LIST]
    result = run_crm(*args, "--out", str(out), "--json", database=database_url, home=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["occasion"] == "mid_autumn" and report["year"] == YEAR
    assert report["written"] == len(report["messages"]) == len(list(out.iterdir())) > 0
    assert report["sent"] == 0
    message = next(m for m in report["messages"] if m["contact"] == WANG_FANG)
    assert message["to"] == "wangfang@hefei.gov.cn.example"
    assert message["language"] == "zh_CN"
    assert message["subject"].startswith("中秋节快乐")
    assert Path(message["file"]).is_file()
    skipped = {s["contact"]: s["reason"] for s in report["skipped"]}
    assert skipped[LI_JIANGUO] == "moved_on"
    assert "deceased" in skipped.values()
    assert report["failed"] == [] and report["cancelled"] is False

    again = run_crm(*args, "--out", str(out), "--json", database=database_url, home=tmp_path)
    assert json.loads(again.stdout)["written"] == 0


def test_crm_greet_sends_and_says_so(
    demo_services: Any,
    database_url: str,
    tmp_path: Path,
    server: tuple[Mailbox, int],
    run_crm: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    mailbox, port = server
    args = ["greet", "mid_autumn", "--year", str(YEAR), "--tag", GREETING_LIST, "--send"]
    smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none"]

    dry = run_crm(*args, *smtp, "--dry-run", database=database_url, home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.strip().splitlines()[-1].startswith("Dry run, nothing sent")
    assert mailbox.envelopes == []

    result = run_crm(*args, *smtp, "--from-name", "Anna Berg", database=database_url, home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert any("wangfang@hefei.gov.cn.example" in line for line in lines)
    assert any(line.startswith("Skipped ") and "Moved on" in line for line in lines)
    assert lines[-1] == f"{len(mailbox.envelopes)} greetings sent, 3 people skipped, 0 not sent."
    sender = mailbox.messages()[0]["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Anna Berg", "liaison@localhost")


def test_crm_greet_errors_and_usage(
    demo_services: Any,
    database_url: str,
    tmp_path: Path,
    run_crm: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    port = free_port()
    smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none"]
    down = run_crm("greet", "christmas", "--send", *smtp, database=database_url, home=tmp_path)
    assert down.returncode == 1
    assert down.stderr.strip().startswith("Cannot connect to the mail server")
    assert len(down.stderr.strip().splitlines()) == 1

    neither = run_crm("greet", "christmas", database=database_url, home=tmp_path)
    assert neither.returncode == 2
    no_host = run_crm("greet", "christmas", "--send", database=database_url, home=tmp_path)
    assert no_host.returncode == 2
    unknown = run_crm(
        "greet", "halloween", "--out", str(tmp_path), database=database_url, home=tmp_path
    )
    assert unknown.returncode == 2
    anniversary = run_crm(
        "greet", "anniversary", "--out", str(tmp_path / "a"), database=database_url, home=tmp_path
    )
    assert anniversary.returncode == 1
    assert "partnership" in anniversary.stderr
