"""What the window does not need is not loaded when the app starts, and stays out of memory
until it is asked for: pypinyin's dictionaries (some 55 MB resident; pinyin is stored with each
contact, and a window of Latin names never needs them), and the services of the occasional
jobs (greetings with Jinja2 and e-mail, duplicates with rapidfuzz, imports and exports with
their file formats: some 10 MB; visits, gifts, agreements, follow-ups and restores: 2.5 MB;
SQLAlchemy's PostgreSQL dialect for an office on SQLite: 2 MB).
Each check runs in a fresh interpreter, where nothing was imported before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> str:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_window_services_and_pages_load_without_the_pinyin_dictionaries() -> None:
    loaded = _run(
        "import sys\n"
        "import crm.services.bundle, crm.ui.main_window, crm.ui.models.contacts\n"
        "import crm.ui.pages.contacts, crm.ui.pages.today, crm.ui.pages.partnerships\n"
        "from crm.domain.names import latin_name\n"
        "from crm.domain.places import place_words\n"
        "assert latin_name('Wang', 'Fang', '王芳') == 'Wang Fang'\n"
        "assert place_words('Hamburg', '') == ('hamburg', '')\n"
        "print('pypinyin' in sys.modules)"
    )
    assert loaded == "False"


def test_the_first_pinyin_asked_for_is_read_as_before() -> None:
    found = _run(
        "from crm.domain.names import display_pinyin, pinyin_variants\n"
        "from crm.domain.places import place_words\n"
        "from crm.domain.search import search_document\n"
        "print(display_pinyin('单丽华'))\n"
        "print(' '.join(place_words('Hefei', '合肥')))\n"
        "print(['dan', 'li', 'hua'] in pinyin_variants('单丽华'))\n"
        "print('wf' in search_document(name_zh='王芳').split())"
    )
    assert found.splitlines() == ["Shan Lihua", "hefei 合 肥 hefei he fei hf", "True", "True"]


def test_the_occasional_services_are_built_when_first_used(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3"
    _run(f"from crm.services.bundle import Services\nServices.open({str(office)!r})")
    found = _run(
        "import sys\n"
        "from crm.services.bundle import Services\n"
        "import crm.ui.main_window, crm.ui.pages.contacts, crm.ui.pages.today\n"
        "import crm.ui.pages.partnerships\n"
        "heavy = ('rapidfuzz', 'jinja2', 'smtplib', 'crm.services.greetings',\n"
        "         'sqlalchemy.dialects.postgresql',\n"
        "         'crm.services.duplicates', 'crm.services.importing',\n"
        "         'crm.services.history_exchange', 'crm.services.delegations',\n"
        "         'crm.services.preparation', 'crm.services.gifts', 'crm.services.photos',\n"
        "         'crm.services.agreements', 'crm.services.follow_ups',\n"
        "         'crm.services.restore', 'crm.services.backup_export')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        f"services = Services.open({str(office)!r})\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "print(type(services.greetings).__name__, type(services.duplicates).__name__)\n"
        "print(type(services.delegations).__name__, type(services.restore).__name__)\n"
        "print(services.importer is services.importer)\n"
        "print('jinja2' in sys.modules, 'rapidfuzz' in sys.modules)"
    )
    assert found.splitlines() == [
        "[]",
        "[]",  # the office open (made before) and the pages built: none of them yet
        "GreetingService DuplicateService",
        "DelegationService RestoreService",
        "True",  # built once
        "True True",
    ]
