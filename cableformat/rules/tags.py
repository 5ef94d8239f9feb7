"""Rules of the tags family."""

from __future__ import annotations
