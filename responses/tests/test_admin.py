"""Administration of the exemption library, clearance stages and the unit's rights wording (/admin/).

Integration tests through the admin pages, on the real (PostgreSQL) database.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict
from django.test import RequestFactory

from foi_cases import services as case_services
from foi_cases.models import AuditEvent, PublicBody
from foi_cases.tests.factories import UserFactory, make_case
from responses import services
from responses.admin import EXEMPTION_FIELDS, PARAGRAPH_FIELDS
from responses.models import ClearanceStage, LetterExemption, LibraryEntry, LibraryVersion

pytestmark = pytest.mark.django_db

CHANGE = "/admin/responses/libraryentry/{}/change/"
PREVIEW = "/admin/responses/libraryentry/{}/preview/"
VERSION = "/admin/responses/libraryentry/{}/versions/{}/"


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def entry(code: str) -> LibraryEntry:
    return LibraryEntry.objects.select_related("current").get(code=code)


def entry_form_data(library_entry: LibraryEntry, change_note="Clearer wording.", **changes) -> dict:
    """What the change form posts when nothing is touched, with `changes` typed over it."""
    version = library_entry.current
    names = EXEMPTION_FIELDS if library_entry.kind == LibraryEntry.Kind.EXEMPTION else PARAGRAPH_FIELDS
    data = {name: getattr(version, name) for name in names}
    data.update(is_active=library_entry.is_active, change_note=change_note)
    return {**data, **changes}


def version_fields(version: LibraryVersion) -> dict:
    return model_to_dict(version, fields=[f.name for f in LibraryVersion._meta.fields])


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


# --- who gets in ---------------------------------------------------------------------------------


@pytest.fixture
def press_group(db):
    return Group.objects.create(name="Press office")


def test_an_administrator_can_open_every_library_and_clearance_page(admin_client, press_group):
    s24, paragraph = entry("s24"), LibraryEntry.objects.filter(kind="paragraph").first()
    stage = ClearanceStage.objects.create(name="Press office", order=1, group=press_group)
    pages = [
        "/admin/responses/",
        "/admin/responses/libraryentry/",
        "/admin/responses/libraryentry/?q=24(2)",
        "/admin/responses/libraryentry/?kind__exact=exemption&family__exact=eir&is_active__exact=1",
        "/admin/responses/libraryentry/?test=qualified",
        CHANGE.format(s24.pk),
        CHANGE.format(paragraph.pk),
        VERSION.format(s24.pk, 1),
        "/admin/responses/clearancestage/",
        "/admin/responses/clearancestage/add/",
        f"/admin/responses/clearancestage/{stage.pk}/change/",
    ]
    failures = {page: response.status_code for page in pages if (response := admin_client.get(page)).status_code != 200}
    assert failures == {}


def test_an_officer_cannot_reach_the_library(client, officer):
    client.force_login(officer)
    response = client.get("/admin/responses/libraryentry/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_officer_made_staff_still_gets_no_access_to_the_library(client, officer):
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    s24 = entry("s24")
    assert client.get("/admin/responses/libraryentry/").status_code == 403
    assert client.get(CHANGE.format(s24.pk)).status_code == 403
    assert client.post(CHANGE.format(s24.pk), entry_form_data(s24, harm="Taken over.")).status_code == 403
    assert client.post(PREVIEW.format(s24.pk), entry_form_data(s24)).status_code == 403
    assert client.get(VERSION.format(s24.pk, 1)).status_code == 403
    assert client.get("/admin/responses/clearancestage/").status_code == 403
    assert entry("s24").current.number == 1


# --- the list ------------------------------------------------------------------------------------


def test_the_library_list_shows_each_entrys_citation_test_and_version(admin_client):
    response = admin_client.get("/admin/responses/libraryentry/", {"q": "s24"})
    row = next(r for r in response.context["cl"].result_list if r.code == "s24")
    page = response.content.decode()
    assert "National security" in page
    assert all(value in page for value in ("24(1)", "24(2)", "Qualified"))
    assert response.context["cl"].model_admin.version(row) == 1


def test_the_library_is_found_by_ncnd_provision(admin_client):
    response = admin_client.get("/admin/responses/libraryentry/", {"q": "40(5B)"})
    assert [e.code for e in response.context["cl"].result_list] == ["s40_2"]


def test_the_library_can_be_narrowed_to_absolute_exemptions(admin_client):
    response = admin_client.get("/admin/responses/libraryentry/", {"test": "absolute"})
    codes = {e.code for e in response.context["cl"].result_list}
    assert "s21" in codes and "s24" not in codes
    assert all(e.current.absolute and e.kind == "exemption" for e in response.context["cl"].result_list)


# --- editing makes a new version -----------------------------------------------------------------


def test_saving_an_entry_adds_a_version_and_leaves_the_old_one_untouched(admin_client, administrator):
    s24 = entry("s24")
    old = version_fields(s24.current)
    response = admin_client.post(
        CHANGE.format(s24.pk), entry_form_data(s24, harm="New harm wording.", change_note="Tighter harm test.")
    )
    assert response.status_code == 302
    s24.refresh_from_db()
    assert s24.versions.count() == 2
    assert version_fields(LibraryVersion.objects.get(entry=s24, number=1)) == old
    current = s24.current
    assert (current.number, current.harm, current.change_note) == (2, "New harm wording.", "Tighter harm test.")
    assert current.created_by == administrator
    assert current.factors_for == old["factors_for"]  # the rest carried over


def exemption_words(exemption: LetterExemption) -> dict:
    return model_to_dict(exemption, fields=[f.name for f in LetterExemption._meta.fields])


def test_a_letter_drafted_before_an_edit_keeps_its_words_and_version(admin_client, draft):
    s24 = entry("s24")
    first = s24.current
    exemption = draft("ncnd", ["s24(2)"]).exemptions.get()
    words = exemption_words(exemption)
    response = admin_client.post(CHANGE.format(s24.pk), entry_form_data(s24, ncnd_harm="Revised NCND harm."))
    assert response.status_code == 302
    exemption.refresh_from_db()
    assert exemption_words(exemption) == words
    assert exemption.source == first and "Revised NCND harm." not in exemption.harm
    after = draft("ncnd", ["s24(2)"]).exemptions.get()
    assert after.source == entry("s24").current and after.source.number == 2
    assert after.harm == "Revised NCND harm."


def test_a_paragraph_edit_reaches_new_letters_only(admin_client, draft):
    caveat = entry("ncnd_caveat")
    before = draft("ncnd", ["s24(2)"]).sections.get(key="ncnd_caveat")
    response = admin_client.post(CHANGE.format(caveat.pk), entry_form_data(caveat, body="A new caveat."))
    assert response.status_code == 302
    before.refresh_from_db()
    assert before.text != "A new caveat." and before.source.number == 1
    after = draft("ncnd", ["s24(2)"]).sections.get(key="ncnd_caveat")
    assert (after.text, after.source.number) == ("A new caveat.", 2)


def test_a_library_revision_is_audited_with_who_and_what(admin_client, administrator):
    s31 = entry("s31")
    admin_client.post(CHANGE.format(s31.pk), entry_form_data(s31, title="Law enforcement (revised)"))
    event = AuditEvent.objects.get(action="library_revised")
    assert event.actor == administrator and event.case is None
    assert event.changes["title"] == ["Law enforcement", "Law enforcement (revised)"]


def test_text_sent_with_windows_line_endings_is_not_a_change(admin_client):
    s24 = entry("s24")
    data = entry_form_data(s24, harm=s24.current.harm.replace("\n", "\r\n") + "\r\n")
    response = admin_client.post(CHANGE.format(s24.pk), data)
    assert "Nothing changed, so no new version was made." in form_errors(response)["__all__"]
    assert s24.versions.count() == 1


def test_saving_without_changes_is_a_form_error_not_a_new_version(admin_client):
    s24 = entry("s24")
    response = admin_client.post(CHANGE.format(s24.pk), entry_form_data(s24))
    assert response.status_code == 200
    assert "Nothing changed, so no new version was made." in form_errors(response)["__all__"]
    assert s24.versions.count() == 1


def test_saving_over_a_version_saved_meanwhile_is_refused(admin_client, administrator):
    s24 = entry("s24")
    data = entry_form_data(s24, harm="My edit of version 1.", based_on=1)
    services.library_revise(entry=s24, actor=administrator, values={"why": "Their edit."}, change_note="Theirs.")
    response = admin_client.post(CHANGE.format(s24.pk), data)
    assert "Version 2 was saved while you were editing version 1" in " ".join(form_errors(response)["__all__"])
    s24.refresh_from_db()
    assert (s24.current.number, s24.current.why) == (2, "Their edit.")


def test_the_change_form_records_the_version_it_started_from(admin_client):
    s24 = entry("s24")
    page = admin_client.get(CHANGE.format(s24.pk)).content.decode()
    assert '<input type="hidden" name="based_on" value="1"' in page


def test_a_change_note_is_required(admin_client):
    s24 = entry("s24")
    response = admin_client.post(CHANGE.format(s24.pk), entry_form_data(s24, harm="Changed.", change_note=""))
    assert "change_note" in form_errors(response)
    assert s24.versions.count() == 1


def test_an_unknown_placeholder_is_a_field_error_and_no_version_is_made(admin_client):
    s24 = entry("s24")
    response = admin_client.post(CHANGE.format(s24.pk), entry_form_data(s24, harm="Held by {authorty}."))
    assert response.status_code == 200
    assert "Unknown placeholder {authorty}" in " ".join(form_errors(response)["harm"])
    assert s24.versions.count() == 1
    assert not AuditEvent.objects.filter(action="library_revised").exists()


def test_a_provision_another_entry_cites_is_a_field_error(admin_client):
    s31 = entry("s31")
    response = admin_client.post(CHANGE.format(s31.pk), entry_form_data(s31, ncnd_provision="24(2)"))
    assert "already cited by another entry" in " ".join(form_errors(response)["ncnd_provision"])
    assert s31.versions.count() == 1


def test_an_exemption_needs_a_title_and_provision(admin_client):
    s24 = entry("s24")
    response = admin_client.post(CHANGE.format(s24.pk), entry_form_data(s24, title="", provision=""))
    assert {"title", "provision"} <= set(form_errors(response))
    assert s24.versions.count() == 1


def test_deactivating_an_entry_makes_no_version_and_is_audited(admin_client, administrator):
    s24 = entry("s24")
    response = admin_client.post(
        CHANGE.format(s24.pk), entry_form_data(s24, is_active=False, change_note="Use s23 instead.")
    )
    assert response.status_code == 302
    s24.refresh_from_db()
    assert not s24.is_active and s24.versions.count() == 1 and s24.current.number == 1
    assert "s24(2)" not in services.library_codes(regime="foia")
    event = AuditEvent.objects.get(action="library_entry_updated")
    assert (event.actor, event.changes) == (administrator, {"is_active": [True, False]})


def test_an_edit_and_deactivation_together_keep_the_new_version_current(admin_client):
    s24 = entry("s24")
    admin_client.post(CHANGE.format(s24.pk), entry_form_data(s24, harm="Edited.", is_active=False))
    s24.refresh_from_db()
    assert (s24.is_active, s24.current.number, s24.current.harm) == (False, 2, "Edited.")


# --- no adding or deleting -----------------------------------------------------------------------


def test_library_entries_cannot_be_added_or_deleted(admin_client):
    s24 = entry("s24")
    assert admin_client.get("/admin/responses/libraryentry/add/").status_code == 403
    assert admin_client.get(f"/admin/responses/libraryentry/{s24.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/responses/libraryentry/{s24.pk}/delete/", {"post": "yes"}).status_code == 403
    assert "delete_selected" not in admin_client.get("/admin/responses/libraryentry/").content.decode()
    assert LibraryEntry.objects.filter(pk=s24.pk).exists()


def test_not_even_a_superuser_may_delete_library_entries_or_versions():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(username="root", is_superuser=True, is_staff=True)
    library_admin = admin.site._registry[LibraryEntry]
    assert not library_admin.has_delete_permission(request, entry("s24"))
    assert not library_admin.has_add_permission(request)
    assert LibraryVersion not in admin.site._registry


# --- preview -------------------------------------------------------------------------------------


def test_the_preview_shows_the_typed_wording_for_withholding_and_ncnd_and_saves_nothing(admin_client, body):
    s24 = entry("s24")
    versions, events = LibraryVersion.objects.count(), AuditEvent.objects.count()
    data = entry_form_data(s24, harm="**Typed** harm for {authority}.", ncnd_harm="Typed NCND harm.")
    response = admin_client.post(PREVIEW.format(s24.pk), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>Typed</strong> harm for Bedfordshire Police." in page
    assert "Typed NCND harm." in page
    assert "Section 24(1) National security" in page and "Section 24(2) National security" in page
    assert "Nothing has been saved." in page
    assert (LibraryVersion.objects.count(), AuditEvent.objects.count()) == (versions, events)
    assert entry("s24").current.harm == s24.current.harm


def test_the_preview_fills_every_known_placeholder_with_an_example(admin_client):
    s24 = entry("s24")
    typed = " ".join("{" + name + "}" for name in services.KNOWN_PLACEHOLDERS)
    page = admin_client.post(PREVIEW.format(s24.pk), entry_form_data(s24, why=typed)).content.decode()
    assert not [name for name in services.KNOWN_PLACEHOLDERS if "{" + name + "}" in page]


def test_the_preview_of_an_entry_without_an_ncnd_provision_shows_only_withholding(admin_client):
    s21 = entry("s21")
    page = admin_client.post(PREVIEW.format(s21.pk), entry_form_data(s21)).content.decode()
    assert "When withholding information" in page
    assert "neither confirm nor deny response" not in page


def test_the_preview_of_a_paragraph_shows_its_text(admin_client):
    caveat = entry("ncnd_caveat")
    page = admin_client.post(PREVIEW.format(caveat.pk), entry_form_data(caveat, body="A *new* caveat.")).content
    assert "A <em>new</em> caveat." in page.decode()
    assert entry("ncnd_caveat").versions.count() == 1


def test_the_preview_never_lets_typed_html_through(admin_client):
    s24 = entry("s24")
    data = entry_form_data(s24, harm='<script>alert("x")</script><a href="javascript:alert(1)">link</a>')
    page = admin_client.post(PREVIEW.format(s24.pk), data).content.decode()
    assert '<script>alert("x")' not in page
    assert '<a href="javascript:' not in page
    assert "&lt;script&gt;" in page  # shown as typed, never run


def test_the_preview_warns_of_an_unknown_placeholder(admin_client):
    s24 = entry("s24")
    page = admin_client.post(PREVIEW.format(s24.pk), entry_form_data(s24, harm="By {authorty}.")).content.decode()
    assert "unknown placeholder {authorty}" in page


def test_the_preview_only_answers_a_post(admin_client):
    assert admin_client.get(PREVIEW.format(entry("s24").pk)).status_code == 405


def test_the_change_page_offers_the_preview(admin_client):
    s24 = entry("s24")
    page = admin_client.get(CHANGE.format(s24.pk)).content.decode()
    assert f'formaction="{PREVIEW.format(s24.pk)}"' in page


# --- history and guidance ------------------------------------------------------------------------


def test_the_change_page_shows_the_version_history_and_the_guidance(admin_client):
    s24 = entry("s24")
    services.library_revise(entry=s24, actor=UserFactory(username="editor", first_name="Eda", last_name="Editor"),
                            values={"harm": "Second."}, change_note="After the ICO decision.")  # fmt: skip
    page = admin_client.get(CHANGE.format(s24.pk)).content.decode()
    assert "Version history" in page
    assert "After the ICO decision." in page and "Eda Editor" in page and "As shipped." in page
    assert VERSION.format(s24.pk, 1) in page and VERSION.format(s24.pk, 2) in page
    assert "Guidance for officers (version 2)" in page


def test_an_old_version_is_shown_read_only(admin_client, administrator):
    s24 = entry("s24")
    first_harm = s24.current.ncnd_harm
    services.library_revise(entry=s24, actor=administrator, values={"ncnd_harm": "Second."}, change_note="Shorter.")
    response = admin_client.get(VERSION.format(s24.pk, 1))
    page = response.content.decode()
    assert "Version 1," in page
    assert first_harm.splitlines()[0][:60] in page
    assert "<textarea" not in page and 'name="_save"' not in page
    assert admin_client.get(VERSION.format(s24.pk, 9)).status_code == 404


# --- clearance stages ----------------------------------------------------------------------------


def test_an_administrator_can_add_a_clearance_stage_and_it_is_audited(admin_client, administrator, press_group):
    response = admin_client.post(
        "/admin/responses/clearancestage/add/",
        {"name": "Press office", "order": 10, "group": press_group.pk, "is_active": True},
    )
    assert response.status_code == 302
    stage = ClearanceStage.objects.get()
    assert (stage.name, stage.order, stage.group) == ("Press office", 10, press_group)
    event = AuditEvent.objects.get(action="clearance_stage_added")
    assert event.actor == administrator


def test_a_clearance_stage_used_by_a_case_cannot_be_deleted_but_can_be_deactivated(
    admin_client, administrator, press_group, officer, body
):
    stage = ClearanceStage.objects.create(name="Press office", order=10, group=press_group)
    case = make_case(actor=officer, body=body)
    services.case_set_clearance(case=case, actor=officer, stages=[stage])
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert not admin.site._registry[ClearanceStage].has_delete_permission(request, stage)
    assert admin_client.get(f"/admin/responses/clearancestage/{stage.pk}/delete/").status_code == 403
    response = admin_client.post(
        f"/admin/responses/clearancestage/{stage.pk}/change/",
        {"name": "Press office", "order": 10, "group": press_group.pk, "is_active": False},
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert not stage.is_active and stage.cases.get() == case
    event = AuditEvent.objects.get(action="clearance_stage_updated")
    assert event.changes == {"is_active": [True, False]}


def test_a_superuser_may_delete_a_stage_no_case_has_used(client, press_group):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    stage = ClearanceStage.objects.create(name="Legal adviser", order=20, group=press_group)
    response = client.post(f"/admin/responses/clearancestage/{stage.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not ClearanceStage.objects.exists()
    assert AuditEvent.objects.filter(action="clearance_stage_deleted").exists()


def test_clearance_stages_have_no_bulk_delete(client, press_group):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    ClearanceStage.objects.create(name="Legal adviser", order=20, group=press_group)
    assert "delete_selected" not in client.get("/admin/responses/clearancestage/").content.decode()


# --- the unit's rights wording -------------------------------------------------------------------


def unit_form_data(**changes) -> dict:
    unit = case_services.unit_get()
    fields = [
        "name", "address", "phone", "email", "website", "reference_format", "reference_prefix",
        "internal_target_day", "due_soon_working_days", "review_window_working_days", "review_rights_text",
        "commissioner_rights_text", "ico_website", "ico_helpline", "ico_data_protection_website",
        "scottish_commissioner_website", "scottish_commissioner_helpline", "review_reference_prefix",
        "reminder_working_days", "clarification_chase_working_days", "clarification_lapse_working_days",
        "fee_chase_working_days", "fee_lapse_months", "retention_years",
    ]  # fmt: skip
    data = {name: getattr(unit, name) for name in fields}
    data["regime_prefixes"] = "{}"
    return {**data, **changes}


def unit_url() -> str:
    return f"/admin/foi_cases/unit/{case_services.unit_get().pk}/change/"


def test_the_unit_page_has_a_fieldset_for_review_and_complaint_rights(admin_client):
    page = admin_client.get(unit_url()).content.decode()
    assert "Letters: review and complaint rights" in page
    assert 'name="review_rights_text"' in page and 'name="ico_helpline"' in page
    assert "It must keep {review_by}" in page


def test_the_review_rights_text_must_keep_the_review_date(admin_client):
    before = case_services.unit_get().review_rights_text
    response = admin_client.post(unit_url(), unit_form_data(review_rights_text="Write to {unit_email} for a review."))
    assert response.status_code == 200
    assert "Keep {review_by}" in " ".join(form_errors(response)["review_rights_text"])
    assert case_services.unit_get().review_rights_text == before


@pytest.mark.parametrize("name", ["review_rights_text", "commissioner_rights_text"])
def test_an_unknown_placeholder_in_the_rights_wording_is_a_field_error(admin_client, name):
    before = getattr(case_services.unit_get(), name)
    response = admin_client.post(unit_url(), unit_form_data(**{name: "By {review_by}, call {helpline}."}))
    assert "Unknown placeholder {helpline}" in " ".join(form_errors(response)[name])
    assert getattr(case_services.unit_get(), name) == before


def test_rights_settings_are_saved_audited_and_used_by_new_letters(admin_client, administrator, draft):
    wording = "Ask {unit_name} for a review by {review_by}."
    response = admin_client.post(unit_url(), unit_form_data(review_rights_text=wording, ico_helpline="0303 000 0000"))
    assert response.status_code == 302
    unit = case_services.unit_get()
    assert (unit.review_rights_text, unit.ico_helpline) == (wording, "0303 000 0000")
    event = AuditEvent.objects.get(action="unit_updated")
    assert event.actor == administrator and set(event.changes) == {"review_rights_text", "ico_helpline"}
    section = draft("ncnd", ["s24(2)"]).sections.get(key="review_rights")
    assert section.text == f"Ask {unit.name} for a review by {{review_by}}."


def test_an_administrator_can_set_a_bodys_cost_limit(admin_client, body):
    data = {"name": body.name, "short_name": "", "address": "", "phone": "", "email": "", "website": ""}
    response = admin_client.post(
        f"/admin/foi_cases/publicbody/{body.pk}/change/", {**data, "cost_limit": 600, "is_active": True}
    )
    assert response.status_code == 302
    assert PublicBody.objects.get(pk=body.pk).cost_limit == 600
    assert AuditEvent.objects.get(action="body_updated").changes["cost_limit"] == [450, 600]
