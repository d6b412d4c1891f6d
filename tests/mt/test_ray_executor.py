"""The Ray executor on a local Ray instance: same catalogs as the local executor, byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.core.config import load_config
from pipeline.mt.argos import ArgosEngine, find_model
from pipeline.mt.executor import LocalExecutor, make_chunks
from pipeline.mt.ray_executor import (
    RayExecutor,
    localize,
    node_cpus,
    on_this_machine,
    pack_engine,
)
from tests.conftest import invoke
from tests.support.corpus import article_sentences, unique_sentences, write_corpus

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One small local Ray instance for the module (the machine has 2 cores)."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def drafted_project(root: Path) -> Path:
    """A 4-article project in ja and zh, extracted and updated, not yet drafted."""
    write_corpus(root, 4, 12, languages=("ja", "zh"))
    settings = load_config(root / "locpipe.yaml")
    jobs.extract(settings)
    jobs.update(settings)
    return root


def twin_projects(root: Path) -> tuple[Path, Path]:
    """Two identical undrafted projects, one for each executor."""
    local = drafted_project(root / "local")
    on_ray = root / "ray"
    shutil.copytree(local, on_ray)
    return local, on_ray


def catalog_bytes(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.glob("locales/**/*.po"))
    }


def test_local_and_ray_give_byte_identical_catalogs(
    tmp_path: Path, with_copy_models: Path, local_ray: None
) -> None:
    local, on_ray = twin_projects(tmp_path)
    jobs.draft(load_config(local / "locpipe.yaml"), executor=LocalExecutor())
    outcome = jobs.draft(load_config(on_ray / "locpipe.yaml"), executor=RayExecutor())
    units = unique_sentences(4, 12) + 4  # and a headline each
    assert [(r.language, r.drafted, r.cached) for r in outcome.reports] == [
        ("ja", units, 0),
        ("zh", units, 0),
    ]
    expected = catalog_bytes(local)
    assert len(expected) == 8 and catalog_bytes(on_ray) == expected
    assert all(b"#, fuzzy" in text for text in expected.values())


def test_executor_ray_from_the_command_line(
    tmp_path: Path,
    with_copy_models: Path,
    local_ray: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = drafted_project(tmp_path)
    before = catalog_bytes(root)
    monkeypatch.chdir(root)
    code, out, err = invoke(["run", "--executor", "ray"], capsys)
    assert code == 0, err
    units = unique_sentences(4, 12) + 4
    assert f"drafting ja: {units}/{units} units" in out
    assert f"drafting zh: {units}/{units} units" in out
    after = catalog_bytes(root)
    assert after.keys() == before.keys() and all(after[k] != before[k] for k in after)


def test_an_actor_without_the_package_unpacks_it_from_the_object_store(
    tmp_path: Path, with_copy_models: Path, local_ray: None
) -> None:
    import ray

    model = find_model("en", "ja")
    assert model is not None
    engine = ArgosEngine(model, 2)
    shipped = [ray.put(pack_engine(engine))]
    moved = ArgosEngine(model.__class__(model.info, tmp_path / "elsewhere", model.folder), 2)
    worker_engine = localize(moved, shipped, cpus=1)
    assert isinstance(worker_engine, ArgosEngine)
    assert (worker_engine.threads, worker_engine.cores) == (None, 1)
    assert (worker_engine.installed.path / "model" / "model.bin").is_file()
    assert worker_engine.installed.path != model.path
    sentences = [s for lines in article_sentences(1, 6) for s in lines]
    chunks = make_chunks(sentences, 4)
    assert dict(RayExecutor().translate_chunks(worker_engine, chunks, 2)) == dict(
        LocalExecutor().translate_chunks(engine, chunks, 2)
    )


def test_without_mt_threads_an_actor_takes_a_node_and_runs_a_worker_per_cpu(
    with_copy_models: Path, local_ray: None
) -> None:
    import ray

    assert node_cpus(ray) == 2  # the module's instance: one node of 2 CPUs
    assert on_this_machine(ray)  # so the package is not shipped: actors read it in place
    model = find_model("en", "ja")
    assert model is not None
    shipped = [ray.put(b"")]  # the package is installed here: nothing is unpacked
    default = localize(ArgosEngine(model, 2), shipped, cpus=2)
    chosen = localize(ArgosEngine(model, 2, threads=2), shipped, cpus=2)
    assert isinstance(default, ArgosEngine) and isinstance(chosen, ArgosEngine)
    assert (default.threads, default.cores) == (None, 2)
    assert (chosen.threads, chosen.cores) == (2, 2)
