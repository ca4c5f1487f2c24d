#!/usr/bin/env python3
"""Renders the application icon (resources/icons/liaison.svg) into the files each desktop wants:
PNGs in the freedesktop hicolor sizes, a Windows .ico and a macOS .icns.

The outputs are committed, so a build needs neither this script nor an SVG renderer; run it again
after changing the SVG:

    QT_QPA_PLATFORM=offscreen python packaging/make-icons.py

Qt's SVG renderer draws every size (the same one the app uses for its window icon). Qt writes only
one image per .ico and reads .icns without writing it, so both containers are assembled here:
each is a short header followed by PNG images, which Windows (Vista on) and macOS (10.7 on) read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.liaison_crm.Liaison"
SOURCE = ROOT / "resources" / "icons" / "liaison.svg"
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types holding PNG data, and their size in pixels (the @2x types draw the next
# size up on Retina screens).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon drawn at `size` × `size` on a transparent background, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # PySide6 takes str here
        raise RuntimeError(f"Qt could not encode the {size} px icon as PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows icon: ICONDIR, one 16-byte ICONDIRENTRY per image, then the PNG images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 stands for 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        payload += png
    return header + entries + payload


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS icon: the `icns` magic and total length, then (type, length, PNG) entries."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "packaging", help="the packaging folder to write into"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt draws only once a GUI application exists (offscreen is enough).
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"Qt cannot render {SOURCE}", file=sys.stderr)
        return 1
    sizes = set(HICOLOR_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES}
    images = {size: render(renderer, size) for size in sorted(sizes)}

    out: Path = args.out
    for size in HICOLOR_SIZES:
        target = out / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(images[size])
    scalable = out / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    (out / "windows").mkdir(parents=True, exist_ok=True)
    (out / "windows" / "liaison.ico").write_bytes(ico({s: images[s] for s in ICO_SIZES}))
    (out / "macos").mkdir(parents=True, exist_ok=True)
    (out / "macos" / "liaison.icns").write_bytes(icns(images))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
