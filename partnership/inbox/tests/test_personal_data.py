from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

from partnership.accounts.models import User
from partnership.core import clock
from partnership.inbox import demo
from partnership.inbox.models import Attachment, Message, Thread
from partnership.inbox.tests.support import PDF, thread_make
from partnership.privacy import inventory
from partnership.privacy.export import subject_access_collect, subject_access_export
from partnership.privacy.retention import retention_run
from partnership.privacy.subjects import DataSubject

CATEGORIES = ("message_attachments", "messages", "message_threads")


def subject_of(user: User) -> DataSubject:
    return DataSubject(email="someone@example.org", user_id=user.pk)


def close(thread: Thread, at: dt.datetime) -> None:
    Thread.objects.filter(pk=thread.pk).update(status="closed", closed_at=at)


def test_the_three_categories_are_registered_in_order_with_their_rules() -> None:
    entries = [e for e in inventory.registered() if e.category in CATEGORIES]

    assert [e.category for e in entries] == list(CATEGORIES)
    assert [e.retention_rule for e in entries] == [
        "message-attachments",
        "messages",
        "message-threads",
    ]
    assert entries[0].field_named("content").encrypted is True
    assert entries[1].field_named("body").encrypted is True


def test_the_export_holds_the_persons_messages_and_attachment_details(
    customer: User, other: User
) -> None:
    mine = thread_make(customer)
    thread_make(other, body="Not for the export.")

    data = subject_access_collect(subject=subject_of(customer))

    assert [t["id"] for t in data["message_threads"]] == [str(mine.pk)]
    assert data["message_threads"][0]["topic"] == "My card"
    assert [m["text"] for m in data["messages"]] == ["My card is bent."]
    assert data["messages"][0]["from"] == "you"
    (attached,) = data["message_attachments"]
    assert {k: attached[k] for k in ("file_name", "type", "size_bytes")} == {
        "file_name": "photo of card.pdf",
        "type": "application/pdf",
        "size_bytes": Attachment.objects.get(message__thread=mine).size,
    }
    assert "Not for the export." not in json.dumps(data)


def test_erasure_removes_every_message_row_of_the_person_only(customer: User, other: User) -> None:
    thread_make(customer)
    theirs = thread_make(other)
    entries = {entry.category: entry for entry in inventory.registered()}

    outcomes = {c: entries[c].erase(subject_of(customer)) for c in CATEGORIES}

    assert [len(outcomes[c].erased_ids) for c in CATEGORIES] == [1, 1, 1]
    assert all(outcomes[c].kept == () for c in CATEGORIES)
    assert list(Thread.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert Message.objects.count() == 1
    assert Attachment.objects.count() == 1


def test_retention_deletes_two_years_after_closing_and_not_before(customer: User) -> None:
    now = clock.now()
    expired = thread_make(customer)
    kept = thread_make(customer)
    still_open = thread_make(customer)
    close(expired, now - dt.timedelta(days=2 * 365 + 2))
    close(kept, now - dt.timedelta(days=2 * 365 - 1))

    report = retention_run(dry_run=False)

    deleted = {o.rule: o.deleted for o in report.rules if o.rule.startswith("message")}
    assert deleted == {"message-attachments": 1, "messages": 1, "message-threads": 1}
    assert set(Thread.objects.values_list("pk", flat=True)) == {kept.pk, still_open.pk}
    assert Attachment.objects.count() == 2


def test_the_demo_seeder_gives_each_customer_one_answered_thread_once(
    customer: User, other: User
) -> None:
    assert demo.seed_threads() == ["Gave 2 demo customer(s) a message thread with an unread reply."]
    assert demo.seed_threads() == []

    for person in (customer, other):
        thread = Thread.objects.get(owner=person)
        assert thread.customer_unread is True
        assert [m.author for m in thread.messages.order_by("sent_at")] == ["customer", "staff"]


def test_the_export_archive_holds_the_attachment_files(
    customer: User, other: User, tmp_path: Path
) -> None:
    mine = thread_make(customer)
    thread_make(other)
    attachment = Attachment.objects.get(message__thread=mine)

    subject_access_export(email="writer.test@example.com", out=tmp_path / "export.zip")

    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        names = sorted(archive.namelist())
        data = json.loads(archive.read("data.json"))
        expected = f"attachment-{attachment.pk}.pdf"
        assert names == [expected, "data.json", "summary.html"]
        assert archive.read(expected) == PDF
    assert data["message_attachments"][0]["file"] == expected
