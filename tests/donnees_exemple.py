"""A small, hand-written dataset over the shipped fiches OS_1 and OS_12, for CLI and output tests."""

from __future__ import annotations

import csv
from pathlib import Path

ETABLISSEMENTS = [
    {
        "finess": "340780477",
        "raison_sociale": "CHU de Montpellier",
        "categorie": "CHU",
        "statut": "public",
        "lits": "2600",
        "departement": "34",
        "ght": "GHT Est-Hérault",
        "activites": "MCO|imagerie",
        "engage_sante_environnementale": "oui",
        "engage_produits_ecoresponsables": "non",
        "engage_communication_rh": "oui",
    },
    {
        "finess": "010000024",
        "raison_sociale": '=HYPERLINK("http://x")',
        "categorie": "CH",
        "statut": "public",
        "lits": "300",
        "departement": "11",
        "ght": "GHT Aude",
        "activites": "MCO",
        "engage_sante_environnementale": "non",
        "engage_produits_ecoresponsables": "non",
        "engage_communication_rh": "non",
    },
]


def _m(finess: str, fiche: str, annee: int, variable: str, valeur: str) -> dict[str, str]:
    return {
        "finess": finess,
        "indicateur": fiche,
        "annee": str(annee),
        "variable": variable,
        "valeur": valeur,
        "commentaire": "",
        "preuves": "",
    }


MESURES = [
    _m("340780477", "CPOM_OS_1", 2025, "professionnels_formes", "57"),
    _m("340780477", "CPOM_OS_1", 2025, "professionnels_total", "570"),
    _m("340780477", "CPOM_OS_1", 2026, "professionnels_formes", "149"),
    _m("340780477", "CPOM_OS_1", 2026, "professionnels_total", "1 000"),
    _m("010000024", "CPOM_OS_1", 2025, "professionnels_formes", "0"),
    _m("010000024", "CPOM_OS_1", 2025, "professionnels_total", "0"),
    *[
        _m("340780477", "CPOM_OS_12", a, v, x)
        for a, x in ((2024, "740"), (2025, "762"), (2026, "801"))
        for v in ("nb_mammographies_bilaterales",)
    ],
    *[
        _m("340780477", "CPOM_OS_12", a, v, "0")
        for a in (2024, 2025, 2026)
        for v in ("nb_mammographies_depistage", "nb_mammographies_unilaterales")
    ],
    *[
        _m("340780477", "CPOM_OS_12", a, "nb_echographies", x)
        for a, x in ((2024, "100"), (2025, "90"), (2026, "120"))
    ],
]


def ecrire(dossier: Path) -> tuple[Path, Path]:
    """Write both tables as `;`-separated CSV files in `dossier`."""
    chemins = (dossier / "etablissements.csv", dossier / "mesures.csv")
    for chemin, lignes in zip(chemins, (ETABLISSEMENTS, MESURES), strict=True):
        with chemin.open("w", encoding="utf-8", newline="") as fichier:
            ecrivain = csv.DictWriter(fichier, fieldnames=list(lignes[0]), delimiter=";")
            ecrivain.writeheader()
            ecrivain.writerows(lignes)
    return chemins
