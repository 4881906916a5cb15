"""Write the real-world format fixtures of this folder (run once; the files are committed).

One file per way spreadsheets and exports write a measures table, each holding the same
two OS_1 measures for the CHU de Montpellier (and, for xlsx, the cells of their kind)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ICI = Path(__file__).resolve().parent
ENTETE = ["finess", "indicateur", "annee", "variable", "valeur"]
LIGNES = [
    ["340780477", "CPOM_OS_1", "2025", "professionnels_formes", "57"],
    ["340780477", "CPOM_OS_1", "2025", "professionnels_total", "570"],
]


def _csv(separateur: str, lignes: list[list[str]] = LIGNES) -> str:
    return "\r\n".join(separateur.join(r) for r in [ENTETE, *lignes]) + "\r\n"


def textes() -> None:
    (ICI / "excel_sep.csv").write_text("sep=,\r\n" + _csv(","), encoding="utf-8")
    (ICI / "excel_texte_unicode.txt").write_bytes(b"\xff\xfe" + _csv("\t").encode("utf-16-le"))
    raison = [["340780477", "CPOM_OS_1", "2025", "professionnels_formes", "57"]]
    (ICI / "windows_1252.csv").write_bytes(
        _csv(";", raison).replace("finess", "N° FINESS").encode("cp1252")
    )
    mixte = (
        b"finess;indicateur;annee;variable;valeur;commentaire\r\n"
        + ";".join([*LIGNES[0], "CHU de Nîmes"]).encode()
        + b"\r\n"
        + ";".join([*LIGNES[1], "CHU de Nîmes"]).encode("cp1252")
        + b"\r\n"
    )
    (ICI / "utf8_un_octet_cp1252.csv").write_bytes(mixte)
    (ICI / "colonnes_vides.csv").write_text(
        "\r\n".join(";".join([*r, "", "", ""]) for r in [ENTETE, *LIGNES]) + "\r\n",
        encoding="utf-8",
    )


def classeurs() -> None:
    import openpyxl

    def classeur(
        nom: str, lignes: list[list[object]], formats: dict[str, str] | None = None
    ) -> None:
        livre = openpyxl.Workbook()
        feuille = livre.active
        for ligne in [ENTETE, *lignes]:
            feuille.append(ligne)
        for cellule, format_ in (formats or {}).items():
            feuille[cellule].number_format = format_
        if nom == "cellule_egaree.xlsx":
            feuille["XFD1048576"] = "égarée"
        livre.save(ICI / nom)

    classeur(
        "pourcentages.xlsx",
        [["340780477", "CPOM_OS_19", 2025, "cible_taux_eig", 0.57]],
        {"E2": "0%"},
    )
    classeur(
        "dates.xlsx",
        [
            ["340780477", "CPOM_OS_17", 2025, "date_maj_pgthsse", dt.datetime(2025, 3, 14)],
            ["340780477", "CPOM_OS_17", 2025, "date_maj_pca", 45731],  # a serial: 2025-03-15
        ],
        {"E2": "dd/mm/yyyy"},
    )
    classeur(
        "formules.xlsx",
        [
            ["340780477", "CPOM_OS_1", 2025, "professionnels_formes", 57],
            ["340780477", "CPOM_OS_1", 2025, "professionnels_total", "=E2*10"],
        ],
    )
    classeur("cellule_egaree.xlsx", [[*LIGNES[0][:2], 2025, *LIGNES[0][3:]]])


if __name__ == "__main__":
    textes()
    classeurs()
