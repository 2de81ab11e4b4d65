"""Signed checkpoints of the audit chain (file format: ``checkpoint_files``).

``checkpoint_write`` signs the chain's head — run every 10 minutes by a periodic job
and on demand by ``manage.py audit_checkpoint``. It records no audit event: that event
would move the head it is signing, so checkpoints are logged instead.

``checkpoint_acknowledge_rollback`` is for the restore procedure: after a backup is
restored the log ends before the newest checkpoint and ``audit_verify`` fails. The
acknowledgement signs the restored head and the lost range; verification then passes
and keeps reporting the range.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings

from partnership.audit.chain import utc_timestamp
from partnership.audit.checkpoint_files import (
    Checkpoint,
    CheckpointKind,
    load_directory,
    signed_document,
    write_atomically,
)
from partnership.audit.keys import signing_key, verify_keys
from partnership.audit.models import AuditEvent
from partnership.audit.verification import (
    Problem,
    audit_verify,
    chain_id_candidates,
    own_checkpoints,
    trigger_problems,
    walk_chain,
)
from partnership.core import clock
from partnership.core.private_files import make_private_dir

logger = logging.getLogger(__name__)


class CheckpointRefused(Exception):
    """The chain is not in a state that may be signed; the message says why."""


def checkpoint_directory() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def checkpoint_directory_problem(directory: Path | None = None) -> str | None:
    """Create the directory (0700) if missing; say what is wrong if it cannot be written."""
    directory = directory or checkpoint_directory()
    try:
        make_private_dir(directory)
        descriptor, probe = tempfile.mkstemp(dir=directory, prefix=".probe-")
        os.close(descriptor)
        os.unlink(probe)
    except OSError as exc:
        return f"AUDIT_CHECKPOINT_DIR {directory} cannot be written: {exc.strerror or exc}"
    return None


def checkpoint_write(*, directory: Path | None = None) -> Path | None:
    """Sign the current head into a new checkpoint file; ``None`` while the log is empty.

    Refuses (``CheckpointRefused``) when the triggers are gone or the events since the
    newest matching checkpoint do not recompute: a signature must not launder tampering.
    """
    directory = directory or checkpoint_directory()
    head = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
    if head is None:
        logger.info("audit checkpoint: the log is empty, nothing to sign")
        return None
    chain_id, candidates = chain_id_candidates()
    _refuse_if_broken(directory, candidates, head["sequence"])
    key = signing_key()
    checkpoint = Checkpoint(
        kind=CheckpointKind.HEAD,
        chain_id=chain_id,
        sequence=head["sequence"],
        hash=head["hash"],
        count=AuditEvent.objects.filter(sequence__lte=head["sequence"]).count(),
        written_at=utc_timestamp(clock.now()),
        key_id=key.key_id,
    )
    path = directory / checkpoint.file_name()
    if path.exists():
        logger.info("audit checkpoint: head %s already signed in %s", checkpoint.sequence, path)
        return path
    path = write_atomically(directory, checkpoint.file_name(), signed_document(checkpoint, key))
    logger.info(
        "audit checkpoint written: sequence %s, key %s, %s", checkpoint.sequence, key.key_id, path
    )
    return path


def _refuse_if_broken(directory: Path, candidates: set[str], head_sequence: int) -> None:
    problems: list[Problem] = trigger_problems()
    own, _ = own_checkpoints(load_directory(directory, verify_keys()), candidates)
    start_sequence, start_hash = 0, None
    for entry in sorted(own, key=lambda e: e.checkpoint.sequence if e.checkpoint else 0):
        cp = entry.checkpoint
        if entry.problem is None and cp is not None and cp.sequence <= head_sequence:
            stored = AuditEvent.objects.filter(sequence=cp.sequence).values("hash").first()
            if stored is not None and stored["hash"] == cp.hash:
                start_sequence, start_hash = cp.sequence, cp.hash
    if start_hash is None:
        problems += walk_chain().problems
    else:
        problems += walk_chain(after_sequence=start_sequence, after_hash=start_hash).problems
    if problems:
        first = problems[0]
        logger.error("audit checkpoint refused: %s", first.message)
        raise CheckpointRefused(f"not signing a damaged log: {first.message} (run audit_verify)")


def checkpoint_acknowledge_rollback(*, directory: Path | None = None) -> Path:
    """Sign that the log was restored to its current head, naming the events lost.

    Allowed only when the one thing wrong is that the log ends before the newest
    checkpoint; anything else is refused rather than hidden.
    """
    directory = directory or checkpoint_directory()
    report = audit_verify(directory=directory)
    others = [problem for problem in report.problems if problem.code != "truncated"]
    if others:
        raise CheckpointRefused(
            f"not acknowledging a rollback over other damage: {others[0].message}"
        )
    lost = report.beyond_head
    if lost is None or report.count == 0:
        raise CheckpointRefused("nothing to acknowledge: no checkpoint is beyond the log's head")
    key = signing_key()
    ack = Checkpoint(
        kind=CheckpointKind.ROLLBACK,
        chain_id=report.chain_id,
        sequence=report.head_sequence,
        hash=report.head_hash,
        count=report.count,
        written_at=utc_timestamp(clock.now()),
        key_id=key.key_id,
        lost_from=report.head_sequence + 1,
        lost_to=lost.sequence,
        lost_head_hash=lost.hash,
    )
    path = write_atomically(directory, ack.file_name(), signed_document(ack, key))
    logger.warning(
        "audit rollback acknowledged: log restored to event %s, events %s–%s lost; %s",
        ack.sequence,
        ack.lost_from,
        ack.lost_to,
        path,
    )
    return path
