"""Documents and photos are kept in the database: every desktop of a server sees the same ones,
every backup holds them, and those kept in the data folder before (migration 0012) are taken in.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from platformdirs import user_data_path
from sqlalchemy import insert, select

from crm.domain.delegation_rules import GiftDraft
from crm.domain.partnership_rules import AgreementDraft, PartnershipDraft
from crm.domain.partnerships import PartnershipType
from crm.domain.text import DomainError
from crm.services import stored_files
from crm.services.backup_export import export_json
from crm.services.backup_import import import_json
from crm.services.bundle import Services
from crm.services.check import check
from crm.store import files as files_q
from crm.store import migrate
from crm.store.database import APP_NAME, Database
from crm.store.models import Place
from crm.store.partnership_models import Agreement, AgreementDocument, Gift, Partnership

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)
PDF = b"%PDF-1.4 Memorandum of understanding, signed 1985" * 200


def open_desktop(url: str, copies: Path) -> Services:
    """Liaison on one desktop: the shared database, the desktop's own folder of copies."""
    services = Services.open(url)
    services.agreements.files.folder = copies
    services.gifts.photos.files.folder = copies
    return services


@pytest.fixture
def agreement(services: Services) -> str:
    place, _ = services.partnerships.create_place(name="Hefei", country="CN")
    partnership, _ = services.partnerships.create(
        PartnershipDraft(place_id=place, type=PartnershipType.SISTER_CITY)
    )
    new, _ = services.agreements.add(partnership, AgreementDraft(title="MoU"))
    return new


@pytest.fixture
def colleague(services: Services, database_url: str, tmp_path: Path) -> Iterator[Services]:
    """A colleague's desktop on the same database."""
    other = open_desktop(database_url, tmp_path / "colleague" / "copies")
    yield other
    other.db.dispose()


def attach(services: Services, agreement: str, folder: Path, name: str, data: bytes) -> str:
    source = folder / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    return services.agreements.attach_document(agreement, source)


# One set of files for the office -------------------------------------------------------------


def test_a_document_attached_on_one_desktop_opens_on_another(
    services: Services, colleague: Services, agreement: str, tmp_path: Path
) -> None:
    document = attach(services, agreement, tmp_path / "mine", "MoU 1985.pdf", PDF)
    opened = colleague.agreements.document_path(document)
    assert opened.read_bytes() == PDF and opened.name == "MoU 1985.pdf"
    assert opened.is_relative_to(tmp_path / "colleague" / "copies")
    # Removed on one desktop, it is gone on the other too.
    services.agreements.remove_document(document)
    with pytest.raises(DomainError):
        colleague.agreements.document_path(document)


def test_a_gift_photo_taken_on_one_desktop_shows_on_another(
    services: Services, colleague: Services, tmp_path: Path
) -> None:
    photo = tmp_path / "vase.png"
    photo.write_bytes(PNG)
    gift, _ = services.gifts.register(GiftDraft(description="Vase"), photo=photo)
    shown = colleague.gifts.get(gift).photo_path
    assert shown is not None and shown.read_bytes() == PNG


def test_the_same_file_twice_is_kept_once_and_until_nothing_names_it(
    services: Services, agreement: str, tmp_path: Path
) -> None:
    first = attach(services, agreement, tmp_path, "MoU.pdf", PDF)
    second = attach(services, agreement, tmp_path, "MoU copy.pdf", PDF)
    sha = hashlib.sha256(PDF).hexdigest()
    with services.db.session() as session:
        assert files_q.kept(session, [sha]) == {sha}
        assert session.scalar(select(files_q.F.c.size)) == len(PDF)
    services.agreements.remove_document(first)
    assert services.agreements.document_path(second).read_bytes() == PDF
    services.agreements.delete(agreement)
    with services.db.session() as session:
        assert files_q.kept(session, [sha]) == set()


def test_the_copy_a_viewer_opens_is_read_only_and_made_again_if_changed(
    services: Services, agreement: str, tmp_path: Path
) -> None:
    document = attach(services, agreement, tmp_path, "MoU.pdf", PDF)
    opened = services.agreements.document_path(document)
    assert not os.stat(opened).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    opened.chmod(stat.S_IWUSR | stat.S_IRUSR)
    opened.write_bytes(b"edited in the viewer")  # saved over the copy all the same
    assert services.agreements.document_path(document).read_bytes() == PDF


def test_a_file_too_large_to_keep_is_refused_in_a_sentence(
    services: Services, agreement: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored_files, "MAX_FILE_MB", 1)
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"x" * (1024 * 1024 + 1))
    with pytest.raises(DomainError) as refused:
        services.agreements.attach_document(agreement, source)
    assert refused.value.render() == (
        "“scan.pdf” is larger than 1 MB, too large to keep in the database."
    )
    assert services.agreements.get(agreement).documents == ()


# Backups hold them --------------------------------------------------------------------------


def test_a_json_export_carries_the_files_and_restores_them(
    services: Services,
    agreement: str,
    empty_database_url: str,
    tmp_path: Path,
) -> None:
    document = attach(services, agreement, tmp_path, "MoU.pdf", PDF)
    photo = tmp_path / "vase.png"
    photo.write_bytes(PNG)
    gift, _ = services.gifts.register(GiftDraft(description="Vase"), photo=photo)
    export = tmp_path / "office.json"
    export_json(services.db, export)
    rows = json.loads(export.read_text(encoding="utf-8"))["tables"]["stored_file"]
    assert sorted(base64.b64decode(r["content"]) for r in rows) == sorted([PDF, PNG])

    import_json(export, Database(empty_database_url))
    restored = open_desktop(empty_database_url, tmp_path / "elsewhere")
    try:
        assert restored.agreements.document_path(document).read_bytes() == PDF
        assert restored.gifts.get(gift).photo_path.read_bytes() == PNG  # type: ignore[union-attr]
    finally:
        restored.db.dispose()


@pytest.mark.sqlite_only
def test_a_backup_of_the_file_holds_the_documents(
    services: Services, agreement: str, tmp_path: Path
) -> None:
    document = attach(services, agreement, tmp_path, "MoU.pdf", PDF)
    backup = services.backups.backup(tmp_path / "backup.sqlite3").path
    other = open_desktop(str(backup), tmp_path / "other copies")
    try:
        assert other.agreements.document_path(document).read_bytes() == PDF
    finally:
        other.db.dispose()


# Files kept in the data folder before ---------------------------------------------------------


def old_database(url: str) -> Database:
    """A database at the revision before files were kept in it, with an agreement, a document
    recorded without a checksum (as the first revisions did) and a gift with a photo."""
    db = Database(url)
    if db.path is not None:
        db.path.parent.mkdir(parents=True, exist_ok=True)
    with db.engine.begin() as conn:
        migrate.upgrade_on(conn, "0011")
        conn.execute(insert(Place.__table__).values(id="p", name="Hefei", country="CN"))  # type: ignore[attr-defined]
        conn.execute(
            insert(Partnership.__table__).values(  # type: ignore[attr-defined]
                id="hp", place_id="p", type="sister_city", status="active", version=1
            )
        )
        conn.execute(
            insert(Agreement.__table__).values(id="a", partnership_id="hp", kind="mou")  # type: ignore[attr-defined]
        )
        for document_id, name in (("d1", "MoU.pdf"), ("d2", "Annex.pdf")):
            conn.execute(
                insert(AgreementDocument.__table__).values(  # type: ignore[attr-defined]
                    id=document_id, agreement_id="a", filename=name, stored_name=name, sha256=""
                )
            )
        conn.execute(
            insert(Gift.__table__).values(id="g", description="Vase", photo="ab" * 16 + ".png")  # type: ignore[attr-defined]
        )
    return db


def data_folder(db: Database) -> Path:
    return db.path.parent if db.path is not None else user_data_path(APP_NAME, appauthor=False)


def test_the_upgrade_takes_in_the_files_this_desktop_kept(
    empty_database_url: str, tmp_path: Path
) -> None:
    db = old_database(empty_database_url)
    folder = data_folder(db)
    (folder / "documents" / "a").mkdir(parents=True)
    (folder / "documents" / "a" / "MoU.pdf").write_bytes(PDF)  # Annex.pdf is not on this desktop
    (folder / "photos").mkdir()
    (folder / "photos" / ("ab" * 16 + ".png")).write_bytes(PNG)
    migrate.upgrade(db)
    db.dispose()

    services = open_desktop(empty_database_url, tmp_path / "copies")
    try:
        [mou, annex] = services.agreements.get("a").documents
        assert mou.sha256 == hashlib.sha256(PDF).hexdigest()
        assert services.agreements.document_path("d1").read_bytes() == PDF
        with pytest.raises(DomainError) as missing:
            services.agreements.document_path("d2")
        assert "Annex.pdf" in missing.value.render()
        gift = services.gifts.get("g")
        assert gift.photo == hashlib.sha256(PNG).hexdigest() + ".png"
        assert gift.photo_path is not None and gift.photo_path.read_bytes() == PNG
        # The files are left where they were.
        assert (folder / "documents" / "a" / "MoU.pdf").read_bytes() == PDF
    finally:
        services.db.dispose()


def test_a_colleagues_desktop_takes_in_its_own_files_when_they_are_asked_for(
    empty_database_url: str, tmp_path: Path
) -> None:
    db = old_database(empty_database_url)
    migrate.upgrade(db)  # on a desktop that kept no file
    assert check(db).files_missing == 3  # two documents and a photo
    db.dispose()
    # The colleague who attached the annex opens it on their desktop.
    folder = data_folder(db)
    (folder / "documents" / "a").mkdir(parents=True)
    (folder / "documents" / "a" / "Annex.pdf").write_bytes(b"%PDF annex")
    (folder / "photos").mkdir()
    (folder / "photos" / ("ab" * 16 + ".png")).write_bytes(PNG)
    services = open_desktop(empty_database_url, tmp_path / "copies")
    try:
        assert services.agreements.document_path("d2").read_bytes() == b"%PDF annex"
        shown = services.gifts.photo_path("ab" * 16 + ".png")
        assert shown is not None and shown.read_bytes() == PNG
        assert services.gifts.get("g").photo == hashlib.sha256(PNG).hexdigest() + ".png"
        with services.db.session() as session:
            assert files_q.content(session, hashlib.sha256(b"%PDF annex").hexdigest())
        assert check(services.db).files_missing == 1  # MoU.pdf, kept on no desktop here
    finally:
        services.db.dispose()


def test_a_visits_gift_photos_are_kept_with_its_save_and_dropped_with_its_gifts(
    services: Services, tmp_path: Path
) -> None:
    from crm.domain.delegation_rules import DelegationDraft
    from crm.services.delegations import GiftEdit

    photo = tmp_path / "vase.png"
    photo.write_bytes(PNG)
    sha = hashlib.sha256(PNG).hexdigest()
    visit, _ = services.delegations.create(
        DelegationDraft(title="Hefei delegation"),
        gifts=[GiftEdit(None, GiftDraft(description="Vase"), photo)],
    )
    [gift] = services.gifts.of_delegation(visit)
    assert services.gifts.photo_path(gift.photo).read_bytes() == PNG  # type: ignore[union-attr]
    # Saved without its gift, the visit takes the photo with it.
    version = services.delegations.get(visit).version
    services.delegations.update(
        visit, DelegationDraft(title="Hefei delegation"), expected_version=version, gifts=[]
    )
    with services.db.session() as session:
        assert files_q.kept(session, [sha]) == set()
    # A save refused (someone saved first) keeps no photo either.
    with pytest.raises(DomainError):
        services.delegations.update(
            visit,
            DelegationDraft(title="Hefei delegation"),
            expected_version=version,
            gifts=[GiftEdit(None, GiftDraft(description="Vase"), photo)],
        )
    with services.db.session() as session:
        assert files_q.kept(session, [sha]) == set()
