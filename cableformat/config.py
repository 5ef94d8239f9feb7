"""Run settings: ``[tool.cableformat]`` of the nearest pyproject.toml, overridden by the CLI.

Example::

    [tool.cableformat]
    select = ["E", "W1"]     # rule-code prefixes (a comma-separated string works too)
    ignore = ["W102"]
    strict = true            # warnings fail the run
    format = "text"          # text, concise, json, jsonl, sarif, github, junit
    min-severity = "warning" # error, warning or info: the least severe finding shown
    extend-select = ["B017"] # added to select (or to every rule when select is absent)
    exclude = ["drafts/*"]   # replaces the default exclusions of a directory walk
    extend-exclude = ["*.bak"]  # added to them
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

#: Keys accepted in ``[tool.cableformat]``.
FILE_KEYS = ("select", "ignore", "strict", "format", "min-severity", "extend-select", "exclude",
             "extend-exclude")
COLOR_MODES = ("auto", "always", "never")
SELECTOR = re.compile(r"^[A-Z][0-9]{0,3}$")
#: ``min-severity`` values, least severe last.
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """The settings file or a setting is invalid (the CLI exits with status 2)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that shapes a ``validate`` run."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    output_format: str = "text"
    statistics: bool = False
    input_format: str | None = None
    color: str = "auto"
    config_path: Path | None = None
    #: The least severe finding shown (``error``, ``warning`` or ``info``).
    min_severity: str = "warning"
    #: Rule selectors added to ``select`` (``--extend-select``).
    extend_select: tuple[str, ...] = ()
    #: Glob patterns a directory walk skips (``None`` = the readers' defaults).
    exclude: tuple[str, ...] | None = None
    #: Glob patterns skipped in addition to ``exclude``.
    extend_exclude: tuple[str, ...] = ()

    @property
    def selected(self) -> tuple[str, ...]:
        """``select`` with ``extend_select`` added (empty = every rule)."""
        return self.select + self.extend_select if self.select else ()


def find_pyproject(start: Path | None = None) -> Path | None:
    """The project's pyproject.toml with a ``[tool.cableformat]`` table, from ``start`` up.

    The search stops at the project root, as ruff's does: the nearest directory holding a
    ``pyproject.toml`` (with our table or not) or a ``.git``.  A settings file in a
    directory above the project (a shared temporary directory, a home directory) never
    applies by accident.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate if _read_table(candidate) is not None else None
        if (folder / ".git").exists():
            return None
    return None


def _read_table(path: Path) -> dict[str, Any] | None:
    """The ``[tool.cableformat]`` table of ``path`` (None when absent)."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    tool = data.get("tool")
    table = tool.get("cableformat") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cableformat] must be a table")
    return table


def settings_from_file(path: Path) -> Settings:
    """Settings from the ``[tool.cableformat]`` table of ``path``."""
    table = _read_table(path) or {}
    unknown = sorted(set(table) - set(FILE_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} in [tool.cableformat] "
            f"(expected: {', '.join(FILE_KEYS)})"
        )
    values: dict[str, Any] = {"config_path": path}
    where = f"{path}: [tool.cableformat]"
    if "select" in table:
        values["select"] = parse_selectors(table["select"], f"{where} select")
    if "ignore" in table:
        values["ignore"] = parse_selectors(table["ignore"], f"{where} ignore")
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise ConfigError(f"{where} strict must be true or false")
        values["strict"] = table["strict"]
    if "format" in table:
        values["output_format"] = check_format(table["format"], f"{where} format")
    if "min-severity" in table:
        values["min_severity"] = check_severity(table["min-severity"], f"{where} min-severity")
    if "extend-select" in table:
        values["extend_select"] = parse_selectors(table["extend-select"],
                                                  f"{where} extend-select")
    for key in ("exclude", "extend-exclude"):
        if key in table:
            values[key.replace("-", "_")] = parse_globs(table[key], f"{where} {key}")
    return Settings(**values)


def load_settings(start: Path | None = None, *, config_file: str | Path | None = None,
                  isolated: bool = False, **overrides: Any) -> Settings:
    """File settings with every non-None override applied.

    The file is ``config_file`` when given (it must exist), none with ``isolated``, else
    the project's pyproject.toml (:func:`find_pyproject`).
    """
    if config_file is not None and isolated:
        raise ConfigError("--config and --isolated cannot be used together")
    if config_file is not None:
        path: Path | None = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"--config: {config_file}: no such file")
    else:
        path = None if isolated else find_pyproject(start)
    settings = settings_from_file(path) if path is not None else Settings()
    given = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(given) - set(Settings.__dataclass_fields__)
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    if "select" in given:
        given["select"] = parse_selectors(given["select"], "--select")
    if "ignore" in given:
        given["ignore"] = parse_selectors(given["ignore"], "--ignore")
    if "output_format" in given:
        given["output_format"] = check_format(given["output_format"], "--format")
    if "extend_select" in given:
        given["extend_select"] = parse_selectors(given["extend_select"], "--extend-select")
    if "min_severity" in given:
        given["min_severity"] = check_severity(given["min_severity"], "--min-severity")
    for key in ("exclude", "extend_exclude"):
        if key in given:
            given[key] = parse_globs(given[key], "--" + key.replace("_", "-"))
    if given.get("color", "auto") not in COLOR_MODES:
        raise ConfigError(f"--color must be one of {', '.join(COLOR_MODES)}")
    return replace(settings, **given)


def parse_selectors(value: object, where: str) -> tuple[str, ...]:
    """Rule-code prefixes from a list of strings or a comma-separated string."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        items = [part for v in value for part in v.split(",")]
    else:
        raise ConfigError(f"{where} must be a list of rule codes or a comma-separated string")
    codes = tuple(item.strip().upper() for item in items if item.strip())
    bad = [c for c in codes if not SELECTOR.match(c)]
    if bad:
        raise ConfigError(
            f"{where}: invalid rule selector {bad[0]!r} (a code or prefix like B, B0, B006)"
        )
    return codes


def check_format(value: object, where: str) -> str:
    """``value`` if it names a report format."""
    from cableformat.writers.report import REPORTERS

    if not isinstance(value, str) or value not in REPORTERS:
        raise ConfigError(f"{where}: unknown format {value!r} (choose from {', '.join(REPORTERS)})")
    return value


def check_severity(value: object, where: str) -> str:
    """``value`` if it names a severity (``error``, ``warning``, ``info``)."""
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise ConfigError(f"{where}: unknown severity {value!r} (choose from "
                          f"{', '.join(SEVERITIES)})")
    return value.lower()


def parse_globs(value: object, where: str) -> tuple[str, ...]:
    """Glob patterns from a list of strings or a comma-separated string."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        items = [part for v in value for part in v.split(",")]
    else:
        raise ConfigError(f"{where} must be a list of glob patterns or a comma-separated string")
    return tuple(item.strip() for item in items if item.strip())


def add_config_options(parser: Any) -> None:
    """``--config FILE`` and ``--isolated`` on an argparse parser."""
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="read settings from FILE ([tool.cableformat] of a TOML file) "
                        "instead of the project's pyproject.toml")
    parser.add_argument("--isolated", action="store_true", default=False,
                        help="ignore every settings file")


def config_options(args: Any) -> dict[str, Any]:
    """The ``config_file``/``isolated`` arguments of :func:`load_settings` from parsed args."""
    return {"config_file": getattr(args, "config", None),
            "isolated": bool(getattr(args, "isolated", False))}
