"""Reads: the approval queue, a case's letters, and the letter laid out as it will read."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from foi_cases import services as case_services
from foi_cases.tests.factories import make_case
from responses import selectors, services
from responses.models import Letter
from responses.tests.conftest import ready

pytestmark = pytest.mark.django_db


def submit(letter, actor):
    return services.letter_submit(letter=ready(letter, actor), actor=actor)


def queue(user) -> list[Letter]:
    return list(selectors.approval_queue(user))


# --- the approval queue -----------------------------------------------------------------------------


def test_the_queue_lists_submitted_letters_oldest_deadline_first(draft, officer, supervisor, body):
    later = make_case(actor=officer, body=body, received_on=date(2020, 2, 3))
    earliest = make_case(actor=officer, body=body, received_on=date(2019, 11, 1))
    middle = make_case(actor=officer, body=body, received_on=date(2020, 1, 6))
    letters = [submit(draft(on=case), officer) for case in (later, earliest, middle)]
    assert [letter.case for letter in queue(supervisor)] == [earliest, middle, later]
    assert len(letters) == 3


def test_the_queue_leaves_out_drafts_returned_and_approved_letters(draft, officer, supervisor, supervisor2, body):
    draft(on=make_case(actor=officer, body=body))
    returned = submit(draft(on=make_case(actor=officer, body=body)), officer)
    services.letter_return(letter=returned, actor=supervisor2, comment="More detail.")
    approved = submit(draft(on=make_case(actor=officer, body=body)), officer)
    services.letter_approve(letter=approved, actor=supervisor2)
    waiting = submit(draft(), officer)
    assert queue(supervisor) == [waiting]


def test_the_queue_leaves_out_the_letters_a_supervisor_drafted(draft, officer, supervisor, supervisor2):
    own = submit(draft(actor=supervisor), supervisor)
    assert queue(supervisor) == []
    assert queue(supervisor2) == [own]


def test_the_queue_leaves_out_the_letters_a_supervisor_edited(draft, officer, supervisor):
    letter = draft()
    services.letter_update(letter=letter, actor=supervisor, changes={"heading": "Your request"})
    submit(letter, officer)
    assert queue(supervisor) == []


def test_an_officer_has_nothing_to_approve(submitted, officer2):
    assert queue(officer2) == []


def test_a_letter_awaiting_a_stage_is_queued_for_its_members_only(
    draft, case, officer, supervisor, supervisor2, press_officer, lawyer, stages
):
    services.case_set_clearance(case=case, actor=supervisor, stages=stages)
    letter = submit(draft(), officer)
    assert queue(press_officer) == []
    services.letter_approve(letter=letter, actor=supervisor)
    assert queue(press_officer) == [letter]
    assert queue(lawyer) == []
    assert queue(supervisor2) == []


def test_a_member_of_several_groups_sees_a_letter_once(draft, case, officer, supervisor, press_officer, stages):
    from django.contrib.auth.models import Group

    press_officer.groups.add(Group.objects.get(name="Legal"), Group.objects.get(name="Supervisor"))
    services.case_set_clearance(case=case, actor=supervisor, stages=stages)
    letter = submit(draft(), officer)
    services.letter_approve(letter=letter, actor=supervisor)
    assert queue(press_officer) == [letter]


# --- a case's letters ------------------------------------------------------------------------------


def test_a_cases_letters_are_listed_in_the_order_they_were_started(draft, case, officer):
    first = draft("acknowledgement", [])
    second = draft()
    draft(on=make_case(actor=officer))
    assert list(selectors.case_letters(case)) == [first, second]


def test_the_detail_queryset_fetches_a_letter_with_its_parts(submitted):
    letter = selectors.letter_detail_queryset().get(pk=submitted.pk)
    assert [s.key for s in letter.sections.all()][0] == "intro"


# --- the letter as it reads --------------------------------------------------------------------------


def test_a_draft_is_dated_today(draft, monkeypatch):
    monkeypatch.setattr(case_services, "today", lambda: date(2024, 3, 4))
    assert selectors.letter_document(draft()).date_text == "4th March 2024"


def test_an_approved_letter_is_dated_the_day_it_was_approved(submitted):
    Letter.objects.filter(pk=submitted.pk).update(letter_date=date(2020, 1, 14))
    submitted.refresh_from_db()
    assert selectors.letter_document(submitted).date_text == "14th January 2020"


def test_the_review_date_is_filled_in_the_rights(draft):
    letter = draft()
    Letter.objects.filter(pk=letter.pk).update(letter_date=date(2024, 3, 4))
    letter.refresh_from_db()
    rights = selectors.letter_document(letter).rights
    assert "<strong>2nd May 2024</strong>" in rights[0].html
    assert rights[1].heading == "Your right to complain to the Information Commissioner"


def test_a_joint_letter_names_every_body_and_reference(draft, case, officer, other_body):
    other = make_case(actor=officer, body=other_body)
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    document = selectors.letter_document(draft())
    assert document.letterhead.bodies == ["Bedfordshire Police", "Hertfordshire Constabulary"]
    assert document.references == f"{case.reference} & {other.reference}"


def test_an_ncnd_letter_lays_out_harm_and_the_public_interest_per_exemption(draft, officer):
    document = selectors.letter_document(draft("ncnd", ["s24(2)", "s31(3)"]))
    assert [(part.citation, part.title, part.ncnd) for part in document.exemptions] == [
        ("Section 24(2)", "National security", True),
        ("Section 31(3)", "Law enforcement", True),
    ]
    headings = [block.heading for block in document.exemptions[0].blocks]
    assert headings == [
        "",
        "Harm in confirming or denying that information is held",
        "Factors favouring confirming or denying that information is held: section 24(2)",
        "Factors against confirming or denying that information is held: section 24(2)",
        "Balancing test",
    ]
    assert document.exemption_statement.startswith("Section 24(2) and Section 31(3) are qualified exemptions")


def test_an_absolute_exemption_has_no_public_interest_blocks(draft):
    part = selectors.letter_document(draft("refusal", ["s21(1)"])).exemptions[0]
    assert part.absolute
    assert not [block for block in part.blocks if "Factors" in block.heading or block.heading == "Balancing test"]


def test_a_pit_extension_names_exemptions_without_laying_them_out(draft):
    document = selectors.letter_document(draft("pit_extension", ["s31(1)"]))
    assert document.exemptions == []
    assert "section 31(1) (Law enforcement)" in "".join(block.html for block in document.response)


def test_answers_are_shown_in_a_disclosure_with_the_exemptions_per_item(draft, officer):
    letter = draft("partial_disclosure", ["s31(1)"], item_codes={1: [], 2: ["s31(1)"]})
    services.letter_update(letter=letter, actor=officer, changes={"items": {1: {"answer": "Since **2019**."}}})
    document = selectors.letter_document(letter)
    assert document.answers_shown
    assert document.items[0].answer_html == "<p>Since <strong>2019</strong>.</p>"
    assert [item.citations for item in document.items] == [[], ["Section 31(1)"]]


def test_an_ncnd_letter_quotes_the_request_without_answers(draft):
    assert not selectors.letter_document(draft()).answers_shown


def test_an_s12_letter_shows_the_cost_estimate(draft, officer):
    letter = draft("s12", [])
    services.letter_update(
        letter=letter,
        actor=officer,
        changes={"cost_lines": [{"activity": "locating", "description": "Search 380 files", "hours": "19.00"}]},
    )
    document = selectors.letter_document(letter)
    assert document.cost_summary == ("Total: 19 hours at £25 an hour = £475.00, against the appropriate limit of £450.")


def test_a_gap_is_highlighted_in_the_preview(draft):
    document = selectors.letter_document(draft("ncnd", ["s24(2)"]))
    html = "".join(block.html for part in document.exemptions for block in part.blocks)
    assert '<mark class="letter-gap">' in html


def test_the_rendered_letter_never_names_the_requester(draft, officer):
    letter = draft("full_disclosure", [])
    html = render_to_string("responses/includes/letter_document.html", {"doc": selectors.letter_document(letter)})
    assert "Alex Requester" not in html
    assert "alex@example.org" not in html


def test_the_rendered_letter_escapes_what_is_not_sanitised_html(draft, officer):
    letter = services.letter_update(
        letter=draft("full_disclosure", []),
        actor=officer,
        changes={
            "heading": "<script>alert(1)</script>",
            "signatory_name": "<img src=x onerror=alert(1)>",
            "sections": {"intro": "<script>alert(2)</script>Dear requester"},
        },
    )
    html = render_to_string("responses/includes/letter_document.html", {"doc": selectors.letter_document(letter)})
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
