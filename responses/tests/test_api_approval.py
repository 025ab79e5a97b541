"""Submitting, approving, returning, recalling and revising letters through the API, and the
approval queue: the four-eyes rule and immutability, on PostgreSQL."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from foi_cases.models import AuditEvent, Case
from foi_cases.tests.api_client import signed_in
from foi_cases.tests.factories import UserFactory, make_case
from responses import services
from responses.models import ClearanceStage, Letter
from responses.tests.conftest import complete

pytestmark = pytest.mark.django_db

SELF_APPROVAL = "You drafted or edited this letter, so you cannot approve it: another person must."


@pytest.fixture
def api(officer):
    return signed_in(officer)


@pytest.fixture
def supervisor2(db):
    return UserFactory(username="supervisor2", role="Supervisor", first_name="Sue", last_name="Second")


def letter_url(letter) -> str:
    return f"/api/v1/letters/{letter.pk}/"


def act(client, letter, action, data=None):
    return client.post(f"{letter_url(letter)}{action}/", data or {}, format="json")


def approve(supervisor, letter):
    return services.letter_approve(letter=letter, actor=supervisor)


def reload(letter) -> Letter:
    return Letter.objects.get(pk=letter.pk)


def edited_by(editor, letter) -> Letter:
    return services.letter_update(letter=letter, actor=editor, changes={"heading": f"Edited by {editor}"})


# --- submitting ------------------------------------------------------------------------------


def test_submitting_a_complete_letter_sends_it_for_approval(api, draft, officer):
    letter = complete(draft(), officer)

    response = act(api, letter, "submit")

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["awaiting"] == "Supervisor"
    assert response.json()["submitted_at"] is not None
    assert reload(letter).status == "submitted"


def test_submitting_an_incomplete_letter_lists_every_problem(api, draft):
    letter = draft()
    problems = services.letter_check(letter)

    response = act(api, letter, "submit")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": problems}
    assert len(problems) > 1
    assert reload(letter).status == "draft"


def test_an_ncnd_letter_citing_a_withholding_provision_cannot_be_submitted(api, draft, officer):
    letter = complete(draft("ncnd", ("s24(1)",)), officer)

    response = act(api, letter, "submit")

    assert response.status_code == 400
    assert any("cite 24(2) instead" in problem for problem in response.json()["non_field_errors"])


def test_submitting_a_submitted_letter_gets_409(api, submitted):
    response = act(api, submitted, "submit")

    assert response.status_code == 409
    assert response.json() == {"detail": "The letter is awaiting approval: recall it before editing."}


def test_a_stranger_cannot_submit(stranger, draft, officer):
    letter = complete(draft(), officer)

    assert act(signed_in(stranger), letter, "submit").status_code == 403
    assert reload(letter).status == "draft"


def test_an_anonymous_request_cannot_submit(draft):
    assert act(APIClient(), draft(), "submit").status_code == 401


def test_no_such_letter_gets_404(api, case):
    assert act(api, Letter(pk=999999), "submit").status_code == 404


# --- four eyes -------------------------------------------------------------------------------


def test_the_drafter_cannot_approve_their_own_letter(api, submitted):
    response = act(api, submitted, "approve")

    assert response.status_code == 403
    assert response.json() == {"detail": SELF_APPROVAL}
    assert reload(submitted).status == "submitted"


def test_a_supervisor_who_drafted_the_letter_cannot_approve_it(draft, supervisor):
    letter = complete(draft(actor=supervisor), supervisor)
    services.letter_submit(letter=letter, actor=supervisor)

    response = act(signed_in(supervisor), letter, "approve")

    assert response.status_code == 403
    assert response.json() == {"detail": SELF_APPROVAL}


def test_a_supervisor_who_edited_the_letter_through_the_api_cannot_approve_it(api, draft, officer, supervisor):
    letter = complete(draft(), officer)
    edited = signed_in(supervisor).patch(letter_url(letter), {"sections": {"intro": "Edited."}}, format="json")
    assert edited.status_code == 200
    services.letter_submit(letter=letter, actor=officer)

    response = act(signed_in(supervisor), letter, "approve")

    assert response.status_code == 403
    assert response.json() == {"detail": SELF_APPROVAL}


def test_a_supervisor_who_edited_the_letter_cannot_return_it_either(draft, officer, supervisor):
    letter = edited_by(supervisor, complete(draft(), officer))
    services.letter_submit(letter=letter, actor=officer)

    response = act(signed_in(supervisor), letter, "return", {"comment": "More detail."})

    assert response.status_code == 403
    assert response.json() == {"detail": SELF_APPROVAL}


def test_another_supervisor_may_approve_a_letter_a_supervisor_edited(draft, officer, supervisor, supervisor2):
    letter = edited_by(supervisor, complete(draft(), officer))
    services.letter_submit(letter=letter, actor=officer)

    response = act(signed_in(supervisor2), letter, "approve")

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_by"] == "Sue Second"


def test_an_officer_who_did_not_draft_it_still_cannot_approve(submitted, officer2):
    response = act(signed_in(officer2), submitted, "approve")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only a supervisor can approve letters."}


def test_an_officer_cannot_return_a_letter_either(submitted, officer2):
    response = act(signed_in(officer2), submitted, "return", {"comment": "Looks wrong."})

    assert response.status_code == 403
    assert response.json() == {"detail": "Only a supervisor can approve letters."}
    assert reload(submitted).status == "submitted"


def test_a_stranger_cannot_approve(submitted, stranger):
    assert act(signed_in(stranger), submitted, "approve").status_code == 403
    assert reload(submitted).status == "submitted"


# --- approving -------------------------------------------------------------------------------


def test_a_supervisor_approves_a_submitted_letter(submitted, supervisor):
    response = act(signed_in(supervisor), submitted, "approve", {"comment": "Fine to send."})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved"
    assert body["status_label"] == "Approved"
    assert body["letter_date"] is not None
    assert body["approved_at"] is not None
    assert body["approved_by"] == "Sam Supervisor"
    assert body["awaiting"] is None
    assert body["problems"] is None
    assert [(a["stage"], a["decision"], a["comment"], a["decided_by"]) for a in body["approvals"]] == [
        ("Supervisor", "approved", "Fine to send.", "Sam Supervisor")
    ]


def test_approving_the_final_response_readies_the_case_to_send(submitted, supervisor, case):
    act(signed_in(supervisor), submitted, "approve")

    case_body = signed_in(supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    assert case_body["status"] == "ready_to_send"
    assert case_body["outcome"] == "ncnd"


def test_approving_is_recorded_on_the_case_timeline(submitted, supervisor, case):
    act(signed_in(supervisor), submitted, "approve")

    assert AuditEvent.objects.filter(case=case, action="letter_approved", actor=supervisor).exists()


def test_approving_a_draft_gets_409(draft, supervisor):
    response = act(signed_in(supervisor), draft(), "approve")

    assert response.status_code == 409
    assert response.json() == {"detail": "Only a letter awaiting approval can be approved or returned."}


def test_approving_twice_gets_409(submitted, supervisor):
    act(signed_in(supervisor), submitted, "approve")

    assert act(signed_in(supervisor), submitted, "approve").status_code == 409


def test_a_case_flagged_for_clearance_awaits_its_stage_after_the_supervisor(case, submitted, supervisor, officer):
    press = Group.objects.create(name="Press office")
    stage = ClearanceStage.objects.create(name="Press office", order=1, group=press)
    services.case_set_clearance(case=case, actor=officer, stages=[stage])
    press_officer = UserFactory(username="press", role="Officer", first_name="Pat", last_name="Press")
    press_officer.groups.add(press)

    first = act(signed_in(supervisor), submitted, "approve")
    second = act(signed_in(press_officer), submitted, "approve")

    assert (first.json()["status"], first.json()["awaiting"]) == ("submitted", "Press office")
    assert second.status_code == 200
    assert second.json()["status"] == "approved"
    assert [a["stage"] for a in second.json()["approvals"]] == ["Supervisor", "Press office"]


# --- returning -------------------------------------------------------------------------------


def test_returning_needs_a_comment(submitted, supervisor):
    response = act(signed_in(supervisor), submitted, "return")

    assert response.status_code == 400
    assert response.json() == {"comment": ["Say what needs to change, so the drafter can act on it."]}
    assert reload(submitted).status == "submitted"


def test_a_blank_comment_is_no_comment(submitted, supervisor):
    response = act(signed_in(supervisor), submitted, "return", {"comment": "   "})

    assert response.status_code == 400
    assert response.json() == {"comment": ["Say what needs to change, so the drafter can act on it."]}


def test_a_supervisor_returns_a_letter_with_a_comment(submitted, supervisor):
    response = act(signed_in(supervisor), submitted, "return", {"comment": "Say more about the harm."})

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "returned"
    assert body["status_label"] == "Returned for changes"
    assert body["approvals"][0]["decision"] == "returned"
    assert body["approvals"][0]["comment"] == "Say more about the harm."
    assert body["problems"] == []


def test_a_returned_letter_is_edited_and_resubmitted(api, submitted, supervisor, supervisor2):
    act(signed_in(supervisor), submitted, "return", {"comment": "Say more about the harm."})

    edited = api.patch(letter_url(submitted), {"exemption_texts": {"s24(2)": {"harm": "More harm."}}}, format="json")
    resubmitted = act(api, submitted, "submit")
    approved = act(signed_in(supervisor2), submitted, "approve")

    assert edited.status_code == 200
    assert resubmitted.json()["status"] == "submitted"
    assert approved.json()["status"] == "approved"
    assert [(a["round"], a["decision"]) for a in approved.json()["approvals"]] == [(1, "returned"), (2, "approved")]


def test_returning_a_draft_gets_409(draft, supervisor):
    response = act(signed_in(supervisor), draft(), "return", {"comment": "No."})

    assert response.status_code == 409


# --- recalling -------------------------------------------------------------------------------


def test_recalling_a_submitted_letter_makes_it_a_draft_again(api, submitted):
    response = act(api, submitted, "recall")

    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert api.patch(letter_url(submitted), {"heading": "Better"}, format="json").status_code == 200


def test_recalling_a_draft_gets_409(api, draft):
    response = act(api, draft(), "recall")

    assert response.status_code == 409
    assert response.json() == {"detail": "Only a letter awaiting approval can be recalled."}


# --- immutability and versions ---------------------------------------------------------------


@pytest.fixture
def approved(submitted, supervisor):
    return approve(supervisor, submitted)


def test_editing_an_approved_letter_gets_409_and_changes_nothing(api, approved):
    before = api.get(letter_url(approved)).json()

    response = api.patch(
        letter_url(approved),
        {"heading": "Changed", "sections": {"intro": "Changed."}, "exemptions": ["s24(2)"]},
        format="json",
    )

    assert response.status_code == 409
    assert response.json() == {"detail": "The letter is approved and cannot be changed: start a new version."}
    assert api.get(letter_url(approved)).json() == before


def test_an_approved_letter_cannot_be_submitted_or_recalled(api, approved):
    assert act(api, approved, "submit").status_code == 409
    assert act(api, approved, "recall").status_code == 409


def test_revising_an_approved_letter_starts_a_new_version(api, approved):
    response = api.post(f"{letter_url(approved)}revise/", format="json")

    assert response.status_code == 201
    new = Letter.objects.get(previous=approved)
    body = response.json()
    assert response["Location"] == body["url"] == f"http://testserver/api/v1/letters/{new.pk}/"
    assert body["version"] == 2
    assert body["status"] == "draft"
    assert body["previous_version"] == f"http://testserver{letter_url(approved)}"
    assert body["approvals"] == []
    assert body["letter_date"] is None
    assert [block["code"] for block in body["blocks"]["exemptions"]] == ["s24(2)", "s31(3)"]


def test_revising_leaves_the_approved_version_unchanged_and_superseded(api, approved):
    before = api.get(letter_url(approved)).json()

    new_url = api.post(f"{letter_url(approved)}revise/", format="json").json()["url"]
    api.patch(new_url, {"sections": {"intro": "A new introduction."}}, format="json")
    after = api.get(letter_url(approved)).json()

    assert after["status"] == "superseded"
    assert after["next_version"] == new_url
    assert after["blocks"] == before["blocks"]
    assert after["approvals"] == before["approvals"]
    assert after["letter_date"] == before["letter_date"]


def test_the_new_version_needs_approval_again(api, approved, supervisor2):
    new = Letter.objects.get(pk=api.post(f"{letter_url(approved)}revise/", format="json").json()["id"])

    assert act(signed_in(supervisor2), new, "approve").status_code == 409


def test_a_superseded_letter_cannot_be_edited_or_revised(api, approved):
    api.post(f"{letter_url(approved)}revise/", format="json")

    edit = api.patch(letter_url(approved), {"heading": "Changed"}, format="json")
    revise = api.post(f"{letter_url(approved)}revise/", format="json")

    assert edit.status_code == 409
    assert edit.json() == {
        "detail": "The letter is superseded by a later version and cannot be changed: start a new version."
    }
    assert revise.status_code == 409


def test_revising_a_draft_gets_409(api, draft):
    response = api.post(f"{letter_url(draft())}revise/", format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Only an approved letter is changed by starting a new version; edit the draft."
    }


# --- the list and the approval queue ---------------------------------------------------------


def queue(user) -> list[int]:
    return [row["id"] for row in signed_in(user).get("/api/v1/letters/", {"awaiting": "me"}).json()["results"]]


def submit_letter(draft, drafter, on):
    return services.letter_submit(letter=complete(draft(on=on, actor=drafter), drafter), actor=drafter)


def test_the_approval_queue_lists_letters_oldest_deadline_first(draft, officer, supervisor, body):
    later = make_case(actor=officer, body=body, received_on=date(2020, 1, 6), subject="Later")
    sooner = make_case(actor=officer, body=body, received_on=date(2019, 11, 1), subject="Sooner")
    later_letter = submit_letter(draft, officer, later)
    sooner_letter = submit_letter(draft, officer, sooner)

    response = signed_in(supervisor).get("/api/v1/letters/", {"awaiting": "me"})

    assert response.status_code == 200
    assert queue(supervisor) == [sooner_letter.pk, later_letter.pk]
    assert response.json()["results"][0]["due"] < response.json()["results"][1]["due"]


def test_the_queue_leaves_out_letters_the_supervisor_edited(draft, officer, supervisor, supervisor2):
    letter = edited_by(supervisor, complete(draft(), officer))
    services.letter_submit(letter=letter, actor=officer)

    assert queue(supervisor) == []
    assert queue(supervisor2) == [letter.pk]


def test_the_queue_leaves_out_drafts_and_approved_letters(draft, supervisor, approved):
    draft()

    assert queue(supervisor) == []


def test_an_officer_has_nothing_to_approve(officer, submitted):
    assert queue(officer) == []


def test_the_letter_list_shows_every_letter_newest_first_paginated(api, draft, submitted):
    newer = draft("acknowledgement", ())

    body = api.get("/api/v1/letters/").json()

    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [newer.pk, submitted.pk]
    assert body["results"][1]["awaiting"] == "Supervisor"


def test_the_letter_list_filters_by_status(api, draft, submitted):
    draft("acknowledgement", ())

    body = api.get("/api/v1/letters/", {"status": "submitted"}).json()

    assert [row["id"] for row in body["results"]] == [submitted.pk]


def test_the_letter_list_filters_by_case(api, draft, officer, body, case):
    other = make_case(actor=officer, body=body, subject="Drones")
    mine, _ = draft(), draft(on=other)

    response = api.get("/api/v1/letters/", {"case": case.pk})

    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["case"]["reference"] == case.reference


def test_an_unknown_status_filter_gets_400(api, draft):
    response = api.get("/api/v1/letters/", {"status": "sent"})

    assert response.status_code == 400
    assert "status" in response.json()


def test_the_letter_list_pages(api, draft):
    for _ in range(3):
        draft("acknowledgement", ())

    body = api.get("/api/v1/letters/", {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] is not None


def test_a_stranger_cannot_list_letters(stranger):
    assert signed_in(stranger).get("/api/v1/letters/").status_code == 403


def test_an_anonymous_request_cannot_list_letters(db):
    assert APIClient().get("/api/v1/letters/").status_code == 401


def test_the_case_stays_open_until_the_final_response_is_approved(submitted, case):
    assert Case.objects.get(pk=case.pk).status == "open"
