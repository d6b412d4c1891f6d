"""The Ray executor's session: a job starts Ray before it plans and shuts it down, whatever happens.

Each test here starts and stops a local Ray instance of its own (no module-wide instance): what
is tested is precisely who starts it and who shuts it down.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import jobs
from pipeline.core import InputError, LocpipeError, Settings
from pipeline.core.config import load_config
from pipeline.mt.engine import Engine
from pipeline.mt.executor import LocalExecutor
from pipeline.mt.ray_executor import RayExecutor, close_sessions
from tests.mt.test_ray_executor import catalog_bytes, drafted_project, twin_projects

pytestmark = pytest.mark.ray

#: A guard against a hung start or shutdown, not a speed requirement.
GIVE_UP = 120.0


@pytest.fixture
def no_ray() -> Iterator[None]:
    """No Ray instance in this process before the test; none, nor a session thread, after it."""
    import ray

    assert not ray.is_initialized()
    yield
    close_sessions()  # only if a test failed before its own shutdown
    wait_until(lambda: not session_threads(), "a session thread outlived its test")
    ray.shutdown()


def session_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "locpipe-ray" and t.is_alive()]


def wait_until(condition: object, what: str) -> None:
    deadline = time.monotonic() + GIVE_UP
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def run_probe(
    script: str, cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """A probe script in a Python process of its own."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=GIVE_UP,
    )


def ray_up() -> bool:
    import ray

    return bool(ray.is_initialized())


def ray_down() -> bool:
    return not ray_up()


def engine_once_ray_is_up(seen: list[str]) -> jobs.EngineFinder:
    """An engine finder that first waits for Ray, which nothing but the job can have started.

    ``find_engine`` is called after planning and before any chunk is handed to the executor,
    so Ray is up here only if the job started it ahead.
    """
    import ray

    def find_engine(settings: Settings, language: str) -> Engine | None:
        wait_until(ray_up, "the job did not start Ray before drafting")
        seen.append(ray.get_runtime_context().get_node_id())
        return jobs.argos_engine(settings, language)

    return find_engine


def test_run_starts_ray_ahead_uses_it_for_every_language_and_shuts_it_down(
    tmp_path: Path, with_copy_models: Path, no_ray: None
) -> None:
    local, on_ray = twin_projects(tmp_path)
    jobs.run(load_config(local / "locpipe.yaml"), executor=LocalExecutor())
    nodes: list[str] = []
    executor = RayExecutor(init_options={"num_cpus": 2})
    outcome = jobs.run(
        load_config(on_ray / "locpipe.yaml"),
        find_engine=engine_once_ray_is_up(nodes),
        executor=executor,
    )
    assert [r.language for r in outcome.reports] == ["ja", "zh"]
    assert len(nodes) == 2 and nodes[0] == nodes[1]  # one instance for both languages
    assert catalog_bytes(on_ray) == catalog_bytes(local)
    wait_until(ray_down, "Ray still runs after the job")


@pytest.mark.parametrize(
    "failure",
    [InputError("broken model package"), KeyboardInterrupt()],
    ids=["error", "interrupt"],
)
def test_a_job_stopped_after_ray_started_shuts_it_down(
    tmp_path: Path, with_copy_models: Path, no_ray: None, failure: BaseException
) -> None:
    root = drafted_project(tmp_path)

    def find_engine(settings: Settings, language: str) -> Engine | None:
        wait_until(ray_up, "the job did not start Ray before drafting")
        raise failure

    with pytest.raises(type(failure)):
        jobs.draft(
            load_config(root / "locpipe.yaml"),
            find_engine=find_engine,
            executor=RayExecutor(init_options={"num_cpus": 2}),
        )
    wait_until(ray_down, "Ray still runs after the job stopped")


def test_a_package_missing_on_the_actors_node_stops_the_job_with_one_line(
    tmp_path: Path, copy_packages: Path, monkeypatch: pytest.MonkeyPatch, no_ray: None
) -> None:
    """An actor's failure reaches the driver as text: one line naming it, none of Ray's
    frames (and their actor handles) kept alive while Ray shuts down, no Ray executor left."""
    root = drafted_project(tmp_path / "project")
    packages = tmp_path / "packages"
    shutil.copytree(copy_packages, packages)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    before = catalog_bytes(root)

    def find_engine(settings: Settings, language: str) -> Engine | None:
        engine = jobs.argos_engine(settings, language)  # loaded here, in the driver ...
        shutil.rmtree(packages)  # ... and gone when the actors look for it on their node
        return engine

    with pytest.raises(LocpipeError) as stopped:
        jobs.draft(
            load_config(root / "locpipe.yaml"),
            find_engine=find_engine,
            executor=RayExecutor(init_options={"num_cpus": 2}),
        )
    message = str(stopped.value)
    assert message.startswith("drafting on Ray failed: InputError: ") and "\n" not in message
    assert message.endswith("the Argos package is not on this node")
    assert stopped.value.__context__ is None and stopped.value.__cause__ is None
    assert not [t for t in threading.enumerate() if t.name.startswith("StreamingExecutor-")]
    wait_until(ray_down, "Ray still runs after the job stopped")
    assert catalog_bytes(root) == before  # nothing drafted, nothing written


#: ``locpipe draft --executor ray`` as its own process, the package folder removed once the
#: driver has loaded the model: the actors do not find it on their node.
PACKAGE_GONE = """
import os, shutil, sys
import pipeline.mt.argos as argos
loaded = argos.ArgosEngine.load
def load(engine):
    loaded(engine)
    shutil.rmtree(os.environ["ARGOS_PACKAGES_DIR"])
    return engine
argos.ArgosEngine.load = load
from pipeline.cli import main
sys.argv = ["locpipe", "--quiet", "draft", "--executor", "ray"]
main()
"""


def test_an_actor_s_failure_exits_2_with_one_line(tmp_path: Path, copy_packages: Path) -> None:
    # Before, the job died with Ray's 170-line traceback and status 1.
    root = drafted_project(tmp_path / "project")
    shutil.copytree(copy_packages, tmp_path / "packages")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    child = run_probe(PACKAGE_GONE, root, env=env)
    errors = [line for line in child.stderr.splitlines() if line.startswith("locpipe: error:")]
    assert child.returncode == 2, child.stderr[-2000:]
    assert errors == [
        "locpipe: error: drafting on Ray failed: InputError: "
        f"{tmp_path / 'packages'}/locpipe-test-en_ja: the Argos package is not on this node"
    ]
    assert "Traceback" not in child.stderr


def test_a_dry_run_starts_no_ray(tmp_path: Path, with_copy_models: Path, no_ray: None) -> None:
    root = drafted_project(tmp_path)
    jobs.run(
        load_config(root / "locpipe.yaml"),
        executor=RayExecutor(init_options={"num_cpus": 2}),
        dry_run=True,
    )
    assert ray_down() and not session_threads()


def test_an_executor_closed_without_waiting_is_down_once_close_waits(
    tmp_path: Path, no_ray: None
) -> None:
    executor = RayExecutor(init_options={"num_cpus": 2})
    executor.start()
    executor.close()  # at once, while Ray may still be starting
    executor.close(wait=True)
    assert ray_down()
    executor.start()  # a new session after the last one ended
    wait_until(ray_up, "the second session did not start")
    executor.close(wait=True)
    assert ray_down()


#: A job on Ray in a process of its own, Python's automatic collection off: how many of Ray's
#: actor handles are left in cycles when the job is done (Ray shuts down meanwhile).
HANDLES_LEFT = """
import gc, sys
from pathlib import Path
import ray
from pipeline import jobs
from pipeline.core.config import load_config
from pipeline.mt.ray_executor import RayExecutor, close_sessions
gc.disable()
jobs.draft(load_config(Path(sys.argv[1])), executor=RayExecutor(init_options={"num_cpus": 2}))
print(sum(isinstance(o, ray.actor.ActorHandle) for o in gc.get_objects()), flush=True)
close_sessions()
"""


def test_a_job_leaves_none_of_ray_s_actor_handles_to_collect(
    tmp_path: Path, with_copy_models: Path
) -> None:
    # Ray Data leaves its executor in reference cycles. Collected by chance while the session
    # thread shuts Ray down, its actor handles reach a core worker that is gone, and Ray ends
    # the whole process with status 1 and no message (one Ray run in a few did, before the job
    # had written its catalogs). So releasing the session collects first.
    root = drafted_project(tmp_path)
    child = run_probe(HANDLES_LEFT, tmp_path, str(root / "locpipe.yaml"))
    assert (child.returncode, child.stdout) == (0, "0\n"), child.stderr[-2000:]


#: Starts and stops Ray through the executor in a process of its own, and prints whether Ray
#: Data was already imported when ``ray.init`` started its first process (the GCS).
DATA_IMPORTED_AT_INIT = """
import sys
seen = []
def hook(event, args):
    if event == "subprocess.Popen" and "gcs_server" in str(args[1]) and not seen:
        module = sys.modules.get("ray.data")
        seen.append(module is not None and not getattr(module.__spec__, "_initializing", False))
sys.addaudithook(hook)
from pipeline.mt.ray_executor import RayExecutor
executor = RayExecutor(init_options={"num_cpus": 2})
executor.start()
executor.close(wait=True)
print(seen)
"""


def test_ray_starts_while_ray_data_is_imported(tmp_path: Path) -> None:
    # ray.init mostly waits for the processes it starts; importing Ray Data (~0.7 s of CPU)
    # before it delayed them all.
    child = run_probe(DATA_IMPORTED_AT_INIT, tmp_path)
    assert (child.returncode, child.stdout) == (0, "[False]\n"), child.stderr[-2000:]
