"""GET /api/v1/deadline/: the public deadline calculator."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from foi_cases import services
from foi_cases.models import ExtraBankHoliday

pytestmark = pytest.mark.django_db
URL = "/api/v1/deadline/"


def calculate(**params):
    return APIClient().get(URL, params)


def test_the_worked_example_is_due_on_15_january_2020():
    response = calculate(regime="foia", received="2019-12-12")

    assert response.status_code == 200
    assert response.json()["due"] == "2020-01-15"
    assert response.json()["working_days"] == 20


def test_the_worked_example_skips_the_scottish_2_january_with_its_reason():
    skipped = calculate(regime="foia", received="2019-12-12").json()["skipped"]

    assert {"date": "2020-01-02", "reason": "Bank holiday (Scotland): New Year Holiday"} in skipped


def test_the_answer_has_the_documented_shape():
    body = calculate(regime="foia", received="2019-12-12").json()

    assert body["regime"] == "foia"
    assert body["received"] == "2019-12-12"
    assert body["state"] == "running"
    assert body["statutory_due"] == "2020-01-15"
    assert body["extension_days"] == 0
    assert body["warnings"] == []
    assert body["steps"][-1] == "Due on Wednesday 15 January 2020."
    assert set(body) >= {"due", "working_days", "skipped", "internal_target", "clock_start", "days_used"}


def test_the_calculator_needs_no_sign_in_even_with_a_stale_token():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get(URL, {"regime": "foia", "received": "2019-12-12"}).status_code == 200


def test_the_internal_target_uses_the_units_target_day():
    unit = services.unit_get()
    unit.internal_target_day = 10
    unit.save()

    assert calculate(regime="foia", received="2019-12-12").json()["internal_target"] == "2019-12-30"


def test_the_units_extra_bank_holidays_are_not_working_days():
    ExtraBankHoliday.objects.create(date=date(2020, 1, 14), name="Royal wedding", nation="england-and-wales")

    body = calculate(regime="foia", received="2019-12-12").json()

    assert body["due"] == "2020-01-16"
    assert {"date": "2020-01-14", "reason": "Bank holiday (England and Wales): Royal wedding"} in body["skipped"]


def test_an_extension_of_20_working_days_gives_40_in_all():
    body = calculate(regime="foia", received="2019-12-12", extension_days=20).json()

    assert body["due"] == "2020-02-12"
    assert body["working_days"] == 40
    assert body["extension_days"] == 20


def test_a_subject_access_request_is_due_a_calendar_month_later_on_a_working_day():
    assert calculate(regime="sar", received="2019-12-12").json()["due"] == "2020-01-13"


def test_a_subject_access_request_extends_by_calendar_months():
    assert calculate(regime="sar", received="2019-12-12", extension_days=2).json()["due"] == "2020-03-12"


def test_foisa_counts_only_scottish_bank_holidays():
    body = calculate(regime="foisa", received="2020-03-20").json()

    assert body["due"] == "2020-04-20"
    assert "2020-04-13" not in [day["date"] for day in body["skipped"]]


def test_clarification_restarts_the_count_from_the_day_it_arrives():
    body = calculate(regime="foia", received="2019-12-12", clarification_received="2020-01-06").json()

    assert body["due"] == "2020-02-03"
    assert body["clock_start"] == "2020-01-06"


def test_the_days_between_a_fees_notice_and_the_fee_are_disregarded():
    body = calculate(regime="foia", received="2019-12-12", fee_notice_sent="2019-12-16", fee_received="2019-12-18")

    assert body.json()["due"] == "2020-01-20"


def test_a_fees_notice_without_the_fee_stops_the_clock():
    response = calculate(regime="foia", received="2019-12-12", fee_notice_sent="2019-12-16")

    assert response.status_code == 200
    assert response.json()["state"] == "awaiting_fee"
    assert response.json()["due"] is None


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"received": "2019-12-12"}, "regime", "This field is required."),
        (
            {"regime": "gdpr", "received": "2019-12-12"},
            "regime",
            'Unknown regime "gdpr"; use one of foia, eir, foisa, eisr, sar.',
        ),
        ({"regime": "foia"}, "received", "This field is required."),
        ({"regime": "foia", "received": "2019-02-30"}, "received", "2019-02-30 is not a real date."),
        ({"regime": "foia", "received": "12/12/2019"}, "received", "Enter a date in the form YYYY-MM-DD."),
        (
            {"regime": "foia", "received": "2004-12-31"},
            "received",
            "The date of receipt must be on or after 1 January 2005.",
        ),
        (
            {"regime": "foia", "received": "2019-12-12", "fee_notice_sent": "2019-12-18", "fee_received": "2019-12-16"},
            "fee_received",
            "The fee cannot be received before the fees notice was given.",
        ),
        (
            {"regime": "foia", "received": "2019-12-12", "fee_received": "2019-12-16"},
            "fee_received",
            "Give fee_notice_sent too: a fee is paid after a fees notice.",
        ),
        (
            {"regime": "eir", "received": "2019-12-12", "extension_days": 25},
            "extension_days",
            "Environmental Information Regulations 2004 allows at most 40 working days in total (an extension of 20); "
            "this would extend by 25.",
        ),
        (
            {"regime": "foisa", "received": "2019-12-12", "extension_days": 5},
            "extension_days",
            "FOISA has no extension of the 20 working days.",
        ),
        (
            {"regime": "sar", "received": "2019-12-12", "extension_days": 3},
            "extension_days",
            "A subject access request may be extended by at most two further months.",
        ),
        (
            {"regime": "foia", "received": "2019-12-12", "extension_days": -1},
            "extension_days",
            "Ensure this value is greater than or equal to 0.",
        ),
        (
            {"regime": "foia", "received": "2019-12-12", "clarification_received": "2019-12-01"},
            "clarification_received",
            "A clarification cannot be before the request was received (Thursday 12 December 2019).",
        ),
    ],
    ids=[
        "missing regime",
        "unknown regime",
        "missing received",
        "impossible date",
        "not iso",
        "before foia",
        "fee before notice",
        "fee without notice",
        "eir extension 25",
        "foisa extension",
        "sar three months",
        "negative extension",
        "clarification before receipt",
    ],
)
def test_a_bad_parameter_gets_400_naming_the_parameter(params, field, message):
    response = calculate(**params)

    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_a_date_too_far_ahead_for_known_bank_holidays_gets_400():
    far = date(services.today().year + 2, 1, 5).isoformat()

    response = calculate(regime="foia", received=far)

    assert response.status_code == 400
    assert "not known that far ahead" in response.json()["received"][0]


@pytest.mark.parametrize(
    "param",
    ["fee_notice_sent", "clarification_received"],
)
def test_an_event_date_years_after_receipt_is_refused_quickly_not_counted(db, param):
    response = calculate(regime="foia", received="2019-12-12", **{param: "9999-12-31"})
    assert response.status_code == 400
    assert "three years" in response.json()[param][0]
