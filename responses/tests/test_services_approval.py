"""Approval: submit, approve or return, clearance stages, immutability and new versions.

The four-eyes rule: nobody who drafted or edited a letter may approve it, whatever their role.
Integration tests on PostgreSQL, through the services; the last ones race two supervisors.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from foi_cases import services as case_services
from foi_cases.models import AuditEvent, Case
from foi_cases.tests.factories import UserFactory, make_case
from foi_cases.workflow import TransitionNotAllowed
from responses import services
from responses.models import Approval, CaseExemption, Letter
from responses.services import ApprovalRefused
from responses.tests.conftest import complete, ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleared_case(case, supervisor, stages):
    """The case, flagged for the press office and then legal clearance."""
    press, legal = stages
    services.case_set_clearance(case=case, actor=supervisor, stages=[legal, press])
    return case


def fresh(letter) -> Letter:
    return Letter.objects.get(pk=letter.pk)


def actions(case) -> list[str]:
    return list(case.audit_events.order_by("at", "id").values_list("action", flat=True))


def submit(letter, actor):
    return services.letter_submit(letter=ready(letter, actor), actor=actor)


def approve(letter, actor, comment=""):
    return services.letter_approve(letter=letter, actor=actor, comment=comment)


def give_back(letter, actor, comment="Please give more detail on the harm."):
    return services.letter_return(letter=letter, actor=actor, comment=comment)


# --- submitting --------------------------------------------------------------------------------------


def test_submitting_a_complete_letter_sends_it_for_approval(submitted, case, officer):
    assert (submitted.status, submitted.round, submitted.awaiting_stage) == ("submitted", 1, None)
    assert submitted.submitted_at is not None
    event = case.audit_events.get(action="letter_submitted")
    assert event.actor == officer
    assert event.summary == "Neither confirm nor deny letter (version 1) submitted for approval."


def test_an_incomplete_letter_cannot_be_submitted_and_the_problems_are_listed(draft, officer):
    letter = draft("ncnd", ["s24(2)"])
    with pytest.raises(ValidationError) as refused:
        services.letter_submit(letter=letter, actor=officer)
    problems = refused.value.message_dict["__all__"]
    assert problems and all("fill in the gap" in p for p in problems)
    assert (fresh(letter).status, fresh(letter).round) == ("draft", 0)


def test_a_submitted_letter_cannot_be_submitted_again(submitted, officer):
    with pytest.raises(TransitionNotAllowed):
        services.letter_submit(letter=submitted, actor=officer)
    assert fresh(submitted).round == 1


def test_a_submitted_letter_cannot_be_edited_until_recalled(submitted, officer):
    with pytest.raises(TransitionNotAllowed, match="recall it before editing"):
        services.letter_update(letter=submitted, actor=officer, changes={"heading": "Changed"})
    assert fresh(submitted).heading != "Changed"


def test_recalling_returns_a_submitted_letter_to_draft(submitted, case, officer):
    services.letter_recall(letter=submitted, actor=officer)
    assert fresh(submitted).status == "draft"
    assert "letter_recalled" in actions(case)


def test_only_someone_who_drafted_or_edited_the_letter_can_recall_it(submitted, supervisor):
    with pytest.raises(ApprovalRefused, match="an approver returns it with comments"):
        services.letter_recall(letter=submitted, actor=supervisor)
    assert fresh(submitted).status == "submitted"


def test_only_a_submitted_letter_can_be_recalled(draft, officer):
    with pytest.raises(TransitionNotAllowed):
        services.letter_recall(letter=draft(), actor=officer)


# --- the four-eyes rule -----------------------------------------------------------------------------


def test_the_drafter_cannot_approve_their_own_letter(submitted, officer):
    with pytest.raises(ApprovalRefused, match="You drafted or edited this letter"):
        approve(submitted, officer)


def test_a_supervisor_cannot_approve_a_letter_they_drafted(draft, supervisor):
    letter = submit(draft(actor=supervisor), supervisor)
    with pytest.raises(ApprovalRefused, match="you cannot approve it"):
        approve(letter, supervisor)
    assert fresh(letter).status == "submitted"


def test_a_supervisor_who_edited_the_draft_cannot_approve_it(draft, officer, supervisor):
    letter = draft()
    services.letter_update(letter=letter, actor=supervisor, changes={"heading": "Your request"})
    letter = submit(letter, officer)
    with pytest.raises(ApprovalRefused):
        approve(letter, supervisor)


def test_a_supervisor_who_edited_the_draft_cannot_return_it_either(draft, officer, supervisor):
    letter = draft()
    services.letter_update(letter=letter, actor=supervisor, changes={"heading": "Your request"})
    letter = submit(letter, officer)
    with pytest.raises(ApprovalRefused):
        give_back(letter, supervisor)
    assert fresh(letter).status == "submitted"


def test_an_officer_without_the_permission_cannot_approve(submitted, officer2):
    with pytest.raises(ApprovalRefused, match="Only a supervisor can approve letters."):
        approve(submitted, officer2)


def test_an_administrator_is_not_a_supervisor(submitted, administrator):
    with pytest.raises(ApprovalRefused):
        approve(submitted, administrator)


def test_a_refusal_to_approve_is_a_permission_error(submitted, officer):
    with pytest.raises(PermissionDenied):
        approve(submitted, officer)


def test_a_refused_approval_writes_nothing(submitted, officer, officer2):
    before = AuditEvent.objects.count()
    for actor in (officer, officer2):
        with pytest.raises(ApprovalRefused):
            approve(submitted, actor)
    assert not Approval.objects.exists()
    assert fresh(submitted).status == "submitted"
    assert AuditEvent.objects.count() == before


def test_another_supervisor_can_approve(submitted, supervisor):
    approve(submitted, supervisor, comment="  Good.  ")
    letter = fresh(submitted)
    assert (letter.status, letter.approved_by) == ("approved", supervisor)
    assert letter.approved_at is not None
    assert letter.letter_date == case_services.today()
    approval = Approval.objects.get()
    assert (approval.round, approval.stage, approval.decision, approval.comment, approval.decided_by) == (
        1,
        None,
        "approved",
        "Good.",
        supervisor,
    )


def test_approval_is_audited_with_the_letter_date(submitted, case, supervisor):
    approve(submitted, supervisor)
    event = case.audit_events.get(action="letter_approved")
    assert event.actor == supervisor
    assert services.ordinal_date(case_services.today()) in event.summary


def test_a_draft_cannot_be_approved(draft, supervisor):
    with pytest.raises(TransitionNotAllowed, match="Only a letter awaiting approval"):
        approve(complete(draft(), supervisor), supervisor)


def test_the_drafter_of_an_approved_version_cannot_approve_the_next(draft, supervisor, supervisor2):
    letter = submit(draft(actor=supervisor), supervisor)
    approve(letter, supervisor2)
    new = services.letter_revise(letter=fresh(letter), actor=supervisor2)
    new = services.letter_submit(letter=new, actor=supervisor2)
    with pytest.raises(ApprovalRefused):
        approve(new, supervisor)


# --- returning ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("comment", ["", "   ", None])
def test_returning_needs_a_comment(submitted, supervisor, comment):
    with pytest.raises(ValidationError) as refused:
        give_back(submitted, supervisor, comment=comment)
    assert "comment" in refused.value.message_dict
    assert fresh(submitted).status == "submitted"
    assert not Approval.objects.exists()


def test_a_returned_letter_goes_back_to_the_drafter_with_the_comment(submitted, case, supervisor):
    give_back(submitted, supervisor, comment="Explain the harm under s31(3).")
    assert fresh(submitted).status == "returned"
    approval = Approval.objects.get()
    assert (approval.decision, approval.comment, approval.round) == ("returned", "Explain the harm under s31(3).", 1)
    event = case.audit_events.get(action="letter_returned")
    assert event.summary.endswith("returned by a supervisor: Explain the harm under s31(3).")


def test_a_returned_letter_can_be_edited_and_resubmitted_in_a_new_round(submitted, officer, supervisor):
    give_back(submitted, supervisor)
    services.letter_update(
        letter=submitted, actor=officer, changes={"exemption_texts": {"s31(3)": {"harm": "More detail."}}}
    )
    letter = services.letter_submit(letter=submitted, actor=officer)
    assert (letter.status, letter.round) == ("submitted", 2)
    approve(letter, supervisor)
    assert list(Approval.objects.values_list("round", "decision")) == [(1, "returned"), (2, "approved")]


def test_a_recalled_letter_resubmitted_counts_another_round(submitted, officer):
    services.letter_recall(letter=submitted, actor=officer)
    assert services.letter_submit(letter=submitted, actor=officer).round == 2


# --- clearance stages ------------------------------------------------------------------------------


def test_flagging_a_case_for_clearance_is_audited(cleared_case):
    event = cleared_case.audit_events.get(action="clearance_set")
    assert event.summary == "Further clearance: Legal, Press office."


def test_flagging_the_same_stages_again_changes_nothing(cleared_case, supervisor, stages):
    services.case_set_clearance(case=cleared_case, actor=supervisor, stages=list(stages))
    assert cleared_case.audit_events.filter(action="clearance_set").count() == 1


def test_a_stage_no_longer_in_use_cannot_be_flagged(case, supervisor, stages):
    press, _ = stages
    press.is_active = False
    press.save()
    with pytest.raises(ValidationError, match="No longer in use: Press office"):
        services.case_set_clearance(case=case, actor=supervisor, stages=[press])
    assert not case.clearance_stages.exists()


def test_clearance_runs_supervisor_then_press_office_then_legal(
    cleared_case, draft, officer, supervisor, press_officer, lawyer
):
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    assert (fresh(letter).status, fresh(letter).awaiting_stage.name) == ("submitted", "Press office")
    approve(letter, press_officer)
    assert (fresh(letter).status, fresh(letter).awaiting_stage.name) == ("submitted", "Legal")
    approve(letter, lawyer)
    assert (fresh(letter).status, fresh(letter).awaiting_stage) == ("approved", None)
    assert fresh(letter).approved_by == lawyer
    assert [a.stage_name for a in Approval.objects.all()] == ["Supervisor", "Press office", "Legal"]


def test_each_clearance_step_is_audited(cleared_case, draft, officer, supervisor, press_officer, lawyer):
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    approve(letter, press_officer)
    summaries = list(cleared_case.audit_events.filter(action="letter_cleared").values_list("summary", flat=True))
    assert summaries == [
        "Neither confirm nor deny letter approved by a supervisor; now awaiting the Press office stage.",
        "Neither confirm nor deny letter approved by the Press office stage; now awaiting the Legal stage.",
    ]


def test_a_stage_member_cannot_decide_before_the_supervisor(cleared_case, draft, officer, press_officer):
    letter = submit(draft(on=cleared_case), officer)
    with pytest.raises(ApprovalRefused):
        approve(letter, press_officer)


def test_a_stage_member_cannot_decide_for_a_stage_not_yet_reached(cleared_case, draft, officer, supervisor, lawyer):
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    with pytest.raises(ApprovalRefused, match="The letter awaits the Press office stage: only members of Press office"):
        approve(letter, lawyer)
    assert fresh(letter).awaiting_stage.name == "Press office"


def test_a_supervisor_outside_the_stage_cannot_decide_for_it(cleared_case, draft, officer, supervisor, supervisor2):
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    with pytest.raises(ApprovalRefused):
        approve(letter, supervisor2)


def test_a_supervisor_in_a_clearance_group_clears_only_one_stage(cleared_case, draft, officer, supervisor):
    from django.contrib.auth.models import Group

    supervisor.groups.add(Group.objects.get(name="Press office"))
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    with pytest.raises(ApprovalRefused, match="already approved this letter at an earlier stage"):
        approve(letter, supervisor)
    assert fresh(letter).awaiting_stage.name == "Press office"


def test_a_stage_may_return_the_letter_to_the_drafter(cleared_case, draft, officer, supervisor, press_officer):
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    give_back(letter, press_officer, comment="The press line differs.")
    assert (fresh(letter).status, fresh(letter).awaiting_stage) == ("returned", None)
    returned = Approval.objects.get(decision="returned")
    assert (returned.stage.name, returned.comment) == ("Press office", "The press line differs.")
    assert "returned by the Press office stage" in cleared_case.audit_events.get(action="letter_returned").summary


def test_a_letter_resubmitted_after_a_stage_returned_it_starts_again_with_the_supervisor(
    cleared_case, draft, officer, supervisor, press_officer
):
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    give_back(letter, press_officer)
    letter = services.letter_submit(letter=letter, actor=officer)
    assert (letter.awaiting_stage, letter.round) == (None, 2)
    with pytest.raises(ApprovalRefused):
        approve(letter, press_officer)


def test_a_stage_no_longer_in_use_is_skipped(cleared_case, draft, officer, supervisor, press_officer, stages):
    _, legal = stages
    legal.is_active = False
    legal.save()
    letter = submit(draft(on=cleared_case), officer)
    approve(letter, supervisor)
    approve(letter, press_officer)
    assert fresh(letter).status == "approved"


def test_a_case_without_clearance_is_approved_by_the_supervisor_alone(submitted, supervisor, stages):
    approve(submitted, supervisor)
    assert fresh(submitted).status == "approved"


# --- approving a final response ---------------------------------------------------------------------


def test_approving_the_final_response_readies_the_case_to_send(submitted, case, supervisor):
    approve(submitted, supervisor)
    case.refresh_from_db()
    assert (case.status, case.get_status_display()) == ("ready_to_send", "Approved, ready to send")
    assert case.outcome == "ncnd"
    event = case.audit_events.get(action="response_approved")
    assert event.changes == {"status": ["open", "ready_to_send"], "outcome": ["", "ncnd"]}


def test_approving_the_final_response_records_the_exemptions_for_statistics(submitted, case, supervisor):
    approve(submitted, supervisor)
    rows = CaseExemption.objects.filter(case=case).order_by("code")
    assert [(r.code, r.section, r.family, r.ncnd, r.letter_id) for r in rows] == [
        ("s24(2)", "24", "foia", True, submitted.pk),
        ("s31(3)", "31", "foia", True, submitted.pk),
    ]


@pytest.mark.parametrize(
    ("kind", "cited", "outcome"),
    [
        ("full_disclosure", [], "granted"),
        ("partial_disclosure", ["s31(1)"], "partially_withheld"),
        ("refusal", ["s24(1)"], "fully_withheld"),
        ("ncnd", ["s24(2)"], "ncnd"),
        ("not_held", [], "not_held"),
        ("s12", [], "s12"),
        ("s14", ["s14(1)"], "s14_1"),
        ("s14", ["s14(2)"], "s14_2"),
    ],
)
def test_the_outcome_is_recorded_from_the_kind_of_response(draft, case, officer, supervisor, kind, cited, outcome):
    approve(submit(draft(kind, cited), officer), supervisor)
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("ready_to_send", outcome)


def test_an_eir_response_records_the_exception_by_its_regulation(draft, officer, supervisor, body):
    from foi_cases.tests.factories import make_case

    eir = make_case(actor=officer, body=body, regime="eir")
    approve(submit(draft("refusal", ["reg12(5)(b)"], on=eir), officer), supervisor)
    row = CaseExemption.objects.get(case=eir)
    assert (row.code, row.section, row.family, row.ncnd) == ("reg12(5)(b)", "12(5)(b)", "eir", False)


@pytest.mark.parametrize(("kind", "cited"), [("acknowledgement", []), ("pit_extension", ["s31(1)"])])
def test_approving_a_letter_that_is_not_a_final_response_leaves_the_case_open(
    draft, officer, supervisor, body, kind, cited
):
    case = make_case(actor=officer, body=body, received_on=case_services.today())
    approve(submit(draft(kind, cited, on=case), officer), supervisor)
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("open", "")
    assert not CaseExemption.objects.filter(case=case).exists()


def test_an_approved_response_can_be_sent_and_the_case_closed(submitted, case, officer, supervisor):
    approve(submitted, supervisor)
    case_services.case_close(case=case, actor=officer, outcome="ncnd", responded_on=case_services.today())
    case.refresh_from_db()
    assert case.status == "responded"


# --- a closed case keeps its outcome -------------------------------------------------------------------


def test_a_letter_cannot_be_submitted_once_its_case_is_closed(draft, case, officer):
    letter = ready(draft(), officer)
    case_services.case_withdraw(case=case, actor=officer, on=case_services.today())
    with pytest.raises(TransitionNotAllowed, match="The case is closed"):
        services.letter_submit(letter=letter, actor=officer)
    assert fresh(letter).status == "draft"


def test_a_letter_awaiting_approval_when_its_case_closed_cannot_be_approved(submitted, case, officer, supervisor):
    case_services.case_withdraw(case=case, actor=officer, on=case_services.today())
    with pytest.raises(TransitionNotAllowed, match="The case is closed"):
        approve(submitted, supervisor)
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "withdrawn")
    assert not CaseExemption.objects.exists()
    assert fresh(submitted).status == "submitted"


def test_a_case_closed_while_its_letter_is_being_approved_refuses_the_approval(
    submitted, case, supervisor, monkeypatch
):
    checked = services.check_can_decide

    def closed_meanwhile(letter, actor):
        checked(letter, actor)
        Case.objects.filter(pk=case.pk).update(status="closed", outcome="withdrawn")

    monkeypatch.setattr(services, "check_can_decide", closed_meanwhile)
    with pytest.raises(TransitionNotAllowed, match="The case is closed"):
        approve(submitted, supervisor)
    assert fresh(submitted).status == "submitted"
    assert not Approval.objects.exists()


def test_a_letter_of_a_closed_case_can_still_be_recalled(submitted, case, officer):
    case_services.case_withdraw(case=case, actor=officer, on=case_services.today())
    assert services.letter_recall(letter=submitted, actor=officer).status == "draft"


def test_a_sent_response_is_revised_only_after_reopening_the_case(submitted, case, officer, supervisor):
    approve(submitted, supervisor)
    case_services.case_close(case=case, actor=officer, outcome="ncnd", responded_on=case_services.today())
    with pytest.raises(TransitionNotAllowed, match="reopen it"):
        services.letter_revise(letter=submitted, actor=officer)
    assert Letter.objects.count() == 1
    assert fresh(submitted).status == "approved"


# --- an approved letter is immutable ---------------------------------------------------------------------


@pytest.fixture
def approved(submitted, supervisor):
    return approve(submitted, supervisor)


def test_an_approved_letter_cannot_be_edited(approved, officer):
    with pytest.raises(TransitionNotAllowed, match="start a new version"):
        services.letter_update(letter=approved, actor=officer, changes={"heading": "Changed"})
    assert fresh(approved).heading != "Changed"


def test_an_approved_letter_cannot_be_submitted_recalled_approved_or_returned(approved, officer, supervisor2):
    with pytest.raises(TransitionNotAllowed):
        services.letter_submit(letter=approved, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        services.letter_recall(letter=approved, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        approve(approved, supervisor2)
    with pytest.raises(TransitionNotAllowed):
        give_back(approved, supervisor2)
    assert fresh(approved).status == "approved"
    assert Approval.objects.count() == 1


# --- new versions ----------------------------------------------------------------------------------


def letter_contents(letter) -> dict:
    return {
        "fields": [
            letter.kind,
            letter.references,
            letter.heading,
            letter.estimated_decision_on,
            letter.fee_amount,
            letter.cost_limit,
            letter.signatory_name,
            letter.signatory_role,
        ],
        "sections": list(letter.sections.values_list("key", "placement", "position", "heading", "text", "source")),
        "exemptions": [
            {k: v for k, v in row.items() if k not in ("id", "letter_id")} for row in letter.exemptions.values()
        ],
        "items": [
            (i.position, i.request_item_id, i.question, i.answer, sorted(e.code for e in i.exemptions.all()))
            for i in letter.items.all()
        ],
        "cost_lines": list(letter.cost_lines.values_list("position", "activity", "description", "hours")),
    }


@pytest.fixture
def approved_s12(draft, officer, supervisor):
    letter = submit(draft("s12", []), officer)
    return approve(letter, supervisor)


def test_revising_copies_everything_into_the_next_version(approved, officer):
    before = letter_contents(fresh(approved))
    new = services.letter_revise(letter=approved, actor=officer)
    assert letter_contents(new) == before


def test_revising_copies_the_exemptions_chosen_per_item_to_the_new_exemptions(draft, officer, supervisor):
    letter = draft("partial_disclosure", ["s24(1)", "s31(1)"], item_codes={1: ["s24(1)"], 2: ["s31(1)"]})
    approve(submit(letter, officer), supervisor)
    new = services.letter_revise(letter=fresh(letter), actor=officer)
    for item in new.items.all():
        assert {e.letter_id for e in item.exemptions.all()} == {new.pk}
    assert [sorted(e.code for e in i.exemptions.all()) for i in new.items.all()] == [["s24(1)"], ["s31(1)"]]


def test_revising_copies_the_cost_lines(approved_s12, officer):
    new = services.letter_revise(letter=approved_s12, actor=officer)
    assert list(new.cost_lines.values_list("activity", "hours")) == [("locating", 19)]
    assert approved_s12.cost_lines.count() == 1


def test_the_next_version_is_a_draft_that_needs_approval_again(approved, officer):
    new = services.letter_revise(letter=approved, actor=officer)
    assert (new.version, new.previous_id, new.status, new.round) == (2, approved.pk, "draft", 0)
    assert (new.approved_at, new.approved_by, new.letter_date, new.submitted_at) == (None, None, None, None)
    assert new.created_by == officer
    assert not new.approvals.exists()


def test_revising_marks_the_approved_version_superseded_and_leaves_its_text(approved, officer):
    before = letter_contents(fresh(approved))
    new = services.letter_revise(letter=approved, actor=officer)
    services.letter_update(letter=new, actor=officer, changes={"sections": {"closing": "New closing."}})
    old = fresh(approved)
    assert old.status == "superseded"
    assert (old.approved_by, old.approved_at is not None) == (approved.approved_by, True)
    assert letter_contents(old) == before


def test_revising_a_final_response_moves_the_case_back_to_open(approved, case, officer):
    services.letter_revise(letter=approved, actor=officer)
    case.refresh_from_db()
    assert case.status == "open"
    event = case.audit_events.get(action="letter_revised")
    assert event.summary == (
        "Neither confirm nor deny letter: version 2 started from the approved version 1; it needs approval again."
    )


def test_only_an_approved_letter_is_revised(submitted, officer):
    with pytest.raises(TransitionNotAllowed):
        services.letter_revise(letter=submitted, actor=officer)


def test_a_superseded_letter_cannot_be_revised_again(approved, officer):
    services.letter_revise(letter=approved, actor=officer)
    with pytest.raises(TransitionNotAllowed):
        services.letter_revise(letter=approved, actor=officer)
    assert Letter.objects.count() == 2


def test_the_next_version_can_be_approved_in_its_turn(approved, case, officer, supervisor2):
    new = services.letter_submit(letter=services.letter_revise(letter=approved, actor=officer), actor=officer)
    approve(new, supervisor2)
    case.refresh_from_db()
    assert (fresh(new).status, case.status) == ("approved", "ready_to_send")
    assert set(CaseExemption.objects.filter(case=case).values_list("letter_id", flat=True)) == {new.pk}


# --- the whole journey on the case timeline ----------------------------------------------------------


def test_every_step_is_an_audit_event_on_the_case_timeline(draft, case, officer, supervisor):
    letter = complete(draft(), officer)
    services.letter_submit(letter=letter, actor=officer)
    give_back(letter, supervisor)
    services.letter_update(letter=letter, actor=officer, changes={"heading": "Your request"})
    services.letter_submit(letter=letter, actor=officer)
    services.letter_recall(letter=letter, actor=officer)
    services.letter_submit(letter=letter, actor=officer)
    approve(letter, supervisor)
    services.letter_revise(letter=fresh(letter), actor=officer)
    assert actions(case)[1:] == [
        "letter_drafted",
        "letter_edited",
        "letter_submitted",
        "letter_returned",
        "letter_edited",
        "letter_submitted",
        "letter_recalled",
        "letter_submitted",
        "letter_approved",
        "response_approved",
        "letter_revised",
    ]


# --- applicant blind ----------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["supervisor", "administrator"])
def test_revealing_the_requester_is_allowed_to_some_and_audited(draft, case, request, actor):
    user = request.getfixturevalue(actor)
    letter = draft()
    requester = services.letter_reveal_requester(letter=letter, actor=user)
    assert requester.name == "Alex Requester"
    event = case.audit_events.get(action="requester_revealed")
    assert (event.actor, event.changes) == (user, {"letter": letter.pk})


def test_a_caseworker_without_the_permission_cannot_reveal_the_requester(draft, case, blind_officer):
    with pytest.raises(PermissionDenied, match="permission to see the requester"):
        services.letter_reveal_requester(letter=draft(), actor=blind_officer)
    assert not case.audit_events.filter(action="requester_revealed").exists()


# --- races -----------------------------------------------------------------------------------------


def race(*calls) -> tuple[list, list]:
    """Run the calls at the same moment on their own connections; return (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=30)
            results.append(call())
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL for concurrent writers; this run uses {connection.vendor}")


@pytest.mark.django_db(transaction=True)
def test_two_supervisors_approving_at_once_make_exactly_one_approval(case, draft, officer, supervisor):
    needs_postgresql()
    second = UserFactory(username="supervisor2", role="Supervisor")
    letter = submit(draft(), officer)
    results, errors = race(lambda: approve(letter, supervisor), lambda: approve(letter, second))
    assert len(results) == 1
    assert [type(error) for error in errors] == [TransitionNotAllowed]
    assert Approval.objects.filter(letter=letter, round=1).count() == 1
    winner = Approval.objects.get().decided_by
    assert (fresh(letter).status, fresh(letter).approved_by) == ("approved", winner)
    assert AuditEvent.objects.filter(action="letter_approved").count() == 1
    assert Case.objects.get(pk=case.pk).status == "ready_to_send"
    assert CaseExemption.objects.filter(case=case).count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_approval_and_a_return_at_once_leave_one_consistent_decision(case, draft, officer, supervisor):
    needs_postgresql()
    second = UserFactory(username="supervisor2", role="Supervisor")
    letter = submit(draft(), officer)
    results, errors = race(lambda: approve(letter, supervisor), lambda: give_back(letter, second))
    assert len(results) == 1 and len(errors) == 1
    decision = Approval.objects.get(letter=letter, round=1)
    assert fresh(letter).status == decision.decision
