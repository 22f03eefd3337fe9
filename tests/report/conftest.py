"""Fixtures of the report tests: small synthetic results whose numbers can be checked by hand."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report_fixtures  # noqa: E402

sys.path.pop(0)


@pytest.fixture
def synthetic():
    """synthetic_result(scenario="base", robot=0.0, band=False): two services in Bergen, 2025–2030."""
    return report_fixtures.synthetic_result


@pytest.fixture
def fake_hires():
    return report_fixtures.with_fake_hires


@pytest.fixture
def fake_accuracy():
    return report_fixtures.fake_accuracy()
