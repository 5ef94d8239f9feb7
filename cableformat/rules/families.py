"""Imports every rule family module so that its rules register themselves."""

from importlib import import_module

FAMILIES = (
    "syntax",
    "refid",
    "header",
    "dates",
    "sections",
    "classification",
    "authority",
    "body",
    "text",
    "tags",
    "refs",
    "reference",
    "pages",
)

for _name in FAMILIES:
    import_module(f"cableformat.rules.{_name}")
