"""Rules of the refs family."""

from __future__ import annotations
