"""Options every reporter accepts, and the colour decision."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render: ``strict`` makes warnings fail, ``color`` enables terminal styles."""

    strict: bool = False
    color: bool = False
    show_source: bool = True
    #: Cells an excerpt line may take (the terminal's width, or 160 off a terminal).
    width: int = 160
    #: Called once the run is done: notes appended to the text summary line
    #: (infos not shown, baseline matches, ``--strict``).
    notes: Callable[[], list[str]] | None = None
    #: Infos are shown (``--min-severity info``): the summary line counts them.
    show_infos: bool = True
    #: Called once the run is done: diagnostics ``--min-severity`` left out, by severity
    #: (the JSON summary's ``not_shown``).
    not_shown: Callable[[], dict[str, int]] | None = None


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


def use_color_env(mode: str, stream: TextIO) -> bool:
    """:func:`use_color`, with ``FORCE_COLOR`` (set and not ``0``) turning ``auto`` on."""
    force = os.environ.get("FORCE_COLOR", "")
    if mode == "auto" and force and force != "0" and not os.environ.get("NO_COLOR", ""):
        return True
    return use_color(mode, stream)
