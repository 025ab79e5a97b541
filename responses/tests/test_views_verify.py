"""The public page where anyone checks a letter: /verify/."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse

from responses import services, signing
from responses.tests.signing_fixtures import letter_pdf_store

pytestmark = pytest.mark.django_db

URL = "/verify/"


@pytest.fixture
def signed(sample_pdf) -> bytes:
    return signing.pdf_sign(sample_pdf, reason="Response", location="Bedford")


@pytest.fixture
def registered(submitted, supervisor, signed):
    """An approved letter whose signed PDF is in the register."""
    letter = services.letter_approve(letter=submitted, actor=supervisor)
    letter_pdf_store(letter, signed)
    return letter


def upload(client, data: bytes, name: str = "letter.pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, content_type="application/pdf")})


def test_the_page_is_named_verify_letter():
    assert reverse("verify:letter") == URL


def test_anyone_can_open_it_without_signing_in(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert re.search(rb'<label\s+for="id_file"', response.content)


def test_it_shows_no_staff_navigation_to_the_public(client):
    content = client.get(URL).content.decode()
    assert "Dashboard" not in content
    assert "Log out" not in content


def test_it_names_the_unit(client):
    from foi_cases.services import unit_get

    assert f"Check a letter from {unit_get().name}" in client.get(URL).content.decode()


def test_a_genuine_letter_shows_its_reference_date_and_kind(client, registered, signed):
    content = upload(client, signed).content.decode()
    assert 'role="status"' in content
    assert "Genuine: this is an unaltered letter of" in content
    assert registered.references in content
    assert services.ordinal_date(registered.letter_date) in content
    assert "Neither confirm nor deny" in content


def test_the_page_never_shows_who_asked(client, registered, signed):
    content = upload(client, signed).content.decode()
    assert "Alex Requester" not in content
    assert "alex@example.org" not in content


def test_a_genuine_letter_not_in_the_register_says_so_with_the_reference_it_prints(client, signed):
    content = upload(client, signed).content.decode()
    assert "We could not find it in our register of letters" in content
    assert "FOI2026/00012" in content


def test_a_changed_letter_is_not_genuine_and_says_why(client, registered, signed):
    changed = bytearray(signed)
    changed[signed.index(b"/Title") + 10] ^= 1
    content = upload(client, bytes(changed)).content.decode()
    assert 'role="alert"' in content
    assert "Not genuine: we cannot confirm this is our letter" in content
    assert "The file has been changed since it was signed." in content
    assert registered.references not in content


def test_a_file_that_is_not_a_pdf_gets_a_form_error(client):
    response = upload(client, b"Just some text", name="letter.pdf")
    assert response.status_code == 200
    assert "This is not a PDF file." in response.content.decode()
    assert response.context["form"].errors["file"]


def test_a_file_over_the_size_limit_gets_a_form_error(client, settings, signed):
    settings.VERIFY_UPLOAD_MAX_BYTES = len(signed) - 1
    response = upload(client, signed)
    assert response.context["form"].errors["file"] == [
        f"The file is larger than {filesizeformat(len(signed) - 1)}: no letter of ours is that big."
    ]


def test_a_request_far_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.VERIFY_UPLOAD_MAX_BYTES = 1000
    # No CSRF token, and yet no 403: the body was never parsed (parsing is where CSRF is checked).
    client = Client(enforce_csrf_checks=True)
    response = upload(client, b"%PDF-1.7\n" + b"0" * 200_000)
    assert response.context["form"].errors["file"] == [
        f"The file is larger than {filesizeformat(1000)}: no letter of ours is that big."
    ]


def test_the_upload_is_held_in_memory_never_written_to_a_temporary_file(client, settings, signed, tmp_path):
    # Django spools uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to FILE_UPLOAD_TEMP_DIR; a directory
    # that does not exist would make that fail.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-directory")
    assert "Genuine" in upload(client, signed).content.decode()


def test_nothing_uploaded_is_stored(client, signed, media_root):
    upload(client, signed)
    assert not media_root.exists() or not any(media_root.rglob("*"))


def test_an_empty_form_asks_for_the_file(client):
    response = client.post(URL, {})
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_checks_over_the_hourly_limit_get_429(client, settings, signed):
    settings.VERIFY_CHECKS_PER_HOUR = 2
    for _ in range(2):
        assert upload(client, signed).status_code == 200
    response = upload(client, signed)
    assert response.status_code == 429
    assert "Too many checks from your connection" in response.content.decode()
    assert response["Retry-After"] == "3600"


def test_the_limit_is_per_address(settings, signed):
    settings.VERIFY_CHECKS_PER_HOUR = 1
    upload(Client(REMOTE_ADDR="192.0.2.1"), signed)
    assert upload(Client(REMOTE_ADDR="192.0.2.1"), signed).status_code == 429
    assert upload(Client(REMOTE_ADDR="192.0.2.2"), signed).status_code == 200


def test_viewing_the_page_does_not_count_as_a_check(client, settings):
    settings.VERIFY_CHECKS_PER_HOUR = 1
    for _ in range(3):
        client.get(URL)
    assert upload(client, b"%PDF-1.7\n").status_code == 200


def test_a_post_without_the_csrf_token_is_refused(signed):
    client = Client(enforce_csrf_checks=True)
    assert upload(client, signed).status_code == 403


def test_a_post_with_the_csrf_token_is_checked(signed):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"file": SimpleUploadedFile("letter.pdf", signed), "csrfmiddlewaretoken": token})
    assert (response.status_code, "Genuine" in response.content.decode()) == (200, True)
