"""Moving a letter through approval from its page, the four-eyes rule, and the approval queue."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from foi_cases import services as case_services
from foi_cases.models import Case
from foi_cases.tests.factories import UserFactory, make_case
from responses import services
from responses.models import Approval, ClearanceStage, Letter
from responses.tests.conftest import complete

NAV_PROCESSOR = "responses.views.approvals_nav"


def act(client, letter, action, data=None):
    return client.post(reverse(f"responses:letter_{action}", args=[letter.pk]), data or {}, follow=True)


def fresh(letter) -> Letter:
    return Letter.objects.get(pk=letter.pk)


def as_user(client, user):
    client.force_login(user)
    return client


# --- submitting and recalling ------------------------------------------------------------------


def test_submitting_a_complete_letter_sends_it_for_approval(client, draft, officer):
    letter = complete(draft(), officer)
    html = act(as_user(client, officer), letter, "submit").content.decode()
    assert fresh(letter).status == Letter.Status.SUBMITTED
    assert "Submitted for approval." in html


def test_submitting_an_incomplete_letter_lists_the_problems_and_changes_nothing(client, draft, officer):
    letter = draft()
    problems = services.letter_check(letter)
    html = act(as_user(client, officer), letter, "submit").content.decode()
    assert fresh(letter).status == Letter.Status.DRAFT
    assert f"Not submitted: {len(problems)} problems must be fixed first" in html
    assert "Before you submit:" in html
    assert problems[0].replace("'", "&#x27;") in html


def test_recalling_makes_a_submitted_letter_a_draft_again(client, submitted, officer):
    html = act(as_user(client, officer), submitted, "recall").content.decode()
    assert fresh(submitted).status == Letter.Status.DRAFT
    assert "Recalled: the letter is a draft again" in html


def test_someone_who_did_not_write_the_letter_is_told_why_they_cannot_recall_it(client, submitted, supervisor):
    response = act(as_user(client, supervisor), submitted, "recall")
    assert response.status_code == 200
    assert "an approver returns it with comments" in response.content.decode()
    assert fresh(submitted).status == "submitted"


def test_a_draft_cannot_be_recalled(client, draft, officer):
    letter = draft()
    html = act(as_user(client, officer), letter, "recall").content.decode()
    assert "Only a letter awaiting approval can be recalled." in html


# --- four eyes ---------------------------------------------------------------------------------

SELF_APPROVAL = "You drafted or edited this letter, so you cannot approve it: another person must."


def test_the_drafter_cannot_approve_their_own_letter(client, submitted, officer):
    html = act(as_user(client, officer), submitted, "approve").content.decode()
    assert SELF_APPROVAL in html
    assert fresh(submitted).status == Letter.Status.SUBMITTED
    assert not Approval.objects.exists()


def test_a_supervisor_who_edited_the_letter_cannot_approve_it(client, submitted, officer, supervisor):
    services.letter_recall(letter=submitted, actor=officer)
    services.letter_update(letter=submitted, actor=supervisor, changes={"heading": "Tidied by the supervisor"})
    services.letter_submit(letter=submitted, actor=officer)
    html = act(as_user(client, supervisor), submitted, "approve").content.decode()
    assert SELF_APPROVAL in html
    assert fresh(submitted).status == Letter.Status.SUBMITTED


def test_an_officer_without_the_approval_permission_cannot_approve(client, submitted, officer2):
    html = act(as_user(client, officer2), submitted, "approve").content.decode()
    assert "Only a supervisor can approve letters." in html
    assert fresh(submitted).status == Letter.Status.SUBMITTED


def test_the_drafter_cannot_return_their_own_letter_either(client, submitted, officer):
    act(as_user(client, officer), submitted, "return", {"return-comment": "Looks fine to me"})
    assert fresh(submitted).status == Letter.Status.SUBMITTED
    assert not Approval.objects.exists()


# --- deciding ----------------------------------------------------------------------------------


def test_a_supervisor_approves_and_the_case_is_ready_to_send(client, submitted, supervisor, case):
    html = act(as_user(client, supervisor), submitted, "approve").content.decode()
    assert fresh(submitted).status == Letter.Status.APPROVED
    assert Case.objects.get(pk=case.pk).status == Case.Status.READY_TO_SEND
    assert f"{case.reference} is now: Approved, ready to send." in html


def test_the_case_page_then_shows_approved_ready_to_send(client, submitted, supervisor, case):
    act(as_user(client, supervisor), submitted, "approve")
    html = client.get(reverse("foi_cases:case_detail", args=[case.pk])).content.decode()
    assert "Approved, ready to send" in html


def test_an_approval_comment_is_kept(client, submitted, supervisor):
    act(as_user(client, supervisor), submitted, "approve", {"approve-comment": "Well argued."})
    assert Approval.objects.get().comment == "Well argued."


def test_returning_needs_a_comment(client, submitted, supervisor):
    response = act(as_user(client, supervisor), submitted, "return", {"return-comment": "  "})
    assert response.context["return_form"].errors["comment"] == [
        "Say what needs to change, so the drafter can act on it."
    ]
    assert fresh(submitted).status == Letter.Status.SUBMITTED
    assert not Approval.objects.exists()


def test_returning_with_a_comment_sends_it_back_to_the_drafter(client, submitted, supervisor):
    html = act(as_user(client, supervisor), submitted, "return", {"return-comment": "Add the harm."}).content.decode()
    assert fresh(submitted).status == Letter.Status.RETURNED
    assert "Returned to the drafter with your comments." in html
    assert Approval.objects.get().comment == "Add the harm."


def test_a_letter_already_approved_cannot_be_approved_again(client, submitted, supervisor):
    services.letter_approve(letter=submitted, actor=supervisor)
    other_supervisor = UserFactory(username="supervisor2", role="Supervisor")
    html = act(as_user(client, other_supervisor), submitted, "approve").content.decode()
    assert "Only a letter awaiting approval can be approved or returned." in html
    assert Approval.objects.count() == 1


def test_each_clearance_stage_approves_in_turn(client, submitted, supervisor, case):
    press = Group.objects.create(name="Press office")
    stage = ClearanceStage.objects.create(name="Press office", order=1, group=press)
    case.clearance_stages.add(stage)
    press_officer = UserFactory(username="press", role="Officer")
    press_officer.groups.add(press)
    html = act(as_user(client, supervisor), submitted, "approve").content.decode()
    assert "Approved at this stage. It now awaits Press office (Press office)." in html
    assert fresh(submitted).awaiting_stage == stage
    act(as_user(client, press_officer), submitted, "approve")
    assert fresh(submitted).status == Letter.Status.APPROVED


# --- new versions ------------------------------------------------------------------------------


def test_starting_a_new_version_of_an_approved_letter(client, submitted, supervisor, officer, case):
    services.letter_approve(letter=submitted, actor=supervisor)
    response = act(as_user(client, officer), submitted, "revise")
    new = Letter.objects.get(previous=submitted)
    assert (new.version, new.status) == (2, Letter.Status.DRAFT)
    assert fresh(submitted).status == Letter.Status.SUPERSEDED
    assert response.resolver_match.url_name == "letter_edit"
    assert "Started version 2. Version 1 is kept as approved; this one needs approval." in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_a_draft_cannot_be_started_again_as_a_new_version(client, draft, officer):
    letter = draft()
    html = act(as_user(client, officer), letter, "revise").content.decode()
    assert "Only an approved letter is changed by starting a new version" in html
    assert Letter.objects.count() == 1


# --- the queue ---------------------------------------------------------------------------------


def queue(client) -> str:
    return client.get(reverse("responses:approval_queue")).content.decode()


def submitted_on(case, actor) -> Letter:
    letter = services.letter_create(case=case, actor=actor, kind="ncnd", codes=["s24(2)"])
    return services.letter_submit(letter=complete(letter, actor), actor=actor)


def test_the_queue_lists_letters_oldest_deadline_first(client, officer, supervisor, body):
    later = make_case(actor=officer, body=body, received_on=case_services.today())
    sooner = make_case(actor=officer, body=body)
    submitted_on(later, officer)
    submitted_on(sooner, officer)
    html = queue(as_user(client, supervisor))
    assert html.index(sooner.reference) < html.index(later.reference)


def test_the_queue_links_to_each_letter_and_names_its_drafter(client, submitted, supervisor):
    html = queue(as_user(client, supervisor))
    assert f'<a href="/cases/letters/{submitted.pk}/">' in html
    assert "Olivia Officer" in html
    assert "Neither confirm nor deny" in html


def test_the_queue_highlights_overdue_cases(client, officer, supervisor, body):
    overdue = make_case(actor=officer, body=body)
    assert overdue.due_on < case_services.today()
    submitted_on(overdue, officer)
    html = queue(as_user(client, supervisor))
    assert '<tr class="is-overdue">' in html
    assert "Overdue by" in html


def test_a_case_not_yet_due_is_not_highlighted(client, officer, supervisor, body):
    submitted_on(make_case(actor=officer, body=body, received_on=case_services.today() - timedelta(days=1)), officer)
    html = queue(as_user(client, supervisor))
    assert '<tr class="is-overdue">' not in html
    assert "working days left" in html


def test_the_queue_leaves_out_letters_the_user_drafted_or_edited(client, submitted, supervisor, body):
    own = submitted_on(make_case(actor=supervisor, body=body), supervisor)
    html = queue(as_user(client, supervisor))
    assert f"/cases/letters/{submitted.pk}/" in html
    assert f"/cases/letters/{own.pk}/" not in html


def test_an_empty_queue_says_so(client, supervisor):
    assert "Nothing is waiting for your approval." in queue(as_user(client, supervisor))


def test_an_officer_is_told_they_do_not_approve_letters(client, submitted, officer2):
    html = queue(as_user(client, officer2))
    assert "You do not approve letters" in html
    assert f"/cases/letters/{submitted.pk}/" not in html


# --- the nav -----------------------------------------------------------------------------------


@pytest.fixture
def nav_count(settings):
    """The nav's count comes from a context processor (registered in settings by the lead)."""
    engine = settings.TEMPLATES[0]
    processors = engine["OPTIONS"]["context_processors"]
    if NAV_PROCESSOR not in processors:
        options = {**engine["OPTIONS"], "context_processors": [*processors, NAV_PROCESSOR]}
        settings.TEMPLATES = [{**engine, "OPTIONS": options}]


def test_the_nav_shows_supervisors_how_many_letters_wait(client, nav_count, submitted, supervisor):
    html = as_user(client, supervisor).get(reverse("foi_cases:dashboard")).content.decode()
    assert ">Approvals <span" in html
    assert '1<span class="visually-hidden"> letter waiting</span>' in html


def test_the_nav_offers_no_approvals_link_to_officers(client, nav_count, submitted, officer2):
    html = as_user(client, officer2).get(reverse("foi_cases:dashboard")).content.decode()
    assert "Approvals" not in html


def test_the_nav_offers_approvals_to_a_clearance_stage_member(client, nav_count, officer2):
    press = Group.objects.create(name="Press office")
    ClearanceStage.objects.create(name="Press office", order=1, group=press)
    officer2.groups.add(press)
    html = as_user(client, officer2).get(reverse("foi_cases:dashboard")).content.decode()
    assert ">Approvals</a>" in html
