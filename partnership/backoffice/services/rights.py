"""Staff actions on a data-rights request, each through the service in
``compliance.rights.handling`` (or the erasure), which checks the rule and records the
audit event."""

from __future__ import annotations

from dataclasses import dataclass

from partnership.audit.services import Actor
from partnership.compliance.rights import handling
from partnership.compliance.rights.erasure import erasure_run
from partnership.compliance.rights.models import PauseReason, RightsRequest, RightsRequestKind
from partnership.privacy.erasure import ErasureRefused


@dataclass(frozen=True)
class RightsAction:
    """One action from the request page: what to do, and what that action needs."""

    action: str  # pause, resume, extend, complete, export or erase
    pause_reason: str = ""
    months: int | None = None
    extension_reason: str = ""
    email: str = ""


def rights_request_act(*, rights_request: RightsRequest, data: RightsAction, actor: Actor) -> None:
    """Take ``data.action`` on the request. Raises ``handling.RightsRequestRefused`` or
    ``ErasureRefused`` when the rule does not allow it (nothing is changed)."""
    pk = rights_request.pk
    if data.action == "pause":
        handling.rights_request_pause(
            request_id=pk, reason=PauseReason(data.pause_reason), actor=actor
        )
    elif data.action == "resume":
        handling.rights_request_resume(request_id=pk, actor=actor)
    elif data.action == "extend":
        assert data.months is not None  # the form requires it for an extension
        handling.rights_request_extend(
            request_id=pk, months=data.months, reason=data.extension_reason, actor=actor
        )
    elif data.action == "complete":
        handling.rights_request_complete(request_id=pk, actor=actor)
    elif data.action == "export":
        handling.rights_request_run_export(request_id=pk, email=data.email, actor=actor)
    else:
        _erase(rights_request=rights_request, email=data.email, actor=actor)


def _erase(*, rights_request: RightsRequest, email: str, actor: Actor) -> None:
    if rights_request.kind != RightsRequestKind.ERASURE:
        raise ErasureRefused("Only an erasure request erases data.")
    if rights_request.erasure_summary:
        raise ErasureRefused("The erasure for this request has already been run.")
    subject = handling.rights_request_subject(request=rights_request, email=email)
    erasure_run(request=rights_request, subject=subject, actor=actor)
