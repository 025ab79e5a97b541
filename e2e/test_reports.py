"""Performance reports in a real browser: a supervisor opens Reports, chooses a quarter and a body, reads
the timeliness chart and its numbers, downloads the CSV and finds the same figures in it.

The register is test_reports.py's, whose answers are known: 16 FOI and EIR requests received in 2026 Q3
(and 4 subject access requests apart), 11 answered, 9 of them in time, 2 late and 1 not yet answered
past its deadline (75.0%, unsatisfactory)."""

import csv
import io

import pytest
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from e2e.pages import nav, shot
from foi_cases import services
from foi_cases.tests import test_reports
from foi_cases.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

register = test_reports.register


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day) -> None:
        monkeypatch.setattr(services, "today", lambda: day)

    return set_day


def test_a_supervisor_reads_the_timeliness_chart_and_downloads_the_same_figures(login, register, supervisor):
    page = login("supervisor", PASSWORD)
    nav(page, "Reports")
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance report")

    page.get_by_label("Quarter").select_option("2026-Q3")
    page.get_by_label("Body", exact=True).select_option(label="Bedfordshire Police")
    page.get_by_role("button", name="Show the report").click()

    expect(page.get_by_test_id("report-period")).to_contain_text("1 July 2026 to 30 September 2026")
    chart = page.get_by_role("img", name="Requests answered in time")
    expect(chart).to_be_visible()
    expect(page.locator("#gauge-requests-desc")).to_have_text(
        "75.0% of 12 requests answered or past their deadline were in time (unsatisfactory): 9 in time, 2 late, "
        "1 not yet answered with the deadline passed. Lines mark 90% and 95%."
    )
    timeliness = page.get_by_role("region", name="Timeliness")
    expect(timeliness.get_by_role("row", name="Answered late 2")).to_be_visible()
    expect(timeliness.get_by_role("row", name="Not yet answered, deadline passed")).to_contain_text("1")
    expect(timeliness.get_by_role("row", name="Answered in time (%)")).to_contain_text("75.0%")
    subject_access = page.get_by_role("region", name="Subject access requests")
    expect(subject_access.get_by_role("row", name="Received")).to_contain_text("4")
    shot(page, "reports")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "foi-report-2026-07-01-to-2026-09-30-bedfordshire-police.csv"
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert ["Requests", "Received", "16"] in rows
    assert ["Timeliness", "Answered in time (%)", "75.0"] in rows
    assert ["Subject access requests", "Received", "4"] in rows
    assert ["Timeliness", "Answered late", "2"] in rows


def test_the_quarterly_return_is_accessible(login, register, supervisor):
    page = login("supervisor", PASSWORD)
    page.goto(f"/cases/reports/quarterly/?quarter=2026-Q3&body={register.pk}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly return")
    expect(page.get_by_role("table")).to_contain_text("Requests received")
    assert_accessible(page)
