"""Oversight in a real browser: a supervisor reads the workload per officer; an administrator sees a
case due for anonymisation, runs the retention job, and sees the run recorded."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from e2e.pages import nav, shot
from foi_cases import services
from foi_cases.models import Case
from foi_cases.tests.factories import PASSWORD, make_case

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = date(2026, 11, 18)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)
    return TODAY


def test_a_supervisor_sees_each_officers_open_and_overdue_cases(login, today, officer, officer2, supervisor, body):
    make_case(actor=officer, body=body, received_on=date(2026, 10, 20), assigned_to=officer)  # overdue
    make_case(actor=officer, body=body, received_on=date(2026, 11, 18), assigned_to=officer)
    make_case(actor=officer, body=body, received_on=date(2026, 11, 16), assigned_to=officer2)
    page = login("supervisor", PASSWORD)
    nav(page, "Workload")

    expect(page.get_by_role("heading", level=1)).to_have_text("Workload")
    olivia = page.get_by_role("row", name="Olivia Officer")
    expect(olivia.get_by_role("link", name="2 open cases for Olivia Officer")).to_be_visible()
    expect(olivia.get_by_role("link", name="1 overdue cases for Olivia Officer")).to_be_visible()
    expect(
        page.get_by_role("row", name="Owen Other").get_by_role("link", name="1 open cases for Owen Other")
    ).to_be_visible()
    expect(page.get_by_text("Friday 20 November 2026")).to_be_visible()
    shot(page, "workload")
    assert_accessible(page)

    olivia.get_by_role("link", name="1 overdue cases for Olivia Officer").click()
    expect(page.get_by_role("heading", name="1 case found")).to_be_visible()


def test_an_administrator_previews_and_runs_the_retention_job(login, today, officer, administrator, body):
    case = make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now().replace(year=2020, month=1, day=10))
    page = login("admin", PASSWORD)
    page.goto("/cases/retention/")

    due = page.get_by_role("region", name="Due now")
    expect(due.get_by_role("link", name=case.reference)).to_be_visible()
    shot(page, "retention")
    assert_accessible(page)

    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Run now").click()

    expect(page.get_by_role("status")).to_contain_text("Anonymised the requester's details on 1 case.")
    expect(page.get_by_role("region", name="Due now")).to_contain_text("No case is due for anonymisation.")
    runs = page.get_by_role("region", name="Past runs")
    expect(runs.get_by_role("row").nth(1)).to_contain_text(case.reference)
    assert_accessible(page)
