"""Case references: the unit's configurable spelling, one sequence per year, and safe allocation.

Domain: ../shared/domain/uk-foi.md section 7 (FOI2019/07799, 01.FOI.22.026317, 992/20, FOI 002402-19).
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from foi_cases import services
from foi_cases.models import Case, ReferenceCounter, Unit
from foi_cases.references import ReferenceFormatError, format_reference
from foi_cases.tests.factories import BodyFactory, make_case


def configure_unit(**fields) -> Unit:
    unit = services.unit_get()
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    return unit


def log(actor, *, regime="foia", received_on=date(2019, 12, 12)) -> str:
    return make_case(actor=actor, regime=regime, received_on=received_on).reference


# --- format_reference (plain Python) ---------------------------------------------------------


def test_the_default_pattern_spells_the_worked_example():
    assert format_reference("{prefix}{year}/{number:05d}", prefix="FOI", year=2019, number=7799) == "FOI2019/07799"


def test_a_pattern_can_put_the_number_first_with_a_two_digit_year():
    reference = format_reference("{number:06d}.{prefix}.{yy}", prefix="FOI", year=2022, number=26317)
    assert reference == "026317.FOI.22"


def test_the_two_digit_year_keeps_its_leading_zero():
    assert format_reference("{number}/{yy}", prefix="", year=2005, number=992) == "992/05"


def test_a_pattern_without_the_number_is_rejected():
    with pytest.raises(ReferenceFormatError, match=r"must contain \{number\}"):
        format_reference("{prefix}{year}", prefix="FOI", year=2019, number=1)


def test_a_pattern_with_an_unknown_placeholder_is_rejected():
    with pytest.raises(ReferenceFormatError, match="Unknown placeholder.*month"):
        format_reference("{prefix}{year}{month}/{number}", prefix="FOI", year=2019, number=1)


def test_a_pattern_with_a_bad_format_spec_is_rejected():
    with pytest.raises(ReferenceFormatError, match="not valid"):
        format_reference("{prefix}{year}/{number:05q}", prefix="FOI", year=2019, number=1)


def test_a_pattern_with_a_numeric_spec_on_the_prefix_is_rejected():
    with pytest.raises(ReferenceFormatError, match="not valid"):
        format_reference("{prefix:05d}/{number}", prefix="FOI", year=2019, number=1)


def test_a_pattern_with_an_unclosed_brace_is_rejected():
    with pytest.raises(ReferenceFormatError, match="not valid"):
        format_reference("{prefix{year}/{number}", prefix="FOI", year=2019, number=1)


def test_a_reference_longer_than_forty_characters_is_rejected():
    with pytest.raises(ReferenceFormatError, match="between 1 and 40"):
        format_reference("{prefix}{year}/{number:05d}", prefix="X" * 34, year=2019, number=1)


def test_a_huge_padding_width_is_refused_before_any_string_is_built():
    with pytest.raises(ReferenceFormatError, match="at most two digits"):
        format_reference("{prefix}{year}/{number:9999999999d}", prefix="FOI", year=2019, number=1)


# --- Unit.clean ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unit_clean_reports_a_bad_reference_format_against_that_field():
    unit = Unit(reference_format="{prefix}{year}")
    with pytest.raises(ValidationError) as refused:
        unit.full_clean()
    assert "{number}" in refused.value.message_dict["reference_format"][0]


@pytest.mark.django_db
def test_unit_clean_reports_an_unknown_placeholder_against_the_reference_format():
    with pytest.raises(ValidationError) as refused:
        Unit(reference_format="{prefix}/{number}/{month}").full_clean()
    assert set(refused.value.message_dict) == {"reference_format"}


@pytest.mark.django_db
def test_unit_clean_reports_regime_prefixes_for_a_regime_that_does_not_exist():
    with pytest.raises(ValidationError) as refused:
        Unit(regime_prefixes={"gdpr": "DP"}).full_clean()
    assert set(refused.value.message_dict) == {"regime_prefixes"}


@pytest.mark.django_db
def test_unit_clean_accepts_a_pattern_from_another_authority():
    Unit(reference_format="{number:06d}.{prefix}.{yy}", regime_prefixes={"eir": "EIR"}).full_clean()


# --- allocation through case_create ------------------------------------------------------------


@pytest.mark.django_db
def test_the_first_case_gets_the_default_reference(officer):
    assert log(officer) == "FOI2019/00001"


@pytest.mark.django_db
def test_the_year_comes_from_the_date_of_receipt_not_the_day_it_is_logged(officer):
    log(officer, received_on=services.today())
    assert log(officer, received_on=date(2019, 12, 12)) == "FOI2019/00001"


@pytest.mark.django_db
def test_cases_received_in_the_same_year_are_numbered_in_order(officer):
    assert [log(officer), log(officer), log(officer)] == ["FOI2019/00001", "FOI2019/00002", "FOI2019/00003"]


@pytest.mark.django_db
def test_a_new_year_of_receipt_starts_again_at_one(officer):
    log(officer, received_on=date(2019, 12, 31))
    log(officer, received_on=date(2019, 12, 31))
    assert log(officer, received_on=date(2020, 1, 2)) == "FOI2020/00001"


@pytest.mark.django_db
def test_a_late_logged_case_continues_its_own_years_sequence(officer):
    log(officer, received_on=date(2019, 12, 12))
    log(officer, received_on=date(2020, 1, 6))
    assert log(officer, received_on=date(2019, 12, 30)) == "FOI2019/00002"


@pytest.mark.django_db
def test_a_unit_can_put_the_number_first_with_a_two_digit_year(officer):
    configure_unit(reference_format="{number:06d}.{prefix}.{yy}")
    assert log(officer) == "000001.FOI.19"


@pytest.mark.django_db
def test_a_unit_can_choose_its_prefix_separator_and_padding(officer):
    configure_unit(reference_format="{prefix} {number:06d}-{yy}", reference_prefix="IRU")
    assert log(officer) == "IRU 000001-19"


@pytest.mark.django_db
def test_a_unit_can_leave_the_number_unpadded(officer):
    configure_unit(reference_format="{number}/{yy}")
    assert log(officer) == "1/19"


@pytest.mark.django_db
def test_a_regime_prefix_is_used_for_that_regime_only(officer):
    configure_unit(regime_prefixes={"eir": "EIR"})
    assert [log(officer, regime="eir"), log(officer, regime="sar")] == ["EIR2019/00001", "FOI2019/00002"]


@pytest.mark.django_db
def test_regime_prefixes_share_one_sequence_by_default(officer):
    configure_unit(regime_prefixes={"eir": "EIR"})
    references = [log(officer, regime="foia"), log(officer, regime="eir"), log(officer, regime="foia")]
    assert references == ["FOI2019/00001", "EIR2019/00002", "FOI2019/00003"]


@pytest.mark.django_db
def test_each_prefix_runs_its_own_sequence_when_the_unit_asks(officer):
    configure_unit(regime_prefixes={"eir": "EIR"}, sequence_per_prefix=True)
    references = [log(officer, regime="foia"), log(officer, regime="eir"), log(officer, regime="foia")]
    assert references == ["FOI2019/00001", "EIR2019/00001", "FOI2019/00002"]


@pytest.mark.django_db
def test_every_accepted_format_gives_distinct_references_across_years(officer):
    # A format the unit settings accept must keep working in the next year: sequences restart at 1
    # each year, so a pattern without the year either has to be refused up front or numbered
    # so that "FOI/00001" of 2019 and of 2020 do not collide.
    try:
        configure_unit(reference_format="{prefix}/{number:05d}")
    except ValidationError:
        return
    first = log(officer, received_on=date(2019, 12, 12))
    second = log(officer, received_on=date(2020, 1, 6))
    assert first != second


@pytest.mark.django_db
def test_separate_sequences_per_prefix_give_distinct_references_under_every_accepted_format(officer):
    # With a sequence per prefix, FOI and EIR both start at 1: a pattern without {prefix} would
    # spell both "2019/00001", so it has to be refused up front.
    try:
        configure_unit(reference_format="{year}/{number:05d}", regime_prefixes={"eir": "EIR"}, sequence_per_prefix=True)
    except ValidationError:
        return
    assert log(officer, regime="foia") != log(officer, regime="eir")


@pytest.mark.django_db
def test_every_regime_prefix_the_unit_settings_accept_gives_a_loggable_case(officer):
    # Unit.clean tries the pattern with the default prefix; a regime prefix has to fit as well.
    try:
        configure_unit(regime_prefixes={"eir": "ENVIRONMENTAL-INFORMATION-REGS-"})
    except ValidationError:
        return
    assert log(officer, regime="eir").startswith("ENVIRONMENTAL-INFORMATION-REGS-2019/")


# --- concurrency -----------------------------------------------------------------------------

CONCURRENT_CASES = 32


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cases_logged_at_the_same_moment_get_unique_consecutive_numbers(officer):
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL for concurrent writers; this run uses {connection.vendor}")
    body = BodyFactory()
    services.unit_get()
    barrier = threading.Barrier(CONCURRENT_CASES)
    references, errors = [], []

    def log_one(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            case = services.case_create(
                actor=officer,
                regime="foia",
                received_on=date(2019, 12, 12),
                channel="email",
                subject=f"Request {n}",
                request_text=f"Question {n}",
                requester=services.RequesterDetails(name=f"Requester {n}"),
                body=body,
            )
            references.append(case.reference)
        except Exception as error:  # noqa: BLE001 - reported below with the thread's number
            errors.append((n, repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=log_one, args=(n,)) for n in range(CONCURRENT_CASES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(references) == [f"FOI2019/{n:05d}" for n in range(1, CONCURRENT_CASES + 1)]
    assert Case.objects.count() == CONCURRENT_CASES
    assert ReferenceCounter.objects.get(series="", year=2019).last_number == CONCURRENT_CASES
