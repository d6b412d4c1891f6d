"""Writes the hostile ``.argosmodel`` files kept under ``tests/data/`` (run once; they are committed).

    python -m tests.support.hostile

Each is small and reproducible. The text cases (YAML) are written by hand next to them.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
TOP = "pkg"
GOOD_METADATA = {"type": "translate", "from_code": "en", "to_code": "ja", "name": "hostile"}


def _package(metadata: dict[str, object], **extra: bytes) -> dict[str, bytes]:
    files = {
        f"{TOP}/metadata.json": json.dumps(metadata).encode(),
        f"{TOP}/model/model.bin": b"not ctranslate2 weights",
        f"{TOP}/sentencepiece.model": b"not a sentencepiece model",
    }
    files.update({f"{TOP}/{name}": data for name, data in extra.items()})
    return files


def _write(path: Path, files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)


def _patch_headers(path: Path, flag_bits: int | None = None, method: int | None = None) -> None:
    """Set every member's flag bits or compression method in both local and central headers."""
    data = bytearray(path.read_bytes())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if flag_bits is not None:
                old = struct.unpack_from("<H", data, start + flag_at)[0]
                struct.pack_into("<H", data, start + flag_at, old | flag_bits)
            if method is not None:
                struct.pack_into("<H", data, start + method_at, method)
            start += 4
    path.write_bytes(bytes(data))


def write_all() -> list[Path]:
    """Every hostile archive; returns their paths."""
    written = []

    def out(name: str) -> Path:
        written.append(DATA / f"hostile_model_{name}.argosmodel")
        return written[-1]

    # 64 MiB of zeros compress to about 64 KiB: a 1000:1 zip bomb.
    _write(out("zip_bomb"), _package(GOOD_METADATA, **{"model/model.bin": bytes(64 * 2**20)}))
    encrypted = out("encrypted")
    _write(encrypted, _package(GOOD_METADATA))
    _patch_headers(encrypted, flag_bits=0x1)
    deflate64 = out("deflate64")
    _write(deflate64, _package(GOOD_METADATA), zipfile.ZIP_STORED)
    _patch_headers(deflate64, method=9)  # Deflate64: zipfile cannot read it
    files = _package(GOOD_METADATA)
    del files[f"{TOP}/model/model.bin"]
    _write(out("no_model_bin"), files)
    _write(out("truncated_model_bin"), _package(GOOD_METADATA))
    evil_name = "evil\nPlural-Forms: nplurals=3; plural=n>;\nLanguage: fr"
    _write(out("newline_in_name"), _package({**GOOD_METADATA, "name": evil_name}))
    _write(out("newline_in_version"), _package({**GOOD_METADATA, "package_version": "1\n#, fuzzy"}))
    _write(out("bad_language_code"), _package({**GOOD_METADATA, "to_code": "ja\nLanguage: fr"}))
    _write(out("newline_in_prefix"), _package({**GOOD_METADATA, "target_prefix": "__ja__\nX: y"}))
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path.relative_to(DATA.parent.parent), path.stat().st_size)
