"""The rule set: one function per rule, grouped by family, registered in :data:`RULES`."""

from cableformat.rules.registry import (
    RULES,
    Context,
    Emitter,
    Rule,
    iter_codes,
    rule,
    run_rules,
    select_rules,
)

__all__ = ["RULES", "Context", "Emitter", "Rule", "iter_codes", "rule", "run_rules", "select_rules"]

# Importing the family modules registers their rules.
from cableformat.rules import families as _families  # noqa: F401
