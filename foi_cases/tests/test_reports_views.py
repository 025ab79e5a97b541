"""The reports page, its quarterly return layout, the CSV and the API: who may see them, how a period
is chosen and refused, and that each shows the seeded register's figures (see test_reports.py)."""

import csv
import io
from datetime import date

import pytest
import yaml
from django.db import connection
from rest_framework.test import APIClient

from foi_cases.report_forms import ReportPeriodForm
from foi_cases.tests import test_reports
from foi_cases.tests.api_client import signed_in
from foi_cases.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
TODAY = test_reports.TODAY
# The seeded register whose figures are known.
register = test_reports.register
PAGE, QUARTERLY, CSV, API = (
    "/cases/reports/",
    "/cases/reports/quarterly/",
    "/cases/reports/report.csv",
    "/api/v1/reports/",
)


@pytest.fixture
def as_supervisor(client, supervisor, on_day):
    on_day(TODAY)
    client.force_login(supervisor)
    return client


def q3(body) -> dict:
    return {"quarter": "2026-Q3", "body": body.pk}


def form(**data) -> ReportPeriodForm:
    return ReportPeriodForm(data, today=TODAY)


# --- who may see them -----------------------------------------------------------------------------


def test_an_officer_without_the_reports_permission_is_refused(client, officer):
    client.force_login(officer)

    assert client.get(PAGE).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_administrator_may_see_the_reports(client, administrator):
    client.force_login(administrator)

    assert client.get(PAGE).status_code == 200


def test_the_csv_is_refused_to_an_officer(client, officer):
    client.force_login(officer)

    assert client.get(CSV).status_code == 403


def test_supervisors_find_reports_in_the_menu(as_supervisor):
    assert 'href="/cases/reports/"' in as_supervisor.get("/cases/").content.decode()


def test_officers_find_no_reports_in_the_menu(client, officer):
    client.force_login(officer)

    assert 'href="/cases/reports/"' not in client.get("/cases/").content.decode()


# --- the page ----------------------------------------------------------------------------------------


def test_with_no_period_chosen_the_report_is_for_this_quarter(as_supervisor):
    response = as_supervisor.get(PAGE)

    assert response.context["report"].period.name == "2026 Q4"


def test_a_quick_pick_chooses_last_quarter(as_supervisor):
    response = as_supervisor.get(PAGE, {"period": "last_quarter"})

    assert response.context["report"].period.name == "2026 Q3"


def test_the_timeliness_chart_is_an_svg_image_with_its_numbers_beside_it(as_supervisor, register):
    html = as_supervisor.get(PAGE, q3(register)).content.decode()

    assert '<svg role="img" aria-labelledby="gauge-requests-title gauge-requests-desc"' in html
    assert (
        "75.0% of 12 requests answered or past their deadline were in time (unsatisfactory): 9 in time, 2 late, "
        "1 not yet answered with the deadline passed." in html
    )
    assert '<tr data-measure="timeliness.late">' in html


def test_the_page_shows_the_ico_band_in_words(as_supervisor, register):
    html = as_supervisor.get(PAGE, q3(register)).content.decode()

    assert "Unsatisfactory (under 90% in time): the ICO may monitor the authority" in html


def test_the_page_defines_each_figure_in_a_sentence(as_supervisor, register):
    html = as_supervisor.get(PAGE, q3(register)).content.decode()

    assert "processed means answered, not withdrawn or lapsed." in html


def test_the_page_defines_not_yet_answered_deadline_passed_as_of_today(as_supervisor, register):
    html = as_supervisor.get(PAGE, q3(register)).content.decode()

    assert "still open today (the day the report is made, even for a period long past)" in html


def test_the_page_shows_subject_access_requests_in_a_section_of_their_own(as_supervisor, register):
    html = as_supervisor.get(PAGE, q3(register)).content.decode()

    assert '<h2 class="h4" id="subject_access-heading">Subject access requests</h2>' in html
    assert '<tr data-measure="subject_access.open_past_deadline">' in html


def test_a_bodys_name_is_shown_as_text_not_markup(as_supervisor, on_day):
    hostile = BodyFactory(name="<script>alert(1)</script> Police")

    html = as_supervisor.get(PAGE, {"body": hostile.pk}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Police" in html


def test_the_page_takes_a_bounded_number_of_queries(as_supervisor, register, django_assert_max_num_queries):
    # Session, user, permissions, bodies for the form and the report's six (nine on SQLite: see test_reports.py),
    # and the menu's count of letters awaiting approval (leaving out review outcomes the user may not decide).
    with django_assert_max_num_queries(15 if connection.vendor == "postgresql" else 18):
        as_supervisor.get(PAGE, q3(register))


def test_the_quarterly_return_lists_the_cabinet_office_categories(as_supervisor, register):
    response = as_supervisor.get(QUARTERLY, q3(register))
    categories = [category for category, _ in response.context["rows"]]

    assert categories == [
        "Requests received",
        "Requests processed",
        "Timeliness",
        "Initial outcome",
        "Information not held",
        "Refusals by reason",
        "EIR requests handled",
        "Internal reviews",
        "Complaints to the commissioner",
        "Extension lengths",
        "Subject access requests (not in the figures above)",
    ]


def test_the_quarterly_return_shows_requests_not_yet_answered_past_their_deadline(as_supervisor, register):
    response = as_supervisor.get(QUARTERLY, q3(register))
    rows = dict(response.context["rows"])

    assert ("Not yet answered, deadline passed", 1) in rows["Timeliness"]
    assert ("Answered in time (%)", 75.0) in rows["Timeliness"]
    assert "it counts against the share in time." in response.content.decode()


def test_the_quarterly_return_counts_responses_beyond_ico_guidance_apart(as_supervisor, register):
    rows = dict(as_supervisor.get(QUARTERLY, q3(register)).context["rows"])

    assert rows["Timeliness"][:3] == [
        ("In time: statutory deadline met", 7),
        ("In time: within a permitted extension", 1),
        ("In time, extension beyond 20 working days (beyond ICO guidance)", 1),
    ]


def test_the_quarterly_return_bands_foia_and_eir_extensions_in_separate_rows(as_supervisor, register):
    rows = dict(as_supervisor.get(QUARTERLY, q3(register)).context["rows"])

    assert ("FOIA public interest extension: 21 to 40 working days (beyond ICO guidance)", 2) in rows[
        "Extension lengths"
    ]
    assert ("EIR reg 7 extension: 11 to 20 working days", 1) in rows["Extension lengths"]


def test_the_quarterly_return_shows_the_same_refusals_by_section(as_supervisor, register):
    rows = dict(as_supervisor.get(QUARTERLY, q3(register)).context["rows"])

    assert rows["Refusals by reason"] == [
        ("Section 24", 1),
        ("Section 31", 1),
        ("Section 40", 2),
        ("Regulation 12(5)(b)", 1),
        ("Cost limit (s12)", 1),
        ("Vexatious (s14(1))", 1),
        ("Repeated (s14(2))", 0),
    ]


# --- choosing a period ------------------------------------------------------------------------------


def test_dates_the_wrong_way_round_are_a_form_error_on_the_page(as_supervisor):
    response = as_supervisor.get(PAGE, {"from": "2026-09-30", "to": "2026-07-01"})

    assert response.context["report"] is None
    assert response.context["form"].errors == {"to": ["The last day cannot be before the first day."]}


def test_a_period_of_more_than_ten_years_is_refused():
    assert form(**{"from": "2016-01-01", "to": "2026-01-01"}).errors == {"to": ["Choose a period of at most 10 years."]}


def test_a_period_of_exactly_ten_years_is_allowed():
    assert form(**{"from": "2016-01-01", "to": "2025-12-31"}).is_valid()


def test_a_from_date_alone_asks_for_the_to_date():
    assert form(**{"from": "2026-07-01"}).errors == {"to": ["Give the last day of the period too."]}


def test_a_quarter_and_dates_together_are_refused():
    assert form(quarter="2026-Q3", **{"from": "2026-07-01", "to": "2026-07-31"}).errors == {
        "__all__": ["Choose one period: a quick pick, a quarter, or from and to dates."]
    }


def test_a_quarter_that_does_not_exist_is_refused():
    assert form(quarter="2026-Q5").errors == {"quarter": ["Choose a quarter such as 2026-Q1."]}


def test_a_quarter_is_read_as_its_three_months():
    chosen = form(quarter="2026-Q3")
    chosen.is_valid()

    assert (chosen.chosen_period().start, chosen.chosen_period().end) == (date(2026, 7, 1), date(2026, 9, 30))


# --- the CSV ---------------------------------------------------------------------------------------------


def csv_rows(response) -> dict:
    return {(s, m): v for s, m, v in csv.reader(io.StringIO(response.content.decode()))}


def test_the_csv_is_named_after_the_period_and_body(as_supervisor, register):
    response = as_supervisor.get(CSV, q3(register))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="foi-report-2026-07-01-to-2026-09-30-bedfordshire-police.csv"'
    )


def test_the_csv_has_the_reports_figures_as_section_measure_value_rows(as_supervisor, register):
    rows = csv_rows(as_supervisor.get(CSV, q3(register)))

    assert rows[("section", "measure")] == "value"
    assert rows[("Requests", "Received")] == "16"
    assert rows[("Timeliness", "In time: within a permitted extension")] == "1"
    assert rows[("Timeliness", "Answered in time (%)")] == "75.0"
    assert rows[("Timeliness", "Median working days to respond")] == "18.0"
    assert rows[("Subject access requests", "Received")] == "4"
    assert rows[("FOIA exemptions by section", "Section 40")] == "2"
    assert rows[("Internal reviews", "Original decision overturned")] == "1"


def test_the_csv_names_the_period_and_body_first(as_supervisor, register):
    lines = as_supervisor.get(CSV, q3(register)).content.decode().splitlines()

    assert lines[1:4] == ["Period,From,2026-07-01", "Period,To,2026-09-30", "Period,Body,Bedfordshire Police"]


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_a_body_name_that_a_spreadsheet_would_run_is_quoted_in_the_csv(as_supervisor, lead):
    hostile = BodyFactory(name=f"{lead}cmd|' /C calc'!A0")

    rows = csv_rows(as_supervisor.get(CSV, {"body": hostile.pk}))

    assert rows[("Period", "Body")] == f"'{lead}cmd|' /C calc'!A0"


def test_the_csv_refuses_bad_dates(as_supervisor):
    response = as_supervisor.get(CSV, {"from": "2026-13-01", "to": "2026-07-01"})

    assert response.status_code == 400


# --- the API ------------------------------------------------------------------------------------------


def test_the_api_gives_the_report_as_json(supervisor, register, on_day):
    on_day(TODAY)
    body = signed_in(supervisor).get(API, {"from": "2026-07-01", "to": "2026-09-30", "body": register.pk}).json()

    assert body["period"]["from"] == "2026-07-01"
    assert body["requests"] == {"received": 16, "processed": 11, "eir_handled": 2}
    assert body["timeliness"]["in_time_percent"] == 75.0
    assert body["timeliness"]["band"] == "unsatisfactory"
    assert body["exemptions_foia"] == {"24": 1, "31": 1, "40": 2}


def test_the_api_has_every_section_the_page_has(supervisor, register, on_day):
    on_day(TODAY)
    body = signed_in(supervisor).get(API, q3(register)).json()

    assert set(body) == {
        "period",
        "requests",
        "timeliness",
        "outcomes",
        "refusals",
        "extensions",
        "exemptions_foia",
        "exemptions_eir",
        "requesters",
        "reviews",
        "complaints",
        "complaint_findings",
        "subject_access",
    }


def test_the_api_answers_bad_dates_with_400_and_field_errors(supervisor, on_day):
    on_day(TODAY)
    response = signed_in(supervisor).get(API, {"from": "2026-09-30", "to": "2026-07-01"})

    assert response.status_code == 400
    assert response.json() == {"to": ["The last day cannot be before the first day."]}


def test_the_api_names_a_clash_of_periods_as_a_non_field_error(supervisor, on_day):
    on_day(TODAY)
    response = signed_in(supervisor).get(API, {"quarter": "2026-Q3", "from": "2026-07-01", "to": "2026-09-30"})

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_the_api_refuses_an_officer_with_403(officer):
    assert signed_in(officer).get(API).status_code == 403


def test_the_api_refuses_an_anonymous_caller_with_401(db):
    assert APIClient().get(API).status_code == 401


def test_the_api_schema_documents_the_report_and_its_parameters(db):
    paths = yaml.safe_load(APIClient().get("/api/v1/schema/").content)["paths"]
    names = [parameter["name"] for parameter in paths["/api/v1/reports/"]["get"]["parameters"]]

    assert names == ["body", "from", "period", "quarter", "to"]
