"""Internal reviews to decide, for the review outcome tests.

The original request: FOIA, received Thu 12 December 2019, answered by an NCND letter under s24(2)
and s31(3) (drafted by the officer, approved by the supervisor on Fri 10 January 2020) and sent that
day. The review was asked for on Mon 3 February 2020: under FOIA it is due Mon 2 March 2020 (20
working days), or Tue 31 March 2020 extended to 40 (a UK body counts Northern Ireland's 17 March);
under the EIR it is due Tue 31 March 2020 (40).
"""

from datetime import date

import pytest

from foi_cases import services as case_services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case
from responses import services
from responses.tests.conftest import complete

RESPONDED_ON, ASKED_ON = date(2020, 1, 10), date(2020, 2, 3)
FOIA_DUE, EXTENDED_DUE, EIR_DUE = date(2020, 3, 2), date(2020, 3, 31), date(2020, 3, 31)
REASONS = "You did not search the 2018 files."


def log_review(original: Case, actor, on: date = ASKED_ON) -> Case:
    return case_services.review_log(case=original, actor=actor, received_on=on, channel="email", reasons=REASONS)


def responded_without_letters(actor, body, *, regime="foia", outcome="not_held") -> Case:
    """A request answered (outside the letters) with no exemption relied on."""
    case = make_case(actor=actor, body=body, regime=regime, assigned_to=actor)
    return case_services.case_close(case=case, actor=actor, outcome=outcome, responded_on=RESPONDED_ON)


def outcome_letter(review: Case, actor):
    """An outcome letter on `review`, drafted by `actor` with its gaps filled (findings undecided)."""
    return complete(services.letter_create(case=review, actor=actor, kind="review_outcome"), actor)


def set_findings(letter, actor, **findings):
    """set_findings(letter, actor, s24_2=("upheld", ""), ...): codes with '(' written as '_'."""
    changes = {_code(name): {"finding": f, "reasons": r} for name, (f, r) in findings.items()}
    return services.letter_update(letter=letter, actor=actor, changes={"findings": changes})


def _code(name: str) -> str:
    # s24_2 -> s24(2); s31_3 -> s31(3)
    section, _, sub = name.partition("_")
    return f"{section}({sub})" if sub else section


@pytest.fixture
def day(monkeypatch):
    """day(date): the services' idea of today, from now on in the test."""

    def set_day(on: date) -> None:
        monkeypatch.setattr(case_services, "today", lambda: on)

    return set_day


@pytest.fixture
def original(approved, case, officer, day):
    """The NCND response approved on 10 January 2020 and sent that day: the case is responded."""
    closed = case_services.case_close(case=case, actor=officer, outcome="ncnd", responded_on=RESPONDED_ON)
    day(ASKED_ON)
    return closed


@pytest.fixture
def review(original, officer):
    """The internal review of `original`, logged on 3 February 2020 (by the officer: logging is no decision)."""
    return log_review(original, officer)


@pytest.fixture
def reviewer(officer2, review, supervisor):
    """officer2, who took no part in the original decision, assigned the review by the supervisor."""
    case_services.case_assign(case=review, actor=supervisor, officer=officer2)
    return officer2
