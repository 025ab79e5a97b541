"""Shared fixtures: a small cast of named actors (see ENGINEERING.md) and the demo unit."""

import pytest

from config.celery import app as celery_app
from foi_cases.roles import OFFICER, ROLE_PERMISSIONS
from foi_cases.tests.factories import BodyFactory, UserFactory, user_with_permissions


@pytest.fixture(autouse=True, scope="session")
def celery_runs_tasks_in_process():
    """Tasks run eagerly in tests even when CI exports a broker URL; the worker test opts out."""
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Password hashing is deliberately slow; tests create many users and need no such protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters live in the cache (Redis in CI): each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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


# --- users who may not see who asked (applicant blind) --------------------------------------------


@pytest.fixture
def blind_officer(db):
    """An officer whose unit has withheld the reveal permission: runs cases and drafts letters, never
    sees who asked."""
    permissions = [p for p in ROLE_PERMISSIONS[OFFICER] if p != "responses.reveal_requester"]
    return user_with_permissions("blind", *permissions, first_name="Bea", last_name="Blind")


@pytest.fixture
def case_reader(db):
    """A press office reviewer: may read cases, never who asked."""
    return user_with_permissions("press", "foi_cases.view_case", first_name="Fiona", last_name="Marsh")


@pytest.fixture
def editor_without_reveal(db):
    """May change cases but has not been given the permission to see who asked."""
    return user_with_permissions("editor", "foi_cases.view_case", "foi_cases.change_case")
