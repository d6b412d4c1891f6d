"""Thread settings for a shared machine: OpenMP wait policy, cores available, the override."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.mt.runtime import available_cores, cgroup_cpu_limit, quiet_openmp, thread_counts


def test_wait_policy_is_passive_unless_the_user_chose() -> None:
    environ: dict[str, str] = {}
    quiet_openmp(environ)
    assert environ == {"OMP_WAIT_POLICY": "PASSIVE"}
    chosen = {"OMP_WAIT_POLICY": "ACTIVE"}
    quiet_openmp(chosen)
    assert chosen == {"OMP_WAIT_POLICY": "ACTIVE"}


def test_loading_a_model_sets_the_policy_before_ctranslate2_loads(
    with_copy_models: Path,
) -> None:
    script = (
        "import os, sys\n"
        "from pipeline.mt.argos import find_model, load_model\n"
        "assert 'ctranslate2' not in sys.modules\n"
        "load_model(find_model('en', 'ja').path)\n"
        "print(os.environ['OMP_WAIT_POLICY'])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    shown = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout == "PASSIVE\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param({"cpu.max": "150000 100000\n"}, 2, id="v2-quota"),
        pytest.param({"cpu.max": "max 100000\n"}, None, id="v2-unlimited"),
        pytest.param(
            {"cpu/cpu.cfs_quota_us": "100000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1, id="v1"
        ),
        pytest.param(
            {"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "1\n"}, None, id="v1-off"
        ),
        pytest.param({}, None, id="none"),
    ],
)
def test_cgroup_quota(tmp_path: Path, files: dict[str, str], expected: int | None) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert cgroup_cpu_limit(tmp_path) == expected


def test_cores_follow_affinity_and_quota(tmp_path: Path) -> None:
    affinity = len(os.sched_getaffinity(0))
    assert available_cores(tmp_path) == affinity
    (tmp_path / "cpu.max").write_text("50000 100000\n")
    assert available_cores(tmp_path) == 1


def test_threads_override_and_default() -> None:
    assert thread_counts(3) == (3, 1)
    intra, inter = thread_counts()
    assert intra == 1 and 1 <= inter <= min(4, len(os.sched_getaffinity(0)))


def test_cores_given_by_a_scheduler_replace_the_machine_s() -> None:
    assert thread_counts(cores=3) == (1, 3)  # a Ray actor's three CPUs: three workers
    assert thread_counts(cores=16) == (1, 4)  # capped as on a machine
    assert thread_counts(2, cores=3) == (2, 1)  # mt.threads still wins
