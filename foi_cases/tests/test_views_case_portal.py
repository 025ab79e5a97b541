"""The portal as officers see it on the case page: the requester's status links (email one, revoke
them all), a regime the requester was unsure of, clarifications sent through the portal, and
internal reviews."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from foi_cases import portal, services
from foi_cases.models import Case, ClockEvent, RequesterMessage, StatusToken
from foi_cases.tests.factories import make_case
from foi_cases.tests.mail import BACKEND as MAIL_SERVER_DOWN

NAME, EMAIL = "Zebedee Quillfeather", "zebedee.q@example.org"
TOKEN_IN_LINK = re.compile(r"/status/([A-Za-z0-9_-]{40,})/")


@pytest.fixture
def case(officer, body):
    """A request logged by hand, so the requester has had no link yet."""
    return make_case(actor=officer, body=body, assigned_to=officer, name=NAME, email=EMAIL)


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def detail_url(case) -> str:
    return reverse("foi_cases:case_detail", args=[case.pk])


def email_url(case) -> str:
    return reverse("foi_cases:case_status_link_email", args=[case.pk])


def revoke_url(case) -> str:
    return reverse("foi_cases:case_status_links_revoke", args=[case.pk])


def page(client, case) -> str:
    return client.get(detail_url(case)).content.decode()


def card(html: str) -> str:
    found = re.search(r'<section class="card mb-4 status-links".*?</section>', html, re.S)
    return found.group(0) if found else ""


def links_emailed() -> list[str]:
    return [TOKEN_IN_LINK.search(message.body).group(1) for message in mail.outbox if EMAIL in message.to]


def web_request(body, hint=portal.RegimeHint.UNSURE) -> Case:
    return portal.web_request_submit(
        name=NAME,
        email=EMAIL,
        address="",
        body=body,
        subject="Air quality on the High Street",
        request_text="Air quality readings for 2024.",
        regime_hint=hint,
    ).case


# --- the status link card ----------------------------------------------------------------------


def test_the_card_says_a_hand_logged_case_has_no_working_link_yet(signed_in, officer, case):
    html = card(page(signed_in(officer), case))
    assert "Requester&#x27;s status link" in html or "Requester's status link" in html
    assert re.search(r'status-links-live">None<', html)
    assert re.search(r'status-links-used">Never<', html)
    assert "Email a status link" in html
    assert "Revoke all status links" not in html


def test_the_card_counts_working_links_and_says_when_one_was_last_opened(signed_in, officer, case):
    token = portal.status_token_issue(case=case)
    portal.status_token_issue(case=case)
    portal.status_token_case(token)
    html = card(page(signed_in(officer), case))
    assert re.search(r'status-links-live">2<', html)
    assert f"{services.today().day} {services.today():%B %Y}" in html
    assert "Revoke 2 links" in html


def test_revoked_links_are_not_counted(signed_in, officer, case):
    portal.status_token_issue(case=case)
    portal.status_tokens_revoke(case=case, actor=officer)
    assert re.search(r'status-links-live">None<', card(page(signed_in(officer), case)))


def test_a_reader_who_may_not_change_the_case_does_not_see_the_card(signed_in, case_reader, case):
    html = page(signed_in(case_reader), case)
    assert "status-links" not in html
    assert "Email a status link" not in html


def test_without_an_email_address_the_card_says_no_link_can_be_emailed(signed_in, officer, body):
    case = make_case(actor=officer, body=body, email="")
    html = card(page(signed_in(officer), case))
    assert "No email address is recorded for the requester" in html
    assert "Email a status link" not in html


def test_the_card_never_shows_the_requesters_address(signed_in, editor_without_reveal, case):
    html = page(signed_in(editor_without_reveal), case)
    assert "Email a status link" in html
    assert EMAIL not in html and NAME not in html


# --- emailing a link ---------------------------------------------------------------------------


def test_an_officer_emails_a_working_link_for_a_hand_logged_case(signed_in, officer, case):
    response = signed_in(officer).post(email_url(case))
    assert response.status_code == 302 and response["Location"] == detail_url(case)
    (token,) = links_emailed()
    assert portal.status_token_case(token) == case


def test_the_page_says_the_link_was_emailed_without_naming_the_address(signed_in, editor_without_reveal, case):
    html = signed_in(editor_without_reveal).post(email_url(case), follow=True).content.decode()
    assert "A new private status link was emailed to the requester." in html
    assert EMAIL not in html and NAME not in html
    assert len(links_emailed()) == 1


def test_links_emailed_earlier_keep_working(signed_in, officer, case):
    client = signed_in(officer)
    client.post(email_url(case))
    client.post(email_url(case))
    first, second = links_emailed()
    assert portal.status_token_case(first) == case
    assert portal.status_token_case(second) == case


def test_emailing_a_link_is_on_the_timeline(signed_in, officer, case):
    signed_in(officer).post(email_url(case))
    event = case.audit_events.get(action="acknowledgement_sent")
    assert event.actor == officer


def test_without_an_email_address_the_page_says_so_and_issues_nothing(signed_in, officer, body):
    case = make_case(actor=officer, body=body, email="")
    html = signed_in(officer).post(email_url(case), follow=True).content.decode()
    assert "The requester gave no email address: there is nowhere to send the link." in html
    assert not StatusToken.objects.exists()
    assert mail.outbox == []


def test_when_the_mail_server_fails_the_page_says_so_and_issues_no_link(signed_in, officer, case, settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    html = signed_in(officer).post(email_url(case), follow=True).content.decode()
    assert "The email could not be sent (SMTPServerDisconnected): no link was issued." in html
    assert not StatusToken.objects.exists()
    assert not case.audit_events.filter(action="acknowledgement_sent").exists()


# --- revoking ----------------------------------------------------------------------------------


def test_revoking_stops_every_earlier_link(signed_in, officer, case):
    client = signed_in(officer)
    client.post(email_url(case))
    client.post(email_url(case))
    html = client.post(revoke_url(case), follow=True).content.decode()
    assert "Revoked 2 private status links" in html
    assert all(portal.status_token_case(token) is None for token in links_emailed())


def test_a_link_emailed_after_revoking_works(signed_in, officer, case):
    client = signed_in(officer)
    client.post(email_url(case))
    client.post(revoke_url(case))
    client.post(email_url(case))
    earlier, later = links_emailed()
    assert portal.status_token_case(earlier) is None
    assert portal.status_token_case(later) == case


def test_revoking_is_on_the_timeline(signed_in, officer, case):
    portal.status_token_issue(case=case)
    signed_in(officer).post(revoke_url(case))
    assert case.audit_events.get(action="status_links_revoked").actor == officer


def test_revoking_with_no_working_links_says_so(signed_in, officer, case):
    html = signed_in(officer).post(revoke_url(case), follow=True).content.decode()
    assert "There were no working status links to revoke." in html


@pytest.mark.parametrize("url", [email_url, revoke_url])
def test_a_reader_who_may_not_change_the_case_cannot_email_or_revoke(signed_in, case_reader, case, url):
    token = portal.status_token_issue(case=case)
    assert signed_in(case_reader).post(url(case)).status_code == 403
    assert portal.status_token_case(token) == case
    assert mail.outbox == []
    assert StatusToken.objects.count() == 1


@pytest.mark.parametrize("url", [email_url, revoke_url])
def test_signed_out_visitors_are_sent_to_log_in(client, case, url):
    response = client.post(url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [email_url, revoke_url])
def test_the_actions_need_a_post(signed_in, officer, case, url):
    assert signed_in(officer).get(url(case)).status_code == 405
    assert mail.outbox == []


# --- a regime the requester was unsure of ------------------------------------------------------


def test_the_case_page_says_the_regime_is_to_be_confirmed_and_how(signed_in, officer, body):
    case = web_request(body)
    html = page(signed_in(officer), case)
    assert "Regime to be confirmed" in html
    assert "the requester was not sure which law applies" in html
    assert f'href="{reverse("foi_cases:case_edit", args=[case.pk])}">edit form</a>' in html


def test_a_confirmed_regime_has_no_badge(signed_in, officer, case):
    assert "Regime to be confirmed" not in page(signed_in(officer), case)


@pytest.mark.parametrize(
    ("hint", "badge"),
    [
        (portal.RegimeHint.SAR, "Regime to be confirmed (the requester chose: subject access)"),
        (portal.RegimeHint.EIR, "Regime to be confirmed (the requester chose: environmental information)"),
        (portal.RegimeHint.FOIA, "Regime to be confirmed (the requester chose: freedom of information)"),
        (portal.RegimeHint.UNSURE, "Regime to be confirmed (the requester was not sure)"),
    ],
)
def test_the_badge_says_what_the_requester_chose_which_is_only_a_hint(signed_in, officer, body, hint, badge):
    html = page(signed_in(officer), web_request(body, hint=hint))
    assert badge in html
    assert "which is only a hint" in html or "the requester was not sure which law applies" in html


def test_the_case_list_marks_regimes_to_be_confirmed(signed_in, officer, body, case):
    web_request(body)
    html = signed_in(officer).get(reverse("foi_cases:case_list")).content.decode()
    assert html.count('regime-unconfirmed">Regime to be confirmed') == 1


def edit_form_data(case) -> dict:
    return {
        "regime": case.regime,
        "received_on": case.received_on.isoformat(),
        "channel": case.channel,
        "subject": case.subject,
        "request_text": case.request_text,
        "body": case.body_id,
        "items": "\n\n".join(item.text for item in case.items.all()),
        "requester_name": case.requester.name,
        "requester_email": case.requester.email,
        "requester_address": case.requester.address,
        "requester_organisation": case.requester.organisation,
        "requester_type": case.requester.requester_type,
    }


def test_the_edit_form_says_saving_confirms_the_regime(signed_in, officer, body):
    case = web_request(body)
    html = signed_in(officer).get(reverse("foi_cases:case_edit", args=[case.pk])).content.decode()
    assert "Saving this form confirms the regime chosen here." in html


@pytest.mark.parametrize("user", ["officer", "editor_without_reveal"])
def test_saving_the_edit_form_without_changing_the_regime_confirms_it(signed_in, body, request, user):
    actor = request.getfixturevalue(user)
    case = web_request(body)
    response = signed_in(actor).post(reverse("foi_cases:case_edit", args=[case.pk]), edit_form_data(case))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.regime, case.regime_confirmed) == ("foia", True)
    event = case.audit_events.get(action="case_updated")
    assert event.changes == {"regime_confirmed": [False, True]}


def test_saving_the_edit_form_with_another_regime_confirms_that_one(signed_in, officer, body):
    case = web_request(body)
    data = {**edit_form_data(case), "regime": "eir"}
    signed_in(officer).post(reverse("foi_cases:case_edit", args=[case.pk]), data)
    case.refresh_from_db()
    assert (case.regime, case.regime_confirmed) == ("eir", True)
    assert "Regime to be confirmed" not in page(signed_in(officer), case)


def test_saving_a_confirmed_case_unchanged_records_no_change(signed_in, officer, case):
    signed_in(officer).post(reverse("foi_cases:case_edit", args=[case.pk]), edit_form_data(case))
    assert not case.audit_events.filter(action="case_updated").exists()


# --- clarifications sent through the portal ----------------------------------------------------


@pytest.fixture
def clarified(officer, body):
    """A request received ten days ago; we asked for clarification five days ago, and it came today
    through the portal."""
    today = services.today()
    case = make_case(actor=officer, body=body, received_on=today - timedelta(days=10), name=NAME, email=EMAIL)
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=today - timedelta(days=5))
    portal.clarification_reply_submit(case=case, text="I mean <b>speed</b> cameras\non the A6 only.")
    case.refresh_from_db()
    return case


def test_a_clarification_from_the_requester_is_on_the_case_page_escaped_with_its_date(
    signed_in, case_reader, clarified
):
    html = page(signed_in(case_reader), clarified)
    assert "Messages from the requester" in html
    assert "<p>I mean &lt;b&gt;speed&lt;/b&gt; cameras<br>on the A6 only.</p>" in html
    received = timezone.localtime(RequesterMessage.objects.get().received_at)
    assert f"{received:%A} {received.day} {received:%B %Y}" in html


def test_while_awaiting_clarification_the_page_offers_to_record_it_received_on_the_days_date(
    signed_in, officer, clarified
):
    html = page(signed_in(officer), clarified)
    on = timezone.localdate(RequesterMessage.objects.get().received_at)
    assert f'action="{reverse("foi_cases:clock_event_record", args=[clarified.pk, "clarification_received"])}"' in html
    assert f'name="clarification_received-on" value="{on:%Y-%m-%d}"' in html
    assert f"Record on the clock: clarification received on {on.day} {on:%B %Y}" in html


def test_recording_the_offered_clarification_restarts_the_clock(signed_in, officer, clarified):
    on = timezone.localdate(RequesterMessage.objects.get().received_at)
    data = {"clarification_received-on": on.isoformat(), "clarification_received-note": "Through the portal."}
    client = signed_in(officer)
    client.post(reverse("foi_cases:clock_event_record", args=[clarified.pk, "clarification_received"]), data)
    clarified.refresh_from_db()
    assert clarified.status == Case.Status.OPEN
    assert ClockEvent.objects.get(case=clarified, kind="clarification_received").occurred_on == on
    assert "Record on the clock: clarification received" not in page(client, clarified)


def test_a_reader_is_not_offered_to_record_the_clarification(signed_in, case_reader, clarified):
    assert "Record on the clock: clarification received" not in page(signed_in(case_reader), clarified)


def test_a_case_with_no_messages_has_no_messages_section(signed_in, officer, case):
    assert "Messages from the requester" not in page(signed_in(officer), case)


# --- internal reviews --------------------------------------------------------------------------


@pytest.fixture
def reviewed(officer, body, monkeypatch):
    """An FOI response sent on 10 January 2020, and a review asked for on 3 February 2020."""
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 10))
    case = make_case(actor=officer, body=body, name=NAME, email=EMAIL)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    monkeypatch.setattr(services, "today", lambda: date(2020, 2, 3))
    review = portal.review_request_submit(case=case, reasons="Please look again.").review
    return case, review


def test_a_review_case_says_which_case_it_reviews_with_a_link(signed_in, officer, reviewed):
    case, review = reviewed
    html = page(signed_in(officer), review)
    assert (
        f'Internal review of <a href="{reverse("foi_cases:case_detail", args=[case.pk])}">{case.reference}</a>' in html
    )


def test_a_reviewed_case_lists_its_reviews_with_status_and_due_date(signed_in, officer, reviewed):
    case, review = reviewed
    html = page(signed_in(officer), case)
    section = re.search(r'<section class="card mb-4 case-reviews".*?</section>', html, re.S).group(0)
    assert f'<a href="{reverse("foi_cases:case_detail", args=[review.pk])}">{review.reference}</a>' in section
    assert "Open: clock running" in section
    assert "Due 2 March 2020" in section


def test_a_case_without_reviews_shows_no_review_section(signed_in, officer, case):
    html = page(signed_in(officer), case)
    assert "case-reviews" not in html and "Internal review of" not in html
