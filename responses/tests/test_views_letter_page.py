"""The letter page: status, what to fix, the preview, history, versions, and the applicant-blind rule."""

import re

import pytest
from django.urls import reverse

from foi_cases.models import AuditEvent
from foi_cases.tests.factories import make_case
from responses import services
from responses.tests.conftest import complete

XSS = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">']


def letter_page(client, letter) -> str:
    return client.get(reverse("responses:letter_detail", args=[letter.pk])).content.decode()


@pytest.fixture
def as_officer(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def as_supervisor(client, supervisor):
    client.force_login(supervisor)
    return client


def test_it_shows_the_kind_version_status_and_who_it_awaits(as_officer, submitted):
    html = letter_page(as_officer, submitted)
    assert '<h1 class="mb-1">Neither confirm nor deny letter</h1>' in html
    assert "Version 1 for" in html
    assert "Awaiting approval</span>" in html
    assert "A supervisor&#x27;s approval" in html


def test_the_breadcrumb_leads_back_to_the_case(as_officer, draft, case):
    html = letter_page(as_officer, draft())
    assert f'<li class="breadcrumb-item"><a href="/cases/{case.pk}/">{case.reference}</a></li>' in html


def test_a_draft_lists_what_to_fix_before_submitting(as_officer, draft):
    letter = draft()
    html = letter_page(as_officer, letter)
    problems = services.letter_check(letter)
    assert problems
    assert f"Before you submit: {len(problems)} things to fix" in html
    for problem in problems:
        assert f"<li>{problem}</li>".replace("'", "&#x27;").replace('"', "&quot;") in html


def test_a_complete_draft_says_it_is_ready_to_submit(as_officer, draft, officer):
    html = letter_page(as_officer, complete(draft(), officer))
    assert "Complete: ready to submit for approval" in html


def test_a_submitted_letter_lists_no_problems(as_officer, submitted):
    assert "Before you submit" not in letter_page(as_officer, submitted)


def test_the_preview_shows_the_letter_as_it_reads(as_officer, draft, case):
    html = letter_page(as_officer, draft())
    assert 'class="letter-document"' in html
    assert f"Our Ref: <strong>{case.reference}</strong>" in html
    assert "Section 24(2) National security" in html
    assert "Section 31(3) Law enforcement" in html


def test_the_preview_highlights_the_gaps_to_fill(as_officer, draft):
    assert '<mark class="letter-gap">[[' in letter_page(as_officer, draft())


@pytest.mark.parametrize("page", ["letter_detail", "letter_edit", "case_detail"])
@pytest.mark.parametrize("attack", XSS)
def test_html_in_the_request_is_shown_as_text(as_officer, officer, body, attack, page):
    case = make_case(actor=officer, body=body, request_text=f"1. Tell me {attack} now\n2. And more")
    letter = services.letter_create(case=case, actor=officer, kind="full_disclosure")
    url = reverse(f"foi_cases:{page}", args=[case.pk]) if page == "case_detail" else None
    html = as_officer.get(url or reverse(f"responses:{page}", args=[letter.pk])).content.decode()
    assert attack not in html
    assert not re.search(r"<script>alert|<img[^>]*onerror", html)
    assert "&lt;script&gt;" in html or "&lt;img" in html


@pytest.mark.parametrize("attack", XSS)
def test_html_typed_into_the_letter_never_becomes_markup(as_officer, draft, officer, attack):
    letter = draft()
    services.letter_update(
        letter=letter,
        actor=officer,
        changes={"heading": f"Heading {attack}", "sections": {"intro": f"Dear requester {attack} **bold**"}},
    )
    html = letter_page(as_officer, letter)
    assert attack not in html
    assert not re.search(r"<script>alert|<img[^>]*onerror", html)
    assert "<strong>bold</strong>" in html


def test_html_in_a_gap_is_escaped_in_the_edit_pages_hints(as_officer, draft, officer):
    letter = draft()
    attack = '[[<img src=x onerror="alert(3)">]]'
    services.letter_update(letter=letter, actor=officer, changes={"sections": {"intro": f"Dear {attack}"}})
    html = as_officer.get(reverse("responses:letter_edit", args=[letter.pk])).content.decode()
    assert not re.search(r"<img[^>]*onerror", html)
    assert 'Still to fill in: <mark class="letter-gap">[[&lt;img' in html


def test_the_drafter_sees_no_approve_button(as_officer, submitted):
    html = letter_page(as_officer, submitted)
    assert "Return with comments" not in html
    assert ">Approve</button>" not in html


def test_a_supervisor_sees_approve_and_return_on_someone_elses_letter(as_supervisor, submitted):
    html = letter_page(as_supervisor, submitted)
    assert ">Approve</button>" in html
    assert ">Return with comments</button>" in html


def test_a_supervisor_who_edited_the_letter_is_told_why_they_cannot_approve_it(as_supervisor, draft, supervisor):
    letter = draft()
    services.letter_update(letter=letter, actor=supervisor, changes={"heading": "Changed by the supervisor"})
    services.letter_submit(letter=complete(letter, supervisor), actor=supervisor)
    html = letter_page(as_supervisor, letter)
    assert ">Approve</button>" not in html
    assert "You drafted or edited this letter, so you cannot approve it" in html


def test_the_drafter_can_edit_and_submit_a_draft(as_officer, draft):
    html = letter_page(as_officer, draft())
    assert ">Edit the letter</a>" in html
    assert ">Submit for approval</button>" in html


def test_the_drafter_can_recall_a_submitted_letter_but_not_edit_it(as_officer, submitted):
    html = letter_page(as_officer, submitted)
    assert ">Recall for more changes</button>" in html
    assert ">Edit the letter</a>" not in html


def test_whoever_decides_is_not_offered_a_recall(as_supervisor, submitted):
    assert "Recall for more changes" not in letter_page(as_supervisor, submitted)


def test_returned_comments_are_shown_at_the_top(as_officer, submitted, supervisor):
    services.letter_return(letter=submitted, actor=supervisor, comment="Explain the harm for item 2 <b>please</b>.")
    html = letter_page(as_officer, submitted)
    assert "Returned for changes</h2>" in html
    assert "Explain the harm for item 2 &lt;b&gt;please&lt;/b&gt;." in html
    assert html.index("Returned for changes</h2>") < html.index('class="letter-document"')


def test_the_approval_history_lists_each_decision_with_its_comment(as_officer, submitted, supervisor, officer):
    services.letter_return(letter=submitted, actor=supervisor, comment="Tighten the balancing test.")
    services.letter_submit(letter=submitted, actor=officer)
    services.letter_approve(letter=submitted, actor=supervisor, comment="Good now.")
    html = letter_page(as_officer, submitted)
    history = html[html.index("Approval history") :]
    assert "<strong>Returned for changes</strong> by Sam Supervisor (Supervisor)" in history
    assert "Tighten the balancing test." in history
    assert "<strong>Approved</strong> by Sam Supervisor (Supervisor)" in history
    assert "Good now." in history


def test_an_approved_letter_offers_a_new_version_and_versions_link_to_each_other(as_officer, submitted, supervisor):
    services.letter_approve(letter=submitted, actor=supervisor)
    assert ">Start a new version</button>" in letter_page(as_officer, submitted)
    new = services.letter_revise(letter=submitted, actor=supervisor)
    old_html, new_html = letter_page(as_officer, submitted), letter_page(as_officer, new)
    assert f'href="/cases/letters/{new.pk}/">Version 2 (draft)</a>, which replaces this one' in old_html
    assert f'href="/cases/letters/{submitted.pk}/">Version 1 (superseded by a later version)</a>' in new_html


# --- applicant blind ---------------------------------------------------------------------------

REQUESTER = {"name": "Zebedee Quillfeather", "email": "zebedee.q@example.org"}


@pytest.fixture
def blind_letter(officer, body):
    case = make_case(actor=officer, body=body, **REQUESTER)
    return services.letter_create(case=case, actor=officer, kind="ncnd", codes=["s24(2)"])


@pytest.mark.parametrize("page", ["letter_detail", "letter_edit"])
@pytest.mark.parametrize("actor", ["officer", "supervisor"])
def test_letter_pages_never_show_the_requesters_identity(client, request, blind_letter, actor, page):
    client.force_login(request.getfixturevalue(actor))
    html = client.get(reverse(f"responses:{page}", args=[blind_letter.pk])).content.decode()
    assert "Zebedee" not in html and "Quillfeather" not in html and "zebedee.q" not in html


def test_a_supervisor_can_reveal_the_requester_and_the_reveal_is_audited(as_supervisor, blind_letter, supervisor):
    url = reverse("responses:letter_reveal_requester", args=[blind_letter.pk])
    response = as_supervisor.post(url)
    html = response.content.decode()
    assert "Requester (revealed)" in html
    assert "Zebedee Quillfeather" in html and "zebedee.q@example.org" in html
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="requester_revealed")
    assert (event.case_id, event.actor) == (blind_letter.case_id, supervisor)


def test_the_revealed_identity_is_shown_in_that_response_only(as_supervisor, blind_letter):
    as_supervisor.post(reverse("responses:letter_reveal_requester", args=[blind_letter.pk]))
    assert "Zebedee" not in letter_page(as_supervisor, blind_letter)


def test_an_administrator_may_reveal_the_requester(client, administrator, blind_letter):
    client.force_login(administrator)
    html = client.post(reverse("responses:letter_reveal_requester", args=[blind_letter.pk])).content.decode()
    assert "Zebedee Quillfeather" in html


def test_caseworkers_without_the_permission_are_not_offered_the_reveal(client, blind_officer, blind_letter):
    client.force_login(blind_officer)
    assert "Reveal the requester" not in letter_page(client, blind_letter)


def test_supervisors_are_offered_the_reveal(as_supervisor, blind_letter):
    assert "Reveal the requester</button>" in letter_page(as_supervisor, blind_letter)
