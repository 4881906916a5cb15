"""ADVERSARIAL E.38: a million rows of valid data are read and validated within a budget,
through the C reader, every row ending in a grid cell."""

from __future__ import annotations

import time
from pathlib import Path

from cpom_rules import load_dataset
from cpom_rules.donnees.lecture import read_table
from cpom_rules.donnees.tables import ColonneTexte
from cpom_rules.finess import avec_cle
from tests.evaluation.fabrique import CODE, une_mesure

ANNEES = range(2024, 2030)


def test_e38_un_million_de_lignes(tmp_path: Path) -> None:
    nombre = 1_000_002 // len(ANNEES)
    finess = [avec_cle(f"{10_000_000 + i:08d}") for i in range(nombre)]
    etablissements = tmp_path / "e.csv"
    etablissements.write_text(
        "finess;lits\n" + "".join(f"{f};600\n" for f in finess), encoding="utf-8"
    )
    mesures = tmp_path / "m.csv"
    mesures.write_text(
        "finess;indicateur;annee;variable;valeur\n"
        + "".join(f"{f};{CODE};{a};x;{i % 97},5\n" for i, f in enumerate(finess) for a in ANNEES),
        encoding="utf-8",
    )
    debut = time.monotonic()
    table = read_table(mesures)
    assert isinstance(table.colonne("valeur"), ColonneTexte)  # the C reader took it
    donnees = load_dataset(une_mesure({"type": "seuil", "min": 10}), etablissements, table)
    duree = time.monotonic() - debut
    assert len(table) == nombre * len(ANNEES) >= 1_000_000
    assert not [p for p in donnees.problemes if p.niveau == "erreur"]
    grille = donnees.variables[(CODE, "x")]
    assert int((grille.lignes > 0).sum()) == len(table)  # every row in a cell
    assert duree < 60, duree  # ~3 s on an idle 2-core machine; the budget allows a busy one
