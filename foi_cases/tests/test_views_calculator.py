"""The deadline calculator: the engine's answer for typed-in dates, without logging a case."""

import pytest
from django.urls import reverse

URL = reverse("foi_cases:deadline_calculator")


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def calculate(client, **fields):
    return client.get(URL, {"regime": "foia", **fields})


def test_a_foia_request_received_on_12_december_2019_is_due_15_january_2020(signed_in):
    html = calculate(signed_in, received_on="2019-12-12").content.decode()
    assert "Due Wednesday 15 January 2020" in html


def test_the_workings_give_the_scottish_reason_for_2_january(signed_in):
    html = calculate(signed_in, received_on="2019-12-12").content.decode()
    assert "Thu 2 Jan 2020</td><td>Bank holiday (Scotland): New Year Holiday" in html


def test_a_subject_access_request_is_due_a_calendar_month_later(signed_in):
    html = calculate(signed_in, regime="sar", received_on="2019-12-12").content.decode()
    assert "Due Monday 13 January 2020" in html


def test_clarification_restarts_the_count(signed_in):
    html = calculate(signed_in, received_on="2019-12-12", clarification_received_on="2020-01-06").content.decode()
    assert "Due Monday 3 February 2020" in html


def test_a_fees_notice_without_its_payment_stops_the_clock(signed_in):
    html = calculate(signed_in, received_on="2019-12-12", fee_notice_sent_on="2019-12-16").content.decode()
    # The day the notice is given is itself disregarded: only Friday 13 December was used.
    assert "Clock stopped: awaiting the fee (1 working day used)" in html


def test_an_extension_shows_the_statutory_date_and_the_total(signed_in):
    html = calculate(signed_in, received_on="2019-12-12", extension_days="20").content.decode()
    assert "Due Wednesday 12 February 2020" in html
    assert "Extensions in total" in html and "20 working days" in html


def test_a_fee_received_before_its_notice_is_an_error_on_the_fee_field(signed_in):
    response = calculate(
        signed_in, received_on="2019-12-12", fee_notice_sent_on="2019-12-20", fee_received_on="2019-12-18"
    )
    assert response.context["form"].errors["fee_received_on"] == [
        "A fee can only be received after a fees notice has been given."
    ]
    assert response.context["deadline"] is None


def test_a_fee_received_without_a_notice_is_an_error_on_the_fee_field(signed_in):
    response = calculate(signed_in, received_on="2019-12-12", fee_received_on="2019-12-18")
    assert "fee_received_on" in response.context["form"].errors


def test_an_extension_under_foisa_is_an_error_on_the_extension_field(signed_in):
    response = calculate(signed_in, regime="foisa", received_on="2019-12-12", extension_days="5")
    assert response.context["form"].errors["extension_days"] == ["FOISA has no extension of the 20 working days."]


def test_an_impossible_date_is_a_field_error(signed_in):
    response = calculate(signed_in, received_on="2019-02-30")
    assert response.context["form"].errors["received_on"] == ["Enter a valid date."]


def test_the_case_page_and_the_calculator_share_one_deadline_panel(signed_in):
    response = calculate(signed_in, received_on="2019-12-12")
    assert "foi_cases/includes/deadline_panel.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("regime", ["foia", "sar"])
def test_a_receipt_date_far_in_the_future_is_a_field_error_not_a_crash(signed_in, regime):
    response = calculate(signed_in, regime=regime, received_on="9999-12-25")
    assert response.status_code == 200
    assert response.context["form"].errors["received_on"]
