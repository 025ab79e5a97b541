"""The public request form (/request/): no sign-in, a web-channel case, the acknowledgement email with
its private link, the unit told, and spam kept out by a hidden field and a rate limit."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from foi_cases import portal, services
from foi_cases.models import Case, StatusToken
from foi_cases.request_forms import HONEYPOT_MESSAGE
from foi_cases.tests.factories import BodyFactory

FORM_URL = reverse("request:new")
SENT_URL = reverse("request:sent")
NAME, EMAIL = "Rosalind Pemberton", "rosalind.p@example.org"
TOKEN_IN_LINK = re.compile(r"/status/([A-Za-z0-9_-]{40,})/")


def answers(**overrides) -> dict:
    data = {
        "name": NAME,
        "email": EMAIL,
        "address": "12 Mill Lane\nAmpthill",
        "subject": "Speed cameras on the A6",
        "request_text": "1. How many speed cameras are on the A6?\n2. How many fines did they lead to in 2024?",
        "regime_hint": portal.RegimeHint.UNSURE,
        "website": "",
    }
    return {**data, **overrides}


@pytest.fixture
def send(client, body, django_capture_on_commit_callbacks):
    """send(**answers) -> the response to the form's POST, after the emails sent on commit."""

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(FORM_URL, answers(**overrides))

    return post


@pytest.fixture
def unit_mailbox(db):
    unit = services.unit_get()
    unit.email = "foi@unit.example"
    unit.save()
    return unit.email


def acknowledgements() -> list:
    return [message for message in mail.outbox if EMAIL in message.to]


def only_case() -> Case:
    (case,) = Case.objects.select_related("requester", "body")
    return case


# --- the page ----------------------------------------------------------------------------------


def test_anyone_can_open_the_form_without_signing_in(client, body):
    response = client.get(FORM_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Make a request for information" in html
    for name in ("name", "email", "address", "subject", "request_text", "regime_hint"):
        assert f'name="{name}"' in html


def test_the_form_explains_how_to_write_a_good_request_and_when_it_is_a_subject_access_request(client, body):
    html = client.get(FORM_URL).content.decode()
    assert "be specific" in html
    assert "give dates or a time period" in html
    assert "keep to one topic" in html
    assert "that is a subject access request" in html


def test_the_kinds_of_information_are_offered_with_hints_and_unsure_is_chosen(client, body):
    html = client.get(FORM_URL).content.decode()
    for _, label in portal.RegimeHint.CHOICES:
        assert label.replace("'", "&#x27;") in html
    assert re.search(r'value="unsure"[^>]*checked', html)
    assert "Environmental information is about the state of the air, water, soil, land" in html
    assert "planning" in html and "pollution" in html and "energy" in html


def test_the_hidden_field_for_robots_is_hidden_from_everyone_and_out_of_the_tab_order(client, body):
    html = client.get(FORM_URL).content.decode()
    container = re.search(r'<div[^>]*class="[^"]*visually-hidden[^"]*"[^>]*>.*?</div>', html, re.S).group(0)
    assert 'aria-hidden="true"' in container
    assert "Leave this field empty" in container
    field = re.search(r'<input[^>]*name="website"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field


def test_a_unit_serving_one_body_does_not_ask_which(client, body):
    assert 'name="body"' not in client.get(FORM_URL).content.decode()


def test_a_unit_serving_several_bodies_asks_which_of_its_active_ones(client, body, other_body):
    BodyFactory(name="Closed Constabulary", is_active=False)
    html = client.get(FORM_URL).content.decode()
    assert 'name="body"' in html
    assert "Bedfordshire Police" in html and "Hertfordshire Constabulary" in html
    assert "Closed Constabulary" not in html


def test_with_no_active_body_the_page_says_requests_cannot_be_made_and_shows_no_form(client, db):
    BodyFactory(name="Closed Constabulary", is_active=False)
    html = client.get(FORM_URL).content.decode()
    assert "Requests cannot be made on this page at the moment" in html
    assert "<form" not in html.split("<main", 1)[1]


def test_with_no_active_body_a_post_creates_nothing(client, db):
    client.post(FORM_URL, answers())
    assert not Case.objects.exists()


# --- a request sent ----------------------------------------------------------------------------


def test_a_request_sent_becomes_a_web_case_received_today(send, body):
    response = send()
    assert response.status_code == 302
    assert response["Location"] == SENT_URL
    case = only_case()
    assert case.channel == Case.Channel.WEB
    assert case.received_on == services.today()
    assert case.body == body
    assert case.subject == "Speed cameras on the A6"
    assert case.requester.name == NAME
    assert case.requester.email == EMAIL
    assert case.requester.address == "12 Mill Lane\nAmpthill"
    assert case.created_by is None
    assert case.due_on is not None


def test_a_request_whose_requester_is_unsure_is_logged_as_foi_with_the_regime_to_be_confirmed(send):
    send(regime_hint="unsure")
    case = only_case()
    assert (case.regime, case.regime_confirmed) == ("foia", False)


@pytest.mark.parametrize(("hint", "regime"), [("foia", "foia"), ("eir", "eir"), ("sar", "sar")])
def test_a_kind_of_information_chosen_sets_the_regime_but_an_officer_still_confirms_it(send, hint, regime):
    send(regime_hint=hint)
    case = only_case()
    assert (case.regime, case.regime_confirmed) == (regime, False)


def test_the_requests_numbered_questions_become_items(send):
    send()
    assert list(only_case().items.values_list("text", flat=True)) == [
        "How many speed cameras are on the A6?",
        "How many fines did they lead to in 2024?",
    ]


def test_the_body_chosen_is_the_cases_body(send, other_body):
    send(body=other_body.pk)
    assert only_case().body == other_body


def test_a_unit_serving_several_bodies_needs_one_chosen(send, other_body):
    html = send().content.decode()
    assert "Choose the organisation your request is for." in html
    assert not Case.objects.exists()


def test_an_inactive_body_cannot_be_chosen(send, other_body):
    closed = BodyFactory(name="Closed Constabulary", is_active=False)
    html = send(body=closed.pk).content.decode()
    assert "Choose one of the organisations listed." in html
    assert not Case.objects.exists()


def test_an_unknown_kind_of_information_is_refused(send):
    html = send(regime_hint="foisa").content.decode()
    assert "Choose one of the kinds of information listed." in html
    assert not Case.objects.exists()


# --- the acknowledgement -----------------------------------------------------------------------


def test_exactly_one_acknowledgement_is_emailed_to_the_requester(send):
    send()
    assert len(acknowledgements()) == 1


def test_the_acknowledgement_gives_the_reference_the_date_received_and_the_due_date(send):
    send()
    case = only_case()
    (email,) = acknowledgements()
    assert case.reference in email.subject
    assert case.reference in email.body
    assert f"{case.received_on.day} {case.received_on:%B %Y}" in email.body
    assert f"{case.due_on:%A} {case.due_on.day} {case.due_on:%B %Y}" in email.body


def test_the_link_in_the_acknowledgement_opens_the_case(send, settings):
    send()
    (email,) = acknowledgements()
    assert f"{settings.SITE_URL}/status/" in email.body
    token = TOKEN_IN_LINK.search(email.body).group(1)
    assert portal.status_token_case(token) == only_case()


def test_only_a_hash_of_the_link_is_stored(send):
    send()
    token = TOKEN_IN_LINK.search(acknowledgements()[0].body).group(1)
    stored = list(StatusToken.objects.all())  # the confirmation page's link and the email's
    assert len(stored) == 2
    assert all(token not in link.digest and link.created_by is None for link in stored)


def test_the_acknowledgement_is_on_the_timeline(send):
    send()
    assert only_case().audit_events.filter(action="acknowledgement_sent").count() == 1


def test_the_unit_mailbox_is_told_of_a_new_request(send, unit_mailbox):
    send()
    (notice,) = [message for message in mail.outbox if unit_mailbox in message.to]
    case = only_case()
    assert case.reference in notice.subject
    assert reverse("foi_cases:case_detail", args=[case.pk]) in notice.body


def test_the_units_notice_never_names_the_requester(send, unit_mailbox):
    send()
    (notice,) = [message for message in mail.outbox if unit_mailbox in message.to]
    text = f"{notice.subject}\n{notice.body}\n{notice.to}\n{notice.reply_to}"
    for personal in (NAME, "Rosalind", "Pemberton", EMAIL, "Mill Lane"):
        assert personal not in text


def test_a_unit_without_a_mailbox_is_not_emailed(send):
    send()
    assert [message.to for message in mail.outbox] == [[EMAIL]]


# --- the confirmation page ---------------------------------------------------------------------


def test_the_confirmation_page_shows_the_reference_the_dates_and_the_private_link(send, client, settings):
    send()
    case = only_case()
    response = client.get(SENT_URL)
    html = response.content.decode()
    assert case.reference in html
    assert f"{case.received_on:%A} {case.received_on.day} {case.received_on:%B %Y}" in html
    assert f"{case.due_on:%A} {case.due_on.day} {case.due_on:%B %Y}" in html
    token = TOKEN_IN_LINK.search(html).group(1)
    assert portal.status_token_case(token) == case
    assert f"{settings.SITE_URL}/status/{token}/" in html


def test_the_link_on_the_confirmation_page_and_the_one_emailed_are_two_links_that_both_work(send, client):
    # The email is sent by a background task that issues its own link: a token never goes through the broker.
    send()
    emailed = TOKEN_IN_LINK.search(acknowledgements()[0].body).group(1)
    shown = TOKEN_IN_LINK.search(client.get(SENT_URL).content.decode()).group(1)
    assert shown != emailed
    assert portal.status_token_case(shown) == portal.status_token_case(emailed) == only_case()


def test_the_confirmation_page_is_never_cached_and_sends_no_referrer(send, client):
    send()
    response = client.get(SENT_URL)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_confirmation_page_shows_the_link_only_once(send, client):
    send()
    client.get(SENT_URL)
    again = client.get(SENT_URL)
    html = again.content.decode()
    assert again.status_code == 200
    assert only_case().reference in html
    assert not TOKEN_IN_LINK.search(html)
    assert "Use the private link in the acknowledgement email" in html


def test_the_link_is_kept_in_the_session_only_until_the_confirmation_is_shown(send, client):
    send()
    client.get(SENT_URL)
    assert "token" not in client.session["portal_request_sent"]


def test_sending_a_request_gives_the_browser_a_new_session_key(send, client):
    client.get(FORM_URL)
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    send()
    assert client.session.session_key != before


def test_a_session_key_known_before_the_request_was_sent_does_not_open_its_confirmation(send, client):
    from django.test import Client

    session = client.session
    session["visited"] = True
    session.save()
    known = session.session_key
    send()
    someone_else = Client()
    someone_else.cookies["sessionid"] = known
    response = someone_else.get(SENT_URL)
    assert response.status_code == 302
    assert response["Location"] == FORM_URL


def test_for_someone_not_signed_in_the_session_ends_when_the_browser_closes(send, client):
    send()
    assert client.session.get_expire_at_browser_close() is True
    assert client.cookies["sessionid"]["max-age"] == ""


def test_a_signed_in_officer_using_the_form_keeps_their_own_session_length(send, client, officer):
    client.force_login(officer)
    send()
    assert client.session.get_expire_at_browser_close() is False
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_the_request_is_shown_on_the_first_view_of_the_confirmation_only(send, client):
    send(subject="My own medical records", request_text="1. My diagnosis from my doctor")
    first = client.get(SENT_URL).content.decode()
    assert "My own medical records" in first and "My diagnosis from my doctor" in first
    again = client.get(SENT_URL).content.decode()
    assert only_case().reference in again
    assert "My own medical records" not in again and "My diagnosis from my doctor" not in again
    assert "this page shows the link and your request only once" in again


def test_the_confirmation_page_goes_to_the_form_half_an_hour_after_the_request_was_sent(send, client, monkeypatch):
    import time

    from foi_cases import request_views

    send()
    client.get(SENT_URL)
    sent_at = time.time()
    monkeypatch.setattr(time, "time", lambda: sent_at + request_views.SENT_PAGE_SECONDS + 1)
    response = client.get(SENT_URL)
    assert response.status_code == 302
    assert response["Location"] == FORM_URL
    assert "portal_request_sent" not in client.session


def test_the_confirmation_page_without_a_request_sent_goes_to_the_form(client, body):
    response = client.get(SENT_URL)
    assert response.status_code == 302
    assert response["Location"] == FORM_URL


def test_another_browser_cannot_see_the_confirmation(send, body):
    from django.test import Client

    send()
    assert Client().get(SENT_URL)["Location"] == FORM_URL


def test_html_in_the_request_is_stored_as_typed_and_shown_escaped_on_the_confirmation(send, client):
    typed = '<script>alert("x")</script> <b>bold</b>'
    send(request_text=typed, subject="<i>cameras</i>")
    case = only_case()
    assert case.request_text == typed
    assert case.subject == "<i>cameras</i>"
    html = client.get(SENT_URL).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "&lt;i&gt;cameras&lt;/i&gt;" in html


def test_html_in_a_web_request_is_shown_escaped_on_the_case_page(send, client, officer):
    send(request_text='<img src=x onerror="alert(1)">')
    client.force_login(officer)
    html = client.get(reverse("foi_cases:case_detail", args=[only_case().pk])).content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<img src=x" not in html


# --- robots ------------------------------------------------------------------------------------


def test_a_filled_hidden_field_creates_no_case_and_sends_no_email(send):
    response = send(website="https://spam.example")
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert not StatusToken.objects.exists()
    assert mail.outbox == []


def test_a_filled_hidden_field_shows_the_form_again_with_a_general_error_and_the_field_emptied(send):
    response = send(website="https://spam.example")
    html = response.content.decode()
    assert response.context["form"].non_field_errors() == [HONEYPOT_MESSAGE]
    assert HONEYPOT_MESSAGE in html
    assert "spam.example" not in html
    assert re.search(r'<input[^>]*name="website"[^>]*>', html).group(0).count("value=") == 0
    assert f'value="{NAME}"' in html


def test_a_filled_hidden_field_does_not_use_up_the_allowance(send, settings):
    settings.PORTAL_REQUESTS_PER_HOUR = 1
    send(website="https://spam.example")
    assert send().status_code == 302


# --- the rate limit ----------------------------------------------------------------------------


def test_requests_over_the_hourly_limit_get_429_and_create_nothing(send, settings):
    settings.PORTAL_REQUESTS_PER_HOUR = 2
    assert send(email="one@example.org").status_code == 302
    assert send(email="two@example.org").status_code == 302
    mail.outbox.clear()
    response = send(email="three@example.org")
    assert response.status_code == 429
    assert Case.objects.count() == 2
    assert StatusToken.objects.count() == 4  # two requests, each with the confirmation page's and the email's
    assert mail.outbox == []


def test_the_429_page_says_why_when_to_try_again_and_keeps_what_was_typed(send, settings):
    settings.PORTAL_REQUESTS_PER_HOUR = 0
    response = send(subject="Speed cameras <near> the school")
    html = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 3600
    assert "Please wait an hour before sending another" in html
    assert f'value="{NAME}"' in html
    assert "Speed cameras &lt;near&gt; the school" in html
    assert "How many speed cameras are on the A6?" in html


def test_requests_over_the_daily_limit_for_one_email_address_get_429(send, settings):
    settings.PORTAL_REQUESTS_PER_EMAIL_PER_DAY = 1
    assert send().status_code == 302
    response = send()
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 24 * 3600
    assert Case.objects.count() == 1


def test_the_limit_counts_by_the_clients_address(send, client, settings):
    settings.PORTAL_REQUESTS_PER_HOUR = 1
    assert send(email="one@example.org").status_code == 302
    with_other_address = client.post(FORM_URL, answers(email="two@example.org"), REMOTE_ADDR="198.51.100.7")
    assert with_other_address.status_code == 302


def test_submissions_with_errors_do_not_use_up_the_allowance(send, settings):
    settings.PORTAL_REQUESTS_PER_HOUR = 1
    send(email="not-an-email")
    send(name="")
    assert send().status_code == 302


# --- bad input ---------------------------------------------------------------------------------


def test_missing_answers_are_marked_on_their_fields_and_nothing_is_created(send):
    response = send(name="", email="", subject="", request_text="  ")
    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["name"] == ["Enter your name."]
    assert form.errors["email"] == ["Enter your email address."]
    assert form.errors["subject"] == ["Enter a summary of your request."]
    assert form.errors["request_text"] == ["Enter your request: say what information you want."]
    assert not Case.objects.exists()
    assert mail.outbox == []


def test_an_email_address_that_is_not_one_is_refused_and_what_was_typed_is_kept(send):
    html = send(email="rosalind at example").content.decode()
    assert "Enter an email address in the correct format, like name@example.com." in html
    assert 'value="rosalind at example"' in html
    assert f'value="{NAME}"' in html
    assert "12 Mill Lane\nAmpthill" in html
    assert not Case.objects.exists()


def test_a_summary_longer_than_300_characters_is_refused(send):
    html = send(subject="x" * 301).content.decode()
    assert "Your summary must be 300 characters or fewer" in html
    assert not Case.objects.exists()


RELAYED = "Customer\n\nURGENT: your council tax account is suspended. Pay now at https://evil.example/pay\n\n"


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("name", RELAYED, "Your name must be on one line, without tabs or other hidden characters."),
        ("name", "Rosalind\rPemberton", "Your name must be on one line, without tabs or other hidden characters."),
        ("name", "Rosalind\tPemberton", "Your name must be on one line, without tabs or other hidden characters."),
        ("name", "Rosalind\u2028Pemberton", "Your name must be on one line, without tabs or other hidden characters."),
        ("name", "Rosalind \u202eNOTENAP", "Your name must be on one line, without tabs or other hidden characters."),
        ("name", "Rosalind\x00Pemberton", "Your name must be on one line, without tabs or other hidden characters."),
        (
            "email",
            "rosalind.p@example.org\nBcc: other@example.net",
            "Your email address must be on one line, without tabs or other hidden characters.",
        ),
        (
            "subject",
            "Speed cameras\nand fines",
            "Your summary must be on one line: put the detail in your request below.",
        ),
    ],
)
def test_a_line_break_or_control_character_in_a_one_line_field_is_refused_on_that_field(send, field, typed, message):
    response = send(**{field: typed})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Case.objects.exists()
    assert mail.outbox == []


def test_a_name_with_a_web_address_in_it_is_refused(send):
    for typed in ("Customer - pay now at https://evil.example/pay", "Visit www.evil.example"):
        response = send(name=typed)
        assert response.context["form"].errors["name"] == ["Your name must not include a web address."]
    assert not Case.objects.exists()
    assert mail.outbox == []


def test_a_name_longer_than_200_characters_is_refused(send):
    response = send(name="R" * 201)
    assert response.context["form"].errors["name"] == ["Your name must be 200 characters or fewer."]
    assert not Case.objects.exists()


def test_names_in_any_script_with_accents_hyphens_and_apostrophes_are_accepted(send):
    name = "Siân O'Brien-Łukasiewicz محمد"
    assert send(name=name).status_code == 302
    assert only_case().requester.name == name


def test_a_line_break_at_the_end_of_a_one_line_field_is_trimmed(send):
    assert send(name=f"{NAME}\n", subject="Speed cameras\r\n").status_code == 302
    assert (only_case().requester.name, only_case().subject) == (NAME, "Speed cameras")


def test_the_acknowledgement_greets_the_requester_on_one_line(send):
    send()
    (email,) = acknowledgements()
    assert email.body.splitlines()[0] == f"Dear {NAME},"


def test_a_request_longer_than_the_limit_is_refused(send, settings):
    settings.MAX_REQUEST_TEXT_CHARS = 50
    html = send(request_text="y" * 51).content.decode()
    assert "Your request is too long (51 characters; the limit is 50)" in html
    assert not Case.objects.exists()


def test_the_error_summary_links_each_problem_to_its_field(send):
    html = send(name="", email="nope").content.decode()
    summary = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S).group(0)
    assert '<a class="alert-link" href="#id_name">Enter your name.</a>' in summary
    assert 'href="#id_email"' in summary
    assert 'id="id_name"' in html and 'id="id_email"' in html


def test_the_page_title_says_there_is_an_error(send):
    assert "<title>Error: Make a request" in send(name="").content.decode()
