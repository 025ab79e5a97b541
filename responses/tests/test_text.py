"""Letter text: light Markdown in, sanitised HTML out; {placeholders} filled literally; [[gaps]] found.

Officers type the text of a letter, and a letter is printed and published: nothing typed may become
markup beyond the small Markdown subset, and no link may run script or fetch from the network.
"""

import pytest
from django.utils.html import escape

from responses.text import fill, gaps, markdown_escape, to_html, unknown_placeholders

# --- the Markdown subset ---------------------------------------------------------------------------


def test_paragraphs_separated_by_a_blank_line_become_paragraphs():
    assert to_html("First.\n\nSecond.") == "<p>First.</p>\n<p>Second.</p>"


def test_a_dash_list_becomes_a_bulleted_list():
    html = to_html("Factors:\n\n- openness\n- accountability")
    assert "<ul>\n<li>openness</li>\n<li>accountability</li>\n</ul>" in html


def test_a_numbered_list_becomes_an_ordered_list():
    assert to_html("1. one\n2. two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"


def test_double_asterisks_make_bold_text():
    assert to_html("by **14th January 2020**") == "<p>by <strong>14th January 2020</strong></p>"


def test_underscores_make_emphasis():
    assert to_html("_not_ held") == "<p><em>not</em> held</p>"


def test_a_quotation_block_is_kept():
    assert "<blockquote>" in to_html("> How much did it cost?")


def test_empty_text_renders_nothing():
    assert to_html("") == ""
    assert to_html(None) == ""


def test_the_result_is_marked_safe_for_templates():
    assert hasattr(to_html("x"), "__html__")


# --- typed HTML is shown as text, never as markup ----------------------------------------------


def shown_as_text(typed: str) -> bool:
    """The typed markup appears in the HTML as characters (escaped), so a browser or WeasyPrint shows
    it and never interprets it."""
    html = to_html(typed)
    return escape(typed).replace("&quot;", '"').replace("&#x27;", "'") in html and "<" + typed[1:4] not in html


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>Hello",
        "<img src=x onerror=alert(1)>",
        '<img src="file:///etc/passwd">',
        '<a href="javascript:alert(1)">click</a>',
        '<iframe src="http://127.0.0.1:9/"></iframe>',
        '<p style="color: red">Red</p>',
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
        "<style>body { background: url(http://127.0.0.1:9/x.png) }</style>Text",
        '<span style="background: url(http://127.0.0.1:9/x.png)">Text</span>',
        "<h1>Heading</h1><div onclick='x()'>words</div>",
        '<strong class="x" id="y" onmouseover="z()">bold</strong>',
    ],
)
def test_typed_html_is_shown_as_the_characters_typed(typed):
    assert shown_as_text(typed)


def test_typed_html_never_becomes_a_tag():
    html = to_html('<img src="file:///etc/passwd"><script>alert(1)</script>')
    assert "<img" not in html and "<script" not in html


def test_a_markdown_image_is_removed_so_nothing_is_fetched():
    html = to_html("![logo](http://127.0.0.1:9/logo.png)")
    assert "<img" not in html
    assert "127.0.0.1" not in html


def test_a_markdown_javascript_link_loses_its_address():
    html = to_html("[click](javascript:alert(document.cookie))")
    assert "javascript" not in html
    assert "href" not in html


def test_a_data_url_link_loses_its_address():
    html = to_html("[click](data:text/html;base64,PHNjcmlwdD4=)")
    assert "data:" not in html


def test_comparisons_read_as_written():
    assert to_html("a < b and c > d") == "<p>a &lt; b and c &gt; d</p>"


def test_a_markdown_quote_still_quotes():
    assert to_html("> quoted").startswith("<blockquote>")


# --- links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["https://ico.org.uk/make-a-complaint/", "http://www.example.org/page", "mailto:foi@unit.example"],
)
def test_http_https_and_mailto_links_are_kept(address):
    html = to_html(f"[contact]({address})")
    assert f'href="{address}"' in html


def test_a_kept_link_gets_a_rel_that_cuts_it_off_from_the_letter():
    html = to_html("[ICO](https://ico.org.uk/)")
    assert 'rel="noopener noreferrer"' in html


def test_a_bare_address_in_angle_brackets_becomes_a_link():
    assert 'href="https://ico.org.uk/"' in to_html("<https://ico.org.uk/>")


# --- placeholders ---------------------------------------------------------------------------------


def test_fill_replaces_a_known_placeholder():
    assert fill("Dear requester, {authority} has", {"authority": "Bedfordshire Police"}) == (
        "Dear requester, Bedfordshire Police has"
    )


def test_fill_leaves_placeholders_it_has_no_value_for():
    assert fill("ask by {review_by}", {"authority": "x"}) == "ask by {review_by}"


def test_fill_escapes_markdown_in_a_value_so_it_is_taken_literally():
    html = to_html(fill("{authority}", {"authority": "*Police* _and_ [Crime](javascript:x)"}))
    assert "<em>" not in html
    assert "<a" not in html
    assert "*Police* _and_ [Crime](javascript:x)" in html


def test_fill_escapes_html_in_a_value():
    html = to_html(fill("{unit_name}", {"unit_name": "<script>alert(1)</script>"}))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_markdown_escape_leaves_ordinary_words_readable():
    assert markdown_escape("FOI2019/07799 & FOI2019/07795") == "FOI2019/07799 & FOI2019/07795"


def test_a_live_value_fills_its_placeholder_when_shown():
    assert to_html("Ask by {review_by}.", {"review_by": "14th February 2020"}) == "<p>Ask by 14th February 2020.</p>"


def test_a_live_value_is_html_escaped():
    html = to_html("Ask by {review_by}.", {"review_by": '<img src=x onerror="alert(1)">'})
    assert "<img" not in html
    assert "&lt;img" in html


def test_a_live_placeholder_without_a_value_stays_visible():
    assert to_html("Ask by {review_by}.", {"estimated_date": "x"}) == "<p>Ask by {review_by}.</p>"


def test_unknown_placeholders_are_found_and_sorted():
    assert unknown_placeholders("{authority} {zebra} {apple} {zebra}", {"authority"}) == ["apple", "zebra"]


def test_known_placeholders_are_not_reported():
    assert unknown_placeholders("{authority} and {review_by}", {"authority", "review_by"}) == []


def test_braces_that_are_not_a_placeholder_name_are_ignored():
    assert unknown_placeholders("{} {Not A Name} {1}", set()) == []


# --- gaps -----------------------------------------------------------------------------------------


def test_gaps_are_found_by_their_instructions():
    assert gaps("On [[date]] we searched [[ which systems ]].") == ["date", "which systems"]


def test_an_empty_gap_is_still_a_gap():
    assert gaps("Fill [[]] here") == ["a gap"]


def test_a_gap_may_span_lines():
    assert gaps("[[describe\nthe harm]]") == ["describe\nthe harm"]


def test_text_without_gaps_has_none():
    assert gaps("A finished paragraph [with brackets].") == []


def test_a_gap_is_highlighted_in_a_preview():
    html = to_html("We searched [[which systems]].")
    assert '<mark class="letter-gap">[[which systems]]</mark>' in html


def test_markup_inside_a_gap_is_still_sanitised():
    html = to_html("[[<script>alert(1)</script> the date]]")
    assert "<script" not in html
    assert '<mark class="letter-gap">' in html


# --- plain text -----------------------------------------------------------------------------------


def test_a_filled_value_cannot_smuggle_in_a_live_placeholder():
    source = fill("Written for {authority}.", {"authority": "Body {review_by}"})
    assert "{review_by}" in to_html(source, {"review_by": "2nd May 2024"})
    assert "2nd May 2024" not in to_html(source, {"review_by": "2nd May 2024"})


def test_a_live_value_is_taken_literally_not_as_markdown():
    assert "<em>" not in to_html("{review_by}", {"review_by": "*soon*"})


def test_a_fallback_that_is_a_gap_stays_a_gap_to_fill():
    filled = fill("Write to {unit_email}.", {"unit_email": "[[the unit's email address]]"})
    assert gaps(filled) == ["the unit's email address"]
