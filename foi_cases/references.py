"""Case reference numbers: formatting (configurable per unit) and safe allocation."""

import re
import string

from django.db import connection

REFERENCE_FIELDS = {"prefix", "year", "yy", "number"}


class ReferenceFormatError(ValueError):
    pass


def format_reference(pattern: str, *, prefix: str, year: int, number: int) -> str:
    """Spell a reference from the unit's pattern, e.g. '{prefix}{year}/{number:05d}' -> FOI2019/07799."""
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise ReferenceFormatError(f"The reference format is not valid: {error}.") from None
    if "number" not in used:
        raise ReferenceFormatError("The reference format must contain {number}.")
    specs = [spec or "" for _, name, spec, _ in string.Formatter().parse(pattern) if name is not None]
    if any(len(re.sub(r"\D", "", spec)) > 2 for spec in specs):
        # "{number:9999999999d}" would build a gigantic string; references are short.
        raise ReferenceFormatError("Padding such as {number:05d} may be at most two digits.")
    unknown = used - REFERENCE_FIELDS
    if unknown:
        raise ReferenceFormatError(
            f"Unknown placeholder(s) {', '.join(sorted(unknown))}; use {{prefix}}, {{year}}, {{yy}} and {{number}}."
        )
    try:
        reference = pattern.format(prefix=prefix, year=year, yy=f"{year % 100:02d}", number=number)
    except (ValueError, IndexError, KeyError) as error:
        raise ReferenceFormatError(f"The reference format is not valid: {error}.") from None
    if not reference.strip() or len(reference) > 40:
        raise ReferenceFormatError("References must be between 1 and 40 characters long.")
    return reference


def check_reference_settings(pattern: str, *, prefixes: list[str], sequence_per_prefix: bool) -> None:
    """Refuse settings that would give two cases the same reference."""
    used = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    if not used & {"year", "yy"}:
        # Numbers restart every year, so without the year 2020's first case would repeat 2019's.
        raise ReferenceFormatError("The reference format must contain {year} or {yy}: numbers restart each year.")
    if sequence_per_prefix and "prefix" not in used:
        raise ReferenceFormatError("With a separate sequence per prefix, the format must contain {prefix}.")
    for prefix in prefixes:
        format_reference(pattern, prefix=prefix, year=2099, number=99999)


def next_number(*, series: str, year: int) -> int:
    """Claim the next number of a (series, year) sequence.

    The race: two officers logging requests at the same moment must never get the same number,
    and numbers should not skip. A single INSERT ... ON CONFLICT DO UPDATE ... RETURNING takes the
    counter row's lock inside the caller's transaction, so concurrent claims queue on that row
    and each sees the previous one's increment. If the transaction rolls back, so does the claim,
    and the number is reused. Both PostgreSQL and SQLite (3.35+) support this statement.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO foi_cases_referencecounter (series, year, last_number) VALUES (%s, %s, 1) "
            "ON CONFLICT (series, year) DO UPDATE SET last_number = foi_cases_referencecounter.last_number + 1 "
            "RETURNING last_number",
            [series, year],
        )
        return cursor.fetchone()[0]
