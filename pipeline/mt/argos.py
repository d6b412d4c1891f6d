"""The Argos Translate adapter: installed packages, safe installs, and a batched CTranslate2 engine.

The only module that imports argostranslate, ctranslate2 and sentencepiece, always lazily:
argostranslate reads its settings and creates folders when first imported
(docs/architecture.md#engine).
We drive the package's CTranslate2 Translator and SentencePiece model directly; argos's own
sentence splitter (MiniSBD downloads an ONNX model on first use) is never needed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.core import InputError, LocpipeError, OutputError, is_known_language, resolve
from pipeline.mt.archive import extract_archive, metadata_problem, read_archive
from pipeline.mt.engine import Hypothesis, ModelInfo
from pipeline.mt.runtime import quiet_openmp, thread_counts

ARGOS_INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"
DOWNLOAD_TIMEOUT = 30.0
#: Generous headroom: a translation may be longer than its source, never 2× + 16 pieces.
DECODING_FACTOR, DECODING_EXTRA, DECODING_CAP = 2, 16, 1000
#: Argos's default; real packages are tuned with it.
LENGTH_PENALTY = 0.2

# One Translator and tokenizer per model per process: a second Translator with intra_threads=0
# makes small calls ~20× slower (docs/architecture.md#threads).
_LOADED: dict[Path, tuple[Any, Any]] = {}
_LOADING = threading.Lock()  # the local executor calls translate from several threads


@dataclass(frozen=True)
class InstalledModel:
    """An installed Argos package."""

    info: ModelInfo
    path: Path
    folder: str
    target_prefix: str = ""


def packages_dir() -> Path:
    """Where Argos packages live: ``ARGOS_PACKAGES_DIR`` if set (read now), else argos's default."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    from argostranslate import settings

    return Path(settings.package_data_dir)


def package_name(from_code: str, to_code: str) -> str:
    """The name argospm and Argos's index give the package for a language pair."""
    return f"translate-{from_code}_{to_code}"


def argos_code(code: str) -> str:
    """Argos's name for a configured language: ``zt`` for zh_TW/zh_Hant, ``ja`` for ja_JP."""
    return resolve(code).argos_code if is_known_language(code) else code


def install_hint(from_code: str, to_code: str) -> str:
    """What a user runs to get the model for a pair, online or from a downloaded file."""
    name = package_name(argos_code(from_code), argos_code(to_code))
    return (
        f"locpipe models install {name}  (offline: download {name}-*.argosmodel from "
        f"{ARGOS_INDEX_PAGE} and run 'locpipe models install FILE')"
    )


def installed_models(folder: Path | None = None) -> list[InstalledModel]:
    """Installed translation packages, read through ``argostranslate.package``."""
    from argostranslate.package import Package

    root = folder or packages_dir()
    found = []
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if not (path / "metadata.json").is_file():
            continue  # a stray folder, not a package
        try:
            metadata = json.loads((path / "metadata.json").read_text("utf-8"))
            package = Package(path)
        except (OSError, ValueError):
            continue  # unreadable metadata: not a usable package
        if (problem := metadata_problem(metadata)) is not None:
            # Its name would be written into PO headers: a tampered package stops here.
            raise InputError(f"installed Argos package is unusable: {problem}", str(path))
        name = str(metadata.get("name") or "")
        if package.type != "translate" or not package.from_code or not package.to_code:
            continue
        info = ModelInfo(
            package=name or package_name(package.from_code, package.to_code),
            version=str(package.package_version or "?"),
            from_code=package.from_code,
            to_code=package.to_code,
        )
        found.append(InstalledModel(info, path, path.name, package.target_prefix or ""))
    return found


def find_model(from_code: str, to_code: str, folder: Path | None = None) -> InstalledModel | None:
    """The installed package for a pair, the newest version first; None if none.

    Configured codes map to Argos's (``ja_JP`` uses the en→ja package, ``zh_TW`` en→zt).
    """
    pair = (argos_code(from_code), argos_code(to_code))
    matches = [m for m in installed_models(folder) if (m.info.from_code, m.info.to_code) == pair]
    return max(matches, key=lambda m: _version_key(m.info.version), default=None)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def install_file(path: Path, folder: Path | None = None) -> InstalledModel:
    """Install a local ``.argosmodel`` after validating it; replaces an older copy."""
    if not path.is_file():
        raise InputError("no such model file", str(path))
    top, _ = read_archive(path)
    root = folder or packages_dir()
    created = not root.exists()
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".locpipe-install-", dir=root))
    except OSError as exc:
        raise OutputError(f"cannot install the model: {exc.strerror or exc}", str(root)) from None
    try:
        extract_archive(path, staging)
        check_loads(staging / top, str(path))  # before it replaces a working package
        target = root / top
        if target.exists():
            shutil.rmtree(target)
        (staging / top).rename(target)
    except LocpipeError:
        if created:  # a refused package leaves no trace, not even an empty packages folder
            shutil.rmtree(root, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    model = next((m for m in installed_models(root) if m.folder == top), None)
    if model is None:
        raise InputError("installed, but argostranslate cannot read the package", str(path))
    return model


def install_by_name(name: str, folder: Path | None = None) -> InstalledModel:
    """Download a package named in Argos's index (``translate-en_ja``) and install it."""
    index_url = _index_url()
    try:
        with urllib.request.urlopen(index_url, timeout=DOWNLOAD_TIMEOUT) as response:
            index = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        reason = f"cannot read Argos's index {index_url} ({exc})"
        raise InputError(_offline_message(name, reason)) from None
    entry = next((e for e in index if isinstance(e, dict) and _index_name(e) == name), None)
    if entry is None:
        known = sorted(_index_name(e) for e in index if isinstance(e, dict))
        raise InputError(f"no package '{name}' in Argos's index; known: {', '.join(known)}")
    links = [str(link) for link in entry.get("links", [])]
    with tempfile.TemporaryDirectory(prefix="locpipe-download-") as scratch:
        archive = Path(scratch) / f"{name}.argosmodel"
        for link in links:
            try:
                with urllib.request.urlopen(link, timeout=DOWNLOAD_TIMEOUT) as response:
                    archive.write_bytes(response.read())
                break
            except OSError:
                continue
        else:
            raise InputError(_offline_message(name, f"cannot download {' or '.join(links)}"))
        return install_file(archive, folder)


def _index_url() -> str:
    base = os.environ.get("ARGOS_PACKAGE_INDEX")
    if base is None:
        from argostranslate import settings

        base = str(settings.package_index)
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _index_name(entry: dict[str, Any]) -> str:
    return package_name(str(entry.get("from_code")), str(entry.get("to_code")))


def _offline_message(name: str, reason: str) -> str:
    return (
        f"{reason}. On a machine with network access download {name}-*.argosmodel from "
        f"{ARGOS_INDEX_PAGE}, copy it here and run 'locpipe models install FILE'"
    )


def remove_model(name: str, folder: Path | None = None) -> InstalledModel:
    """Remove an installed package by folder name or package name (``translate-en_ja``)."""
    models = installed_models(folder)
    for model in models:
        pair = package_name(model.info.from_code, model.info.to_code)
        if name in (model.folder, model.info.package, pair):
            shutil.rmtree(model.path)
            return model
    installed = ", ".join(m.folder for m in models) or "none"
    raise InputError(f"no installed Argos package '{name}'; installed: {installed}")


class ArgosEngine:
    """Drafts with an installed package: one length-sorted ``translate_batch`` over all units."""

    def __init__(
        self,
        model: InstalledModel,
        beam_size: int,
        max_batch_size: int = 16,
        threads: int | None = None,
        cores: int | None = None,
    ) -> None:
        self.installed = model
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.threads = threads  # intra_threads; None: one worker per core (mt.runtime)
        self.cores = cores  # the cores for those workers when not all of this machine's

    @property
    def model(self) -> ModelInfo:
        return self.installed.info

    @property
    def options(self) -> str:
        return f"beam:{self.beam_size}|lp:{LENGTH_PENALTY}|prefix:{self.installed.target_prefix}"

    def load(self) -> ArgosEngine:
        """Load the model now, so a broken package stops a job before any drafting."""
        load_model(self.installed.path, self.threads, self.cores)
        return self

    def translate(self, sources: list[str], n_best: int) -> list[list[Hypothesis]]:
        """n-best translations of every source, best first, in input order."""
        if not sources:
            return []
        translator, tokenizer = load_model(self.installed.path, self.threads, self.cores)
        # One thread: SentencePiece's batch API starts a thread pool per call, which costs
        # more than it saves on one chunk (~5× slower for 64 sentences here).
        encoded = tokenizer.encode(sources, out_type=str, num_threads=1)
        batch = [list(pieces) for pieces in encoded]
        order = sorted(range(len(batch)), key=lambda i: len(batch[i]))
        limit = decoding_limit(max(len(pieces) for pieces in batch))
        options = translate_options(self.beam_size, n_best, limit, self.max_batch_size)
        prefix = self.installed.target_prefix
        if prefix:
            options["target_prefix"] = [[prefix]] * len(batch)
        results = translator.translate_batch([batch[i] for i in order], **options)
        drafts: list[list[Hypothesis]] = [[] for _ in batch]
        for index, result in zip(order, results, strict=True):
            drafts[index] = decode_result(tokenizer, result, prefix, limit)
        return drafts


def translate_options(
    beam_size: int, n_best: int, limit: int, max_batch_size: int
) -> dict[str, Any]:
    """The ``translate_batch`` settings locpipe drafts with (the benchmark reuses them)."""
    return {
        "max_batch_size": max_batch_size,
        "beam_size": max(beam_size, n_best),
        "num_hypotheses": n_best,
        "return_scores": True,
        "max_decoding_length": limit,
        "length_penalty": LENGTH_PENALTY,
        "replace_unknowns": True,
    }


def decoding_limit(longest_source: int) -> int:
    """A decoding limit no faithful translation reaches; reaching it marks an output cut."""
    return min(DECODING_CAP, DECODING_FACTOR * longest_source + DECODING_EXTRA)


def decode_result(tokenizer: Any, result: Any, prefix: str, limit: int) -> list[Hypothesis]:
    """Decode as argostranslate does: pieces → text, ``▁`` and ``_`` → space, prefix dropped."""
    pieces = [list(h) for h in result.hypotheses]
    cut = [len(p) >= limit for p in pieces]
    if prefix:
        pieces = [p[1:] if p[:1] == [prefix] else p for p in pieces]
    # One decode per hypothesis: the batch form starts a thread pool per call (~12× slower
    # for a 4-best list here, ~20% of a run's engine time on the test model).
    texts = [tokenizer.decode(p) for p in pieces]
    hypotheses = []
    for text, score, was_cut in zip(texts, result.scores, cut, strict=True):
        text = text.replace("▁", " ").replace("_", " ")
        hypotheses.append(Hypothesis(text.removeprefix(" "), float(score), was_cut))
    return hypotheses


def load_model(path: Path, threads: int | None = None, cores: int | None = None) -> tuple[Any, Any]:
    """The package's CTranslate2 Translator and SentencePiece processor, loaded once.

    ``threads`` sets ``intra_threads`` (``mt.threads``); None runs one single-threaded worker
    per core this process may use (``mt.runtime``), or per one of ``cores``. The first load in
    a process decides it.
    """
    with _LOADING:
        if path not in _LOADED:
            _LOADED[path] = _load(path, threads, cores)
    return _LOADED[path]


def _load(path: Path, threads: int | None, cores: int | None = None) -> tuple[Any, Any]:
    quiet_openmp()  # before ctranslate2 loads its OpenMP runtime
    import ctranslate2
    import sentencepiece as spm

    tokenizer_file = path / "sentencepiece.model"
    if not tokenizer_file.is_file():
        raise InputError(
            "package has no sentencepiece.model (BPE packages are not supported)", str(path)
        )
    intra, inter = thread_counts(threads, cores)
    try:
        translator = ctranslate2.Translator(
            str(path / "model"), device="cpu", inter_threads=inter, intra_threads=intra
        )
        tokenizer = spm.SentencePieceProcessor(model_file=str(tokenizer_file))
    except Exception as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"the Argos package does not load: {reason}", str(path)) from None
    return translator, tokenizer


def check_loads(path: Path, shown: str) -> None:
    """Load a package's model and tokenizer once, to refuse a broken one with one line."""
    import ctranslate2
    import sentencepiece as spm

    try:
        ctranslate2.Translator(str(path / "model"), device="cpu", intra_threads=1)
        spm.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    except Exception as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(f"not a valid Argos model: it does not load: {reason}", shown) from None
