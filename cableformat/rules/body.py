"""Rules of the body family."""

from __future__ import annotations
