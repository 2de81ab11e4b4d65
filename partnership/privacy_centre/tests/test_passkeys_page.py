"""/account/privacy/passkeys/ and /staff/profile/: adding and removing passkeys, each
after the second factor again (a code, or a passkey), through the real views."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import Passkey, User
from partnership.accounts.tests.support import code_now, customer_make, sign_in, staff_make
from partnership.accounts.tests.webauthn_support import SoftAuthenticator
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PAGE = "/account/privacy/passkeys/"


def _options(client: Client, ceremony: str) -> str:
    response = client.post("/account/passkeys/options/", {"ceremony": ceremony})
    assert response.status_code == 200
    return response.content.decode()


def _add(client: Client, authenticator: SoftAuthenticator, *, base: str = PAGE, **form: str):  # type: ignore[no-untyped-def]
    answer = authenticator.create(_options(client, "register"))
    return client.post(f"{base}add/", {"name": "My phone", "credential": answer, **form})


@pytest.fixture
def customer() -> tuple[User, Client]:
    user, client = customer_make(), Client()
    sign_in(client, user)
    return user, client


def test_the_page_says_passkeys_need_javascript(customer: tuple[User, Client]) -> None:
    _, client = customer
    page = client.get(PAGE)
    assert page.status_code == 200
    assert b"Adding a passkey needs JavaScript" in page.content
    assert b"You have no passkeys yet" in page.content


def test_adding_a_passkey_with_a_code(customer: tuple[User, Client]) -> None:
    user, client = customer
    response = _add(client, SoftAuthenticator(), code=code_now())
    assert (response.status_code, response["Location"]) == (302, f"{PAGE}?saved=added")
    passkey = Passkey.objects.get(user=user)
    assert passkey.name == "My phone"
    page = client.get(response["Location"])
    assert b"Your passkey is added" in page.content
    assert b"My phone" in page.content


def test_a_wrong_code_adds_nothing_and_keeps_the_name(customer: tuple[User, Client]) -> None:
    _, client = customer
    wrong = "000000" if code_now() != "000000" else "111111"
    response = _add(client, SoftAuthenticator(), code=wrong)
    assert response.status_code == 400
    assert b"Nothing was changed" in response.content
    assert b'value="My phone"' in response.content
    assert Passkey.objects.count() == 0
    assert AuditEvent.objects.filter(event="account:passkey:add").count() == 0


def test_adding_without_the_browser_answer_explains_javascript(
    customer: tuple[User, Client],
) -> None:
    _, client = customer
    response = client.post(f"{PAGE}add/", {"name": "My phone", "code": code_now()})
    assert response.status_code == 400
    assert b"needs JavaScript" in response.content
    assert Passkey.objects.count() == 0


def test_a_wrong_origin_adds_nothing(customer: tuple[User, Client]) -> None:
    _, client = customer
    authenticator = SoftAuthenticator(origin="https://phish.example")
    response = _add(client, authenticator, code=code_now())
    assert response.status_code == 400
    assert b"could not be added" in response.content
    assert Passkey.objects.count() == 0
    assert AuditEvent.objects.get(event="account:passkey:refuse").reason == "wrong_origin"


def test_removing_with_a_code_and_with_a_passkey(customer: tuple[User, Client]) -> None:
    user, client = customer
    first, second = SoftAuthenticator(), SoftAuthenticator()
    _add(client, first, code=code_now())
    assertion = first.get(_options(client, "step_up"))
    # The second is added confirming with the first passkey (no code).
    assert _add(client, second, assertion=assertion).status_code == 302
    one, two = Passkey.objects.filter(user=user).order_by("created_at", "pk")
    assertion = second.get(_options(client, "step_up"))
    response = client.post(f"{PAGE}remove/", {"passkey": one.pk, "assertion": assertion})
    assert response["Location"] == f"{PAGE}?saved=removed"
    assert list(Passkey.objects.values_list("pk", flat=True)) == [two.pk]


def test_removing_someone_elses_passkey_is_not_found(customer: tuple[User, Client]) -> None:
    _, client = customer
    other, other_client = customer_make("other.test@example.com"), Client()
    sign_in(other_client, other)
    _add(other_client, SoftAuthenticator(), code=code_now())
    theirs = Passkey.objects.get(user=other)
    response = client.post(f"{PAGE}remove/", {"passkey": theirs.pk, "code": code_now()})
    assert response.status_code == 404
    assert Passkey.objects.filter(pk=theirs.pk).exists()


def test_a_step_up_passkey_is_refused_without_one() -> None:
    user, client = customer_make(), Client()
    sign_in(client, user)
    response = client.post("/account/passkeys/options/", {"ceremony": "step_up"})
    assert response.status_code == 400


def test_staff_add_and_remove_passkeys_on_their_profile() -> None:
    staff, client = staff_make(), Client()
    sign_in(client, staff)
    page = client.get("/staff/profile/")
    assert page.status_code == 200
    assert b"Your passkeys" in page.content
    response = _add(client, SoftAuthenticator(), base="/staff/profile/passkeys/", code=code_now())
    assert response["Location"] == "/staff/profile/?saved=added"
    passkey = Passkey.objects.get(user=staff)
    response = client.post(
        "/staff/profile/passkeys/remove/", {"passkey": passkey.pk, "code": "123-456"}
    )
    assert response.status_code == 400
    assert Passkey.objects.filter(user=staff).count() == 1


def test_a_malformed_passkey_id_is_a_clear_400(customer: tuple[User, Client]) -> None:
    _, client = customer
    response = client.post(f"{PAGE}remove/", {"passkey": "not-an-id", "code": code_now()})
    assert response.status_code == 400
    assert b"Choose a passkey to remove." in response.content
