"""Rules of the refid family."""

from __future__ import annotations
