"""Shared test configuration: hypothesis profiles and the optional real corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=20000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def corpus_path() -> Path | None:
    """The real corpus named by ``CABLEFORMAT_CORPUS``, if set and present."""
    value = os.environ.get("CABLEFORMAT_CORPUS")
    if not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


@pytest.fixture
def corpus() -> Path:
    """The real corpus directory; the test is skipped when it is not available."""
    path = corpus_path()
    if path is None:
        pytest.skip("CABLEFORMAT_CORPUS not set or not a directory")
    return path
