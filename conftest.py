"""Shared fixtures: a small cast of named actors (see ENGINEERING.md) and the demo unit."""

import pytest

from foi_cases.tests.factories import BodyFactory, UserFactory


@pytest.fixture
def body(db):
    return BodyFactory(name="Bedfordshire Police")


@pytest.fixture
def other_body(db):
    return BodyFactory(name="Hertfordshire Constabulary")


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role="Officer", first_name="Olivia", last_name="Officer")


@pytest.fixture
def officer2(db):
    return UserFactory(username="officer2", role="Officer", first_name="Owen", last_name="Other")


@pytest.fixture
def supervisor(db):
    return UserFactory(username="supervisor", role="Supervisor", first_name="Sam", last_name="Supervisor")


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role="Administrator", is_staff=True)


@pytest.fixture
def stranger(db):
    """Signed in, but with no role in the unit."""
    return UserFactory(username="stranger", role=None)
