"""A wide follow-up workbook shaped like the ARS teams keep them, built from the example
long data: a merged title row, grouped headers over merged cells, units in headers, rates
typed between 0 and 1, one sheet per year, a totals row and an unmapped remarks column."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import openpyxl

from tests.conftest import RACINE

EXEMPLES = RACINE / "examples"
FICHES = ("CPOM_OS_1", "CPOM_OS_8")
# column letter → (fiche, variable or role, row-3 header)
COLONNES = {
    "C": ("CPOM_OS_1", "professionnels_formes", "Professionnels formés\n(nombre)"),
    "D": ("CPOM_OS_1", "professionnels_total", "Effectif total (nombre)"),
    "E": ("CPOM_OS_1", "commentaire", "Commentaire"),
    "F": ("CPOM_OS_1", "preuves", "Preuves fournies"),
    "G": ("CPOM_OS_8", "projets_coconstruits", "Projets co-construits (nombre)"),
    "H": ("CPOM_OS_8", "projets_total", "Projets du PE (nombre)"),
    "I": ("CPOM_OS_8", "cible_choisie", "Cible choisie (%, saisie 0-1)"),
    "J": ("CPOM_OS_8", "preuves", "Preuves fournies"),
}


def lignes_exemple(nombre: int) -> list[dict[str, str]]:
    """The example long rows of `FICHES` for the first `nombre` establishments."""
    with (EXEMPLES / "etablissements.csv").open(encoding="utf-8") as flux:
        finess = [r["finess"] for r in csv.DictReader(flux, delimiter=";")][:nombre]
    with (EXEMPLES / "mesures.csv").open(encoding="utf-8") as flux:
        return [
            r
            for r in csv.DictReader(flux, delimiter=";")
            if r["finess"] in finess and r["indicateur"] in FICHES
        ]


def ecrire_suivi(chemin: Path, lignes: list[dict[str, str]]) -> Path:
    """Write the follow-up workbook holding `lignes` (see the module docstring)."""
    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)  # type: ignore[arg-type]
    annees = sorted({int(r["annee"]) for r in lignes})
    finess = list(dict.fromkeys(r["finess"] for r in lignes))
    for annee in annees:
        feuille = classeur.create_sheet(f"Suivi {annee}")
        feuille["A1"] = f"Suivi des CPOM — ARS Occitanie — données {annee}"
        feuille.merge_cells("A1:K1")
        feuille["C2"] = "Formation santé environnementale (CPOM_OS_1)"
        feuille.merge_cells("C2:F2")
        feuille["G2"] = "Usagers co-construction (CPOM_OS_8)"
        feuille.merge_cells("G2:J2")
        feuille["A3"], feuille["B3"], feuille["K3"] = "N° FINESS", "Établissement", "Remarques ARS"
        for lettre, (_, _, titre) in COLONNES.items():
            feuille[f"{lettre}3"] = titre
        for i, numero in enumerate(finess, start=4):
            feuille[f"A{i}"] = numero
            feuille[f"B{i}"] = f"Établissement {numero}"
            for r in lignes:
                if r["finess"] != numero or int(r["annee"]) != annee:
                    continue
                for lettre, (fiche, variable, _) in COLONNES.items():
                    if (fiche, variable) == (r["indicateur"], r["variable"]) and r["valeur"]:
                        feuille[f"{lettre}{i}"] = _cellule(r["valeur"], variable)
                    if fiche == r["indicateur"] and variable == "preuves" and r["preuves"]:
                        feuille[f"{lettre}{i}"] = r["preuves"]
        total = len(finess) + 4
        feuille[f"B{total}"] = "Total région"
        # Excel would cache the value of =SUM(…); openpyxl writes none, so write the number.
        feuille[f"D{total}"] = sum(
            int(r["valeur"])
            for r in lignes
            if int(r["annee"]) == annee and r["variable"] == "professionnels_total" and r["valeur"]
        )
    classeur.save(chemin)
    return chemin


def _cellule(valeur: str, variable: str) -> object:
    """What an analyst types: numbers as numbers, a chosen rate as a fraction of one."""
    nombre = Fraction(valeur.replace(",", "."))
    if variable == "cible_choisie":
        return float(nombre / 100)
    return int(nombre) if nombre.denominator == 1 else float(nombre)


LECTURE = """\
feuilles: ["Suivi \\\\d{4}"]
annee_feuille: "(?P<annee>\\\\d{4})"
lignes_entete: [2, 3]
finess: N° FINESS
ignorer: [Établissement]
colonnes:
  - motif: "CPOM_OS_1.*formés"
    indicateur: CPOM_OS_1
    variable: professionnels_formes
  - motif: "CPOM_OS_1.*Effectif total"
    indicateur: CPOM_OS_1
    variable: professionnels_total
  - motif: "CPOM_OS_1.*Commentaire"
    indicateur: CPOM_OS_1
    role: commentaire
  - motif: "CPOM_OS_1.*Preuves"
    indicateur: CPOM_OS_1
    role: preuves
  - motif: "CPOM_OS_8.*co-construits"
    indicateur: CPOM_OS_8
    variable: projets_coconstruits
  - motif: "CPOM_OS_8.*Projets du PE"
    indicateur: CPOM_OS_8
    variable: projets_total
  - motif: "CPOM_OS_8.*Cible choisie"
    indicateur: CPOM_OS_8
    variable: cible_choisie
    facteur: 100
  - motif: "CPOM_OS_8.*Preuves"
    indicateur: CPOM_OS_8
    role: preuves
"""
