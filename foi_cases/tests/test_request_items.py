"""Splitting a request into the requester's own numbered questions (letters answer them in turn)."""

import pytest

from foi_cases.request_items import split_request_items


@pytest.mark.parametrize(
    "text",
    [
        "1. How many cameras?\n2. What did they cost?",
        "1) How many cameras?\n2) What did they cost?",
        "(1) How many cameras?\n(2) What did they cost?",
        "1: How many cameras?\n2: What did they cost?",
        "a) How many cameras?\nb) What did they cost?",
        "(a) How many cameras?\n(b) What did they cost?",
        "A. How many cameras?\nB. What did they cost?",
        "Q1 How many cameras?\nQ2 What did they cost?",
        "Q1. How many cameras?\nQ2. What did they cost?",
        "- How many cameras?\n- What did they cost?",
        "* How many cameras?\n* What did they cost?",
        "\u2022 How many cameras?\n\u2022 What did they cost?",
        "\u2013 How many cameras?\n\u2013 What did they cost?",
    ],
    ids=["1.", "1)", "(1)", "1:", "a)", "(a)", "A.", "Q1", "Q1.", "dash", "asterisk", "bullet", "en dash"],
)
def test_each_marker_style_starts_a_new_item(text):
    assert split_request_items(text) == ["How many cameras?", "What did they cost?"]


def test_lines_after_a_marker_continue_its_item():
    text = "1. Please give the number of cameras\n   bought in 2019,\nby force area.\n2. The total cost."
    assert split_request_items(text) == [
        "Please give the number of cameras bought in 2019, by force area.",
        "The total cost.",
    ]


def test_an_introduction_before_the_first_marker_is_not_an_item():
    text = "Dear FOI team,\nPlease provide the following:\n\n1. The policy.\n2. The budget."
    assert split_request_items(text) == ["The policy.", "The budget."]


def test_blank_lines_between_items_are_ignored():
    assert split_request_items("1. The policy.\n\n\n2. The budget.") == ["The policy.", "The budget."]


def test_windows_line_endings_split_like_unix_ones():
    assert split_request_items("1. The policy.\r\n2. The budget.\r\n") == ["The policy.", "The budget."]


def test_numbering_above_nine_is_recognised():
    text = "\n".join(f"{n}. Question {n}" for n in range(1, 13))
    assert split_request_items(text)[9:] == ["Question 10", "Question 11", "Question 12"]


def test_a_number_inside_a_sentence_does_not_start_an_item():
    text = "1. Figures for\n2019 and 2020 please.\n2. Times like 10:30 count too."
    assert split_request_items(text) == ["Figures for 2019 and 2020 please.", "Times like 10:30 count too."]


def test_a_request_without_markers_is_one_item():
    text = "  Please send me your policy on facial recognition.\nThank you.  "
    assert split_request_items(text) == ["Please send me your policy on facial recognition.\nThank you."]


def test_an_empty_request_has_no_items():
    assert split_request_items("") == []


def test_a_request_of_only_whitespace_has_no_items():
    assert split_request_items("  \n\t \n") == []


def test_a_marker_with_no_text_after_it_yields_no_empty_item():
    assert split_request_items("1. The policy.\n2. \n3. The budget.") == ["The policy.", "The budget."]


def test_a_sign_off_after_the_list_is_not_quoted_as_part_of_the_last_question():
    text = "1. How many cameras?\n2. What did they cost?\n\nKind regards,\nAlex Requester"
    assert split_request_items(text) == ["How many cameras?", "What did they cost?"]


def test_a_paragraph_between_questions_does_not_hide_the_questions_after_it():
    text = "1. How many cameras?\n\nBy cameras I mean fixed ones.\n\n2. What did they cost?"
    assert split_request_items(text) == ["How many cameras?", "What did they cost?"]
