"""/staff/privacy/publish/: the compliance role publishes a privacy policy version.

Form → (optional preview) → ``policy_publish``, which freezes the generated tables into
the version and records ``privacy:policy:publish`` with the member of staff as actor.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.audit.services import Actor
from partnership.backoffice.forms.policy import PolicyPublishForm
from partnership.core import clock
from partnership.core.markdown import markdown_render
from partnership.policy import selectors
from partnership.policy.notice import notice_render, notice_snapshot
from partnership.policy.services import policy_publish


@require_http_methods(["GET", "HEAD", "POST"])
def policy_publish_page(request: HttpRequest) -> HttpResponseBase:
    latest = selectors.policy_version_list().first()
    if request.method != "POST":
        initial: dict[str, Any] = {"effective_from": clock.today_in_london()}
        if latest is not None:
            initial["body"] = latest.body
        form = PolicyPublishForm(initial=initial)
        return _page(request, form=form, latest=latest, status=200)
    form = PolicyPublishForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, latest=latest, status=400)
    data = form.cleaned_data
    if "preview" in request.POST:
        return _page(request, form=form, latest=latest, status=200, preview=True)
    try:
        version = policy_publish(
            summary=data["summary"],
            body=data["body"],
            effective_from=data["effective_from"],
            actor=Actor.staff(str(request.user.pk)),
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, form=form, latest=latest, status=400)
    return redirect(f"/privacy/versions/{version.number}/")


def _page(
    request: HttpRequest,
    *,
    form: PolicyPublishForm,
    latest: Any,
    status: int,
    preview: bool = False,
) -> HttpResponseBase:
    context: dict[str, Any] = {"form": form, "latest": latest, "preview": preview}
    if preview:
        context["preview_body"] = markdown_render(body=form.cleaned_data["body"])
        context["preview_tables"] = notice_render(notice_snapshot())
    return render(request, "backoffice/policy/publish.html", context, status=status)
