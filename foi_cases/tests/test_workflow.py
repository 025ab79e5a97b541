"""The case state machine: which named transitions each status allows, and where they lead.

Plain Python: the cases are unsaved, so no database is needed.
"""

import pytest

from foi_cases import workflow
from foi_cases.models import Case

S = Case.Status

ALLOWED = {
    S.OPEN: {"request_clarification", "send_fee_notice", "extend", "close", "withdraw", "approve_response"},
    S.READY_TO_SEND: {"close", "withdraw", "revise_response"},
    S.AWAITING_CLARIFICATION: {"receive_clarification", "lapse", "withdraw"},
    S.AWAITING_FEE: {"receive_fee", "lapse", "withdraw"},
    S.RESPONDED: {"reopen"},
    S.CLOSED: {"reopen"},
}

TARGETS = {
    (S.OPEN, "request_clarification"): S.AWAITING_CLARIFICATION,
    (S.OPEN, "send_fee_notice"): S.AWAITING_FEE,
    (S.OPEN, "extend"): S.OPEN,
    (S.OPEN, "close"): S.RESPONDED,
    (S.OPEN, "withdraw"): S.CLOSED,
    (S.OPEN, "approve_response"): S.READY_TO_SEND,
    (S.READY_TO_SEND, "close"): S.RESPONDED,
    (S.READY_TO_SEND, "withdraw"): S.CLOSED,
    (S.READY_TO_SEND, "revise_response"): S.OPEN,
    (S.AWAITING_CLARIFICATION, "receive_clarification"): S.OPEN,
    (S.AWAITING_CLARIFICATION, "lapse"): S.CLOSED,
    (S.AWAITING_CLARIFICATION, "withdraw"): S.CLOSED,
    (S.AWAITING_FEE, "receive_fee"): S.OPEN,
    (S.AWAITING_FEE, "lapse"): S.CLOSED,
    (S.AWAITING_FEE, "withdraw"): S.CLOSED,
    (S.RESPONDED, "reopen"): S.OPEN,
    (S.CLOSED, "reopen"): S.OPEN,
}

REFUSED = [(status, name) for status in S for name in workflow.TRANSITIONS if name not in ALLOWED[status]]


def case_in(status) -> Case:
    return Case(reference="FOI2019/00001", status=status)


@pytest.mark.parametrize("status", list(S), ids=str)
def test_each_status_allows_exactly_its_own_transitions(status):
    assert workflow.allowed(case_in(status)) == ALLOWED[status]


@pytest.mark.parametrize(("status", "name"), list(TARGETS), ids=lambda value: str(value))
def test_an_allowed_transition_leads_to_its_target_status(status, name):
    assert workflow.transition(case_in(status), name) == TARGETS[(status, name)]


@pytest.mark.parametrize(("status", "name"), REFUSED, ids=lambda value: str(value))
def test_a_transition_from_a_status_it_does_not_start_from_is_refused(status, name):
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition(case_in(status), name)


def test_a_refusal_explains_itself_in_plain_words():
    with pytest.raises(workflow.TransitionNotAllowed, match="No fees notice is awaiting payment"):
        workflow.transition(case_in(S.OPEN), "receive_fee")


def test_transition_does_not_change_the_case_itself():
    case = case_in(S.OPEN)
    workflow.transition(case, "close")
    assert case.status == S.OPEN


def test_every_status_has_a_way_forward():
    assert all(workflow.allowed(case_in(status)) for status in S)
