"""Per-caller limits: concurrency and rate, each caller on its own."""

import time

import pytest

from led_gateway.services.limits import CallerLimits, TooBusy


def test_concurrent_calls_over_the_limit_are_refused_and_freed_after():
    limits = CallerLimits(concurrent=2)
    with limits.admit("a"), limits.admit("a"):
        with pytest.raises(TooBusy, match="gelijktijdige"), limits.admit("a"):
            pass
        with limits.admit("b"):
            pass
    with limits.admit("a"):
        pass


def test_a_refused_call_does_not_count_as_running():
    limits = CallerLimits(concurrent=1)
    with limits.admit("a"):
        for _ in range(3):
            with pytest.raises(TooBusy), limits.admit("a"):
                pass
    with limits.admit("a"):
        pass


def test_the_rate_refills_over_time():
    limits = CallerLimits(per_second=5)
    for _ in range(5):
        with limits.admit("a"):
            pass
    with pytest.raises(TooBusy, match="per seconde"), limits.admit("a"):
        pass
    with limits.admit("b"):
        pass
    time.sleep(0.25)
    with limits.admit("a"):
        pass


def test_no_limits_admit_everything():
    limits = CallerLimits()
    for _ in range(1000):
        with limits.admit("a"):
            pass
