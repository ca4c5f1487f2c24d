"""The desktop-integration files in packaging/: valid for the freedesktop tools when they are
installed (CI installs them), and consistent with each other and with the project everywhere."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.liaison_crm.Liaison"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
REPOSITORY = "https://github.com/liaison-crm/liaison"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _project() -> dict[str, str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    return {"version": project["version"], "license": project["license"]["text"]}


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstreamcli (appstream)")
def test_appstreamcli_validates_the_metainfo() -> None:
    # --no-net: the screenshot and homepage addresses are checked once the repository is public.
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="needs desktop-file-validate (desktop-file-utils)",
)
def test_desktop_file_validate_accepts_the_desktop_entry() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_metainfo_describes_this_release_of_liaison() -> None:
    project = _project()
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == project["license"]
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    releases = root.findall("releases/release")
    assert releases[0].get("version") == project["version"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date") or "")
    assert root.find("content_rating") is not None
    assert root.findtext("url[@type='homepage']") == REPOSITORY
    for tag in ("name", "summary"):
        translated = [e.text for e in root.findall(tag) if e.get(XML_LANG) == "zh_CN"]
        assert translated and re.search(r"[\u4e00-\u9fff]", translated[0] or ""), tag


def test_every_screenshot_is_a_picture_in_the_repository() -> None:
    images = [e.text or "" for e in ET.parse(METAINFO).getroot().iter("image")]
    assert images
    for url in images:
        assert url.startswith(f"{REPOSITORY}/raw/main/"), url
        assert (ROOT / url.removeprefix(f"{REPOSITORY}/raw/main/")).is_file(), url


def test_the_desktop_entry_starts_the_app_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "liaison"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert re.search(r"[\u4e00-\u9fff]", entry["Name[zh_CN]"])
    assert re.search(r"[\u4e00-\u9fff]", entry["Comment[zh_CN]"])


def test_the_icon_exists_in_every_size_a_desktop_asks_for(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    for size in HICOLOR_SIZES:
        path = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(path))
        assert not image.isNull(), path
        assert (image.width(), image.height()) == (size, size), path
        centre = image.pixelColor(size // 2, size // 5)  # inside the rounded square
        assert centre.alpha() == 255, path
    scalable = PACKAGING / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    source = ROOT / "resources" / "icons" / "liaison.svg"
    assert scalable.read_bytes() == source.read_bytes(), "run packaging/make-icons.py again"


def test_the_svg_icon_renders(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "liaison.svg"))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height() > 0


@pytest.mark.parametrize(
    ("path", "sizes"),
    [
        ("windows/liaison.ico", {16, 24, 32, 48, 64, 128, 256}),
        ("macos/liaison.icns", {16, 32, 64, 128, 256, 512, 1024}),
    ],
)
def test_windows_and_macos_icons_hold_every_size(qapp, path: str, sizes: set[int]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(PACKAGING / path))
    found = set()
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), (path, index, reader.errorString())
        assert image.width() == image.height()
        found.add(image.width())
    assert found == sizes


def test_the_windows_installer_turns_on_the_same_start_at_login_as_the_app() -> None:
    """Settings shows what the installer set, and can turn it off: the same registry value."""
    from crm.services import autostart

    script = (PACKAGING / "windows" / "liaison.iss").read_bytes()
    assert script.startswith(b"\xef\xbb\xbf"), "Inno Setup reads UTF-8 only with its BOM"
    text = script.decode("utf-8-sig")
    assert f'#define RunKey "{autostart.RUN_KEY}"' in text
    assert f'#define RunValue "{autostart.VALUE_NAME}"' in text
    assert 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in text


def test_every_packaging_file_names_the_app_the_same_way() -> None:
    for path in (
        PACKAGING / "liaison.spec",
        PACKAGING / "make-icons.py",
        METAINFO,
        DESKTOP,
    ):
        assert APP_ID in path.read_text(encoding="utf-8"), path
