"""The Ray executor: the draft step as Ray Data ``map_batches`` over a pool of actors.

Each actor loads the Argos package once, runs CTranslate2 on the CPUs Ray gives it (a worker
per CPU, or ``mt.threads`` as ``intra_threads``), and translates whole chunks, so its batches
are exactly those of the local executor and the catalogs come out byte-identical. The driver
plans, enforces, caches and writes; the model reaches the workers through Ray's object store:
the driver packs the installed package folder once (not when every node is this machine), and
an actor on a node without that folder unpacks it into a temporary folder
(docs/architecture.md#executors). Ray is imported only here, lazily, and started in the
background (``RaySession``) so that it comes up while the job plans.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import io
import json
import logging
import os
import tarfile
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.core import InputError, LocpipeError
from pipeline.mt.argos import ArgosEngine
from pipeline.mt.engine import Engine, Hypothesis
from pipeline.mt.executor import ChunkResult
from pipeline.mt.runtime import DEFAULT_THREAD_CAP

INSTALL_HINT = "the ray executor needs Ray: pip install 'locpipe[ray]'"
#: Ray Data names each dataset's executor thread so; a closed stream stops it within a step.
_RAY_DATA_EXECUTOR = "StreamingExecutor-"
#: How long a session waits for such a thread before shutting Ray down (seconds).
EXECUTOR_GRACE = 10.0


class RayExecutor:
    """Translates chunks on a Ray cluster: an existing one at ``address``, else a local one.

    ``start`` begins connecting in the background (a local instance takes seconds to come up),
    so a job starts it before planning and plans meanwhile; ``close`` lets it go, and a local
    instance this executor started shuts down in the background while the job writes
    (docs/architecture.md#executors). ``translate_chunks`` starts it if no one did.
    """

    name = "ray"

    def __init__(
        self,
        address: str | None = None,
        cpus_per_actor: int | None = None,
        init_options: dict[str, Any] | None = None,
    ) -> None:
        self.address = address
        self.cpus_per_actor = cpus_per_actor  # mt.threads; None: a whole node, up to the cap
        self.init_options = init_options or {}
        self._session: RaySession | None = None

    def start(self) -> None:
        """Begin connecting to Ray in the background, unless a session is already open."""
        if self._session is None or self._session.released:
            self._session = RaySession(self.address, self._init_options(), self._session)

    def close(self, wait: bool = False) -> None:
        """End the session: Ray shuts down in the background if it was started here.

        With ``wait``, return once it is down; the interpreter waits for it at exit anyway.
        """
        if self._session is not None:
            self._session.release(wait)

    def translate_chunks(
        self, engine: Engine, chunks: Iterable[Sequence[str]], n_best: int
    ) -> Iterator[ChunkResult]:
        """Yield each chunk's n-best lists as an actor finishes it."""
        chunks = list(chunks)  # every row goes into the dataset at once
        if not chunks:
            return
        self.start()
        assert self._session is not None
        yield from self._stream(self._session.connected(), engine, chunks, n_best)

    def _init_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
        }
        return {**options, **self.init_options}

    def _stream(
        self, ray: Any, engine: Engine, chunks: Sequence[Sequence[str]], n_best: int
    ) -> Iterator[ChunkResult]:
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # its notices are not ours
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the driver shows locpipe's own progress
        context.print_on_execution_start = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        per_actor = self.cpus_per_actor or node_cpus(ray)
        actors = max(1, min(len(chunks), cpus // per_actor))
        # Without mt.threads an actor's CPUs are CTranslate2 workers, as the local executor's
        # cores are: they share one copy of the model, and the actor takes as many chunks at
        # once (each still one translate call; the Translator takes concurrent calls).
        calls = 1 if self.cpus_per_actor else per_actor
        rows = [{"chunk": i, "sources": json.dumps(list(c))} for i, c in enumerate(chunks)]
        # On one machine the actors read the package where the driver does: nothing to ship
        # (a real package is hundreds of MB, packed and copied once per language).
        package = b"" if on_this_machine(ray) else pack_engine(engine)
        shipped = [ray.put(package)]  # in a list: Ray passes the ref, not the bytes
        results = ray.data.from_items(rows).map_batches(
            ChunkTranslator,
            fn_constructor_kwargs={"engine": engine, "shipped": shipped, "n_best": n_best},
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(
                size=actors,
                max_concurrent_calls_per_actor=calls,
                enable_true_multi_threading=calls > 1,
            ),
            num_cpus=per_actor,
        )
        batches = iter(results.iter_batches(batch_size=None, batch_format="numpy"))
        failure: str | None = None
        try:
            for index, result, error in _rows(batches):
                if error:
                    failure = str(error)
                    break
                yield index, decode_hypotheses(result)
        except ray.exceptions.RayError as error:  # an actor or a node lost
            failure = _reason(error)
        finally:
            # Stops Ray Data's executor now, its thread joined, whatever ended the stream (a
            # failure, Ctrl-C, a caller that stopped), and lets go of Ray's objects while Ray is
            # up: still running or still held when the session shuts Ray down, they reach a
            # gone core worker and Ray exits the process with status 1 (docs/architecture.md#executors).
            batches.close()
            del batches, results, shipped
        if failure is not None:  # raised as text, without Ray's frames and what they hold
            raise LocpipeError(f"drafting on Ray failed: {failure}")


def _rows(batches: Iterator[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    """(chunk index, encoded n-best lists, the actor's error or "") of every finished chunk."""
    for batch in batches:
        for row in zip(batch["chunk"], batch["result"], batch["error"], strict=True):
            yield int(row[0]), str(row[1]), str(row[2])


def _reason(error: BaseException) -> str:
    """An error as one line: its type and the first line of its message."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")


class RaySession:
    """Ray connected from a thread of its own, which later shuts down what it started.

    The thread lives until the shutdown: Ray ties the processes of a local instance to the
    thread that started them (Linux's parent-death signal), so a start-up thread that ended
    would take the instance down with it. Off the main thread, ``ray.init`` also leaves the
    SIGTERM handler alone, so SIGTERM still stops a run as Ctrl-C does.
    """

    def __init__(
        self, address: str | None, options: dict[str, Any], previous: RaySession | None = None
    ) -> None:
        self.released = False
        self._ray: Any = None
        self._error: BaseException | None = None
        self._connected = threading.Event()
        self._release = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(address, options, previous), name="locpipe-ray", daemon=True
        )
        _OPEN.add(self)
        self._thread.start()

    def connected(self) -> Any:
        """The ``ray`` module once connected; the start-up's error if it failed."""
        self._connected.wait()
        if self._error is not None:
            raise self._error
        return self._ray

    def release(self, wait: bool = False) -> None:
        """Let the thread shut Ray down (if it started it); with ``wait``, until it has."""
        if not self.released:
            # Ray Data's executor, still in a step or left in reference cycles when the thread
            # shuts Ray down, reaches a gone core worker with its actor handles, and Ray exits
            # the process with status 1. Its threads are let finish and the cycles collected
            # here, while Ray is still up.
            for thread in threading.enumerate():
                if thread.name.startswith(_RAY_DATA_EXECUTOR):
                    thread.join(EXECUTOR_GRACE)
            gc.collect()
        self.released = True
        self._release.set()
        if wait:
            self._thread.join()
        if not self._thread.is_alive():
            _OPEN.discard(self)

    def _run(
        self, address: str | None, options: dict[str, Any], previous: RaySession | None
    ) -> None:
        started = False
        try:
            if previous is not None:
                previous.release(wait=True)  # one local instance at a time
            ray = _import_ray()
            _close_at_exit()
            # Ray Data takes ~0.7 s of CPU to import: alongside ray.init, which mostly waits for
            # the processes it starts, instead of before it (about a second sooner connected).
            importing = threading.Thread(target=_import_quietly, args=("ray.data",), daemon=True)
            importing.start()
            started = not ray.is_initialized()
            if started:
                # Its notice that SIGTERM was left alone is what we want, not news to a user.
                logging.getLogger("ray._private.worker").addFilter(_keep_sigterm_quiet)
                ray.init(address=address, **options)
            importing.join()
            _import_ray_data()  # done already, or its error (or a retry: see _import_quietly)
            self._ray = ray
        except BaseException as error:  # raised where the chunks are awaited
            self._error, started = error, False
        finally:
            self._connected.set()
        if started:
            self._release.wait()
            self._ray.shutdown()


def _keep_sigterm_quiet(record: logging.LogRecord) -> bool:
    return "SIGTERM handler is not set" not in record.getMessage()


#: Sessions whose thread may still hold Ray; closed at exit at the latest.
_OPEN: set[RaySession] = set()
_EXIT_HOOK = threading.Lock()
_exit_hook_set = False


def _close_at_exit() -> None:
    """Release every open session at exit and wait for its shutdown.

    Registered after ``import ray``, so it runs before Ray's own exit hook (they run last in,
    first out) and Ray is down, from the thread that started it, when that hook runs.
    """
    global _exit_hook_set
    with _EXIT_HOOK:
        if not _exit_hook_set:
            atexit.register(close_sessions)
            _exit_hook_set = True


def close_sessions() -> None:
    """Release every open session and wait until Ray is down (at exit, or for a test)."""
    for session in list(_OPEN):
        session.release(wait=True)


class ChunkTranslator:
    """A Ray actor: the engine, loaded once, translating one chunk per call.

    A failure (the package missing on its node, the engine's error) is returned as one line
    of text with the chunk, not raised: the driver stops with it, holding none of Ray's frames.
    """

    def __init__(self, engine: Engine, shipped: list[Any], n_best: int) -> None:
        self.engine, self.failure = engine, ""
        try:
            self.engine = localize(engine, shipped, _actor_cpus())
        except Exception as error:
            self.failure = _reason(error)
        self.n_best = n_best

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        results, errors = [], []
        for sources in batch["sources"]:
            result, error = "", self.failure
            if not error:
                try:
                    result = encode_hypotheses(
                        self.engine.translate(json.loads(str(sources)), self.n_best)
                    )
                except Exception as failure:
                    error = _reason(failure)
            results.append(result)
            errors.append(error)
        return {
            "chunk": batch["chunk"],
            "result": np.array(results, dtype=object),
            "error": np.array(errors, dtype=object),
        }


def pack_engine(engine: Engine) -> bytes:
    """The Argos package folder as a tar archive (empty for other engines)."""
    if not isinstance(engine, ArgosEngine):
        return b""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        archive.add(engine.installed.path, arcname=engine.installed.folder)
    return buffer.getvalue()


def on_this_machine(ray: Any) -> bool:
    """Every live node of the cluster is the driver's machine (a local instance)."""
    here = ray.util.get_node_ip_address()
    return all(n["NodeManagerAddress"] == here for n in ray.nodes() if n.get("Alive"))


def node_cpus(ray: Any) -> int:
    """CPUs per actor without ``mt.threads``: the smallest node's, up to the worker cap."""
    nodes = [n["Resources"].get("CPU", 0) for n in ray.nodes() if n.get("Alive")]
    smallest = min((int(c) for c in nodes if c >= 1), default=1)
    return max(1, min(DEFAULT_THREAD_CAP, smallest))


def localize(engine: Engine, shipped: list[Any], cpus: int) -> Engine:
    """The engine as this worker runs it: on its CPUs, the package unpacked if absent.

    With ``mt.threads`` the engine's threads work inside each operation (``intra_threads``);
    without, each of the actor's CPUs runs a single-threaded worker (docs/architecture.md#threads).
    """
    if not isinstance(engine, ArgosEngine):
        return engine
    installed = engine.installed
    if not (installed.path / "model").is_dir():
        import ray

        package = ray.get(shipped[0])
        if not package:  # every node was the driver's machine when the job started
            raise InputError("the Argos package is not on this node", str(installed.path))
        folder = Path(tempfile.mkdtemp(prefix="locpipe-model-"))
        with tarfile.open(fileobj=io.BytesIO(package), mode="r") as archive:
            archive.extractall(folder, filter="data")
        installed = replace(installed, path=folder / installed.folder)
    return ArgosEngine(
        installed, engine.beam_size, engine.max_batch_size, threads=engine.threads, cores=cpus
    )


def _actor_cpus() -> int:
    """The CPUs Ray assigned this actor (its ``num_cpus``)."""
    import ray

    assigned = ray.get_runtime_context().get_assigned_resources().get("CPU")
    return max(1, int(assigned or os.cpu_count() or 1))


def encode_hypotheses(lists: list[list[Hypothesis]]) -> str:
    """n-best lists as JSON text, the one column an actor returns."""
    return json.dumps([[[h.text, h.score, h.cut] for h in hs] for hs in lists], ensure_ascii=False)


def decode_hypotheses(text: str) -> list[list[Hypothesis]]:
    """The inverse of :func:`encode_hypotheses`."""
    return [[Hypothesis(str(t), float(s), bool(c)) for t, s, c in hs] for hs in json.loads(text)]


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise InputError(INSTALL_HINT) from None
    return ray


def _import_ray_data() -> None:
    try:
        import ray.data  # noqa: F401
    except ImportError:
        raise InputError(INSTALL_HINT) from None


def _import_quietly(name: str) -> None:
    """Import ``name`` ahead, from a side thread; its caller imports it again to see errors."""
    # Imports in two threads at once may meet in a circular wait that Python breaks with an
    # error in one of them: the import on the session thread afterwards then just finishes.
    with contextlib.suppress(Exception):
        importlib.import_module(name)
