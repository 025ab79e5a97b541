"""The exemption library: shipped with the product, installed on migrate, edited in versions.

Integration tests on the real database. Domain: ../shared/domain/uk-foi.md section 3.
"""

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from foi_cases.models import AuditEvent
from responses import library_content, services
from responses.kinds import KIND_RULES
from responses.models import LibraryEntry, LibraryVersion

pytestmark = pytest.mark.django_db

PART_II_SECTIONS = {
    "21", "22", "22A", "23", "24", "26", "27", "28", "29", "30", "31", "32",
    "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44",
}  # fmt: skip
NCND_PROVISIONS = {
    "22(2)", "22A(2)", "23(5)", "24(2)", "26(3)", "27(4)", "28(3)", "29(2)", "30(3)", "31(3)", "32(3)", "33(3)",
    "34(2)", "35(3)", "36(3)", "37(2)", "38(2)", "39(2)", "40(5A)", "40(5B)", "41(2)", "42(2)", "43(3)", "44(2)",
}  # fmt: skip
EIR_EXCEPTIONS = {f"12(4)({x})" for x in "abcde"} | {f"12(5)({x})" for x in "abcdefg"} | {"13"}


def entry(code: str) -> LibraryEntry:
    return LibraryEntry.objects.select_related("current").get(code=code)


def revise(code: str, actor, change_note="Clearer wording.", **values) -> LibraryVersion:
    return services.library_revise(entry=entry(code), actor=actor, values=values, change_note=change_note)


def letter_texts(letter) -> dict:
    """Every word of a letter as stored, to prove later edits elsewhere never touch it."""
    return {
        "sections": [(s.key, s.heading, s.text, s.source_id) for s in letter.sections.all()],
        "exemptions": [
            (e.code, e.provision, e.title, e.why, e.harm, e.factors_for, e.factors_against, e.balancing, e.source_id)
            for e in letter.exemptions.all()
        ],
    }


# --- installed on migrate ---------------------------------------------------------------------------


def test_every_part_ii_exemption_is_installed_by_migrate():
    sections = set(
        LibraryVersion.objects.filter(entry__family="foia", entry__current__isnull=False).values_list(
            "section", flat=True
        )
    )
    assert PART_II_SECTIONS <= sections


def test_every_ncnd_provision_of_part_ii_can_be_cited():
    cited = {code[1:] for code, (_, ncnd) in services.library_codes(regime="foia").items() if ncnd}
    missing = {p for p in NCND_PROVISIONS if not any(c == p or c.startswith(p + "(") for c in cited)}
    assert missing == set()


def test_the_procedural_refusals_are_installed():
    codes = services.library_codes(regime="foia")
    assert {"s12(1)", "s12(2)", "s14(1)", "s14(2)"} <= set(codes)
    assert codes["s12(2)"][1] is True  # s12(2): neither confirm nor deny on cost


def test_every_eir_exception_is_installed():
    sections = set(LibraryEntry.objects.filter(family="eir").values_list("current__section", flat=True))
    assert EIR_EXCEPTIONS <= sections


def test_every_paragraph_a_letter_is_composed_from_is_installed_with_wording():
    used = set().union(*({*r.opening, *r.response, *r.closing} for r in KIND_RULES.values()))
    paragraphs = services.paragraph_versions()
    assert used - set(paragraphs) == set()
    assert all(paragraphs[key].body.strip() for key in used)


def test_the_installed_wording_uses_only_known_placeholders():
    for version in LibraryVersion.objects.all():
        for name in (*services.EXEMPTION_TEXT_FIELDS, *services.NCND_TEXT_FIELDS, "body"):
            assert services.text.unknown_placeholders(getattr(version, name), services.KNOWN_PLACEHOLDERS) == [], (
                version.entry.code,
                name,
            )


def test_every_shipped_entry_is_installed_as_version_one():
    shipped = {e.code for e in library_content.EXEMPTIONS} | {p.code for p in library_content.PARAGRAPHS}
    assert set(LibraryEntry.objects.values_list("code", flat=True)) == shipped
    assert set(LibraryVersion.objects.values_list("number", flat=True)) == {1}
    assert not LibraryEntry.objects.filter(current__isnull=True).exists()


def test_an_installed_exemption_keeps_its_shipped_facts():
    s24 = entry("s24").current
    assert (s24.section, s24.provision, s24.ncnd_provision, s24.absolute, s24.basis) == (
        "24",
        "24(1)",
        "24(2)",
        False,
        "required_for",
    )
    assert s24.change_note == "As shipped."


# --- library_install -----------------------------------------------------------------------------------


def test_installing_again_adds_nothing():
    before = LibraryVersion.objects.count()
    assert services.library_install() == 0
    assert LibraryVersion.objects.count() == before


def test_installing_again_never_overwrites_an_edited_entry(administrator):
    edited = revise("s24", administrator, title="National security (edited)")
    services.library_install()
    assert entry("s24").current == edited
    assert entry("s24").versions.count() == 2


def test_installing_adds_a_newly_shipped_entry(monkeypatch):
    new = dataclasses.replace(library_content.PARAGRAPHS[0], code="new_paragraph", title="A new paragraph")
    monkeypatch.setattr(library_content, "PARAGRAPHS", [*library_content.PARAGRAPHS, new])
    assert services.library_install() == 1
    assert entry("new_paragraph").current.body == new.body
    assert entry("new_paragraph").kind == LibraryEntry.Kind.PARAGRAPH


# --- library_codes -------------------------------------------------------------------------------------


def test_a_foia_case_cites_foia_exemptions_and_procedural_refusals_but_no_eir_exceptions():
    codes = services.library_codes(regime="foia")
    assert "s24(1)" in codes and "s24(2)" in codes and "s12(1)" in codes
    assert not [code for code in codes if code.startswith("reg")]


def test_an_eir_case_cites_only_eir_exceptions():
    codes = services.library_codes(regime="eir")
    assert "reg12(5)(b)" in codes
    assert all(code.startswith("reg") for code in codes)


def test_a_withholding_code_and_an_ncnd_code_share_one_entry():
    codes = services.library_codes()
    assert codes["s24(1)"] == (entry("s24").current, False)
    assert codes["s24(2)"] == (entry("s24").current, True)


def test_an_inactive_entry_cannot_be_cited():
    LibraryEntry.objects.filter(code="s24").update(is_active=False)
    assert "s24(2)" not in services.library_codes(regime="foia")


# --- library_revise ------------------------------------------------------------------------------------


def test_revising_an_entry_creates_the_next_version(administrator):
    version = revise("s31", administrator, harm="New harm wording.")
    assert version.number == 2
    assert version.harm == "New harm wording."
    assert version.created_by == administrator
    assert entry("s31").current == version


def test_revising_keeps_the_fields_not_changed(administrator):
    before = entry("s31").current
    version = revise("s31", administrator, harm="New harm wording.")
    assert (version.title, version.provision, version.why) == (before.title, before.provision, before.why)


def test_revising_never_changes_the_previous_version(administrator):
    original_harm = entry("s31").current.harm
    revise("s31", administrator, harm="New harm wording.")
    assert LibraryVersion.objects.get(entry__code="s31", number=1).harm == original_harm


def test_revising_twice_makes_version_three(administrator):
    revise("s31", administrator, harm="Second.")
    assert revise("s31", administrator, harm="Third.").number == 3


def test_revising_a_paragraph_changes_its_body(administrator):
    version = revise("closing", administrator, body="Contact {unit_name}.")
    assert services.paragraph_versions()["closing"] == version


def test_a_revision_with_an_unknown_placeholder_is_refused(administrator):
    with pytest.raises(ValidationError) as refused:
        revise("s31", administrator, why="Because {requester_name} asked.")
    assert "{requester_name}" in refused.value.message_dict["why"][0]
    assert entry("s31").versions.count() == 1


def test_a_revision_citing_a_provision_of_another_entry_is_refused(administrator):
    with pytest.raises(ValidationError) as refused:
        revise("s31", administrator, provision="24(1)")
    assert "already cited by another entry" in refused.value.message_dict["provision"][0]
    assert entry("s31").versions.count() == 1


def test_a_revision_citing_another_entrys_ncnd_provision_is_refused(administrator):
    with pytest.raises(ValidationError) as refused:
        revise("s31", administrator, ncnd_provision="24(2)")
    assert "ncnd_provision" in refused.value.message_dict


def test_an_exemption_revised_without_a_provision_is_refused(administrator):
    with pytest.raises(ValidationError) as refused:
        revise("s31", administrator, provision="")
    assert "provision" in refused.value.message_dict


def test_a_revision_without_a_title_is_refused(administrator):
    with pytest.raises(ValidationError) as refused:
        revise("closing", administrator, title="  ")
    assert "title" in refused.value.message_dict


def test_a_revision_that_changes_nothing_is_refused(administrator):
    current = entry("s31").current
    with pytest.raises(ValidationError) as refused:
        revise("s31", administrator, harm=current.harm)
    assert "Nothing changed" in refused.value.messages[0]
    assert entry("s31").versions.count() == 1


def test_a_revision_is_audited_with_before_and_after(administrator):
    before = entry("s31").current.harm
    revise("s31", administrator, change_note="Tighter harm test.", harm="New harm wording.")
    event = AuditEvent.objects.get(action="library_revised")
    assert event.actor == administrator
    assert event.case is None
    assert "version 2" in event.summary and "Tighter harm test." in event.summary
    assert event.changes == {"harm": [before, "New harm wording."]}


# --- letters keep the version they used --------------------------------------------------------------


def test_a_letter_records_the_versions_it_was_composed_from(draft):
    letter = draft("ncnd", ["s24(2)"])
    assert letter.exemptions.get().source == entry("s24").current
    assert letter.sections.get(key="ncnd_caveat").source == entry("ncnd_caveat").current


def test_a_letter_does_not_change_when_its_templates_are_revised(draft, administrator):
    letter = draft("ncnd", ["s24(2)"])
    before = letter_texts(letter)
    revise("s24", administrator, ncnd_harm="Revised NCND harm.", ncnd_why="Revised NCND why.")
    revise("ncnd_caveat", administrator, body="Revised caveat.")
    assert letter_texts(letter) == before


def test_a_new_letter_gets_the_revised_wording(draft, administrator):
    old = draft("ncnd", ["s24(2)"])
    version = revise("s24", administrator, ncnd_harm="Revised NCND harm.")
    revise("ncnd_caveat", administrator, body="Revised caveat.")
    new = draft("ncnd", ["s24(2)"])
    assert new.exemptions.get().harm == "Revised NCND harm."
    assert new.exemptions.get().source == version
    assert new.sections.get(key="ncnd_caveat").text == "Revised caveat."
    assert old.exemptions.get().harm != "Revised NCND harm."


def test_a_superseded_version_a_letter_used_cannot_be_deleted(draft, administrator):
    from django.db.models import ProtectedError

    draft("ncnd", ["s24(2)"])
    revise("s24", administrator, ncnd_harm="Revised NCND harm.")
    with pytest.raises(ProtectedError):
        LibraryVersion.objects.filter(entry__code="s24", number=1).delete()
