"""The customer's secure messages: list, write, read and reply, download an attachment."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from partnership.audit.services import Actor
from partnership.core.access import customer_required
from partnership.core.text import unreadable_fields
from partnership.inbox import selectors, services
from partnership.inbox.access import access_attachment, access_thread, owner_id
from partnership.inbox.attachments import MemoryUploadHandler
from partnership.inbox.downloads import attachment_response
from partnership.inbox.forms import CustomerReplyForm, NewMessageForm
from partnership.inbox.models import Topic


def _unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)


@require_safe
@customer_required
def thread_list(request: HttpRequest) -> HttpResponse:
    threads = selectors.thread_list(owner_id=owner_id(request.user))
    sent = request.GET.get("sent") == "1"
    return render(request, "inbox/threads.html", {"threads": threads, "sent": sent})


# CSRF is checked inside, once the upload handler is set: the handler must be in place
# before anything reads the body, and Django's CSRF check reads it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@customer_required
def message_new(request: HttpRequest) -> HttpResponseBase:
    request.upload_handlers = [MemoryUploadHandler(request)]
    return _message_new(request)


@csrf_protect
def _message_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _new_page(request, NewMessageForm())
    form = NewMessageForm(request.POST, files=request.FILES)
    if not form.is_valid():
        return _new_page(request, form, status=400)
    data = form.cleaned_data
    attached: dict[str, Any] | None = data["attachment"]
    thread = services.thread_start(
        owner_id=owner_id(request.user),
        topic=Topic(data["topic"]),
        body=data["body"],
        attachment=services.AttachmentInput(**attached) if attached else None,
    )
    return redirect("inbox:thread", thread_id=thread.pk)


def _new_page(request: HttpRequest, form: NewMessageForm, *, status: int = 200) -> HttpResponse:
    return render(request, "inbox/new.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@customer_required
def thread_detail(request: HttpRequest, thread_id: uuid.UUID) -> HttpResponse:
    thread = access_thread(user=request.user, thread_id=thread_id)
    if request.method == "POST":
        form = CustomerReplyForm(request.POST, unreadable=_unreadable(request))
        if form.is_valid():
            services.customer_reply(thread=thread, body=form.cleaned_data["body"])
            return redirect(f"/account/messages/{thread.pk}/?sent=1")
        return _thread_page(request, thread=thread, form=form, status=400)
    services.thread_mark_read(thread=thread)
    return _thread_page(request, thread=thread, form=CustomerReplyForm())


def _thread_page(
    request: HttpRequest, *, thread: Any, form: CustomerReplyForm, status: int = 200
) -> HttpResponse:
    context = {
        "thread": thread,
        "messages_list": selectors.thread_messages(thread=thread),
        "form": form,
        "sent": request.GET.get("sent") == "1",
    }
    return render(request, "inbox/thread.html", context, status=status)


@require_safe
@customer_required
def attachment_download(request: HttpRequest, attachment_id: uuid.UUID) -> HttpResponse:
    attachment = access_attachment(user=request.user, attachment_id=attachment_id)
    services.attachment_download_record(
        attachment=attachment, actor=Actor.customer(owner_id(request.user))
    )
    return attachment_response(attachment)
