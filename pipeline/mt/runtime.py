"""CPU threads for CTranslate2 that behave on a shared machine (docs/architecture.md#threads).

CTranslate2's OpenMP workers spin while they wait for work. On a machine whose cores are busy
with other processes (a CI runner, a laptop, a shared server) that spinning competes with the
workers that have real work: a 120-article run measured 47.2 s with the default policy and
5.6 s with ``OMP_WAIT_POLICY=PASSIVE``. The policy is read when the OpenMP runtime loads, so it
must be set before ctranslate2 is first imported.
"""

from __future__ import annotations

import math
import os
from collections.abc import MutableMapping
from pathlib import Path

WAIT_POLICY = "OMP_WAIT_POLICY"
#: One translate_batch uses at most this many workers by default (one sub-batch each).
DEFAULT_THREAD_CAP = 4
CGROUP_ROOT = Path("/sys/fs/cgroup")


def quiet_openmp(environ: MutableMapping[str, str] | None = None) -> None:
    """Let idle OpenMP threads sleep (PASSIVE) unless the user chose a policy."""
    target = os.environ if environ is None else environ
    target.setdefault(WAIT_POLICY, "PASSIVE")


def available_cores(cgroup_root: Path = CGROUP_ROOT) -> int:
    """Cores this process may use: its CPU affinity, capped by a cgroup CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    quota = cgroup_cpu_limit(cgroup_root)
    return max(1, min(cores, quota) if quota else cores)


def cgroup_cpu_limit(root: Path = CGROUP_ROOT) -> int | None:
    """Whole CPUs a cgroup quota allows (v2 ``cpu.max``, v1 ``cfs_quota_us``); None if none."""
    try:
        quota, period = (root / "cpu.max").read_text("ascii").split()[:2]
    except (OSError, ValueError):
        try:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text("ascii").strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text("ascii").strip()
        except OSError:
            return None
    if quota in ("max", "-1"):
        return None
    try:
        return max(1, math.ceil(int(quota) / int(period)))
    except (ValueError, ZeroDivisionError):
        return None


def thread_counts(requested: int | None = None, cores: int | None = None) -> tuple[int, int]:
    """``(intra_threads, inter_threads)`` for the one Translator of a process.

    By default one worker per available core (capped), each on one thread: the sub-batches of a
    ``translate_batch`` call run side by side and the workers share the model's weights
    (CTranslate2's parallel execution guide). Threads inside one operation hand work over on
    every layer; on a small model that costs more than it saves, and measured here it was 10×
    slower on an idle machine (docs/architecture.md#threads). ``requested`` (``mt.threads``)
    sets ``intra_threads`` for one worker instead. ``cores`` replaces the cores the OS lets this
    process use where a scheduler hands out fewer (a Ray actor's CPUs).
    """
    if requested is not None:
        return requested, 1
    return 1, min(DEFAULT_THREAD_CAP, cores or available_cores())
