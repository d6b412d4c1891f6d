"""Installing, listing and removing Argos packages: validated archives, no network."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.core.errors import InputError
from pipeline.mt.argos import (
    find_model,
    install_by_name,
    install_file,
    install_hint,
    installed_models,
    packages_dir,
    remove_model,
)

METADATA = json.dumps({"type": "translate", "from_code": "en", "to_code": "ja"})
#: The files a package needs besides its metadata (contents only matter once it loads).
PACKAGE_FILES = {"pkg/model/model.bin": b"weights", "pkg/sentencepiece.model": b"pieces"}


def make_zip(path: Path, entries: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


def test_packages_dir_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path))
    assert packages_dir() == tmp_path


def test_install_list_find_remove(tmp_path: Path, copy_model_files: dict[str, Path]) -> None:
    packages = tmp_path / "packages"
    installed = install_file(copy_model_files["zh"], packages)
    assert installed.path == packages / "locpipe-test-en_zh"
    assert [m.folder for m in installed_models(packages)] == ["locpipe-test-en_zh"]
    assert find_model("en", "zh", packages) == installed
    assert find_model("en", "ja", packages) is None
    install_file(copy_model_files["zh"], packages)  # reinstalling replaces, never duplicates
    assert len(installed_models(packages)) == 1
    assert remove_model("translate-en_zh", packages) == installed
    assert installed_models(packages) == []
    with pytest.raises(InputError, match="no installed Argos package 'nope'"):
        remove_model("nope", packages)


def test_regional_codes_use_the_argos_pair(
    tmp_path: Path, copy_model_files: dict[str, Path]
) -> None:
    packages = tmp_path / "packages"
    installed = install_file(copy_model_files["ja"], packages)
    assert find_model("en", "ja_JP", packages) == installed
    assert find_model("en_US", "ja-JP", packages) == installed
    assert find_model("en", "zh_TW", packages) is None


@pytest.mark.parametrize(
    ("code", "package"),
    [
        pytest.param("ja_JP", "translate-en_ja", id="ja_JP"),
        pytest.param("zh_TW", "translate-en_zt", id="zh_TW"),
        pytest.param("zh-Hant", "translate-en_zt", id="zh-Hant"),
        pytest.param("zh_CN", "translate-en_zh", id="zh_CN"),
    ],
)
def test_install_hint_names_a_real_package(code: str, package: str) -> None:
    assert install_hint("en", code).startswith(f"locpipe models install {package} ")


@pytest.mark.parametrize(
    ("entries", "symlink", "message"),
    [
        pytest.param(
            {"pkg/metadata.json": METADATA.encode(), "../evil.txt": b"x"},
            None,
            "unsafe path",
            id="dotdot",
        ),
        pytest.param(
            {"pkg/metadata.json": METADATA.encode(), "pkg/../../evil.txt": b"x"},
            None,
            "unsafe path",
            id="nested-dotdot",
        ),
        pytest.param(
            {"pkg/metadata.json": METADATA.encode(), "/tmp/evil.txt": b"x"},
            None,
            "unsafe path",
            id="absolute",
        ),
        pytest.param(
            {"pkg/metadata.json": METADATA.encode()}, "pkg/link", "symbolic link", id="symlink"
        ),
        pytest.param(
            {"a/metadata.json": METADATA.encode(), "b/metadata.json": METADATA.encode()},
            None,
            "one top-level folder",
            id="two-folders",
        ),
        pytest.param({"pkg/model/model.bin": b""}, None, "no pkg/metadata.json", id="no-metadata"),
        pytest.param(
            {"pkg/metadata.json": b"{not json", **PACKAGE_FILES},
            None,
            "bad metadata.json",
            id="bad-metadata",
        ),
        pytest.param(
            {"pkg/metadata.json": b"[]", **PACKAGE_FILES},
            None,
            "not an object",
            id="metadata-shape",
        ),
    ],
)
def test_bad_archives_are_refused_before_anything_is_written(
    tmp_path: Path, entries: dict[str, bytes], symlink: str | None, message: str
) -> None:
    archive = make_zip(tmp_path / "bad.argosmodel", entries, symlink)
    packages = tmp_path / "root" / "packages"
    before = files_under(tmp_path) - {archive}
    with pytest.raises(InputError, match=message) as caught:
        install_file(archive, packages)
    assert str(archive) in str(caught.value)
    assert files_under(tmp_path) - {archive} == before  # nothing inside or outside the folder
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize(
    "data",
    [pytest.param(b"not a zip at all", id="not-zip"), pytest.param(None, id="truncated")],
)
def test_corrupt_model_file_is_one_clear_error_exit_2(
    tmp_path: Path,
    copy_model_files: dict[str, Path],
    data: bytes | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    archive = tmp_path / "corrupt.argosmodel"
    archive.write_bytes(data if data is not None else copy_model_files["ja"].read_bytes()[:5000])
    with pytest.raises(SystemExit) as caught:
        main(["models", "install", str(archive)])
    _, err = capsys.readouterr()
    assert caught.value.code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"locpipe: error: {archive}: not a valid Argos model"
    )
    assert not (Path(packages_dir()) / "corrupt").exists()


def test_install_by_name_offline_says_what_to_download(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        install_by_name("translate-en_ja", tmp_path)
    message = str(caught.value)
    assert "cannot read Argos's index" in message
    assert "download translate-en_ja-*.argosmodel" in message
    assert "locpipe models install FILE" in message


def test_install_by_name_from_a_local_index(
    tmp_path: Path, copy_model_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    index = [{"from_code": "en", "to_code": "ja", "links": [copy_model_files["ja"].as_uri()]}]
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", tmp_path.as_uri() + "/")
    installed = install_by_name("translate-en_ja", tmp_path / "packages")
    assert installed.info.to_code == "ja"
    with pytest.raises(InputError, match="no package 'translate-en_xx'"):
        install_by_name("translate-en_xx", tmp_path / "packages")


def test_models_cli_install_list_remove(
    tmp_path: Path,
    copy_model_files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    for args in (["models", "install", str(copy_model_files["ja"])], ["models", "list"]):
        with pytest.raises(SystemExit) as caught:
            main(args)
        assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "installed locpipe-test-en_ja 1.0 (en→ja)" in out and "locpipe-test-en_ja" in out
    with pytest.raises(SystemExit) as caught:
        main(["models", "remove", "locpipe-test-en_ja"])
    assert caught.value.code == 0
    assert installed_models(tmp_path / "packages") == []


def test_a_package_tampered_after_install_is_refused_at_load(
    tmp_path: Path, copy_model_files: dict[str, Path]
) -> None:
    """Its name is written into PO headers: a newline there would forge header fields."""
    packages = tmp_path / "packages"
    installed = install_file(copy_model_files["ja"], packages)
    metadata_file = installed.path / "metadata.json"
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    metadata["name"] = "evil\nPlural-Forms: nplurals=3; plural=n>;\nLanguage: fr"
    metadata_file.write_text(json.dumps(metadata), encoding="utf-8")
    with pytest.raises(InputError, match=r"installed Argos package is unusable: .* bad name"):
        find_model("en", "ja", packages)


def test_a_package_whose_model_no_longer_loads_stops_before_drafting(
    tmp_path: Path, copy_model_files: dict[str, Path]
) -> None:
    from pipeline.mt.argos import ArgosEngine

    installed = install_file(copy_model_files["ja"], tmp_path / "packages")
    weights = installed.path / "model" / "model.bin"
    weights.write_bytes(weights.read_bytes()[:1000])  # truncated on disk after the install
    with pytest.raises(InputError, match="the Argos package does not load: "):
        ArgosEngine(installed, beam_size=4).load()


def test_a_full_disk_during_install_is_one_error_and_leaves_nothing(
    tmp_path: Path, copy_model_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.core.errors import OutputError
    from pipeline.mt import archive

    def full_disk(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive.shutil, "copyfileobj", full_disk)
    packages = tmp_path / "packages"
    with pytest.raises(OutputError, match="cannot install the model: No space left on device"):
        install_file(copy_model_files["ja"], packages)
    assert not packages.exists()  # no half-unpacked package, no staging folder


def test_decode_result_gives_each_hypothesis_as_the_batch_decode_does(
    copy_packages: Path,
) -> None:
    """Decoding hypothesis by hypothesis (no thread pool per call) changes no text."""
    from pipeline.mt.argos import decode_result, decoding_limit, load_model, translate_options

    model = find_model("en", "ja", copy_packages)
    assert model is not None
    translator, tokenizer = load_model(model.path, 1)
    sources = ["The yen weakened 1.8% on Monday.", "Tokyo and Beijing met.", "Hi"]
    batch = tokenizer.encode(sources, out_type=str)
    limit = decoding_limit(max(map(len, batch)))
    results = translator.translate_batch(batch, **translate_options(4, 4, limit, 16))
    for source, result in zip(sources, results, strict=True):
        hypotheses = decode_result(tokenizer, result, "", limit)
        batch_texts = tokenizer.decode([list(h) for h in result.hypotheses])
        assert [h.text for h in hypotheses] == [t.replace("▁", " ") for t in batch_texts]
        assert hypotheses[0].text == source  # the copy model copies its source
        assert len(hypotheses) == 4
