"""Datasets: read raw tables (I/O) and validate them against a catalogue (pure)."""

from __future__ import annotations

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.donnees.lecture import SourceTable, read_table
from cpom_rules.donnees.nombres import Convention
from cpom_rules.donnees.validation import validate_dataset


def load_dataset(
    catalogue: Catalogue,
    etablissements: SourceTable,
    mesures: SourceTable,
    *,
    reparer_finess: bool = False,
    decimale: Convention = None,
) -> Donnees:
    """Read both tables (paths, records, DataFrames…) and validate them against `catalogue`.

    `reparer_finess=True` restores a FINESS whose leading zero a spreadsheet dropped (each
    repair is reported); by default such a number is rejected with a hint. `decimale`
    (``","`` or ``"."``) declares the files' decimal mark (see `read_table`).
    """
    return validate_dataset(
        catalogue,
        read_table(etablissements, "etablissements", decimale=decimale),
        read_table(mesures, "mesures", decimale=decimale),
        reparer_finess=reparer_finess,
    )


__all__ = ["Donnees", "load_dataset", "read_table", "validate_dataset"]
