from datetime import date

from foi_cases.tests.factories import make_case


def test_a_logged_case_gets_its_reference_and_due_date(officer, body):
    case = make_case(actor=officer, body=body)
    assert case.reference == "FOI2019/00001"
    assert case.due_on == date(2020, 1, 15)
    assert [item.text for item in case.items.all()] == ["When did you start?", "How much did it cost?"]
