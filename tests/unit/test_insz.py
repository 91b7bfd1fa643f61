import pytest

from led_gateway.domain.insz import is_test_number, is_valid_structure, make_test_number


def with_check(first_nine: str, after_1999: bool = False) -> str:
    number = int(("2" if after_1999 else "") + first_nine)
    return first_nine + f"{97 - number % 97:02d}"


@pytest.mark.parametrize(
    "insz",
    [
        with_check("850731123"),  # ordinary, born 1985
        with_check("050731123", after_1999=True),  # born 2005: check over 2 + nine digits
        with_check("852731123"),  # bis number, month + 20
        with_check("854731123"),  # bis number, month + 40
        with_check("856731123"),  # MAGDA test number, month + 60
        with_check("850031123"),  # birth month unknown
        "99610100150",  # test number in MAGDA's own sample reply
    ],
)
def test_valid_structures(insz):
    assert is_valid_structure(insz)


@pytest.mark.parametrize(
    "insz",
    [
        "",
        "1234567890",  # ten digits
        "123456789012",  # twelve digits
        with_check("850731123")[:9] + "00",  # wrong check
        with_check("851331123"),  # month 13
        with_check("858131123"),  # month 81: beyond every offset
        "8507311234a",
        "٨٥٠٧٣١١٢٣٤٥",  # Arabic-Indic digits are digits to Unicode, not to us
        "1' OR '1'='1",
    ],
)
def test_invalid_structures(insz):
    assert not is_valid_structure(insz)


def test_a_2000s_check_is_not_valid_as_1900s():
    insz = with_check("050731123", after_1999=True)
    assert insz[9:] != with_check("050731123")[9:]


def test_made_test_numbers_are_valid_tst():
    for year in (1955, 1999, 2000, 2008):
        insz = make_test_number(year, 12, 28, 997)
        assert is_test_number(insz), insz
    assert not is_test_number(with_check("850731123"))
