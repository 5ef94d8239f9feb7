"""Mutation testing: how much of a module's behaviour do its own tests notice changing?

Each mutant is one small change to one module (a flipped comparison, ``and``/``or`` swapped,
a negated condition, an integer + 1, a string constant altered, a statement deleted); the
module's tests (``MODULE_TESTS``: a module's tests live in its own test files, yamllint
style) run against it with ``-x -q -p no:cacheprovider`` under ``nice`` and a timeout.  A
mutant the tests fail on (or that times out) is killed; one they pass survives.  Lines the
tests never execute are found by one traced run first: their mutants survive without a run.

    python scripts/mutation.py cableformat/rules/tags.py
    python scripts/mutation.py cableformat/parser/header.py --sample 60 --seed 1
    python scripts/mutation.py --list cableformat/rules/dates.py   # mutants only, no runs
    python scripts/mutation.py cableformat/rules/tags.py -v > before.log    # before new tests
    python scripts/mutation.py cableformat/rules/tags.py -v --rerun before.log   # after them

The work happens in a copy of the worktree under a temporary directory: the checkout is never
modified.  Survivors are printed as ``file:line: mutation [function]``; those in ``ALLOWED``
(equivalent mutants, with the reason) are counted apart and do not lower the score.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULE_TESTS: dict[str, list[str]] = {
    "cableformat/parser/header.py": ["tests/test_parser_header.py", "tests/test_parser.py",
                                     "tests/test_header_dispatch.py"],
    "cableformat/parser/fields.py": ["tests/test_parser_fields.py", "tests/test_parser.py",
                                     "tests/test_head_zone.py"],
    "cableformat/parser/body.py": ["tests/test_parser.py", "tests/test_head_zone.py",
                                   "tests/test_text_zone.py"],
    "cableformat/parser/text_zone.py": ["tests/test_text_zone.py"],
    "cableformat/parser/kinds.py": ["tests/test_page_kinds.py"],
    "cableformat/parser/lines.py": ["tests/test_lines.py"],
    "cableformat/parser/blocks.py": ["tests/test_blocks.py"],
    "cableformat/parser/annotation.py": ["tests/test_annotation.py"],
    "cableformat/parser/__init__.py": ["tests/test_parser.py", "tests/test_page_kinds.py"],
    "cableformat/rules/tags.py": ["tests/rules/test_tags.py"],
    "cableformat/rules/dates.py": ["tests/rules/test_dates.py"],
    "cableformat/rules/header.py": ["tests/rules/test_header.py",
                                    "tests/rules/test_header_archivist.py"],
    "cableformat/rules/body.py": ["tests/rules/test_body.py"],
    "cableformat/rules/classification.py": ["tests/rules/test_classification.py"],
    "cableformat/rules/reference.py": ["tests/rules/test_reference.py"],
    "cableformat/rules/refs.py": ["tests/rules/test_refs.py"],
    "cableformat/rules/registry.py": ["tests/rules/test_registry.py"],
    "cableformat/rules/sections.py": ["tests/rules/test_sections.py"],
    "cableformat/rules/authority.py": ["tests/rules/test_authority.py",
                                       "tests/rules/test_classification.py"],
    "cableformat/rules/pages.py": ["tests/rules/test_pages.py", "tests/test_page_kinds.py"],
    "cableformat/rules/refid.py": ["tests/rules/test_refid.py",
                                   "tests/rules/test_head_fidelity.py"],
    "cableformat/rules/syntax.py": ["tests/rules/test_syntax.py", "tests/test_bad_input.py"],
    "cableformat/rules/text.py": ["tests/rules/test_text.py", "tests/rules/test_body.py"],
    "cableformat/rules/families.py": ["tests/rules/test_registry.py"],
    "cableformat/rules/__init__.py": ["tests/rules/test_registry.py"],
}

# Equivalent mutants: (module, function, mutation) -> why no test can tell them apart.
# The mutation text is the one the report prints (line numbers are left out: they move).
ALLOWED: dict[tuple[str, str, str], str] = {
    # T006 looks a word up as written and with ':' added, so TAGS/TAGS: and SUBJECT/SUBJECT:
    # stand in for each other: dropping one of a pair changes nothing
    ("cableformat/rules/tags.py", "<module>", "'TAGS' -> 'AGS'"): "TAGS: stays in the set",
    ("cableformat/rules/tags.py", "<module>", "'TAGS:' -> 'AGS:'"): "TAGS stays in the set",
    ("cableformat/rules/tags.py", "<module>", "'SUBJECT' -> 'UBJECT'"):
        "SUBJECT: stays in the set",
    ("cableformat/rules/tags.py", "<module>", "'SUBJECT:' -> 'UBJECT:'"):
        "SUBJECT stays in the set",
    ("cableformat/rules/tags.py", "tags_noise", "':' -> ''"):
        "(line of first + ':') TAGS and SUBJECT are in the set with and without the colon",
    ("cableformat/rules/tags.py", "tag_duplicate", "-2 -> -3"):
        "last starts below -1 either way: k == last + 1 cannot hold for the first item",
    # the -100 branch is dead: it runs only when the DECL date is on or before the cable
    # date, and 100 years earlier is earlier still, never after the cable date (issue 15)
    ("cableformat/rules/dates.py", "decl_date", "-100 -> -101"): "dead branch",
    # rules/reference.py (fid4-mutB): the parser's TAGS noise words (parser/fields.py
    # _TAG_NOISE) include these, so such an item has kind "noise" and is skipped before _NOISE
    ("cableformat/rules/reference.py", "<module>", "'SECRET' -> 'ECRET'"):
        "SECRET is a noise TAG item already (parser/fields.py _TAG_NOISE)",
    ("cableformat/rules/reference.py", "<module>", "'SUBJ' -> 'UBJ'"):
        "SUBJ is a noise TAG item already (parser/fields.py _TAG_NOISE)",
    ("cableformat/rules/body.py", "classified_by_keyword_variant", "'CLASSFIED' -> 'LASSFIED'"):
        "the grammar reads the keyword only as CLASSIFIED or CLASSFIED BY: a keyword holding "
        "LASSFIED holds CLASSFIED",
    # rules/registry.py (fid4-mutB)
    ("cableformat/rules/registry.py", "run_rules",
     "len(out) > MAX_PER_RULE -> len(out) >= MAX_PER_RULE"):
        "with exactly MAX_PER_RULE diagnostics no code exceeds the limit: cap_repeats returns "
        "its input unchanged",
    ("cableformat/parser/header.py", "HeaderParser._address_line",
     "'remove the PAGE fragment' -> 'emove the PAGE fragment'"):
        "the hint of H101 (passed by position, so the hint= rule does not skip it)",
    ("cableformat/rules/dates.py", "<module>",
     "'/(?P<section>[0-9]{1,3})\\\\b' -> '(?P<section>[0-9]{1,3})\\\\b'"):
        "dead code: dates._DE_SECTION is used nowhere (rules/sections.py has its own)",
    # _decl_token: the E.O. line starts with 'E.O.', so the DECL value is never at index 0
    ("cableformat/rules/dates.py", "_decl_token", "idx >= 0 -> idx > 0"):
        "the DECL value is never at index 0 of the E.O. line",
    ("cableformat/rules/dates.py", "_decl_token", "0 -> 1"):
        "searching from index 1 instead of 0 finds the same token (index 0 is 'E')",
    ("cableformat/parser/header.py", "_read_block", "k + 3 > n -> k + 3 >= n"):
        "with k + 3 == n there is no FM after the DTG: the FM test returns None just after",
    # performance bounds of the metadata-table search, not behaviour: the table's head line
    # is about 50 characters and comes within the first lines of a page
    ("cableformat/parser/header.py", "find_metadata", "len(clean) > 200 -> len(clean) >= 200"):
        "a bound far above any metadata head line",
    ("cableformat/parser/header.py", "find_metadata", "400 -> 401"):
        "a bound far below which every metadata table starts",
    ("cableformat/parser/header.py", "_block_tokens",
     "len(tokens) < _BLOCK_TOKENS -> len(tokens) <= _BLOCK_TOKENS"):
        "a safety bound: one token more on blocks of 400 words, which no real block has",
    ("cableformat/parser/header.py", "_routed_addressee", "9 -> 10"):
        "routing indicators are 4-8 characters; a slash at index 9 opens no addressee line",
    # rules/header.py: _RANK only orders the precedence letters (FLASH highest)
    ("cableformat/rules/header.py", "<module>", "4 -> 5"): "Z stays the highest rank",
    # rules/classification.py: _RANK orders levels; SBU and LOU rank 0 like UNCLASSIFIED, and
    # the banner (whose letter _PORTION_LETTER looks up) is never SBU or LOU
    ("cableformat/rules/classification.py", "<module>", "3 -> 4"):
        "TOP SECRET stays the highest rank",
    ("cableformat/rules/classification.py", "<module>", "'SBU' -> 'BU'"):
        "an (SBU) portion ranks 0 or -1 (unknown): never above a banner, never at a classified one",
    ("cableformat/rules/classification.py", "<module>", "'LOU' -> 'OU'"):
        "an (LOU) portion ranks 0 or -1 (unknown): never above a banner, never at a classified one",
    ("cableformat/rules/classification.py", "no_portion_of_level", "-1 -> -2"):
        "the level compared with is classified (rank 1 or more): -1 and -2 are both below it",
    ("cableformat/rules/classification.py", "sipdis_places", "end >= 0 -> end > 0"):
        "the newline after the banner is never at offset 0",
    ("cableformat/rules/refid.py", "<module>", "'SECSTATEWASHDC' -> 'ECSTATEWASHDC'"):
        "SECSTATE, also in the tuple, is a prefix of SECSTATEWASHDC",
    ("cableformat/rules/text.py", "portion_mark_malformed", "0 -> 1"):
        "a paragraph's portion mark follows its number: never at offset 0 of the text",
    # parser/annotation.py: both patterns are used with re.match, which anchors at the start
    ("cableformat/parser/annotation.py", "<module>",
     "'^\\\\s*[0-9]{1,3}(?:\\\\.|\\\\s|$)' -> '\\\\s*[0-9]{1,3}(?:\\\\.|\\\\s|$)'"):
        "re.match anchors",
    ("cableformat/parser/annotation.py", "<module>",
     "'^\\\\s*@{3,8}\\\\s*$' -> '\\\\s*@{3,8}\\\\s*$'"):
        "re.match anchors",
    # rules/syntax.py: a reader code's rule body calls a function that does nothing
    **{("cableformat/rules/syntax.py", fn, "delete: _reader_only(cable, emit)"):
       "_reader_only does nothing: the reader raises the code, the rule only documents it"
       for fn in ("binary_input", "empty_input", "csv_row_malformed", "empty_directory",
                  "no_such_file", "unreadable_file", "json_record_malformed")},
    ("cableformat/rules/refid.py", "banner_office_mismatch", "1 -> 2"):
        "office != parts[2] (a str against an int) is always true; the endswith test after it "
        "decides alone, and it is false whenever office == parts[1]",
    # parser/fields.py
    ("cableformat/parser/fields.py", "Joined.__init__", "delete: self.text = ''"):
        "text is read only after finish(), which sets it (parser/body.py)",
    ("cableformat/parser/fields.py", "_reference_at", "at + 60: Add -> Sub"):
        "an office in capitals is followed by its serial, never by the word in small letters "
        "that prose_at then requires: the reference test of a capital word decides nothing",
    ("cableformat/parser/fields.py", "_decl", "' ' -> ''"):
        "a spaced N / A missed by the first test is caught by the same test on the value",
    # parser/text_zone.py: is_plain_heading refuses a line whose first word is QUOTE or
    # UNQUOTE before it looks the whole line up in _NOT_HEADINGS
    ("cableformat/parser/text_zone.py", "<module>", "'QUOTE' -> 'UOTE'"):
        "a line that is only QUOTE is refused by its first word already",
    ("cableformat/parser/text_zone.py", "<module>", "'UNQUOTE' -> 'NQUOTE'"):
        "a line that is only UNQUOTE is refused by its first word already",
    # parser/lines.py
    ("cableformat/parser/lines.py", "Doc.__init__", "'\u00b6' -> ''"):
        "'' in text makes every text go through the markup pass, which leaves a line without "
        "markup as it is: slower, same lines",
    ("cableformat/parser/lines.py", "Doc.lines_holding", "-1 -> -2"):
        "past the last line the search ends either way (while pos >= 0)",
    ("cableformat/parser/body.py", "BodyParser._paragraphs", "'-----' -> '----'"):
        "drop_rules changes only runs of five rule characters or more (and bits beside them): "
        "a text with ---- and no ----- or ===== comes back as it was",
    ("cableformat/parser/lines.py", "Doc.field_on",
     "starts[k] <= start < starts[k + 1] -> starts[k] <= start >= starts[k + 1]"):
        "a fast path: span() finds the same line by bisection (tests/test_lines.py checks both)",
    # parser/blocks.py: bit 1 of held is never tested alone: a node's first line also gets
    # bit 4 (the node goes on) or, on one line, bit 1 from its last line
    ("cableformat/parser/blocks.py", "text_blocks", "delete: held[first] |= 1"):
        "the same line gets bit 1 from the node's last line or bit 4 from the covering loop",
}

_FLIP: dict[type, type] = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE,
    ast.LtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BOUNDARY: dict[type, type] = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
                               ast.GtE: ast.Gt}
_ARITH: dict[type, type] = {ast.Add: ast.Sub, ast.Sub: ast.Add}


@dataclass
class Mutant:
    """One change: the ``index``-th site of the module, at ``line``, described by ``what``."""

    index: int
    line: int
    function: str
    what: str


def _src(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."


class _Sites(ast.NodeTransformer):
    """Walks a module; lists mutation sites, or applies the one numbered ``apply``."""

    def __init__(self, apply: int | None = None) -> None:
        self.apply = apply
        self.count = 0
        self.found: list[Mutant] = []
        self.scope: list[str] = []

    # -- bookkeeping ------------------------------------------------------------------------
    def _site(self, node: ast.AST, what: str) -> bool:
        """Register a site; True when it is the one to apply now."""
        k = self.count
        self.count += 1
        if self.apply is None:
            scope = ".".join(self.scope) or "<module>"
            self.found.append(Mutant(k, getattr(node, "lineno", 0), scope, what))
        return k == self.apply

    def _scoped(self, node: ast.AST) -> ast.AST:
        self.scope.append(node.name)  # type: ignore[attr-defined]
        body = node.body  # type: ignore[attr-defined]
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            rest = body[1:]  # docstrings: rule docs are checked by other tests
            node.body = body[:1] + [self.visit(s) for s in rest]  # type: ignore[attr-defined]
            node.body = [s for s in node.body if s is not None]  # type: ignore[attr-defined]
        else:
            node.body = [s for s in (self.visit(s) for s in body)  # type: ignore[attr-defined]
                         if s is not None]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.args.defaults = [self.visit(d) for d in node.args.defaults]
        self.scope.pop()
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._scoped(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._scoped(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._scoped(node)

    # -- nothing inside these changes behaviour -------------------------------------------
    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        return node

    def visit_Import(self, node: ast.Import) -> ast.AST:
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return node  # message wording: checked by case files, not worth a mutant per piece

    # -- operators ---------------------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for k, op in enumerate(node.ops):
            for table in (_FLIP, _BOUNDARY):
                new = table.get(type(op))
                if new is None:
                    continue
                before = _src(node)
                if self._site(node, f"{before} -> {_with_op(node, k, new())}"):
                    node.ops[k] = new()
                    return node
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        name = "and -> or" if isinstance(node.op, ast.And) else "or -> and"
        if self._site(node, f"{name} in {_src(node)}"):
            node.op = other
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        new = _ARITH.get(type(node.op))
        if new is not None and not _is_str(node) and self._site(
                node, f"{_src(node)}: {type(node.op).__name__} -> {new.__name__}"):
            node.op = new()
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        operand = node.operand
        if isinstance(node.op, ast.USub) and isinstance(operand, ast.Constant) and isinstance(
                operand.value, int) and not isinstance(operand.value, bool):
            value = operand.value  # a negative literal: one site, named as written
            if self._site(node, f"-{value} -> -{value + 1}"):
                node.operand = ast.Constant(value + 1)
            return node
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._site(node, f"{_src(node)} -> drop not"):
            return node.operand
        return node

    def _negate_test(self, node: ast.If | ast.While | ast.IfExp) -> None:
        if self._site(node.test, f"negate: {_src(node.test)}"):
            node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)

    def visit_If(self, node: ast.If) -> ast.AST:
        self.generic_visit(node)
        self._negate_test(node)
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.test, ast.Constant) and node.test.value is True):
            self._negate_test(node)
        return node

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        self.generic_visit(node)
        self._negate_test(node)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._site(node, f"{value} -> {not value}"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int):
            if self._site(node, f"{value} -> {value + 1}"):
                return ast.copy_location(ast.Constant(value + 1), node)
        elif isinstance(value, str) and value and len(value) <= 40 and self._site(
                node, f"{value!r} -> {value[1:]!r}"):
            # the first character dropped: a word leaves a set, a guard string loses a letter
            return ast.copy_location(ast.Constant(value[1:]), node)
        return node

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        if node.arg == "hint":
            return node  # the advice given with a diagnostic: wording, not behaviour
        self.generic_visit(node)
        return node

    # -- statements --------------------------------------------------------------------------
    def _delete(self, node: ast.stmt) -> ast.AST:
        if self._site(node, f"delete: {_src(node)}"):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        if isinstance(node.value, ast.Constant):
            return node  # a bare string: documentation
        self.generic_visit(node)
        return self._delete(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        return self._delete(node)

    def visit_Continue(self, node: ast.Continue) -> ast.AST:
        return self._delete(node)

    def visit_Break(self, node: ast.Break) -> ast.AST:
        return self._delete(node)

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        # attribute stores (``h.partial = True``) can be deleted safely; a deleted local
        # would only raise NameError, which any test notices
        self.generic_visit(node)
        if len(node.targets) == 1 and isinstance(node.targets[0], (ast.Attribute,
                                                                   ast.Subscript)):
            return self._delete(node)
        return node


def _with_op(node: ast.Compare, k: int, op: ast.cmpop) -> str:
    twin = copy.deepcopy(node)
    twin.ops[k] = op
    return _src(twin)


def _is_str(node: ast.BinOp) -> bool:
    return any(isinstance(n, (ast.JoinedStr, ast.Constant)) and isinstance(
        getattr(n, "value", None), str) for n in (node.left, node.right))


def _skip_decorators(tree: ast.Module) -> None:
    """Rule registrations (``@rule("T002", ...)``) are checked by the registry tests."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node._decorators = node.decorator_list  # type: ignore[attr-defined]
            node.decorator_list = []


def _restore_decorators(tree: ast.Module) -> None:
    for node in ast.walk(tree):
        if hasattr(node, "_decorators"):
            node.decorator_list = node._decorators  # type: ignore[attr-defined]


def mutants(source: str) -> list[Mutant]:
    """Every mutation site of ``source`` (a module)."""
    tree = ast.parse(source)
    _skip_decorators(tree)
    sites = _Sites()
    sites.visit(tree)
    return sites.found


def mutate(source: str, index: int) -> str:
    """``source`` with mutation ``index`` applied (comments and layout are not kept)."""
    tree = ast.parse(source)
    _skip_decorators(tree)
    _Sites(apply=index).visit(tree)
    _restore_decorators(tree)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree)


def _workspace(root: Path) -> Path:
    """A copy of the worktree ``root`` (sources, tests, samples) to mutate in."""
    work = Path(tempfile.mkdtemp(prefix="mutation-"))
    ignore = shutil.ignore_patterns(".git", ".venv", ".hypothesis", ".pytest_cache",
                                    "*.egg-info", "__pycache__")
    for name in os.listdir(root):
        path = root / name
        if name in (".git", ".venv", ".hypothesis", ".pytest_cache"):
            continue
        if path.is_dir():
            shutil.copytree(path, work / name, ignore=ignore)
        else:
            shutil.copy2(path, work / name)
    return work


_TRACER = """
import sys, threading
target = sys.argv.pop(1)
out = sys.argv.pop(1)
seen = set()
def local(frame, event, arg):
    if event == 'line':
        seen.add(frame.f_lineno)
    return local
def glob(frame, event, arg):
    if frame.f_code.co_filename == target:
        seen.add(frame.f_lineno)
        return local
    return None
sys.settrace(glob); threading.settrace(glob)
import pytest
rc = pytest.main(sys.argv[1:])
sys.settrace(None)
open(out, 'w').write(' '.join(map(str, sorted(seen))))
sys.exit(rc)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HYPOTHESIS_PROFILE", "ci")
    env.setdefault("HYPOTHESIS_SEED", "0")  # the same examples for every mutant
    env.pop("CABLEFORMAT_CORPUS", None)  # a module's tests must not need the corpus
    return env


def _pytest(work: Path, tests: list[str]) -> list[str]:
    return ["nice", "-n", "10", sys.executable, "-m", "pytest", "-x", "-q",
            "-p", "no:cacheprovider", "--no-header", *tests]


def covered_lines(work: Path, module: str, tests: list[str]) -> tuple[set[int], float]:
    """Lines of ``module`` the tests execute (traced run on the unmutated, unparsed copy)."""
    out = work / "covered.txt"
    cmd = ["nice", "-n", "10", sys.executable, "-c", _TRACER, str(work / module), str(out),
           "-x", "-q", "-p", "no:cacheprovider", "--no-header", *tests]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=work, env=_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"the tests fail before any mutation:\n{proc.stdout[-3000:]}")
    # the traced run is slower than a plain one: time a plain run for the timeout
    t0 = time.monotonic()
    subprocess.run(_pytest(work, tests), cwd=work, env=_env(), capture_output=True)
    plain = time.monotonic() - t0
    return {int(x) for x in out.read_text().split()}, plain


def _pyc(work: Path, module: str) -> Iterator[Path]:
    path = work / module
    yield from (path.parent / "__pycache__").glob(path.stem + ".*.pyc")


def run_module(module: str, args: argparse.Namespace) -> tuple[int, int, int, list[str]]:
    """(killed, survived, allowed, survivor lines) for one module."""
    tests = args.tests or MODULE_TESTS.get(module)
    if not tests:
        sys.exit(f"{module}: no tests mapped (add it to MODULE_TESTS or pass --tests)")
    root = Path(args.root) if args.root else ROOT
    source = (root / module).read_text(encoding="utf-8")
    found = mutants(source)
    if args.sample and args.sample < len(found):
        found = sorted(random.Random(args.seed).sample(found, args.sample),
                       key=lambda m: m.index)
    carried: set[int] = set()
    if args.rerun:  # a previous -v log: its killed mutants stay killed (tests only get added)
        killed_before = _killed_in_log(Path(args.rerun))
        carried = {m.index for m in found if (m.line, m.what) in killed_before}
    if args.list:
        for m in found:
            print(f"{module}:{m.line}: {m.what} [{m.function}]")
        return 0, 0, 0, []
    work = _workspace(root)
    try:
        target = work / module
        target.write_text(ast.unparse(ast.parse(source)), encoding="utf-8")
        for pyc in _pyc(work, module):
            pyc.unlink()
        tests = [t for t in tests if (work / t).exists()]
        lines, plain = covered_lines(work, module, tests)
        timeout = max(30.0, 4 * plain)
        # line numbers of the unparsed copy differ from the source's: map by re-parsing
        unparsed = mutants(target.read_text(encoding="utf-8"))
        line_in_copy = {m.index: m.line for m in unparsed}
        killed = survived = allowed = 0
        survivors: list[str] = []
        t_start = time.monotonic()
        for n, m in enumerate(found, 1):
            key = (module, m.function, m.what)
            if m.index in carried:
                outcome, alive = "killed in the earlier run", False
            elif line_in_copy.get(m.index) not in lines:
                outcome = "not run (line never executed)"
                alive = True
            else:
                target.write_text(mutate(source, m.index), encoding="utf-8")
                for pyc in _pyc(work, module):
                    pyc.unlink()
                try:
                    proc = subprocess.run(_pytest(work, tests), cwd=work, env=_env(),
                                          capture_output=True, timeout=timeout)
                    alive = proc.returncode == 0
                    outcome = "survived"
                except subprocess.TimeoutExpired:
                    alive, outcome = False, "timed out"
            if not alive:
                killed += 1
            elif key in ALLOWED:
                allowed += 1
            else:
                survived += 1
                survivors.append(f"{module}:{m.line}: {m.what} [{m.function}] ({outcome})")
            if args.verbose:
                print(f"  [{n}/{len(found)}] {'survived' if alive else 'killed'}: "
                      f"{m.line}: {m.what}", flush=True)
        elapsed = time.monotonic() - t_start
        print(f"# {module}: {len(found)} mutants in {elapsed:.0f} s", file=sys.stderr)
        return killed, survived, allowed, survivors
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _killed_in_log(path: Path) -> set[tuple[int, str]]:
    """(line, mutation) of the mutants a ``-v`` log reports killed."""
    out = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        _, sep, rest = raw.partition("] killed: ")
        if sep:
            line, _, what = rest.partition(": ")
            out.add((int(line), what))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module paths, e.g. cableformat/rules/tags.py")
    parser.add_argument("--tests", nargs="*", help="test files (default: MODULE_TESTS)")
    parser.add_argument("--sample", type=int, default=0, help="run N random mutants only")
    parser.add_argument("--seed", type=int, default=0, help="seed of --sample")
    parser.add_argument("--root", help="tree to test (default: this checkout); e.g. an older "
                        "commit unpacked with git archive, for a before/after score")
    parser.add_argument("--rerun", help="a -v log of an earlier run of the same mutants: run "
                        "only the mutants it did not kill (after adding tests)")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    parser.add_argument("--fail-under", type=float, default=0.0,
                        help="exit 1 when a module's score (%%) is below this")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    status = 0
    for module in args.modules:
        killed, survived, allowed, survivors = run_module(module, args)
        if args.list:
            continue
        for line in survivors:
            print(line)
        scored = killed + survived
        score = 100.0 * killed / scored if scored else 100.0
        sample = f" (sample {args.sample}, seed {args.seed})" if args.sample else ""
        print(f"{module}: {score:.0f}% killed {killed}/{scored}, {allowed} equivalent "
              f"allowed{sample}", flush=True)
        if score < args.fail_under:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
