"""Shared fixtures: a small cast of named actors (see ENGINEERING.md) and the demo unit."""

import os

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection

from config.celery import app as celery_app
from foi_cases.roles import OFFICER, ROLE_PERMISSIONS
from foi_cases.tests.factories import FAST_PASSWORD_HASHERS, BodyFactory, UserFactory, user_with_permissions

# The unit's test signing certificate (made once a session) and settings pointing at it.
pytest_plugins = ["responses.tests.signing_fixtures"]


@pytest.fixture(autouse=True, scope="session")
def celery_runs_tasks_in_process():
    """Tasks run eagerly in tests even when CI exports a broker URL; the worker test opts out."""
    celery_app.conf.task_always_eager = True
    yield


def _close_worker_connection(**kwargs) -> None:
    # The worker runs tasks in its own thread, which opens its own database connection; close it so
    # the test database can be flushed and dropped.
    connection.close()


@pytest.fixture
def celery_worker_on_redis():
    """A real Celery worker (in a thread) taking tasks from the Redis broker. Use with
    django_db(transaction=True): the worker must see what the test committed."""
    broker_url = os.environ.get("CELERY_BROKER_URL")
    if not broker_url:
        pytest.skip("set CELERY_BROKER_URL to a Redis broker to run the worker test")
    if connection.vendor != "postgresql":
        pytest.skip(
            f"the worker test needs PostgreSQL (a worker thread shares the database); this run uses {connection.vendor}"
        )
    saved = {name: celery_app.conf[name] for name in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=broker_url)
    task_postrun.connect(_close_worker_connection, weak=False)
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        task_postrun.disconnect(_close_worker_connection)
        celery_app.conf.update(saved)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Password hashing is deliberately slow; tests create many users and need no such protection."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle counters live in the cache (Redis in CI): each test starts with none."""
    from django.core.cache import cache, caches

    for each in (cache, caches["status_pages"]):
        each.clear()
    yield
    for each in (cache, caches["status_pages"]):
        each.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    """Stored files (signed letters, the unit's images) go to a fresh directory for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def letters_signed_and_stored_in_test_places(signing_certificate, media_root):
    """No test signs with, or writes letters beside, the project's own files: every test signs with
    the session's test certificate and stores into its own temporary directory."""
    yield


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
