"""A complaint to the ICO in a real browser: an officer logs it from a case that was answered, records
the decision notice with a step ordered, and sees when the step must be complied with and when the
appeal window closes.

Set E2E_SHOTS to a directory to keep screenshots of the pages for review.
"""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from e2e.pages import shot
from foi_cases import services
from foi_cases.deadlines import short_date
from foi_cases.tests.factories import PASSWORD, make_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def responded(officer, body):
    """Answered ten days ago (the live server's today is the real one)."""
    today = services.today()
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=today - timedelta(days=40))
    return services.case_close(case=case, actor=officer, outcome="granted", responded_on=today - timedelta(days=10))


def test_an_officer_logs_an_ico_complaint_and_records_the_decision_notice(login, responded):
    today = services.today()
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{responded.pk}/")
    complaints_panel = page.get_by_role("region", name="Complaints to the commissioner")
    complaints_panel.get_by_role("link", name="Log a complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Log a complaint to the commissioner")
    expect(page.get_by_role("combobox", name="Commissioner")).to_have_value("ico")
    assert_accessible(page, what="the complaint form")
    page.get_by_label("Commissioner's reference").fill("ic-123456-a1b2")
    page.get_by_label("Submissions due by").fill((today + timedelta(days=20)).isoformat())
    shot(page, "complaint-log")
    page.get_by_role("button", name="Log the complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint IC-123456-A1B2")
    expect(page.locator(".complaint-stage")).to_have_text("Awaiting our submissions")
    page.get_by_role("link", name="Record the decision notice").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record the decision notice")
    assert_accessible(page, what="the decision notice form")
    page.get_by_label("Date the decision notice was sent").fill(today.isoformat())
    page.get_by_label("Overall outcome").select_option("upheld")
    first_finding = page.get_by_role("group", name="Finding 1")
    first_finding.get_by_label("Exemption or point").fill("s10")
    first_finding.get_by_label("Finding", exact=True).select_option("overturned")
    page.get_by_role("group", name="Step 1").get_by_label("Step ordered").fill("Disclose the report.")
    page.get_by_role("button", name="Record the decision notice").click()

    expect(page.get_by_role("status")).to_contain_text("Recorded the decision notice.")
    expect(page.locator(".step-dates")).to_have_text(f"Comply by {short_date(today + timedelta(days=35))}")
    expect(page.locator(".appeal-window")).to_have_text(
        f"Appeal to the First-tier Tribunal by {short_date(today + timedelta(days=28))} (28 days left)"
    )
    shot(page, "complaint-page")
    assert_accessible(page, what="the complaint page")

    page.goto(f"/cases/{responded.pk}/")
    expect(page.get_by_role("region", name="Complaints to the commissioner")).to_contain_text("IC-123456-A1B2")
    assert_accessible(page, what="the case page with its complaint")
