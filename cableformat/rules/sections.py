"""Rules of the sections family."""

from __future__ import annotations
