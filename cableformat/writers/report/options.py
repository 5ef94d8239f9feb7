"""Options every reporter accepts, and the colour decision."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render: ``strict`` makes warnings fail, ``color`` enables terminal styles."""

    strict: bool = False
    color: bool = False
    show_source: bool = True


def use_color(mode: str, stream: TextIO) -> bool:
    """Decide colour: ``always``/``never`` win; ``auto`` = a terminal and no ``NO_COLOR``."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR", ""):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False
