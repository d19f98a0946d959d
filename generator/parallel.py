"""Sharing work among forked processes, which read this process's data without copying it.

Forking is done only where it is safe (`workers_for`), so a worker finds the data as this process had
it and is sent nothing; only results travel back, through pipes.

`in_parallel` and `in_two_rounds` give each process a fixed range and take the last one here: ranges of
equal cost where the items' costs are given (items in order of id are seldom alike: the long answered
question sets sort after the short ones). A worker pickles its results before this process can
unpickle them, and copies each page of memory it writes to, so this process can take a larger share
(`own_weight` times a worker's) for all to be done at once.
`taken_in_turns` lets every process take the next few items whenever it is free instead: for items of
uneven cost, or when this process has work of its own to do first. `MadeAhead` does the same while this
process goes on with other work, and hands the items over as they are asked for.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import pickle
import shutil
import struct
import sys
import tempfile
import threading
import time
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate, pairwise
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar

# Below this many dossiers to link, starting processes costs more than it saves.
PARALLEL_FROM = 5000
# Items a process takes at a time in `taken_in_turns`: few enough that all end at about the same time.
BATCH = 16
_T = TypeVar("_T")
_R = TypeVar("_R")
# What forked workers find here: set just before forking, so they need not be sent anything.
_shared_with_workers: tuple[Any, ...] = ()


def workers_for(count: int, *, parallel_from: int | None = None) -> int:
    """Processes (this one included) to share the work of `count` items, one below `parallel_from`
    (`PARALLEL_FROM` when not given).

    Forking is only safe on Linux and in a process without other threads (`mkdocs serve` has some).
    """
    if parallel_from is None:
        parallel_from = PARALLEL_FROM
    if count < parallel_from or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def in_parallel(
    function: Callable[..., _T],
    shared: tuple[Any, ...],
    count: int,
    workers: int,
    *,
    own_weight: float = 1.0,
    costs: Sequence[float] | None = None,
) -> list[_T]:
    """``function(start, stop, *shared)`` over consecutive ranges of ``range(count)``, results in order.

    With `costs` (one per item), the ranges are of equal cost rather than of equal length.
    """
    *others, (start, stop) = _ranges(count, workers, own_weight, costs)
    with _forked(_one_round_worker, others, (function, shared)) as connections:
        mine = function(start, stop, *shared)
        return [*(_receive(connection) for connection in connections), mine]


def in_two_rounds(
    first: Callable[..., tuple[Any, _T]],
    second: Callable[[Any, Any], _R],
    between: Callable[[list[_T]], Any],
    shared: tuple[Any, ...],
    count: int,
    workers: int,
    *,
    own_weight: float = 1.0,
    costs: Sequence[float] | None = None,
) -> tuple[list[_T], list[_R]]:
    """Two passes over ranges of ``range(count)`` with a word from this process in between.

    Each worker runs ``state, result = first(start, stop, *shared)`` and sends the result; this
    process answers every worker with ``between(results)``; each worker then sends
    ``second(state, answer)``. The state (large, say counts of words) never leaves its process.
    """
    *others, (start, stop) = _ranges(count, workers, own_weight, costs)
    with _forked(_two_round_worker, others, (first, second, shared)) as connections:
        state, mine = first(start, stop, *shared)
        results = [*(_receive(connection) for connection in connections), mine]
        answer = between(results)
        for connection in connections:
            connection.send(answer)
        my_second = second(state, answer)
        return results, [*(_receive(connection) for connection in connections), my_second]


def taken_in_turns(
    make: Callable[[int], _T], count: int, workers: int, *, here_first: Callable[[], None] = lambda: None
) -> list[_T]:
    """``make(item)`` for every item of ``range(count)``, results in order.

    Every process takes the next `BATCH` items whenever it is free, so a process that is slower, or busy
    with other programs, makes fewer. This process first runs ``here_first()``, then joins in.
    """
    next_untaken = multiprocessing.get_context("fork").Value("q", 0)
    with _forked(_taking_worker, [()] * (workers - 1), (make, count, next_untaken)) as connections:
        try:
            here_first()
            batches = [*_take_turns(make, count, next_untaken)]
        except BaseException:
            with next_untaken.get_lock():  # so the workers stop early, not after all the work
                next_untaken.value = count
            raise
        for connection in connections:
            batches.extend(_receive(connection))
    results: list[Any] = [None] * count
    for start, made in batches:
        results[start : start + len(made)] = made
    return results


def _take_next_batch(next_untaken: Any) -> int:
    """The first item of the next batch no process has taken yet, taken now (it may be past the end)."""
    with next_untaken.get_lock():
        start: int = next_untaken.value
        next_untaken.value = start + BATCH
    return start


def _take_turns(make: Callable[[int], _T], count: int, next_untaken: Any) -> list[tuple[int, list[_T]]]:
    """The batches this process took: (first item, results) each."""
    batches: list[tuple[int, list[_T]]] = []
    while True:
        start = _take_next_batch(next_untaken)
        if start >= count:
            return batches
        batches.append((start, [make(item) for item in range(start, min(start + BATCH, count))]))


class MadeAhead(Generic[_T]):
    """``make(item)`` for every item of ``range(count)``, made by forked workers while this process goes
    on with other work, and handed over in order when asked for.

    Workers take the next `BATCH` items whenever they are free, as in `taken_in_turns`, and so does this
    process whenever it would wait for a worker. A worker appends each batch to a file of its own and says
    where on its pipe in a few bytes, so it never waits for this process, which may be busy for a long
    while: a pipe holds less than a batch of pages, and a thread here that read it would need the
    interpreter lock for every part of a batch. One file per worker, not one per batch: creating and
    removing a file cost more than reading the batch, on a disk that MkDocs is busy writing the site to.
    """

    def __init__(self, make: Callable[[int], _T], count: int, workers: int) -> None:
        self._make = make
        self._count = count
        self._made: list[_T] = []
        self._done: dict[int, tuple[int, int, int]] = {}  # first item -> worker, offset, length in its file
        self._files: dict[int, BinaryIO] = {}  # worker -> its file of batches, open for reading
        self._made_here: dict[int, list[_T]] = {}  # batches made here, by first item, until their turn
        self.seconds = 0.0  # this process spent on the items since it handed them out: waiting or making
        self._next_untaken = multiprocessing.get_context("fork").Value("q", 0)
        self._folder = Path(tempfile.mkdtemp(prefix="kamervragen-made-"))
        self._removed = weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        shared = (make, count, self._next_untaken, self._folder)
        self._workers = _Workers(_filing_worker, [(worker,) for worker in range(workers)], shared)

    def __getitem__(self, item: int) -> _T:
        if not 0 <= item < self._count:
            raise IndexError(item)
        while item >= len(self._made):
            started = time.perf_counter()
            self._take_batch()
            self.seconds += time.perf_counter() - started
        return self._made[item]

    def finish(self) -> list[_T]:
        """All that is made, in order, once it is all made; the workers are gone after."""
        try:
            if self._count:
                self[self._count - 1]
        finally:
            self._workers.stop()
            self._close()
        return self._made

    def abandon(self) -> None:
        """Stop the workers where they are: nothing more is wanted of them."""
        with self._next_untaken.get_lock():
            self._next_untaken.value = self._count
        self._workers.terminate()
        self._workers.stop()
        self._close()

    def _close(self) -> None:
        for file in self._files.values():
            file.close()
        self._files = {}
        self._removed()

    def _take_batch(self) -> None:
        """The next batch in order: made by a worker, or by this process while it would wait."""
        start = len(self._made)
        while True:
            self._hear_from_workers(wait=False)
            if start in self._made_here:
                self._made.extend(self._made_here.pop(start))
                return
            if start in self._done:
                self._made.extend(pickle.loads(self._batch(*self._done.pop(start))))
                return
            untaken = _take_next_batch(self._next_untaken)
            if untaken < self._count:
                stop = min(untaken + BATCH, self._count)
                self._made_here[untaken] = [self._make(item) for item in range(untaken, stop)]
            else:
                self._hear_from_workers()

    def _batch(self, worker: int, offset: int, length: int) -> bytes:
        file = self._files.get(worker)
        if file is None:
            file = self._files[worker] = open(_batches_of(self._folder, worker), "rb")  # noqa: SIM115
        batch = os.pread(file.fileno(), length, offset)
        if len(batch) != length:
            raise RuntimeError(
                f"a worker's batch is {len(batch)} bytes, not {length}: its file was cut short"
            )
        return batch

    def _hear_from_workers(self, *, wait: bool = True) -> None:
        """Note the batches workers have left since last asked; if ``wait``, wait for one at least."""
        connections = self._workers.connections
        if wait and not connections:
            raise RuntimeError("a worker process stopped before it made its share; see its error above")
        for connection in multiprocessing.connection.wait(connections, timeout=None if wait else 0):
            try:
                while True:
                    message = connection.recv_bytes()  # type: ignore[union-attr]
                    start, worker, offset, length = _BATCH_MESSAGE.unpack(message)
                    self._done[start] = (worker, offset, length)
                    if not connection.poll():  # type: ignore[union-attr]
                        break
            except EOFError:  # a worker that took no more, or one that failed
                connections.remove(connection)  # type: ignore[arg-type]
                connection.close()  # type: ignore[union-attr]


def _ranges(
    count: int, workers: int, own_weight: float, costs: Sequence[float] | None = None
) -> Sequence[tuple[int, int]]:
    """Consecutive ranges, one per worker and the last for this process, which costs `own_weight` times
    as much; every item costs the same without `costs`."""
    shares = workers - 1 + own_weight
    if costs is None:
        bounds = [int(count * part / shares) for part in range(workers)]
    else:
        running = list(accumulate(costs))
        whole = running[-1] if running else 0
        bounds = [bisect_left(running, whole * part / shares) for part in range(workers)]
    return list(pairwise([*bounds, count]))


@contextmanager
def _forked(
    target: Callable[..., None], arguments: Sequence[tuple[Any, ...]], shared: tuple[Any, ...]
) -> Iterator[list[Connection]]:
    """A forked process per tuple of arguments, each with a pipe to this one; all gone when the block ends."""
    workers = _Workers(target, arguments, shared)
    try:
        yield workers.connections
    finally:
        workers.stop()


class _Workers:
    """Forked processes, each running ``target(connection, *arguments)`` with a pipe to this process."""

    def __init__(
        self, target: Callable[..., None], arguments: Sequence[tuple[Any, ...]], shared: tuple[Any, ...]
    ) -> None:
        global _shared_with_workers
        context = multiprocessing.get_context("fork")
        self.connections: list[Connection] = []
        self._processes: list[multiprocessing.process.BaseProcess] = []
        _shared_with_workers = shared
        try:
            for worker_arguments in arguments:
                here, there = context.Pipe()
                process = context.Process(target=target, args=(there, *worker_arguments), daemon=True)
                process.start()
                there.close()
                self.connections.append(here)
                self._processes.append(process)
        except BaseException:
            self.stop()
            raise
        finally:
            _shared_with_workers = ()

    def terminate(self) -> None:
        """End the workers where they are: their pipes close at their end."""
        for process in self._processes:
            process.terminate()

    def stop(self) -> None:
        """Close the pipes, and wait for the workers to end (a while at most)."""
        for connection in self.connections:
            connection.close()
        for process in self._processes:
            process.join(timeout=10)
            if process.is_alive():  # this process failed before the worker could hand its result over
                process.terminate()
                process.join()
        self.connections, self._processes = [], []


def _one_round_worker(connection: Connection, start: int, stop: int) -> None:
    function, shared = _shared_with_workers
    connection.send(function(start, stop, *shared))
    connection.close()


def _two_round_worker(connection: Connection, start: int, stop: int) -> None:
    first, second, shared = _shared_with_workers
    state, result = first(start, stop, *shared)
    connection.send(result)
    connection.send(second(state, connection.recv()))
    connection.close()


def _collect_only_new_garbage() -> None:
    """In a worker that makes files: what the parent had is all still in use. Left out of the cyclic
    collector's full runs, it is not scanned (and its memory not copied) while the worker makes its
    garbage. The collector runs here even where the parent paused it for its own work (as the plugin
    does)."""
    gc.freeze()
    gc.enable()


def _taking_worker(connection: Connection) -> None:
    make, count, next_untaken = _shared_with_workers
    _collect_only_new_garbage()
    connection.send(_take_turns(make, count, next_untaken))
    connection.close()


def _filing_worker(connection: Connection, worker: int) -> None:
    make, count, next_untaken, folder = _shared_with_workers
    _collect_only_new_garbage()
    with open(_batches_of(folder, worker), "wb") as batches:
        while True:
            start = _take_next_batch(next_untaken)
            if start >= count:
                break
            made = pickle.dumps([make(item) for item in range(start, min(start + BATCH, count))])
            offset = batches.tell()
            batches.write(made)
            batches.flush()  # in the file, for the parent to read, before it hears of it
            connection.send_bytes(_BATCH_MESSAGE.pack(start, worker, offset, len(made)))
    connection.close()


# What a worker of `MadeAhead` says of each batch it made: its first item, and where in which file it is.
_BATCH_MESSAGE = struct.Struct("<qqqq")  # first item, worker, offset, length


def _batches_of(folder: Path, worker: int) -> Path:
    return folder / f"{worker}.batches"


def _receive(connection: Connection) -> Any:
    try:
        return connection.recv()
    except EOFError as error:
        raise RuntimeError(
            "a worker process stopped before it sent its results; see its error above"
        ) from error
