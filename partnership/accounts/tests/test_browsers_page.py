"""/account/browsers/: a person lists the browsers holding a device cookie for their
account and forgets them; only their own, whatever id is posted."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import DeviceCookie, User
from partnership.accounts.services.device_cookies import device_cookie_issue, device_cookie_name
from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
REVOKE = "account:device-cookie:revoke"


def _trusted(user: User) -> tuple[str, DeviceCookie]:
    token = device_cookie_issue(user=user, token="", user_agent=FIREFOX) or ""
    return token, DeviceCookie.objects.filter(user=user).order_by("-created_at")[0]


def _client(user: User, token: str = "") -> Client:
    client = Client()
    sign_in(client, user)
    if token:
        client.cookies[device_cookie_name()] = token
    return client


def test_the_page_lists_exactly_the_persons_own_browsers_and_marks_this_one() -> None:
    ada, bob = customer_make(), customer_make("bob.test@example.com")
    token, mine = _trusted(ada)
    _trusted(ada)
    _trusted(bob)
    response = _client(ada, token).get("/account/browsers/")
    assert response.status_code == 200
    rows = response.context["browsers"]
    assert sorted(row["cookie"].pk for row in rows) == sorted(
        DeviceCookie.objects.filter(user=ada).values_list("pk", flat=True)
    )
    assert [row["this"] for row in rows if row["cookie"].pk == mine.pk] == [True]
    assert sum(row["this"] for row in rows) == 1
    assert "(this browser)" in response.content.decode()


def test_forgetting_this_browser_removes_one_row_audits_it_and_clears_the_cookie() -> None:
    ada = customer_make()
    token, mine = _trusted(ada)
    _, other = _trusted(ada)
    response = _client(ada, token).post("/account/browsers/forget/", {"device": str(mine.pk)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/browsers/?saved=forgotten"
    assert list(DeviceCookie.objects.filter(user=ada)) == [other]
    assert response.cookies[device_cookie_name()].value == ""
    [event] = AuditEvent.objects.filter(event=REVOKE)
    assert (event.subject_id, event.data) == (str(ada.pk), {"revoked": 1})


def test_forgetting_another_browser_keeps_this_browsers_cookie() -> None:
    ada = customer_make()
    token, mine = _trusted(ada)
    _, other = _trusted(ada)
    response = _client(ada, token).post("/account/browsers/forget/", {"device": str(other.pk)})
    assert response.status_code == 302
    assert list(DeviceCookie.objects.filter(user=ada)) == [mine]
    assert device_cookie_name() not in response.cookies


def test_someone_elses_id_changes_nothing() -> None:
    ada, bob = customer_make(), customer_make("bob.test@example.com")
    _, bobs = _trusted(bob)
    response = _client(ada).post("/account/browsers/forget/", {"device": str(bobs.pk)})
    assert response.status_code == 404
    assert list(DeviceCookie.objects.filter(user=bob)) == [bobs]
    assert not AuditEvent.objects.filter(event=REVOKE).exists()


@pytest.mark.parametrize("value", ["", "x", "-" * 36, "a" * 36, "all " * 9])
def test_a_malformed_id_is_a_form_error_and_changes_nothing(value: str) -> None:
    ada = customer_make()
    _trusted(ada)
    response = _client(ada).post("/account/browsers/forget/", {"device": value})
    assert response.status_code == 400
    assert "Choose a browser to forget." in response.content.decode()
    assert DeviceCookie.objects.filter(user=ada).count() == 1
    assert not AuditEvent.objects.filter(event=REVOKE).exists()


def test_staff_forget_every_browser_of_their_own_and_no_one_elses() -> None:
    sam, ada = staff_make(), customer_make()
    token, _ = _trusted(sam)
    _trusted(sam)
    _, adas = _trusted(ada)
    client = _client(sam, token)
    assert client.get("/account/browsers/").status_code == 200
    response = client.post("/account/browsers/forget/", {"device": "all"})
    assert response.headers["Location"] == "/account/browsers/?saved=forgotten-all"
    assert not DeviceCookie.objects.filter(user=sam).exists()
    assert list(DeviceCookie.objects.filter(user=ada)) == [adas]
    assert response.cookies[device_cookie_name()].value == ""


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get("/account/browsers/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login/")
