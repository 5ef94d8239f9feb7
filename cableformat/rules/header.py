"""Rules of the header family."""

from __future__ import annotations
