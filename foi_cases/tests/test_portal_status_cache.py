"""The status page by private link is kept, rendered, for each version of the case: what the cache
must never get wrong (a stale page, someone else's CSRF token, a revoked link still working)."""

import re
from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from foi_cases import portal, services
from foi_cases.status_views import CSRF_PLACEHOLDER
from foi_cases.tests.factories import make_case
from responses import issuing

pytestmark = pytest.mark.django_db


def link(case) -> str:
    return reverse("status:page", args=[portal.status_token_issue(case=case)])


def stage(response) -> str:
    return re.search(r'data-stage="([a-z_]+)"', response.content.decode()).group(1)


def test_a_second_visit_is_served_from_the_cache(client, officer, body, django_assert_max_num_queries):
    url = link(make_case(actor=officer, body=body))
    first = client.get(url)
    with django_assert_max_num_queries(2):  # the token and its case's version (and at most one daily stamp)
        second = Client().get(url)
    assert first.content == second.content
    assert len(caches["status_pages"]._cache) == 1


def test_a_change_to_the_case_shows_at_once(officer, body):
    case = make_case(actor=officer, body=body)
    url = link(case)
    assert stage(Client().get(url)) == "received"
    services.case_assign(case=case, actor=officer, officer=officer)
    assert stage(Client().get(url)) == "in_progress"
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    assert stage(Client().get(url)) == "awaiting_clarification"


def test_a_letter_sent_shows_at_once(issued, officer, supervisor, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 10))
    url = link(issued.case)
    assert "Download the letter" not in Client().get(url).content.decode()
    issuing.letter_send(letter=issued, actor=officer, method="email")
    assert "Download the letter" in Client().get(url).content.decode()


def test_a_review_asked_for_shows_at_once_on_the_original_case(officer, body, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 10))
    case = make_case(actor=officer, body=body)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    url = link(case)
    assert stage(Client().get(url)) == "responded"
    portal.review_request_submit(case=case, reasons="Please look again.")
    assert stage(Client().get(url)) == "under_review"


def test_a_revoked_link_stops_working_even_once_its_page_is_cached(officer, body):
    case = make_case(actor=officer, body=body)
    url = link(case)
    assert Client().get(url).status_code == 200
    portal.status_tokens_revoke(case=case, actor=officer)
    assert Client().get(url).status_code == 404


def test_each_visitor_gets_their_own_csrf_token_on_a_cached_page(officer, body, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 10))
    case = make_case(actor=officer, body=body)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    token = portal.status_token_issue(case=case)
    url = reverse("status:page", args=[token])
    Client().get(url)  # rendered and cached for the first visitor

    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    assert CSRF_PLACEHOLDER not in page
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    # The review form on the cached page works for this visitor, with their own cookie and token.
    answer = visitor.post(
        reverse("status:review", args=[token]), {"reasons": "Please look again.", "csrfmiddlewaretoken": csrf}
    )
    assert answer.status_code == 302
    assert case.reviews.count() == 1


def test_a_download_link_dies_with_the_private_link_it_came_from(issued, officer, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 10))
    issuing.letter_send(letter=issued, actor=officer, method="email")
    case = issued.case
    url = link(case)
    download = re.search(r'href="(/status/letters/[^"]+)"', Client().get(url).content.decode()).group(1)
    assert Client().get(download).status_code == 200
    portal.status_tokens_revoke(case=case, actor=officer)
    assert Client().get(download).status_code == 404


def test_a_download_link_given_after_a_reference_and_email_lookup_still_works_until_it_expires(issued, officer):
    """No private link was used: nothing to revoke, so it lasts its PORTAL_DOWNLOAD_LINK_HOURS."""
    issuing.letter_send(letter=issued, actor=officer, method="post", sent_on=issued.letter_date)
    path = portal.letter_download_path(case=issued.case, letter_id=issued.pk)
    portal.status_tokens_revoke(case=issued.case, actor=officer)
    assert Client().get(path).status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # outside a transaction, where the prepared query is used
def test_on_postgresql_the_token_query_is_prepared_once_per_connection(officer, body):
    if connection.vendor != "postgresql":
        pytest.skip(f"prepared statements are PostgreSQL's; this run uses {connection.vendor}")
    case = make_case(actor=officer, body=body)
    token = portal.status_token_issue(case=case)
    connection.ensure_connection()
    portal.statements_prepare(sender=None, connection=connection)
    portal.statements_prepare(sender=None, connection=connection)  # already prepared: still usable
    assert getattr(connection, portal.PREPARED_FLAG) is True
    hit = portal.status_token_hit(token)
    assert (hit.case_id, hit.token_id) == (case.pk, case.status_tokens.get().pk)
    assert portal.status_token_hit("not-a-token") is None
    assert getattr(connection, portal.PREPARED_FLAG) is True  # it ran, and did not fall back


def test_an_answer_sent_to_a_clarification_shows_at_once(officer, body):
    case = make_case(actor=officer, body=body)
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    url = link(case)
    assert "You sent us your answer" not in Client().get(url).content.decode()
    portal.clarification_reply_submit(case=case, text="I mean the 2019 figures.")
    assert "You sent us your answer" in Client().get(url).content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_when_the_prepared_query_is_lost_the_page_still_answers(officer, body):
    """A pooler in transaction mode may hand over a connection without the statement."""
    if connection.vendor != "postgresql":
        pytest.skip(f"prepared statements are PostgreSQL's; this run uses {connection.vendor}")
    case = make_case(actor=officer, body=body)
    url = link(case)
    connection.ensure_connection()
    portal.statements_prepare(sender=None, connection=connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DEALLOCATE {portal._TOKEN_HIT_STATEMENT}")

    assert Client().get(url).status_code == 200
    assert getattr(connection, portal.PREPARED_FLAG) is False
