"""``.argosmodel`` archives, checked before anything is written: an archive is input, not code.

What is refused, each as a one-line error naming the archive: entries outside one top-level
folder (zip-slip) or symbolic links; encrypted members or compression methods zipfile cannot
read; more than :data:`MAX_UNPACKED_BYTES` unpacked or a compression ratio above
:data:`MAX_RATIO` (a zip bomb); a package without ``model/model.bin`` or its tokenizer; package
names, versions and language codes that are not plain tokens (they are written into PO
headers and comments: a newline there would forge header fields).
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.core import InputError, OutputError, has_control

#: Real Argos packages unpack to 100–400 MB.
MAX_UNPACKED_BYTES = 2 * 2**30
#: Model weights barely compress (about 1.1:1); a bomb of zeros reaches 1000:1.
MAX_RATIO = 20
#: The ratio is only judged past this size: small text members compress well.
RATIO_FLOOR = 4 * 2**20
#: Methods Python's zipfile reads.
SUPPORTED_METHODS = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
#: Files a package needs, under its top folder.
REQUIRED_FILES = ("metadata.json", "model/model.bin", "sentencepiece.model")

_PACKAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,79}\Z")
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,31}\Z")
_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*\Z")


@dataclass(frozen=True)
class Metadata:
    """The fields of a package's ``metadata.json`` locpipe uses, validated."""

    from_code: str
    to_code: str
    name: str | None
    version: str | None


def metadata_problem(data: Any) -> str | None:
    """Why a parsed ``metadata.json`` is unusable, or None (at install and at load)."""
    if not isinstance(data, dict):
        return "metadata.json is not an object"
    for key in ("from_code", "to_code"):
        value = data.get(key)
        if not isinstance(value, str) or not _CODE.match(value):
            return f"metadata.json: bad {key} {_shown(value)}"
    for key, pattern in (("name", _PACKAGE_NAME), ("package_version", _VERSION)):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not pattern.match(value)):
            return f"metadata.json: bad {key} {_shown(value)} (letters, digits and . _ + - only)"
    prefix = data.get("target_prefix")
    if prefix is not None and (
        not isinstance(prefix, str) or has_control(prefix) or len(prefix) > 64
    ):
        return f"metadata.json: bad target_prefix {_shown(prefix)}"
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def read_archive(path: Path, max_bytes: int = MAX_UNPACKED_BYTES) -> tuple[str, dict[str, Any]]:
    """Validate an ``.argosmodel`` without unpacking it: (top folder, metadata)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            top = _single_top_folder(members, path)
            _check_members(members, top, path, max_bytes)
            bad = archive.testzip()
            if bad is not None:
                raise InputError(f"corrupt Argos model: bad CRC in {bad}", str(path))
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"not a valid Argos model (.argosmodel zip): {exc}", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the model: {exc.strerror or exc}", str(path)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0]
        raise InputError(
            f"not a valid Argos model: bad metadata.json: {reason}", str(path)
        ) from None
    problem = metadata_problem(metadata)
    if problem is not None:
        raise InputError(f"not a valid Argos model: {problem}", str(path))
    return top, metadata


def _single_top_folder(members: list[zipfile.ZipInfo], path: Path) -> str:
    """The one folder every entry sits under; refuse escapes (zip-slip) and symlinks."""
    tops = set()
    for member in members:
        name = member.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ":" in name or ".." in parts or not parts:
            raise InputError(f"unsafe path in Argos model archive: {name!r}", str(path))
        if stat.S_ISLNK(member.external_attr >> 16):
            raise InputError(f"symbolic link in Argos model archive: {name!r}", str(path))
        tops.add(parts[0])
        if len(parts) == 1 and not member.is_dir():
            raise InputError(f"file {name!r} outside the package folder", str(path))
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise InputError(f"an Argos model holds one top-level folder, found: {found}", str(path))
    return tops.pop()


def _check_members(members: list[zipfile.ZipInfo], top: str, path: Path, max_bytes: int) -> None:
    """Encryption, compression methods, unpacked size and ratio, required files."""
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(f"encrypted member in Argos model: {member.filename!r}", str(path))
        if member.compress_type not in SUPPORTED_METHODS:
            method = member.compress_type
            raise InputError(
                f"unsupported compression method {method} for {member.filename!r} "
                f"(supported: {', '.join(SUPPORTED_METHODS.values())})",
                str(path),
            )
    # zipfile never yields more than a member's declared size, so the sum bounds the output.
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_bytes:
        raise InputError(
            f"Argos model unpacks to {unpacked / 2**20:,.0f} MiB; the limit is "
            f"{max_bytes / 2**20:,.0f} MiB",
            str(path),
        )
    packed = max(1, path.stat().st_size)
    if unpacked > RATIO_FLOOR and unpacked / packed > MAX_RATIO:
        raise InputError(
            f"Argos model compressed {unpacked / packed:,.0f}:1; more than {MAX_RATIO}:1 "
            "is a zip bomb, not model weights",
            str(path),
        )
    sizes = {member.filename: member.file_size for member in members}
    for required in REQUIRED_FILES:
        if not sizes.get(f"{top}/{required}"):
            raise InputError(f"not a valid Argos model: no {top}/{required}", str(path))


def extract_archive(path: Path, staging: Path) -> None:
    """Unpack a validated archive into ``staging``; a full disk is an OutputError."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                _extract_member(archive, member, staging, path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot install the model: {reason}", str(staging.parent)) from None


def _extract_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, staging: Path, path: Path
) -> None:
    # Paths were validated already; resolve again so nothing can land outside staging.
    destination = (staging / member.filename).resolve()
    if not destination.is_relative_to(staging.resolve()):
        raise InputError(f"unsafe path in Argos model archive: {member.filename!r}", str(path))
    if member.is_dir():
        destination.mkdir(parents=True, exist_ok=True)
        return
    destination.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target)
