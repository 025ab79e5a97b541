"""Fixtures for letters: a case to answer and a way to draft letters through the real services.

The shipped exemption library is installed by migrate (post_migrate), so every test database has it.
"""

import pytest

from foi_cases.tests.factories import make_case
from responses import services


@pytest.fixture
def case(officer, body):
    """A FOIA request in two numbered items, assigned to the officer, clock running."""
    return make_case(actor=officer, body=body, assigned_to=officer)


@pytest.fixture
def draft(case, officer):
    """draft(kind, codes=(), actor=officer, on=case) -> a new draft letter."""

    def make(kind="ncnd", codes=("s24(2)", "s31(3)"), *, actor=None, on=None, item_codes=None):
        return services.letter_create(
            case=on or case, actor=actor or officer, kind=kind, codes=codes, item_codes=item_codes
        )

    return make


def complete(letter, actor):
    """Fill every [[gap]] the library leaves, so the letter passes its completeness checks."""
    from responses.text import GAP

    changes = {"sections": {}, "exemption_texts": {}, "items": {}}
    for section in letter.sections.all():
        if GAP.search(section.text):
            changes["sections"][section.key] = GAP.sub("filled in", section.text)
    for exemption in letter.exemptions.all():
        texts = {}
        for name in services.EXEMPTION_TEXT_FIELDS:
            value = getattr(exemption, name)
            if GAP.search(value):
                texts[name] = GAP.sub("filled in", value)
        if texts:
            changes["exemption_texts"][exemption.code] = texts
    for item in letter.items.all():
        if GAP.search(item.answer):
            changes["items"][item.position] = {"answer": GAP.sub("filled in", item.answer)}
    services.letter_update(letter=letter, actor=actor, changes=changes)
    letter.refresh_from_db()
    return letter


@pytest.fixture
def submitted(draft, officer):
    """A complete NCND letter under s24(2) and s31(3), drafted by the officer and submitted."""
    letter = complete(draft(), officer)
    return services.letter_submit(letter=letter, actor=officer)


def ready(letter, actor):
    """Complete a draft of any kind so it passes its checks: fill the gaps, answer every item that no
    exemption covers, and give what the kind needs (a fee, an estimated date, a cost estimate over the limit)."""
    from datetime import timedelta

    from foi_cases.services import today
    from responses.kinds import KIND_RULES

    rule = KIND_RULES[letter.kind]
    changes = {}
    if rule.answers:
        changes["items"] = {
            item.position: {"answer": f"The answer to item {item.position}."}
            for item in letter.items.all()
            if not item.exemptions.exists()
        }
    if rule.needs_fee:
        changes["fee_amount"] = "12.40"
    if rule.needs_estimated_date:
        changes["estimated_decision_on"] = today() + timedelta(days=20)
    if rule.cost_worksheet:
        changes["cost_lines"] = [{"activity": "locating", "description": "Searching 380 case files", "hours": "19"}]
    if changes:
        services.letter_update(letter=letter, actor=actor, changes=changes)
    return complete(letter, actor)


@pytest.fixture
def supervisor2(db):
    """A second supervisor, who took no part in drafting."""
    from foi_cases.tests.factories import UserFactory

    return UserFactory(username="supervisor2", role="Supervisor", first_name="Sue", last_name="Second")


@pytest.fixture
def press_officer(db):
    """In the press office group only: no role in the unit's casework."""
    from django.contrib.auth.models import Group

    from foi_cases.tests.factories import UserFactory

    user = UserFactory(username="press", role=None, first_name="Pat", last_name="Press")
    user.groups.add(Group.objects.get_or_create(name="Press office")[0])
    return user


@pytest.fixture
def lawyer(db):
    """In the legal advisers' group only."""
    from django.contrib.auth.models import Group

    from foi_cases.tests.factories import UserFactory

    user = UserFactory(username="lawyer", role=None, first_name="Lee", last_name="Lawyer")
    user.groups.add(Group.objects.get_or_create(name="Legal")[0])
    return user


@pytest.fixture
def stages(press_officer, lawyer):
    """Two further clearance stages: the press office (first), then legal."""
    from django.contrib.auth.models import Group

    from responses.models import ClearanceStage

    press = ClearanceStage.objects.create(name="Press office", order=1, group=Group.objects.get(name="Press office"))
    legal = ClearanceStage.objects.create(name="Legal", order=2, group=Group.objects.get(name="Legal"))
    return press, legal


@pytest.fixture
def approved(submitted, supervisor, monkeypatch):
    """The submitted NCND letter, approved on Friday 10 January 2020 (the case is due 15 January); its
    signed PDF is queued, not yet made (on_commit does not run inside a test's transaction)."""
    from datetime import date

    from foi_cases import services as case_services

    monkeypatch.setattr(case_services, "today", lambda: date(2020, 1, 10))
    return services.letter_approve(letter=submitted, actor=supervisor)


@pytest.fixture
def issued(approved):
    """The approved letter with its signed PDF made, as the worker makes it."""
    from responses import issuing

    issuing.letter_render_pdf(letter_id=approved.pk)
    return approved
