"""The case state machine: every status change is a named transition with its allowed sources."""

from dataclasses import dataclass

from foi_cases.models import Case

S = Case.Status


class TransitionNotAllowed(Exception):
    """The action does not fit the case's current state; the message says why in plain words."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str
    refusal: str


TRANSITIONS = {
    "request_clarification": Transition(
        frozenset({S.OPEN}),
        S.AWAITING_CLARIFICATION,
        "Clarification can only be requested while the clock is running.",
    ),
    "receive_clarification": Transition(
        frozenset({S.AWAITING_CLARIFICATION}),
        S.OPEN,
        "Record the clarification request before its receipt.",
    ),
    "send_fee_notice": Transition(
        frozenset({S.OPEN}), S.AWAITING_FEE, "A fees notice can only be given while the clock is running."
    ),
    "receive_fee": Transition(frozenset({S.AWAITING_FEE}), S.OPEN, "No fees notice is awaiting payment."),
    "extend": Transition(frozenset({S.OPEN}), S.OPEN, "Only a case whose clock is running can be extended."),
    "close": Transition(
        frozenset({S.OPEN, S.READY_TO_SEND}),
        S.RESPONDED,
        "Only a case whose clock is running can be closed with a response.",
    ),
    "approve_response": Transition(
        frozenset({S.OPEN}), S.READY_TO_SEND, "Only a case whose clock is running can have its response approved."
    ),
    "revise_response": Transition(
        frozenset({S.READY_TO_SEND}), S.OPEN, "Only a case with an approved response waiting to be sent."
    ),
    "lapse": Transition(
        frozenset({S.AWAITING_CLARIFICATION, S.AWAITING_FEE}),
        S.CLOSED,
        "Only a case waiting for clarification or a fee can lapse.",
    ),
    "withdraw": Transition(
        frozenset({S.OPEN, S.READY_TO_SEND, S.AWAITING_CLARIFICATION, S.AWAITING_FEE}),
        S.CLOSED,
        "The case is already closed.",
    ),
    "reopen": Transition(frozenset({S.RESPONDED, S.CLOSED}), S.OPEN, "Only a closed case can be reopened."),
}


def transition(case: Case, name: str) -> str:
    """The status `name` leads to from the case's status, or TransitionNotAllowed."""
    rule = TRANSITIONS[name]
    if case.status not in rule.sources:
        raise TransitionNotAllowed(rule.refusal)
    return rule.target


def allowed(case: Case) -> set[str]:
    return {name for name, rule in TRANSITIONS.items() if case.status in rule.sources}
