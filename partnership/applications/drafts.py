"""The draft: answers kept server-side, encrypted, found by a signed opaque reference.

The reference carries the draft's id and nothing else, signed (salted, timestamped) so
that only references this site issued are accepted, for at most the drafts' retention
period. With cookies it lives in the session; without, each form carries it in a
hidden field (protected by the cookieless same-origin check, core/csrf.py).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from typing import Any

from django.core import signing
from django.db import transaction

from partnership.applications.models import ApplicationDraft
from partnership.applications.steps import STEP_NAMES, STEPS, Step
from partnership.core import clock

DRAFT_DAYS = 30
DRAFT_PERIOD = dt.timedelta(days=DRAFT_DAYS)
_draft_signer = signing.TimestampSigner(salt="partnership.applications.draft-reference")
_key_signer = signing.Signer(salt="partnership.applications.submission-key")
REFERENCE_MAX = 200


def draft_reference(draft: ApplicationDraft) -> str:
    return _draft_signer.sign(draft.pk.hex)


def draft_from_reference(reference: str) -> ApplicationDraft | None:
    """The draft a reference names, when this site issued it and the draft still exists."""
    if not reference or len(reference) > REFERENCE_MAX:
        return None
    try:
        hex_id = _draft_signer.unsign(reference, max_age=DRAFT_PERIOD)
        draft_id = uuid.UUID(hex=hex_id)
    except (signing.BadSignature, ValueError):
        return None
    return ApplicationDraft.objects.filter(pk=draft_id).first()


def submission_token(draft: ApplicationDraft) -> str:
    return _key_signer.sign(draft.submission_key)


def submission_key_read(token: str) -> str | None:
    if not token or len(token) > REFERENCE_MAX:
        return None
    try:
        key = _key_signer.unsign(token)
    except signing.BadSignature:
        return None
    return key if 0 < len(key) <= 64 else None


def draft_start() -> ApplicationDraft:
    draft = ApplicationDraft(submission_key=secrets.token_urlsafe(32))
    draft.full_clean()
    draft.save(force_insert=True)
    return draft


def draft_answers(draft: ApplicationDraft) -> dict[str, dict[str, str]]:
    loaded: Any = json.loads(draft.answers or "{}")
    return loaded if isinstance(loaded, dict) else {}


def draft_completed(draft: ApplicationDraft) -> list[str]:
    return [name for name in draft.completed.split(",") if name in STEP_NAMES]


def draft_next_step(draft: ApplicationDraft) -> Step:
    """The first step not yet completed (the declarations when all else is done)."""
    done = set(draft_completed(draft))
    for step in STEPS:
        if step.name not in done:
            return step
    return STEPS[-1]


def draft_may_open(draft: ApplicationDraft, step: Step) -> bool:
    """Steps are taken in order: a step opens once every step before it is done."""
    done = set(draft_completed(draft))
    return all(name in done for name in STEP_NAMES[: STEP_NAMES.index(step.name)])


def draft_step_save(*, draft: ApplicationDraft, step: Step, answers: dict[str, str]) -> None:
    """Keep one step's answers, all or nothing. Changing any answer means the applicant
    checks their answers again before sending."""
    with transaction.atomic():
        locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
        stored = draft_answers(locked)
        stored[step.name] = answers
        done = set(draft_completed(locked)) | {step.name}
        if step.name not in ("review", "declarations"):
            done.discard("review")
        locked.answers = json.dumps(stored, separators=(",", ":"))
        locked.completed = ",".join(name for name in STEP_NAMES if name in done)
        locked.updated_at = clock.now()
        locked.full_clean()
        locked.save()
    draft.answers, draft.completed, draft.updated_at = (
        locked.answers,
        locked.completed,
        locked.updated_at,
    )


def draft_start_prefilled(*, answers: dict[str, dict[str, str]]) -> ApplicationDraft:
    """A new draft holding answers given elsewhere (the eligibility check): each step
    shows them filled in, and none counts as answered until its form is sent."""
    unknown = set(answers) - set(STEP_NAMES)
    if unknown:
        raise ValueError(f"no such steps: {sorted(unknown)}")
    draft = ApplicationDraft(
        submission_key=secrets.token_urlsafe(32),
        answers=json.dumps(answers, separators=(",", ":")),
    )
    draft.full_clean()
    draft.save(force_insert=True)
    return draft


def draft_discard(*, draft: ApplicationDraft) -> None:
    ApplicationDraft.objects.filter(pk=draft.pk).delete()
