import json
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from foi_cases import services
from foi_cases.models import AuditEvent, Case, ClockEvent, ExtraBankHoliday, Unit
from foi_cases.tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


HOLIDAYS = {
    "scotland": {
        "division": "scotland",
        "events": [
            {"title": "New Year's Day", "date": "2027-01-01"},
            {"title": "Made-up Royal Holiday", "date": "2027-06-09"},
        ],
    }
}


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def case(officer, body):
    case = make_case(actor=officer, body=body)
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2019, 12, 20), days=10)
    return case


def upload(content: bytes, name="bank-holidays.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


def unit_form_data(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "website": unit.website,
        "reference_format": unit.reference_format,
        "reference_prefix": unit.reference_prefix,
        "regime_prefixes": json.dumps(unit.regime_prefixes),
        "review_reference_prefix": unit.review_reference_prefix,
        "internal_target_day": unit.internal_target_day,
        "due_soon_working_days": unit.due_soon_working_days,
        "reminder_working_days": unit.reminder_working_days,
        "clarification_chase_working_days": unit.clarification_chase_working_days,
        "clarification_lapse_working_days": unit.clarification_lapse_working_days,
        "fee_chase_working_days": unit.fee_chase_working_days,
        "fee_lapse_months": unit.fee_lapse_months,
        "retention_years": unit.retention_years,
    }
    return {**data, **changes}


# --- who gets in ---------------------------------------------------------------------------


def test_an_officer_cannot_reach_the_admin(client, officer):
    client.force_login(officer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_administrator_can_open_each_admin_page(admin_client, administrator, case, body):
    holiday = ExtraBankHoliday.objects.create(date=date(2027, 6, 9), name="Made-up", nation="scotland")
    event = AuditEvent.objects.filter(case=case).first()
    pages = [
        "/admin/",
        f"/admin/foi_cases/unit/{services.unit_get().pk}/change/",
        "/admin/foi_cases/publicbody/",
        "/admin/foi_cases/publicbody/add/",
        f"/admin/foi_cases/publicbody/{body.pk}/change/",
        "/admin/foi_cases/extrabankholiday/",
        "/admin/foi_cases/extrabankholiday/add/",
        f"/admin/foi_cases/extrabankholiday/{holiday.pk}/change/",
        "/admin/foi_cases/extrabankholiday/import/",
        "/admin/foi_cases/auditevent/",
        f"/admin/foi_cases/auditevent/{event.pk}/change/",
        "/admin/foi_cases/case/",
        "/admin/foi_cases/case/?q=FOI2019",
        f"/admin/foi_cases/case/{case.pk}/change/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{administrator.pk}/change/",
        "/admin/auth/group/",
    ]
    failures = {page: response.status_code for page in pages if (response := admin_client.get(page)).status_code != 200}
    assert failures == {}


def test_the_unit_list_goes_straight_to_the_one_unit(admin_client):
    response = admin_client.get("/admin/foi_cases/unit/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/foi_cases/unit/{services.unit_get().pk}/change/"


# --- the unit ------------------------------------------------------------------------------


def test_the_unit_cannot_be_deleted_or_added_again(admin_client):
    unit = services.unit_get()
    assert admin_client.get(f"/admin/foi_cases/unit/{unit.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/foi_cases/unit/{unit.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/foi_cases/unit/add/").status_code == 403
    assert Unit.objects.count() == 1


def test_an_invalid_reference_format_is_rejected_with_a_field_error(admin_client):
    unit = services.unit_get()
    response = admin_client.post(
        f"/admin/foi_cases/unit/{unit.pk}/change/", unit_form_data(unit, reference_format="{prefix}{year}/")
    )
    assert response.status_code == 200
    assert "must contain {number}" in " ".join(response.context["adminform"].form.errors["reference_format"])
    unit.refresh_from_db()
    assert unit.reference_format == "{prefix}{year}/{number:05d}"


def test_saving_the_unit_records_who_changed_what(admin_client, administrator):
    unit = services.unit_get()
    response = admin_client.post(
        f"/admin/foi_cases/unit/{unit.pk}/change/", unit_form_data(unit, reference_format="{number:06d}.{prefix}.{yy}")
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.reference_format == "{number:06d}.{prefix}.{yy}"
    event = AuditEvent.objects.get(action="unit_updated")
    assert event.actor == administrator
    assert event.changes == {"reference_format": ["{prefix}{year}/{number:05d}", "{number:06d}.{prefix}.{yy}"]}


def test_the_unit_page_previews_the_next_reference(admin_client, officer, body):
    year = services.today().year
    make_case(actor=officer, body=body, received_on=services.today())
    response = admin_client.get(f"/admin/foi_cases/unit/{services.unit_get().pk}/change/")
    assert f"Next reference would look like: FOI{year}/00002" in response.content.decode()


def test_the_reference_preview_follows_settings_being_typed(admin_client):
    year = services.today().year
    params = {
        "reference_format": "{number:06d}.{prefix}.{yy}",
        "reference_prefix": "FOI",
        "regime_prefixes": '{"eir": "EIR"}',
        "sequence_per_prefix": "true",
    }
    response = admin_client.get("/admin/foi_cases/unit/reference-preview/", params)
    assert response.json() == {
        "preview": f"Next reference would look like: 000001.FOI.{year % 100} (EIR: 000001.EIR.{year % 100})"
    }


def test_the_reference_preview_explains_an_invalid_format(admin_client):
    response = admin_client.get("/admin/foi_cases/unit/reference-preview/", {"reference_format": "{year}"})
    assert response.json()["preview"] == "No preview: The reference format must contain {number}."


# --- bodies and bank holidays --------------------------------------------------------------


def test_an_administrator_can_search_the_bodies(admin_client, body, other_body):
    response = admin_client.get("/admin/foi_cases/publicbody/", {"q": "Hertford"})
    assert list(response.context["cl"].result_list) == [other_body]


def test_the_bank_holiday_list_links_to_the_import_page(admin_client):
    response = admin_client.get("/admin/foi_cases/extrabankholiday/")
    assert 'href="/admin/foi_cases/extrabankholiday/import/"' in response.content.decode()


def test_an_administrator_can_import_a_bank_holidays_file(admin_client, administrator):
    response = admin_client.post(
        "/admin/foi_cases/extrabankholiday/import/", {"file": upload(json.dumps(HOLIDAYS).encode())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wednesday 9 June 2027: Made-up Royal Holiday (Scotland)" in page
    assert "1 day already known" in page
    holiday = ExtraBankHoliday.objects.get()
    assert (holiday.date, holiday.nation) == (date(2027, 6, 9), "scotland")
    assert AuditEvent.objects.get(action="bank_holidays_imported").actor == administrator


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<html>not json</html>", "This file is not valid JSON."),
        (b'{"wales": []}', "not a gov.uk bank-holidays.json file"),
        (
            b'{"scotland": {"events": [{"title": "A", "date": "2027-06-09"}, {"title": "B", "date": "junk"}]}}',
            "Unreadable event in scotland",
        ),
    ],
)
def test_a_bad_bank_holidays_file_gets_a_form_error_and_nothing_is_written(admin_client, content, message):
    response = admin_client.post("/admin/foi_cases/extrabankholiday/import/", {"file": upload(content)})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not ExtraBankHoliday.objects.exists()


def test_an_officer_made_staff_still_cannot_import_bank_holidays(client, officer):
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    assert client.get("/admin/foi_cases/extrabankholiday/import/").status_code == 403


# --- the register is read-only -------------------------------------------------------------


@pytest.mark.parametrize("model", [Case, ClockEvent, AuditEvent])
def test_cases_clock_events_and_audit_events_can_never_be_deleted_in_the_admin(model):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    admins = [
        model_admin
        for registered in admin.site._registry.values()
        for model_admin in [registered, *registered.get_inline_instances(request)]
        if model_admin.model is model
    ]
    assert admins
    assert not any(model_admin.has_delete_permission(request) for model_admin in admins)


def test_a_case_cannot_be_deleted_or_changed_in_the_admin(admin_client, case):
    assert admin_client.get(f"/admin/foi_cases/case/{case.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/foi_cases/case/{case.pk}/change/", {"subject": "Changed"}).status_code == 403
    response = admin_client.get("/admin/foi_cases/case/")
    assert "delete_selected" not in response.content.decode()
    case.refresh_from_db()
    assert case.subject == "Facial recognition"


def test_the_case_page_shows_its_clock_events_and_links_to_its_audit_trail(admin_client, case):
    page = admin_client.get(f"/admin/foi_cases/case/{case.pk}/change/").content.decode()
    assert "Extension" in page
    assert f"/admin/foi_cases/auditevent/?case__id__exact={case.pk}" in page


def test_audit_events_cannot_be_added_or_changed(admin_client, case):
    event = AuditEvent.objects.filter(case=case).first()
    assert admin_client.get("/admin/foi_cases/auditevent/add/").status_code == 403
    assert admin_client.post(f"/admin/foi_cases/auditevent/{event.pk}/change/", {"summary": "x"}).status_code == 403


def test_audit_events_are_found_by_a_case_reference(admin_client, case, officer, body):
    make_case(actor=officer, body=body, subject="Another case")
    response = admin_client.get("/admin/foi_cases/auditevent/", {"q": case.reference.lower()})
    events = list(response.context["cl"].result_list)
    assert events and all(event.case_id == case.pk for event in events)


def test_the_case_page_link_lists_only_that_cases_audit_events(admin_client, case, officer, body):
    make_case(actor=officer, body=body, subject="Another case")
    response = admin_client.get(f"/admin/foi_cases/auditevent/?case__id__exact={case.pk}")
    events = list(response.context["cl"].result_list)
    assert [event.action for event in events] == ["clock_extension", "case_created"]


def test_audit_events_can_be_narrowed_to_settings_changes(admin_client, case):
    services.audit(case=None, actor=None, action="unit_updated", summary="Unit updated.")
    response = admin_client.get("/admin/foi_cases/auditevent/", {"area": "settings"})
    assert [event.action for event in response.context["cl"].result_list] == ["unit_updated"]


# --- users ---------------------------------------------------------------------------------


def test_an_administrator_can_add_an_officer(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "newofficer",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newofficer")
    response = admin_client.post(f"/admin/auth/user/{user.pk}/change/", user_form_data(user, groups=["Officer"]))
    assert response.status_code == 302
    assert list(user.groups.values_list("name", flat=True)) == ["Officer"]


def test_an_administrator_cannot_make_anyone_a_superuser(admin_client, officer):
    response = admin_client.post(
        f"/admin/auth/user/{officer.pk}/change/", user_form_data(officer, is_superuser="on", groups=["Officer"])
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_superuser


def test_an_administrator_cannot_change_a_superusers_password(admin_client):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    response = admin_client.post(
        f"/admin/auth/user/{root.pk}/password/", {"password1": "Taken-over-123", "password2": "Taken-over-123"}
    )
    assert response.status_code == 403


def user_form_data(user, groups=(), **changes) -> dict:
    from django.contrib.auth.models import Group

    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [Group.objects.get(name=name).pk for name in groups],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    return {**data, **changes}


def test_the_user_list_shows_roles(admin_client, officer, supervisor):
    page = admin_client.get("/admin/auth/user/").content.decode()
    assert "Supervisor" in page and "Officer" in page


def test_a_role_change_is_audited_with_the_roles_before_and_after(admin_client, officer, administrator):
    response = admin_client.post(
        f"/admin/auth/user/{officer.pk}/change/", user_form_data(officer, groups=["Supervisor"])
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user_updated")
    assert event.actor == administrator
    assert event.changes["roles"] == [["Officer"], ["Supervisor"]]


def test_adding_a_user_is_audited_without_the_password(admin_client):
    admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "newofficer",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "usable_password": "true",
        },
    )
    event = AuditEvent.objects.get(action="user_added")
    assert event.summary == "User added: newofficer."
    assert "Passphrase" not in json.dumps(event.changes)


def test_setting_a_users_password_is_audited_without_the_password(admin_client, officer, administrator):
    response = admin_client.post(
        f"/admin/auth/user/{officer.pk}/password/",
        {"password1": "Another-long-phrase-77", "password2": "Another-long-phrase-77", "usable_password": "true"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user_password_set")
    assert (event.actor, event.summary) == (administrator, "Password set for officer.")
    assert "Another" not in json.dumps(event.changes)


def test_a_refused_password_is_not_audited(admin_client, officer):
    admin_client.post(f"/admin/auth/user/{officer.pk}/password/", {"password1": "a", "password2": "b"})
    assert not AuditEvent.objects.filter(action="user_password_set").exists()


def test_a_superuser_can_open_a_case_page_with_its_clock_events(client, case):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/foi_cases/case/{case.pk}/change/")
    assert response.status_code == 200
    assert "<p>20 Dec 2019</p>" in response.content.decode()


# --- the unit's letter images ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, size, message",
    [
        ("logo.svg", 100, "Use a PNG or JPEG image."),
        ("logo.png", 2 * 1024 * 1024 + 1, "The image is larger than 2 MB"),
    ],
)
def test_a_letter_image_that_is_not_a_small_png_or_jpeg_is_refused(name, size, message):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from foi_cases.models import LETTER_IMAGE, validate_letter_image_size

    upload = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError, match=message):
        LETTER_IMAGE(upload)
        validate_letter_image_size(upload)
