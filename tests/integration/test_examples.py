"""The examples a developer copies from work against a running gateway."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_the_zeep_example_prints_the_bewijzen(server, persons):
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "zeep_client.py"), persons[0], "--url", server.base],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Authentiek" in result.stdout or "Eigen verklaring" in result.stdout


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_curl_example_gets_a_bewijs(server, persons):
    result = subprocess.run(
        ["bash", str(ROOT / "examples" / "geefbewijs.sh"), persons[0], server.base],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"<INSZ>{persons[0]}</INSZ>" in result.stdout
    assert "<Bewijs>" in result.stdout
