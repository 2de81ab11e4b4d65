"""/staff/messages/: the customers' secure messages, answered under a live access grant.

The queue shows each waiting thread's reference, topic and dates only. Opening a thread
shows the customer's messages, so it needs the agent's own live ``AccessGrant`` for
that customer (``backoffice.access``), given with a reason on the thread's own page
exactly as on the customer's; each view is recorded. A reply or an attachment download
tried without a grant is refused (403) and the refusal recorded.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.accounts.models import User
from partnership.accounts.staff_access import AccessReason
from partnership.audit.services import Actor
from partnership.backoffice.access import access_grant_live
from partnership.backoffice.forms.customers import AccessReasonForm
from partnership.backoffice.models import AccessGrant
from partnership.backoffice.services import grants
from partnership.backoffice.views.common import customer_or_404, staff_user
from partnership.core.errors import render_error
from partnership.inbox import selectors as inbox_selectors
from partnership.inbox import services as inbox_services
from partnership.inbox.downloads import attachment_response
from partnership.inbox.forms import AgentReplyForm
from partnership.inbox.models import Thread


@require_safe
def message_queue(request: HttpRequest) -> HttpResponse:
    context = {"threads": inbox_selectors.agent_queue(), "limit": inbox_selectors.QUEUE_SIZE}
    return render(request, "backoffice/messages/queue.html", context)


@require_safe
def customer_threads(request: HttpRequest, customer_id: uuid.UUID) -> HttpResponse:
    """Every conversation of one customer, answered or not (under a live grant)."""
    staff = staff_user(request)
    customer = customer_or_404(customer_id)
    grant = access_grant_live(staff=staff, customer=customer)
    if grant is None:
        action = f"/staff/customers/{customer.pk}/"
        return _reason_page(request, customer=customer, form=AccessReasonForm(), action=action)
    grants.customer_view_record(grant=grant, page="messages")
    context = {"customer": customer, "threads": inbox_selectors.thread_list(owner_id=customer.pk)}
    return render(request, "backoffice/messages/customer.html", context)


def _thread_or_404(thread_id: uuid.UUID) -> Thread:
    thread = inbox_selectors.thread_get(thread_id=thread_id)
    if thread is None:
        raise Http404
    return thread


@require_http_methods(["GET", "HEAD", "POST"])
def message_thread(request: HttpRequest, thread_id: uuid.UUID) -> HttpResponse:
    staff = staff_user(request)
    thread = _thread_or_404(thread_id)
    customer = User.objects.get(pk=thread.owner_id)
    grant = access_grant_live(staff=staff, customer=customer)
    if grant is None:
        return _without_grant(request, staff=staff, customer=customer, thread=thread)
    if request.method == "POST":
        form = AgentReplyForm(request.POST)
        if form.is_valid():
            inbox_services.agent_reply(
                thread=thread,
                staff_id=staff.pk,
                grant_id=grant.pk,
                body=form.cleaned_data["body"],
                close=form.cleaned_data["close"],
                site_url=request.build_absolute_uri("/"),
            )
            return redirect(f"/staff/messages/{thread.pk}/?sent=1")
        return _thread_page(request, thread=thread, grant=grant, form=form, status=400)
    return _thread_page(request, thread=thread, grant=grant, form=AgentReplyForm())


def _without_grant(
    request: HttpRequest, *, staff: User, customer: User, thread: Thread
) -> HttpResponse:
    """The reason form (GET, or its own POST); any other POST is a refused reply."""
    action = f"/staff/messages/{thread.pk}/"
    if request.method != "POST":
        return _reason_page(request, customer=customer, form=AccessReasonForm(), action=action)
    if "reason_category" not in request.POST:
        inbox_services.agent_access_refused_record(
            staff_id=staff.pk, thread_id=thread.pk, action="reply"
        )
        return render_error(request, status=403)
    form = AccessReasonForm(request.POST)
    if form.is_valid():
        try:
            grants.access_grant_create(
                staff=staff,
                customer=customer,
                reason_category=AccessReason(form.cleaned_data["reason_category"]),
                reason_text=form.cleaned_data["reason_text"],
                case_reference=form.cleaned_data["case_reference"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(action)
    return _reason_page(request, customer=customer, form=form, action=action, status=400)


def _reason_page(
    request: HttpRequest,
    *,
    customer: User,
    form: AccessReasonForm,
    action: str,
    status: int = 200,
) -> HttpResponse:
    context = {"customer_id": customer.pk, "form": form, "reason_action": action}
    return render(request, "backoffice/customers/reason.html", context, status=status)


def _thread_page(
    request: HttpRequest,
    *,
    thread: Thread,
    grant: AccessGrant,
    form: AgentReplyForm,
    status: int = 200,
) -> HttpResponse:
    grants.customer_view_record(grant=grant, page="messages")
    context = {
        "thread": thread,
        "messages_list": inbox_selectors.thread_messages(thread=thread),
        "form": form,
        "grant": grant,
        "reason": AccessReason(grant.reason_category).label,
        "sent": request.GET.get("sent") == "1",
    }
    return render(request, "backoffice/messages/thread.html", context, status=status)


@require_safe
def message_attachment(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    staff = staff_user(request)
    attachment = inbox_selectors.attachment_get(attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    thread = attachment.message.thread
    grant = access_grant_live(staff=staff, customer=User.objects.get(pk=thread.owner_id))
    if grant is None:
        inbox_services.agent_access_refused_record(
            staff_id=staff.pk, thread_id=thread.pk, action="attachment"
        )
        return render_error(request, status=403)
    inbox_services.attachment_download_record(
        attachment=attachment, actor=Actor.staff(staff.pk), grant_id=grant.pk
    )
    return attachment_response(attachment)
