"""A created user's personal data is nowhere in the database in clear (raw SQL dump)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from partnership.accounts.models import User
from partnership.accounts.services.users import ContactDetails, user_create
from partnership.accounts.tests.support import device_add
from partnership.compliance.tests.test_no_plaintext import database_bytes

DEMO = {
    "email": "Philippa.Quatermain@example.org",
    "full_name": "Philippa Quatermain-Zed",
    "postal_address": "17 Quokkaville Crescent",
    "postcode": "ZE2 9QQ",
    "phone": "07700 900461",
}
SECRET = "JBSWY3DPEHPK3PXPQUOKKAVILLE23456"


@pytest.mark.django_db(transaction=True)
def test_no_plaintext_personal_data_in_a_database_dump(client: object) -> None:
    user = user_create(
        email=DEMO["email"],
        password="lantern orchard 57 harbour",
        full_name=DEMO["full_name"],
        date_of_birth=dt.date(1979, 8, 23),
        contact=ContactDetails(DEMO["postal_address"], DEMO["postcode"], DEMO["phone"]),
    )
    device_add(user, SECRET)
    assert User.objects.get(pk=user.pk).email == DEMO["email"]

    dump = database_bytes()

    assert str(user.pk).replace("-", "").encode() in dump or str(user.pk).encode() in dump
    needles = [*DEMO.values(), DEMO["email"].lower(), "Quatermain", "1979-08-23", SECRET, "900461"]
    assert [n for n in needles if n.encode() in dump] == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, full_name, date_of_birth FROM accounts_user")
        row = cursor.fetchone()
    assert all(str(value).startswith("v1.") for value in row)
