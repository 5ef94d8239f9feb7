"""The package layout: no import circles in the CLI, the engine and the rules (issue 14)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

import cableformat
from cableformat.batch import Batch, CableTask, CheckTask, map_cables, run_batch

PACKAGE = Path(cableformat.__file__).parent
CLI = PACKAGE / "cli"
ROOT = PACKAGE.parent
SAMPLES = ROOT / "samples"
CLI_MODULES = sorted(p.stem for p in CLI.glob("*.py") if p.stem != "__init__")


def imported(path: Path) -> Iterator[tuple[str, str | None]]:
    """(module, name) for every import in ``path``, at any depth (functions, TYPE_CHECKING)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                yield node.module, alias.name


def cli_targets(path: Path) -> set[str]:
    """The modules of the ``cableformat.cli`` package that ``path`` imports (``""``: the
    package ``__init__`` itself)."""
    found = set()
    for module, name in imported(path):
        if module == "cableformat" and name == "cli":
            found.add("")
        elif module == "cableformat.cli":
            found.add(name if name in CLI_MODULES else "")
        elif module.startswith("cableformat.cli."):
            found.add(module.removeprefix("cableformat.cli.").split(".")[0])
    return found


def test_the_cli_package_has_a_module_per_command() -> None:
    assert {"common", "validate", "rules", "explain", "convert", "report", "shard", "grammar",
            "tables"} <= set(CLI_MODULES)


@pytest.mark.parametrize("name", CLI_MODULES)
def test_no_cli_module_imports_the_package_init_back(name: str) -> None:
    assert "" not in cli_targets(CLI / f"{name}.py")


def test_common_imports_none_of_its_siblings() -> None:
    assert cli_targets(CLI / "common.py") == set()


@pytest.mark.parametrize("name", [n for n in CLI_MODULES if n != "common"])
def test_a_command_module_imports_only_the_shared_module(name: str) -> None:
    assert cli_targets(CLI / f"{name}.py") <= {"common"}


@pytest.mark.parametrize("name", CLI_MODULES)
def test_each_cli_module_imports_on_its_own(name: str) -> None:
    code = f"import cableformat.cli.{name}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert run.returncode == 0, run.stderr


def test_the_console_script_and_python_m_reach_main() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, attr = scripts["cableformat"].partition(":")
    code = f"import sys, {module} as m; sys.exit(m.{attr}(['rules', '--format', 'json']))"
    for argv in (["-c", code], ["-m", "cableformat", "rules", "--format", "json"]):
        run = subprocess.run([sys.executable, *argv], capture_output=True, text=True,
                             timeout=60, cwd=ROOT)
        assert run.returncode == 0, run.stderr
        assert '"B006"' in run.stdout


def test_the_batch_engine_does_not_import_dask() -> None:
    modules = {module for module, _ in imported(PACKAGE / "batch.py")}
    names = {(module, name) for module, name in imported(PACKAGE / "batch.py")}
    assert "cableformat.dask" not in modules and ("cableformat", "dask") not in names


def test_a_runner_handed_to_the_engine_runs_every_batch() -> None:
    seen: list[int] = []

    def runner(task: CableTask[object], batches: Iterator[Batch], input_format: str | None
               ) -> Iterator[tuple[Batch, list[list[object]]]]:
        for batch in batches:
            seen.append(batch.index)
            yield batch, run_batch(task, batch.units, input_format)

    task = CheckTask(excerpts=False)
    direct = list(map_cables(task, [str(SAMPLES)], jobs=1, batch_size=1))
    handed = list(map_cables(task, [str(SAMPLES)], jobs=1, batch_size=1, runner=runner))
    assert [r.path for r in handed] == [r.path for r in direct]
    assert [[d.code for d in r.diagnostics] for r in handed] == [
        [d.code for d in r.diagnostics] for r in direct]
    assert seen == list(range(len(seen))) and len(seen) >= 2


def test_rules_take_office_id_from_reference_not_from_the_parser() -> None:
    for path in (*(PACKAGE / "rules").glob("*.py"), PACKAGE / "parser" / "__init__.py",
                 PACKAGE / "parser" / "kinds.py"):
        sources = {module for module, name in imported(path) if name == "office_id"}
        assert sources <= {"cableformat.reference"}, path
    assert "office_id" not in {
        node.name for node in ast.parse((PACKAGE / "parser" / "fields.py").read_text()).body
        if isinstance(node, ast.FunctionDef)}


def test_office_id_resolves_aliases() -> None:
    from cableformat.reference import office_id

    assert office_id("SECSTATE") == "STATE"
    assert office_id("SAO PAULO") == "SAOPAULO"
