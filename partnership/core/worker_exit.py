"""Exit-time jobs for server workers that end without running ``atexit``.

granian's workers are ``multiprocessing`` children: when one stops (gracefully, on
SIGTERM, a lifetime respawn or a reload) multiprocessing runs its own finalizers and
then ends the process with ``os._exit``, so the ``atexit`` handlers the worker
registered never run. The statistics buffer's last flush is one of them
(analytics/buffer.py): without this, a graceful stop would lose up to one flush
interval of counts per worker. gunicorn's workers are plain forks that exit normally;
there, and in every process that is not a multiprocessing child, this does nothing.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util


def run_atexit_handlers_at_worker_exit() -> bool:
    """In a multiprocessing child, run the ``atexit`` handlers from multiprocessing's exit.

    Returns whether it applied (this process is a multiprocessing child).
    """
    if multiprocessing.parent_process() is None:
        return False
    multiprocessing.util.Finalize(None, atexit._run_exitfuncs, exitpriority=0)
    return True
