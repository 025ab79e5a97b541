"""Reading gov.uk's bank-holidays.json (https://www.gov.uk/bank-holidays.json) from an upload or a file.

`services.bank_holidays_import` decides which days are new. This module only turns a file that is
not JSON, is too large, or whose divisions are not shaped like gov.uk's
(`{"scotland": {"division": "scotland", "events": [{"title": ..., "date": "2027-01-04"}]}}`) into
a plain ValidationError *before* the service runs, so the admin page and the command report it
the same way and nothing is written.
"""

import json
from collections import Counter

from django.core.exceptions import ValidationError

from foi_cases.deadlines import Nation

# gov.uk's file is about 20 kB; anything much larger is not it.
MAX_BYTES = 1_000_000


def read_bank_holidays(stream) -> dict:
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError("This file is too large to be gov.uk's bank-holidays.json.")
    try:
        data = json.loads(raw)
    except ValueError:  # also UnicodeDecodeError
        raise ValidationError("This file is not valid JSON.") from None
    _check_divisions(data)
    return data


def _check_divisions(data) -> None:
    if not isinstance(data, dict):
        return  # the service explains what a bank-holidays.json file looks like
    for division in (nation.value for nation in Nation):
        if division not in data:
            continue
        content = data[division]
        events = content.get("events") if isinstance(content, dict) else None
        if not isinstance(events, list) or not all(isinstance(event, dict) for event in events):
            raise ValidationError(f"'{division}' should hold a list of events, as gov.uk's file does.")
        counts = Counter(str(event.get("date")) for event in events)
        duplicates = sorted(day for day, count in counts.items() if count > 1)
        if duplicates:
            raise ValidationError(f"'{division}' lists {', '.join(duplicates)} more than once.")
