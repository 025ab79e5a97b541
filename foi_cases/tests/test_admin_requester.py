"""The admin is applicant blind: it has no audited reveal, so no page of it shows who asked."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from foi_cases import services
from foi_cases.models import AuditEvent, Requester
from foi_cases.tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zebedee Quillfeather", "zebedee.q@example.org"
NEW_NAME, NEW_EMAIL = "Zebedee Quill-Feather", "zq@example.net"
IDENTITY = ("Zebedee", "Quillfeather", "Quill-Feather", EMAIL, NEW_EMAIL, "Lantern Yard", "The Daily Example")


@pytest.fixture
def case(officer, body):
    case = make_case(actor=officer, body=body, name=NAME, email=EMAIL)
    requester = case.requester
    requester.address, requester.organisation = "7 Lantern Yard, Bedford", "The Daily Example"
    requester.save()
    return case


@pytest.fixture
def corrected(case, officer):
    """The case after an officer corrected the requester's name and email (an audited change)."""
    details = services.RequesterDetails(
        name=NEW_NAME, email=NEW_EMAIL, address=case.requester.address, organisation=case.requester.organisation
    )
    services.case_update_requester(case=case, actor=officer, details=details)
    return case


def staff_user(username: str, *codenames: str):
    """A staff member with only the given view permissions, and not the one to see who asked."""
    user = UserFactory(username=username, role=None, is_staff=True)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="foi_cases", codename=codename))
    return user


@pytest.fixture
def auditor(db):
    return staff_user("auditor", "view_auditevent", "view_case")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def as_user(client, user):
    client.force_login(user)
    return client


def shows_identity(html: str) -> bool:
    return any(text in html for text in IDENTITY)


def case_change_url(case) -> str:
    return reverse("admin:foi_cases_case_change", args=[case.pk])


def reveals():
    return AuditEvent.objects.filter(action="requester_revealed")


# --- the case admin ------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["administrator", "auditor", "superuser"])
def test_the_case_admin_page_does_not_show_the_requester(client, request, case, actor):
    response = as_user(client, request.getfixturevalue(actor)).get(case_change_url(case))
    assert response.status_code == 200
    assert not shows_identity(response.content.decode())


def test_the_case_admin_page_says_the_requester_is_hidden_and_links_to_the_case_page(client, administrator, case):
    html = as_user(client, administrator).get(case_change_url(case)).content.decode()
    assert "Hidden: requests are handled applicant blind." in html
    assert f'<a href="{reverse("foi_cases:case_detail", args=[case.pk])}">case page for {case.reference}</a>' in html


def test_the_case_admin_has_no_requester_field(rf, superuser, case):
    request = rf.get("/admin/")
    request.user = superuser
    case_admin = admin.site._registry[type(case)]
    assert "requester" not in case_admin.get_fields(request, case)
    assert "requester" not in case_admin.get_readonly_fields(request, case)
    assert not any("requester" in str(name) for name in case_admin.get_list_display(request))
    assert not any("requester" in name for name in case_admin.get_search_fields(request))


def test_opening_the_case_admin_records_no_reveal(client, administrator, case):
    as_user(client, administrator).get(case_change_url(case))
    assert not reveals().exists()


def test_the_case_admin_list_does_not_show_the_requester(client, administrator, case):
    response = as_user(client, administrator).get(reverse("admin:foi_cases_case_changelist"))
    html = response.content.decode()
    assert case.reference in html
    assert not shows_identity(html)


def test_the_case_admin_search_does_not_find_cases_by_the_requesters_name(client, administrator, case):
    response = as_user(client, administrator).get(reverse("admin:foi_cases_case_changelist"), {"q": "Quillfeather"})
    assert case.reference not in response.content.decode()


@pytest.mark.parametrize(
    "lookup",
    ["requester__name__startswith", "requester__email__icontains", "requester", "requester__id__exact", "requester_id"],
)
def test_the_case_admin_refuses_filters_through_the_requester(client, administrator, case, lookup):
    value = "Z" if "__name" in lookup or "__email" in lookup else case.requester_id
    response = as_user(client, administrator).get(reverse("admin:foi_cases_case_changelist"), {lookup: value})
    assert response.status_code == 400
    assert case.reference not in response.content.decode()


def test_the_audit_admin_refuses_filters_through_a_cases_requester(client, administrator, case):
    url = reverse("admin:foi_cases_auditevent_changelist")
    response = as_user(client, administrator).get(url, {"case__requester__name__startswith": "Z"})
    assert response.status_code == 400


# --- no requester admin ------------------------------------------------------------------------


def test_there_is_no_requester_admin():
    assert not admin.site.is_registered(Requester)


def test_even_a_superuser_finds_no_requester_pages(client, superuser, case):
    as_user(client, superuser)
    assert client.get("/admin/foi_cases/requester/").status_code == 404
    assert client.get(f"/admin/foi_cases/requester/{case.requester_id}/change/").status_code == 404


# --- the audit trail -----------------------------------------------------------------------------


def test_a_correction_of_the_requester_is_audited_with_the_fields_changed_but_not_their_values(corrected):
    event = corrected.audit_events.get(action="requester_updated")
    assert event.changes == {"fields": ["email", "name"]}
    assert not shows_identity(f"{event.summary} {event.changes}")


def test_the_audit_admin_shows_a_requester_correction_without_the_requesters_details(client, auditor, corrected):
    event = corrected.audit_events.get(action="requester_updated")
    response = as_user(client, auditor).get(reverse("admin:foi_cases_auditevent_change", args=[event.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Edited requester name, email." in html
    assert not shows_identity(html)


def test_the_audit_admin_list_shows_no_requester_details(client, auditor, corrected, officer):
    services.case_reveal_requester(case=corrected, actor=officer)
    url = reverse("admin:foi_cases_auditevent_changelist") + f"?case__id__exact={corrected.pk}"
    html = as_user(client, auditor).get(url).content.decode()
    assert "Requester&#x27;s identity revealed on the case page." in html
    assert not shows_identity(html)


# --- every admin page ----------------------------------------------------------------------------


def test_no_admin_page_shows_the_requester_even_to_a_superuser(client, rf, superuser, corrected, officer):
    services.case_reveal_requester(case=corrected, actor=officer)
    as_user(client, superuser)
    request = rf.get("/admin/")
    request.user = superuser
    pages = 0
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        urls += [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
            for pk in model_admin.get_queryset(request).values_list("pk", flat=True)[:3]
        ]
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
            assert not shows_identity(response.content.decode()), url
            pages += 1
    assert pages > len(admin.site._registry)  # change pages were visited too, not only the lists
