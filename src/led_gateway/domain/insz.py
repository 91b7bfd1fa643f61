"""INSZ: the Belgian social-security identification number of a person.

Eleven digits: a birth date (``YYMMDD``), a sequence number and a two-digit
check. The check is ``97 - (first nine digits mod 97)``; for persons born
from 2000 on, the nine digits are prefixed with ``2`` before the modulo.
Bis numbers add 20 or 40 to the month and MAGDA's test numbers (TST) add 60;
all of them are valid structures. The month may be ``00`` (or its bis/TST
equivalent) when only the birth year is known.
"""

from __future__ import annotations

import re
from datetime import date

_ELEVEN_DIGITS = re.compile(r"\d{11}\Z", re.ASCII)

#: Month offsets: 0 ordinary, 20 and 40 bis numbers, 60 MAGDA test numbers.
MONTH_OFFSETS = (0, 20, 40, 60)


def check_digits(first_nine: str, born_after_1999: bool) -> str:
    """The two check digits that complete ``first_nine`` into an INSZ."""
    number = int(("2" if born_after_1999 else "") + first_nine)
    return f"{97 - number % 97:02d}"


def has_valid_checksum(insz: str) -> bool:
    """True when the check digits match for a birth in the 1900s or the 2000s."""
    body, check = insz[:9], insz[9:]
    return check in (check_digits(body, False), check_digits(body, True))


def has_valid_month(insz: str) -> bool:
    """True when the month, less its bis/TST offset, is 0 (unknown) to 12."""
    month = int(insz[2:4])
    return any(0 <= month - offset <= 12 for offset in MONTH_OFFSETS)


def is_valid_structure(insz: str) -> bool:
    """Eleven ASCII digits, a plausible month and a matching check."""
    return bool(_ELEVEN_DIGITS.match(insz)) and has_valid_month(insz) and has_valid_checksum(insz)


def is_test_number(insz: str) -> bool:
    """MAGDA test numbers (TST) have 60 added to the month."""
    return is_valid_structure(insz) and 60 <= int(insz[2:4]) <= 72


def make_test_number(year: int, month: int, day: int, sequence: int) -> str:
    """A valid MAGDA test number for a birth on that date with that sequence (1-997)."""
    first_nine = f"{year % 100:02d}{month + 60:02d}{day:02d}{sequence:03d}"
    return first_nine + check_digits(first_nine, year >= 2000)


def birth_date(insz: str) -> date | None:
    """The birth date an INSZ encodes, or ``None`` when it encodes none.

    The century follows from the check digits; an unknown month or day
    (``00``) reads as the first of the year or month.
    """
    if not is_valid_structure(insz):
        return None
    born_after_1999 = insz[9:] == check_digits(insz[:9], True)
    year = (2000 if born_after_1999 else 1900) + int(insz[:2])
    month = int(insz[2:4])
    month -= max(offset for offset in MONTH_OFFSETS if offset <= month)
    try:
        return date(year, month or 1, int(insz[4:6]) or 1)
    except ValueError:
        return None
