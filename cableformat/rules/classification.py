"""Rules of the classification family."""

from __future__ import annotations
