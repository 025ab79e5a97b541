"""The retention page: administrators see the rule, what is due and past runs, and can run it now."""

from datetime import date

import pytest
from django.urls import reverse

from foi_cases import services
from foi_cases.models import Case, RetentionRun
from foi_cases.tests.factories import make_case
from foi_cases.tests.test_retention import close

URL = reverse("foi_cases:retention")


@pytest.fixture(autouse=True)
def today(on_day):
    on_day(date(2026, 1, 20))


@pytest.fixture
def cases(officer, body, other_body):
    return {
        "due": close(make_case(actor=officer, body=body), officer, date(2020, 1, 10)),
        "soon": close(make_case(actor=officer, body=other_body), officer, date(2020, 2, 3)),
        "later": close(make_case(actor=officer, body=body), officer, date(2020, 6, 1)),
        "open": make_case(actor=officer, body=body),
    }


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_the_preview_lists_exactly_the_cases_due_now(admin_client, cases):
    page = admin_client.get(URL)
    assert [case.reference for case in page.context["due"]] == [cases["due"].reference]


def test_the_preview_lists_the_cases_becoming_due_in_the_next_30_days_with_their_date(admin_client, cases):
    page = admin_client.get(URL)
    assert [(case.reference, case.due_on_retention) for case in page.context["upcoming"]] == [
        (cases["soon"].reference, date(2026, 2, 4))
    ]


def test_the_page_states_the_units_setting(admin_client, cases):
    unit = services.unit_get()
    unit.retention_years = 7
    unit.save()
    assert "more than <strong>7 years</strong> ago" in admin_client.get(URL).content.decode()


def test_the_page_shows_the_body_and_dates_of_a_due_case(admin_client, cases):
    text = admin_client.get(URL).content.decode()
    assert "Bedfordshire Police" in text and "10 January 2020" in text


def test_running_it_needs_the_box_ticked(admin_client, cases):
    response = admin_client.post(URL, {})
    assert (response.status_code, RetentionRun.objects.count()) == (400, 0)


def test_running_it_anonymises_the_due_cases_and_records_who_ran_it(admin_client, administrator, cases):
    response = admin_client.post(URL, {"confirm": "on"}, follow=True)
    run = RetentionRun.objects.get()
    assert (run.actor, run.references, Case.objects.get(pk=cases["due"].pk).requester.name) == (
        administrator,
        [cases["due"].reference],
        "Anonymised requester",
    )
    assert "Anonymised the requester" in response.content.decode()


def test_past_runs_are_listed(admin_client, cases):
    admin_client.post(URL, {"confirm": "on"})
    page = admin_client.get(URL)
    assert [run.references for run in page.context["runs"]] == [[cases["due"].reference]]


def test_an_officer_may_not_see_the_retention_page(client, officer):
    client.force_login(officer)
    assert client.get(URL).status_code == 403


def test_a_supervisor_may_not_run_it(client, supervisor, cases):
    client.force_login(supervisor)
    response = client.post(URL, {"confirm": "on"})
    assert (response.status_code, RetentionRun.objects.count()) == (403, 0)


def test_the_workload_page_links_administrators_to_retention(admin_client):
    assert f'href="{URL}"' in admin_client.get(reverse("foi_cases:workload")).content.decode()


def test_the_admin_lists_runs_read_only(admin_client, cases):
    admin_client.post(URL, {"confirm": "on"})
    run = RetentionRun.objects.get()
    changelist = admin_client.get(reverse("admin:foi_cases_retentionrun_changelist"))
    change = admin_client.post(reverse("admin:foi_cases_retentionrun_change", args=[run.pk]), {"anonymised": 0})
    run.refresh_from_db()
    assert (changelist.status_code, change.status_code, run.anonymised) == (200, 403, 1)


def test_the_unit_admin_offers_the_retention_period(admin_client):
    page = admin_client.get(reverse("admin:foi_cases_unit_change", args=[services.unit_get().pk]))
    assert 'name="retention_years"' in page.content.decode()
