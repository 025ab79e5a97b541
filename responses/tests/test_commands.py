"""manage.py load_exemption_library: installs the shipped library, never overwrites an edited entry."""

import dataclasses
from io import StringIO

import pytest
from django.core.management import call_command

from responses import library_content, services
from responses.models import LibraryEntry, LibraryVersion

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_exemption_library", stdout=out)
    return out.getvalue()


def shipped() -> int:
    return len(library_content.EXEMPTIONS) + len(library_content.PARAGRAPHS)


@pytest.fixture
def a_new_shipped_exemption(monkeypatch):
    """A later release ships an exemption this installation does not have yet."""
    template = next(e for e in library_content.EXEMPTIONS if e.code == "s21")
    added = dataclasses.replace(template, code="s99", section="99", provision="99(1)", title="Made-up exemption")
    monkeypatch.setattr(library_content, "EXEMPTIONS", [*library_content.EXEMPTIONS, added])
    return added


def test_it_finds_everything_already_installed_by_migrate():
    output = load()
    assert f"Added 0 library entries; {shipped()} already installed (left unchanged)." in output
    assert LibraryEntry.objects.count() == shipped()


def test_it_adds_a_newly_shipped_entry_as_version_one(a_new_shipped_exemption):
    output = load()
    assert f"Added 1 library entry; {shipped() - 1} already installed" in output
    entry = LibraryEntry.objects.get(code="s99")
    assert (entry.current.number, entry.current.provision, entry.current.title) == (1, "99(1)", "Made-up exemption")
    assert "s99(1)" in services.library_codes(regime="foia")


def test_running_it_twice_changes_nothing(a_new_shipped_exemption):
    load()
    counts = (LibraryEntry.objects.count(), LibraryVersion.objects.count())
    output = load()
    assert (LibraryEntry.objects.count(), LibraryVersion.objects.count()) == counts
    assert "Added 0 library entries" in output


def test_it_never_overwrites_an_administrators_edit(administrator):
    entry = LibraryEntry.objects.get(code="s24")
    edited = services.library_revise(
        entry=entry, actor=administrator, values={"harm": "Our own harm wording."}, change_note="Local wording."
    )
    load()
    entry.refresh_from_db()
    assert entry.current == edited and entry.current.harm == "Our own harm wording."
    assert entry.versions.count() == 2
    assert LibraryVersion.objects.get(entry=entry, number=1).harm == library_content_harm("s24")


def library_content_harm(code: str) -> str:
    return next(e for e in library_content.EXEMPTIONS if e.code == code).harm


# --- the deploy check for the signing certificate ----------------------------------------------


def test_the_deploy_check_warns_when_the_signing_certificate_is_missing(settings, tmp_path):
    from responses.apps import signing_certificate_check

    settings.SIGNING_CERT_PATH = str(tmp_path / "missing.p12")
    assert [warning.id for warning in signing_certificate_check()] == ["responses.W001"]


def test_the_deploy_check_is_quiet_with_a_certificate(signing_certificate):
    from responses.apps import signing_certificate_check

    assert signing_certificate_check() == []
