"""The writer of each output format, chosen by the output's extension (imported only when
asked: the workbook, report and JSON writers bring their own dependencies)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from cpom_rules.cli.textes import erreur
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.messages import Langue


def ecrivain(extension: str, langue: Langue) -> Callable[[Resultats, Path], None]:
    """``write_…(resultats, chemin)`` of the format of `extension`, in `langue`."""
    if extension == ".json":
        from cpom_rules.render.export_json import write_json  # noqa: PLC0415

        return functools.partial(write_json, langue=langue)
    if extension == ".csv":
        from cpom_rules.render.export_csv import write_csv  # noqa: PLC0415

        return functools.partial(write_csv, langue=langue)
    if extension in (".html", ".htm"):
        from cpom_rules.render.html import write_html  # noqa: PLC0415

        return functools.partial(write_html, langue=langue)
    if extension == ".xlsx":
        from cpom_rules.render.excel import write_excel  # noqa: PLC0415

        return functools.partial(write_excel, langue=langue)
    raise erreur("format_inconnu", extension=extension or "—")
