"""Counter increments buffered in each worker process and flushed in batches.

No database write happens on the request path: a hit only adds to a dict behind a
lock. A background thread (one per process, started with the first hit) writes the
batch every ``STATS_FLUSH_SECONDS`` in one transaction, and once more at exit. A
worker that is killed loses at most the hits of one flush interval (DESIGN §5).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping

from django import db
from django.conf import settings

from partnership.analytics.hits import CounterKey

logger = logging.getLogger(__name__)

Writer = Callable[[Mapping[CounterKey, tuple[int, int]]], object]


def _database_writer(increments: Mapping[CounterKey, tuple[int, int]]) -> object:
    from partnership.analytics.counter_writes import counters_add

    return counters_add(increments=increments)


class CounterBuffer:
    def __init__(
        self,
        *,
        flush_seconds: float,
        background: bool = True,
        writer: Writer = _database_writer,
    ) -> None:
        self.flush_seconds = flush_seconds
        self.background = background
        self.writer = writer
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._pending: dict[CounterKey, list[int]] = {}
        self._pid = os.getpid()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def add(self, increments: Iterable[tuple[CounterKey, int, int]]) -> None:
        """Add one hit's increments: (key, views, visitors) each."""
        with self._lock:
            if self._pid != os.getpid():  # forked after hits were buffered: start afresh
                self._pending, self._thread, self._pid = {}, None, os.getpid()
            for key, views, visitors in increments:
                slot = self._pending.get(key)
                if slot is None:
                    self._pending[key] = [views, visitors]
                else:
                    slot[0] += views
                    slot[1] += visitors
            start = self.background and self._thread is None
            if start:
                self._thread = threading.Thread(target=self._run, name="stats-flusher", daemon=True)
        if start and self._thread is not None:
            atexit.register(self.flush)
            self._thread.start()

    def pending(self) -> dict[CounterKey, tuple[int, int]]:
        with self._lock:
            return {key: (slot[0], slot[1]) for key, slot in self._pending.items()}

    def flush(self) -> int:
        """Write what is buffered; return how many counter rows it touched. On failure
        the increments go back into the buffer for the next attempt."""
        with self._flush_lock:
            with self._lock:
                taken, self._pending = self._pending, {}
            if not taken:
                return 0
            increments = {key: (slot[0], slot[1]) for key, slot in taken.items()}
            try:
                self.writer(increments)
            except Exception:
                logger.exception("statistics flush failed; kept %d counters", len(taken))
                self._restore(taken)
                db.close_old_connections()
                return 0
            return len(increments)

    def stop(self) -> None:
        self._stopping.set()

    def _restore(self, taken: dict[CounterKey, list[int]]) -> None:
        with self._lock:
            for key, (views, visitors) in taken.items():
                slot = self._pending.setdefault(key, [0, 0])
                slot[0] += views
                slot[1] += visitors

    def _run(self) -> None:
        while not self._stopping.wait(self.flush_seconds):
            db.close_old_connections()
            self.flush()


_BUFFER: CounterBuffer | None = None
_BUFFER_LOCK = threading.Lock()


def counter_buffer() -> CounterBuffer:
    """This process's buffer (created on first use)."""
    global _BUFFER
    with _BUFFER_LOCK:
        if _BUFFER is None:
            _BUFFER = CounterBuffer(flush_seconds=float(settings.STATS_FLUSH_SECONDS))
        return _BUFFER
