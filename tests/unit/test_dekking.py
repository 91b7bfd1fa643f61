"""The coverage notices worked out per period of birth dates agree with the rows read one by one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from led_gateway.domain.dekking import BRONNEN, Bron, OnvolledigPerGeboorte, onvolledig_voor


def _every_day(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


LEAP_DAYS = (
    Bron("a", "A", "volledig op een schrikkeldag", date(2000, 1, 1), date(2016, 2, 29), vanaf_leeftijd=18),
    Bron("b", "A", "schrikkeldag, leeftijd een veelvoud van vier", date(2012, 2, 29), vanaf_leeftijd=12),
    Bron("c", "B", "de dag na een schrikkeldag", date(2004, 3, 1), vanaf_leeftijd=15),
    Bron("d", "B", "op het eerste moment", date(2001, 1, 1), vanaf_leeftijd=0),
    Bron("e", "C", "oud genoeg voor iedereen", date(90, 1, 1), vanaf_leeftijd=120),
)


@pytest.mark.parametrize("bronnen", [BRONNEN, LEAP_DAYS, ()], ids=["catalogue", "leap days", "none"])
def test_every_birth_date_gets_what_the_rows_give(bronnen):
    periods = OnvolledigPerGeboorte(bronnen, dict)
    wrong = [
        day
        for day in _every_day(date(1895, 1, 1), date(2035, 12, 31))
        if periods.voor(day) != onvolledig_voor(bronnen, day)
    ]
    assert wrong == []


def test_each_period_is_shaped_once():
    shaped = []
    periods = OnvolledigPerGeboorte(BRONNEN, lambda onvolledig: shaped.append(onvolledig) or len(shaped))
    answers = {periods.voor(day) for day in _every_day(date(1900, 1, 1), date(2030, 1, 1))}
    assert len(shaped) == len(answers) <= len(BRONNEN) + 1
