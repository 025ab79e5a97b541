"""The letter as a PDF: what it says, how it is laid out, and what an assistive reader finds in it.

Rendering takes a fraction of a second per letter, so the letters are made and rendered once for the
module (in a transaction rolled back at the end) and each test asserts one thing about the result.
"""

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from foi_cases import services as case_services
from foi_cases.deadlines import ordinal_date
from foi_cases.tests.factories import FAST_PASSWORD_HASHERS, BodyFactory, UserFactory, make_case
from responses import pdf, services
from responses.models import Letter
from responses.tests.conftest import ready
from responses.tests.documents import flat, pdf_text

# Every test is marked, though most only read the module's renders: pytest-django sets up the test
# database only for the databases that collected tests ask for, and the module fixture needs it.
pytestmark = pytest.mark.django_db

LOGO_SIZE, SIGNATURE_SIZE = (240, 80), (180, 60)


def pdf_tool(tool: str, data: bytes, tmp_path_factory) -> str:
    """poppler's pdffonts and pdfimages read a file, not a pipe."""
    path = tmp_path_factory.mktemp("pdf") / "letter.pdf"
    path.write_bytes(data)
    return subprocess.run(
        [tool, *(["-list"] if tool == "pdfimages" else []), str(path)], capture_output=True, check=True
    ).stdout.decode()


def image_sizes(data: bytes, tmp_path_factory) -> list[tuple[int, int]]:
    rows = pdf_tool("pdfimages", data, tmp_path_factory).splitlines()[2:]
    return [(int(row.split()[3]), int(row.split()[4])) for row in rows if row.split()[2] == "image"]


def png(size: tuple[int, int], colour: str) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


@dataclass
class Rendered:
    pdf: bytes
    text: str
    references: list[str]
    letter_date: date
    review_by: date
    signatory_name: str
    signatory_role: str
    heading: str


@dataclass
class Letters:
    ncnd: Rendered  # s24(2) and s31(3), two cases answered together, logo and signature image
    other_signatory: Rendered  # the same letter, signed by someone other than the signature's owner
    two_pages: Rendered  # a refusal under s40(2), about two thirds of its second page full


def _approved(case, officer, supervisor, kind, codes) -> Letter:
    letter = services.letter_create(case=case, actor=officer, kind=kind, codes=codes)
    letter = services.letter_submit(letter=ready(letter, officer), actor=officer)
    return services.letter_approve(letter=letter, actor=supervisor)


def _rendered(letter) -> Rendered:
    data = pdf.letter_render(letter)
    return Rendered(
        pdf=data,
        text=pdf_text(data),
        references=[case.reference for case in [letter.case, *letter.case.answered_with.all()]],
        letter_date=letter.letter_date,
        review_by=letter.review_by,
        signatory_name=letter.signatory_name,
        signatory_role=letter.signatory_role,
        heading=letter.heading,
    )


@pytest.fixture(scope="module")
def letters(django_db_setup, django_db_blocker, tmp_path_factory) -> Letters:
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
        transaction.atomic(),
    ):
        unit = case_services.unit_get()
        unit.address, unit.phone, unit.email = (
            "Woburn Road\nKempston\nBedford MK43 9AX",
            "01234 842547",
            "foi@unit.example",
        )
        unit.logo.save("logo.png", png(LOGO_SIZE, "navy"), save=False)
        unit.signature_image.save("signature.png", png(SIGNATURE_SIZE, "black"), save=False)
        unit.signature_name = "Olivia Officer"
        unit.save()
        officer = UserFactory(username="officer", role="Officer", first_name="Olivia", last_name="Officer")
        supervisor = UserFactory(username="supervisor", role="Supervisor", first_name="Sam", last_name="Supervisor")
        body = BodyFactory(name="Bedfordshire Police")
        case = make_case(
            actor=officer,
            body=body,
            assigned_to=officer,
            request_text="1. When did you start using facial recognition?\n2. How much did it cost?",
        )
        joint = make_case(actor=officer, body=BodyFactory(name="Hertfordshire Constabulary"), assigned_to=officer)
        case_services.case_link(case=case, actor=officer, other=joint, kind="answered_with")
        letter = _approved(case, officer, supervisor, "ncnd", ["s24(2)", "s31(3)"])
        ncnd = _rendered(letter)
        unit.signature_name = "Someone Else"
        unit.save()
        other_signatory = _rendered(letter)
        alone = make_case(actor=officer, body=body, assigned_to=officer)
        two_pages = _rendered(_approved(alone, officer, supervisor, "refusal", ["s40(2)"]))
        transaction.set_rollback(True)
    return Letters(ncnd, other_signatory, two_pages)


@pytest.fixture(scope="module")
def letter(letters) -> Rendered:
    return letters.ncnd


@pytest.fixture(scope="module")
def catalog(letter):
    return PdfFileReader(io.BytesIO(letter.pdf)).root


# --- what it says -------------------------------------------------------------------------------------


def test_it_quotes_every_reference_answered_together(letter):
    first, second = letter.references
    assert f"Our Ref: {first} & {second}" in flat(letter.text)


def test_it_is_dated_in_uk_letter_style(letter):
    assert re.search(r"\d+(st|nd|rd|th) [A-Z][a-z]+ \d{4}", ordinal_date(letter.letter_date))
    assert ordinal_date(letter.letter_date) in flat(letter.text)


def test_it_quotes_the_request(letter):
    text = flat(letter.text)
    assert "1. When did you start using facial recognition?" in text
    assert "2. How much did it cost?" in text


def test_it_heads_a_section_for_each_exemption(letter):
    text = flat(letter.text)
    assert "Section 24(2) National security" in text
    assert "Section 31(3) Law enforcement" in text


def test_it_sets_out_the_harm_and_the_public_interest_for_each_exemption(letter):
    text = flat(letter.text)
    assert text.count("Harm in confirming or denying that information is held") == 2
    for citation in ("section 24(2)", "section 31(3)"):
        assert f"Factors favouring confirming or denying that information is held: {citation}" in text
        assert f"Factors against confirming or denying that information is held: {citation}" in text
    assert text.count("Balancing test") == 2


def test_it_gives_the_right_to_a_review_and_the_date_to_ask_by(letter):
    text = flat(letter.text)
    assert "you have the right to ask for an internal review" in text
    assert f"by {ordinal_date(letter.review_by)}" in text


def test_it_tells_the_requester_they_may_complain_to_the_information_commissioner(letter):
    text = flat(letter.text)
    assert "you may complain to the Information Commissioner" in text
    assert "ico.org.uk" in text


def test_it_is_signed_off_by_the_signatory_with_their_role_and_unit(letter):
    assert f"Yours sincerely {letter.signatory_name} {letter.signatory_role} Information Rights Unit" in flat(
        letter.text
    )


def test_the_letterhead_gives_the_unit_its_bodies_and_how_to_reach_it(letter):
    text = flat(letter.text)
    assert text.startswith("Information Rights Unit Bedfordshire Police and Hertfordshire Constabulary Woburn Road")
    assert "Telephone: 01234 842547" in text
    assert "Email: foi@unit.example" in text


# --- pages --------------------------------------------------------------------------------------------


def test_every_page_is_numbered_page_n_of_the_total(letter):
    pages = letter.text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_pages_after_the_first_carry_the_reference_in_their_header(letter):
    first_page, second_page = letter.text.split("\f")[:2]
    joint = " & ".join(letter.references)
    assert second_page.strip().startswith(f"Our Ref: {joint}")
    assert not first_page.strip().startswith("Our Ref:")


def test_a_two_page_letter_ends_on_page_2_of_2(letters):
    pages = letters.two_pages.text.split("\f")[:-1]
    assert len(pages) == 2
    assert "Page 2 of 2" in pages[1]


# --- images -------------------------------------------------------------------------------------------


def test_the_unit_logo_and_the_signatory_s_signature_are_printed(letter, tmp_path_factory):
    assert sorted(image_sizes(letter.pdf, tmp_path_factory)) == sorted([LOGO_SIZE, SIGNATURE_SIZE])


def test_the_signature_image_is_left_out_when_someone_else_signs(letters, tmp_path_factory):
    assert image_sizes(letters.other_signatory.pdf, tmp_path_factory) == [LOGO_SIZE]


def test_images_carry_alternative_text(catalog):
    alts = [str(element["/Alt"]) for element in structure(catalog) if element.get("/S") == "/Figure"]
    assert sorted(alts) == ["Information Rights Unit logo", "Signature of Olivia Officer"]


# --- accessibility and metadata -----------------------------------------------------------------------


def structure(catalog) -> list:
    """Every element of the structure tree, in reading order."""
    elements = []

    def walk(element):
        elements.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, generic.ArrayObject) else []:
            kid = kid.get_object()
            if isinstance(kid, generic.DictionaryObject) and kid.get("/Type") == "/StructElem":
                walk(kid)

    for top in catalog["/StructTreeRoot"]["/K"]:
        walk(top.get_object())
    return elements


def test_it_is_tagged_with_a_structure_tree(catalog):
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"


def test_its_headings_start_at_h1_and_never_skip_a_level(catalog):
    levels = [int(e["/S"][2:]) for e in structure(catalog) if re.fullmatch(r"/H[1-6]", str(e.get("/S")))]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))


def test_its_language_is_british_english(catalog):
    assert str(catalog["/Lang"]) == "en-GB"


def test_its_title_is_the_heading_with_the_references_and_is_shown_as_the_window_title(letter, catalog):
    info = PdfFileReader(io.BytesIO(letter.pdf)).trailer_view["/Info"]
    assert str(info["/Title"]) == f"{letter.heading} ({' & '.join(letter.references)})"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]


def test_its_keywords_list_each_reference(letter):
    info = PdfFileReader(io.BytesIO(letter.pdf)).trailer_view["/Info"]
    keywords = [keyword.strip() for keyword in str(info["/Keywords"]).split(",")]
    assert set(letter.references) <= set(keywords)


def test_its_xmp_metadata_identifies_it_as_pdf_ua_1(catalog):
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].data


def test_its_author_is_the_unit(letter):
    assert str(PdfFileReader(io.BytesIO(letter.pdf)).trailer_view["/Info"]["/Author"]) == "Information Rights Unit"


def test_every_font_is_embedded(letter, tmp_path_factory):
    rows = pdf_tool("pdffonts", letter.pdf, tmp_path_factory).splitlines()[2:]
    embedded = [re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row).group(1) for row in rows]
    assert embedded
    assert set(embedded) == {"yes"}


# --- the HTML it is made from -------------------------------------------------------------------------


def test_the_html_is_a_whole_british_english_document(submitted):
    html = pdf.letter_html(submitted)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert '<h1 class="letter-heading">' in html


def test_the_html_links_no_stylesheet_and_loads_no_image_without_a_logo(submitted):
    html = pdf.letter_html(submitted)
    assert "<link" not in html
    assert "<img" not in html
