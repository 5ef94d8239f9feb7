"""Writers: turn checked cables into reports (``report``) and other formats."""

# Conversion formats of ``cableformat convert`` (see :class:`Writer`); the format modules
# are imported on first use, so that reporting does not pay for them.

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cableformat.model import Cable


@dataclass(frozen=True, slots=True)
class Writer:
    """One output format: its name, file extension and the function rendering a cable."""

    name: str
    extension: str
    module: str
    function: str
    description: str

    def render(self, cable: Cable) -> str:
        """The cable in this format (CSV: header row and the cable's row)."""
        func = getattr(importlib.import_module(self.module), self.function)
        return func(cable)


#: Conversion formats by name, in help order.
WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer("json", ".json", "cableformat.writers.json", "to_json",
               "the full model as JSON (schemas/cable.schema.json)"),
        Writer("xml", ".xml", "cableformat.writers.xml", "to_xml",
               "the full model as XML (schemas/cable.xsd)"),
        Writer("tei", ".tei.xml", "cableformat.writers.tei", "to_tei", "TEI P5 (tei_all)"),
        Writer("csv", ".csv", "cableformat.convert", "csv_text", "one row per cable"),
        Writer("text", ".txt", "cableformat.writers.text", "to_text",
               "the cable text back, byte for byte"),
    )
}
