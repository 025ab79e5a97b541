"""seed_demo's web request: the requester's side of the demo. One case came through the web form with
a private status link, printed once (only its hash is kept); the reference and email address that
find it on the status lookup are printed on every run of a demo register, and never for a register
in use."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from foi_cases import portal
from foi_cases.models import Case, StatusToken
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

LINK = re.compile(r"private link: (\S+)")


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, password="demo-pass", **options)
    return out.getvalue()


def web_request() -> Case:
    """The demo's web request: the one case with a private link (other demo requests came by the web
    form too, but as an officer logged them)."""
    return Case.objects.select_related("requester").get(status_tokens__isnull=False)


def test_seed_demo_makes_the_request_with_the_approved_response_a_web_request():
    seed(cases=24)
    case = web_request()
    assert case.channel == Case.Channel.WEB and case.status == Case.Status.READY_TO_SEND
    assert case.letters.get().status == "approved"


def test_seed_demo_prints_a_private_link_that_opens_the_web_requests_status_page():
    output = seed(cases=24)
    link = LINK.search(output).group(1)
    assert link.startswith(f"{settings.SITE_URL}/status/")
    page = Client().get(link.removeprefix(settings.SITE_URL))
    assert page.status_code == 200
    assert web_request().reference in page.content.decode()


def test_seed_demo_prints_the_reference_and_email_that_find_the_web_request():
    output = seed(cases=24)
    case = web_request()
    assert f"check a request at {settings.SITE_URL}/status/ with {case.reference} and {case.requester.email}" in output
    found = portal.case_lookup(reference=case.reference, email=case.requester.email, address="192.0.2.1")
    assert found == case


def test_seed_demo_says_how_to_see_the_letter_on_the_requesters_page():
    output = seed(cases=24)
    assert f"Its response is approved: send it (as officer, from {web_request().reference}'s letter)" in output


def test_seed_demo_run_again_prints_no_new_link_but_the_reference_and_email_again():
    seed(cases=24)
    output = seed(cases=24)
    case = web_request()
    assert StatusToken.objects.count() == 1
    assert LINK.search(output) is None
    assert f"Check a request at {settings.SITE_URL}/status/ with {case.reference} and {case.requester.email}" in output
    assert "its private link was printed when the demo was made" in output


def test_seed_demo_on_a_register_in_use_prints_no_requesters_details(officer, body):
    case = make_case(actor=officer, body=body)
    portal.status_token_issue(case=case)
    output = seed(cases=24)
    assert "requester's view" not in output
    assert case.requester.email not in output


def test_seed_demo_with_too_few_cases_for_the_approved_response_makes_no_web_request():
    output = seed(cases=6)
    assert not StatusToken.objects.exists()
    assert "requester's view" not in output
