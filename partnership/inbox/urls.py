"""The customer's secure messages, included under ``account/``."""

from django.urls import path

from partnership.inbox import views

app_name = "inbox"

urlpatterns = [
    path("messages/", views.thread_list, name="threads"),
    # The one route with a body limit above the site's 1 MB (settings, deploy/nginx.conf).
    path("messages/new/", views.message_new, name="message_new"),
    path("messages/<uuid:thread_id>/", views.thread_detail, name="thread"),
    path(
        "messages/attachments/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
]
