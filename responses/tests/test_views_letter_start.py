"""The case page's Letters section: the letters so far, starting one, and further clearance."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from foi_cases import services as case_services
from foi_cases.models import AuditEvent
from foi_cases.tests.factories import UserFactory, make_case
from responses import services
from responses.models import ClearanceStage, Letter

# Exemptions each kind can start with (kinds that cite none start with none).
KIND_CODES = {
    "acknowledgement": [],
    "clarification": [],
    "fees_notice": [],
    "pit_extension": ["s31(1)"],
    "full_disclosure": [],
    "partial_disclosure": ["s31(1)"],
    "refusal": ["s31(1)", "s40(2)"],
    "ncnd": ["s24(2)", "s31(3)"],
    "not_held": [],
    "s12": [],
    "s14": ["s14(1)"],
}


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def case_page(client, case) -> str:
    return client.get(reverse("foi_cases:case_detail", args=[case.pk])).content.decode()


def start(client, case, kind, codes=(), **items):
    data = {"letter-kind": kind, "letter-exemptions": list(codes)}
    data.update({f"letter-item_{position[5:]}": value for position, value in items.items()})
    return client.post(reverse("responses:letter_start", args=[case.pk]), data, follow=True)


@pytest.fixture
def press_office(db):
    group = Group.objects.create(name="Press office")
    return ClearanceStage.objects.create(name="Press office", order=1, group=group)


# --- the list ----------------------------------------------------------------------------------


def test_the_case_page_lists_its_letters_with_status_and_who_acts_next(signed_in, case, draft):
    letter = draft()
    html = case_page(signed_in, case)
    assert f'href="/cases/letters/{letter.pk}/">Neither confirm nor deny</a>' in html
    assert "Draft</span>" in html
    assert "The drafter: not yet submitted" in html


def test_a_submitted_letter_is_listed_as_awaiting_a_supervisor(signed_in, case, submitted):
    html = case_page(signed_in, case)
    assert "Awaiting approval</span>" in html
    assert "A supervisor&#x27;s approval" in html


def test_a_case_without_letters_says_so(signed_in, case):
    assert "No letters yet." in case_page(signed_in, case)


# --- the start form ----------------------------------------------------------------------------


def test_the_start_form_offers_every_kind_that_answers_a_request_with_a_hint(signed_in, case):
    html = case_page(signed_in, case)
    for kind, label in Letter.Kind.choices:
        if kind != "review_outcome":
            assert f'value="{kind}"' in html
            assert f">{label}</label>" in html
    assert "Neither confirm nor deny that the information is held, e.g. under s24(2) and s31(3)." in html


def test_the_start_form_offers_no_review_outcome_on_a_request(signed_in, case):
    assert 'value="review_outcome"' not in case_page(signed_in, case)


def test_the_start_form_labels_exemptions_by_code_title_and_ncnd(signed_in, case):
    html = case_page(signed_in, case)
    assert "s24(2) National security (NCND)</label>" in html
    assert "s24(1) National security</label>" in html
    assert "Neither confirm nor deny (NCND) provisions" in html


def test_an_eir_case_offers_eir_exceptions_only(signed_in, officer, body):
    eir = make_case(actor=officer, body=body, regime="eir")
    html = case_page(signed_in, eir)
    assert 'value="reg12(5)(b)"' in html
    assert 'value="s24(2)"' not in html


@pytest.mark.parametrize("kind", list(KIND_CODES))
def test_every_kind_of_letter_can_be_started(signed_in, case, kind):
    response = start(signed_in, case, kind, KIND_CODES[kind])
    letter = Letter.objects.get()
    assert (letter.kind, letter.status, letter.version) == (kind, "draft", 1)
    assert response.resolver_match.url_name == "letter_edit"
    assert f"Drafted the {letter.get_kind_display().lower()} letter." in response.content.decode()


def test_the_exemptions_ticked_are_cited_in_the_order_of_the_act(signed_in, case):
    start(signed_in, case, "ncnd", ["s31(3)", "s24(2)"])
    assert [e.code for e in Letter.objects.get().exemptions.all()] == ["s24(2)", "s31(3)"]


def test_a_cost_limit_refusal_cites_s12_1_when_nothing_is_ticked(signed_in, case):
    start(signed_in, case, "s12")
    assert [e.code for e in Letter.objects.get().exemptions.all()] == ["s12(1)"]


def test_exemptions_apply_to_every_item_unless_an_item_names_its_own(signed_in, case):
    start(signed_in, case, "ncnd", ["s24(2)", "s31(3)"], item_2="s31(3)")
    items = {item.position: sorted(e.code for e in item.exemptions.all()) for item in Letter.objects.get().items.all()}
    assert items == {1: ["s24(2)", "s31(3)"], 2: ["s31(3)"]}


def test_an_item_naming_an_exemption_not_ticked_is_a_field_error_and_drafts_nothing(signed_in, case):
    response = start(signed_in, case, "ncnd", ["s24(2)"], item_1="s31(3)")
    assert response.context["form"].errors["item_1"] == ["s31(3): tick it above first."]
    assert not Letter.objects.exists()


def test_exemptions_on_a_kind_that_cites_none_are_refused_on_the_field(signed_in, case):
    response = start(signed_in, case, "acknowledgement", ["s24(2)"])
    assert response.context["form"].errors["exemptions"] == ["A acknowledgement of your request cites no exemptions."]
    assert not Letter.objects.exists()


def test_an_exemption_of_another_regime_is_not_a_choice(signed_in, case):
    response = start(signed_in, case, "refusal", ["reg12(5)(b)"])
    assert "exemptions" in response.context["form"].errors
    assert not Letter.objects.exists()


def test_the_kind_is_required(signed_in, case):
    response = start(signed_in, case, "")
    assert response.context["form"].errors["kind"] == ["This field is required."]
    assert "There is a problem with this form" in response.content.decode()


def test_starting_a_letter_appears_on_the_case_timeline(signed_in, case):
    start(signed_in, case, "ncnd", ["s24(2)", "s31(3)"])
    assert "Neither confirm nor deny letter drafted, citing s24(2), s31(3)." in case_page(signed_in, case)


@pytest.fixture
def closed_case(case, officer):
    return case_services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 6))


def test_a_closed_case_offers_no_start_form(signed_in, closed_case):
    html = case_page(signed_in, closed_case)
    assert "Start a letter" not in html
    assert "The case is closed: reopen it before drafting a letter." in html


def test_a_closed_case_refuses_a_letter_with_the_reason(signed_in, closed_case):
    html = start(signed_in, closed_case, "acknowledgement").content.decode()
    assert "The case is closed: reopen it before drafting a letter." in html
    assert not Letter.objects.exists()


def test_someone_who_may_only_read_cases_sees_the_letters_but_no_forms(client, case, draft, press_office):
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_case"))
    draft()
    client.force_login(reader)
    html = case_page(client, case)
    assert "Neither confirm nor deny</a>" in html
    assert "Start a letter" not in html
    assert "Further clearance" not in html


# --- further clearance -------------------------------------------------------------------------


def test_further_clearance_is_offered_when_the_unit_has_stages(signed_in, case, press_office):
    html = case_page(signed_in, case)
    assert "Further clearance" in html
    assert ">Press office</label>" in html or "Press office\n" in html


def test_further_clearance_is_not_offered_without_stages(signed_in, case):
    assert "Further clearance" not in case_page(signed_in, case)


def test_further_clearance_is_set_from_the_case_page(signed_in, case, press_office):
    url = reverse("responses:case_clearance", args=[case.pk])
    html = signed_in.post(url, {"clearance-stages": [press_office.pk]}, follow=True).content.decode()
    assert list(case.clearance_stages.all()) == [press_office]
    assert "Further clearance: Press office." in html
    assert AuditEvent.objects.filter(case=case, action="clearance_set").exists()


def test_an_inactive_stage_cannot_be_chosen(signed_in, case, press_office):
    ClearanceStage.objects.filter(pk=press_office.pk).update(is_active=False)
    url = reverse("responses:case_clearance", args=[case.pk])
    html = signed_in.post(url, {"clearance-stages": [press_office.pk]}, follow=True).content.decode()
    assert "Clearance was not changed." in html
    assert not case.clearance_stages.exists()


def test_drafting_through_the_page_and_the_service_compose_the_same_letter(signed_in, case, officer):
    start(signed_in, case, "ncnd", ["s24(2)", "s31(3)"])
    by_page = Letter.objects.get()
    by_service = services.letter_create(case=case, actor=officer, kind="ncnd", codes=["s24(2)", "s31(3)"])
    assert [s.text for s in by_page.sections.all()] == [s.text for s in by_service.sections.all()]
