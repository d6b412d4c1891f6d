"""A quick command loads only what it needs: ``update`` never imports MT, the TM or the rules.

Start-up is paid by every command (docs/architecture.md#layout); these tests name the modules a
command must not load, so a stray import at module level in a shared module shows up here.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.cli.app import GC_THRESHOLD

#: Modules only the MT engine, TMX/XLIFF, tables, checking, editions or the review page need.
HEAVY = (
    "ctranslate2",
    "argostranslate",
    "lxml",
    "rich",
    "urllib.request",
    "pipeline.mt.argos",
    "pipeline.tm.tmx",
    "pipeline.qa",
    "pipeline.edition",
    "pipeline.review",
)

PROBE = """
import json, sys
from pipeline.cli import main
from pipeline.cli.app import GC_THRESHOLD
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def loaded_by(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    """Run locpipe ARGS in a fresh interpreter: (exit status, every module it imported)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--quiet", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    return report["code"], set(report["modules"])


@pytest.mark.parametrize("args", [["extract"], ["update"], ["--version"]])
def test_quick_commands_load_no_heavy_module(args: list[str], sample_project: Path) -> None:
    if args == ["update"]:
        assert loaded_by(["extract"], sample_project)[0] == 0  # update needs the templates
    code, modules = loaded_by(args, sample_project)
    assert code == 0
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


#: What ``update`` of PO files already in step with their templates does not need: fuzzy
#: matching (rapidfuzz), the TM index, MT drafting, the segmenter, Babel's formatting modules,
#: the text rules of checking, find_library's search (libunistring is loaded by name), MO
#: compiling (polib) and "did you mean" (difflib).
NOT_FOR_UPDATE = (
    "polib",
    "difflib",
    "rapidfuzz",
    "sqlite3",
    "pipeline.catalog.fuzzy",
    "pipeline.tm.index",
    "pipeline.mt.draft",
    "pipeline.mt.cache",
    "pipeline.source.segment",
    "babel.dates",
    "babel.numbers",
    "babel.messages",
    "pipeline.core.markup",
    "pipeline.core.numbers",
    "pipeline.core.scripts",
    "ctypes.util",
)


def test_update_in_step_loads_only_what_it_uses(sample_project: Path) -> None:
    assert loaded_by(["extract"], sample_project)[0] == 0
    code, modules = loaded_by(["update"], sample_project)  # writes new PO files
    assert code == 0
    assert not modules & {"rapidfuzz", "pipeline.catalog.fuzzy"}  # nothing old to match
    assert list(sample_project.glob("locales/*/LC_MESSAGES/*.po"))
    code, modules = loaded_by(["update"], sample_project)  # every entry matches exactly
    assert code == 0
    assert not modules & set(NOT_FOR_UPDATE), sorted(modules & set(NOT_FOR_UPDATE))
    assert {"pipeline.catalog.merge", "pipeline.catalog._powrite"} <= modules


def test_update_loads_fuzzy_matching_for_an_edited_sentence(sample_project: Path) -> None:
    """The probe sees rapidfuzz when it is needed: an edited sentence is matched fuzzily."""
    assert loaded_by(["extract"], sample_project)[0] == 0
    assert loaded_by(["update"], sample_project)[0] == 0
    article = next(sample_project.glob("articles/*.txt"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Japan", "Japan's", 1), encoding="utf-8")
    assert loaded_by(["extract"], sample_project)[0] == 0
    code, modules = loaded_by(["update"], sample_project)
    assert code == 0
    assert {"rapidfuzz", "pipeline.catalog.fuzzy"} <= modules


def test_check_loads_no_merge_and_no_interchange(sample_project: Path) -> None:
    assert loaded_by(["run"], sample_project)[0] in (0, 1)  # catalogs to check
    assert list(sample_project.glob("locales/*/LC_MESSAGES/*.po"))
    code, modules = loaded_by(["check"], sample_project)
    assert code == 0
    assert not modules & {"rapidfuzz", "pipeline.catalog.merge", "pipeline.glossary.termbase"}
    assert "pipeline.qa.rules" in modules


def test_run_loads_the_engine_interface(sample_project: Path) -> None:
    """The probe can see a heavy module: ``run`` drafts, so it loads the engine and tables."""
    code, modules = loaded_by(["run"], sample_project)
    assert code in (0, 1)  # 1: no model installed here, which run reports
    assert {"pipeline.mt.argos", "rich"} <= modules


def test_run_drafting_a_new_project_loads_no_tmx_or_fuzzy_matching(
    sample_project: Path, with_copy_models: Path
) -> None:
    """Every ``run`` pays its imports before the engine starts: a first run drafts with MT,
    but reads no TMX file and has no memory or old entry to match fuzzily."""
    code, modules = loaded_by(["run"], sample_project)
    assert code == 0
    assert {"ctranslate2", "pipeline.mt.draft", "pipeline.tm.index"} <= modules
    unused = {"lxml", "pipeline.tm.tmx", "rapidfuzz"}
    assert not modules & unused, sorted(modules & unused)


def test_only_locpipe_as_a_process_tunes_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a process (no arguments given), locpipe collects rarely and freezes what is left
    before exiting, so the interpreter does not walk it once more; a caller passing arguments
    keeps its collector as it was."""
    gc.unfreeze()
    threshold = gc.get_threshold()
    with pytest.raises(SystemExit) as called:
        main(["--version"])
    assert called.value.code == 0
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold
    monkeypatch.setattr(sys, "argv", ["locpipe", "--version"])
    try:
        with pytest.raises(SystemExit) as process:
            main()
        assert process.value.code == 0
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (GC_THRESHOLD, *threshold[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
