"""The person the encrypted-field tests store, and reading it back from the database."""

from __future__ import annotations

from partnership.crypto.tests.app.models import Person

NAME = "Grace Hopper"


def reload(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)
