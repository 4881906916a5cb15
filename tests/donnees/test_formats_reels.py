"""Formats as Excel and exports write them (issue #10 Why 14, item 6): one committed fixture
per real-world format in tests/fichiers_reels (written by its generer.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cpom_rules import Catalogue, ErreurDonnees, load_dataset
from cpom_rules.donnees.lecture import lire_csv, read_table
from cpom_rules.formules.colonnes import Absence, Dates, Nombres
from cpom_rules.messages import rendre
from tests.conftest import RACINE

ICI = RACINE / "tests" / "fichiers_reels"
ETABLISSEMENTS = RACINE / "examples" / "etablissements.csv"


def _codes(table_ou_erreur: object) -> list[str]:
    return [p.code for p in getattr(table_ou_erreur, "problemes", [])]


@pytest.mark.parametrize(
    "fichier",
    [
        "excel_sep.csv",
        "excel_texte_unicode.txt",
        "colonnes_vides.csv",
        "utf8_un_octet_cp1252.csv",
    ],
)
def test_les_deux_mesures_lues_avec_leur_ligne(fichier: str, catalogue: Catalogue) -> None:
    donnees = load_dataset(catalogue, ETABLISSEMENTS, ICI / fichier)
    assert not [p for p in donnees.problemes if p.code == "ligne_malformee"]
    e = donnees.index_etablissement("340780477")
    a = donnees.index_annee(2025)
    for variable, valeur in (("professionnels_formes", 57), ("professionnels_total", 570)):
        colonne = donnees.variables[("CPOM_OS_1", variable)].colonne
        assert isinstance(colonne, Nombres)
        assert colonne.fraction((e, a)) == valeur


def test_sep_excel_numerote_les_lignes_du_fichier() -> None:
    table = read_table(ICI / "excel_sep.csv")
    assert list(table.lignes) == [3, 4] and set(table.entetes) >= {"finess", "valeur"}


def test_sep_sans_indication_reste_une_erreur_nommee() -> None:
    brut = b"sep=;\nfiness;lits\n340780477;600\n"
    assert list(lire_csv(brut, "e.csv").colonnes) == ["finess", "lits"]


def test_utf16_sans_caractere_nul_dans_les_entetes() -> None:
    table = read_table(ICI / "excel_texte_unicode.txt")
    assert all("\x00" not in nom for nom in table.entetes.values())


def test_encodage_mixte_nomme_la_ligne_et_l_octet() -> None:
    table = read_table(ICI / "utf8_un_octet_cp1252.csv")
    assert list(table.colonnes["commentaire"]) == ["CHU de Nîmes", "CHU de Nîmes"]
    [p] = table.problemes
    assert p.code == "encodage_mixte" and p.lignes == (3,) and "0xEE" in p.message


def test_windows_1252_entier_lu_avec_un_avertissement() -> None:
    table = read_table(ICI / "windows_1252.csv")
    assert "N° FINESS" in table.entetes.values()
    assert _codes(table) == ["encodage_latin1"]


def test_colonnes_vides_en_fin_ignorees_avec_une_note() -> None:
    table = read_table(ICI / "colonnes_vides.csv")
    assert _codes(table) == ["colonnes_vides_ignorees"]
    assert "colonne_en_double" not in _codes(table)


def test_fichier_d_en_tete_seul_ou_mauvais_en_tete_en_erreur(catalogue: Catalogue) -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        lire_csv(b"numero;code;an\n", "m.csv")
    assert _codes(erreur.value) == ["table_sans_ligne"]
    with pytest.raises(ErreurDonnees) as erreur:
        load_dataset(catalogue, ETABLISSEMENTS, [{"numero": 1, "code": "x"}])
    assert "colonne_manquante" in _codes(erreur.value)


def test_xlsx_pourcentage_lu_pour_un_taux(catalogue: Catalogue) -> None:
    donnees = load_dataset(catalogue, ETABLISSEMENTS, ICI / "pourcentages.xlsx")
    colonne = donnees.variables[("CPOM_OS_19", "cible_taux_eig")].colonne
    assert isinstance(colonne, Nombres)
    e, a = donnees.index_etablissement("340780477"), donnees.index_annee(2025)
    assert colonne.fraction((e, a)) == 57


def test_xlsx_dates_cellule_et_numero_de_serie(catalogue: Catalogue) -> None:
    donnees = load_dataset(catalogue, ETABLISSEMENTS, ICI / "dates.xlsx")
    e, a = donnees.index_etablissement("340780477"), donnees.index_annee(2025)
    epoque = dt.date(1970, 1, 1)
    for variable, jour in (("date_maj_pgthsse", 14), ("date_maj_pca", 15)):
        colonne = donnees.variables[("CPOM_OS_17", variable)].colonne
        assert isinstance(colonne, Dates)
        assert colonne.absence[e, a] == Absence.AUCUNE
        assert int(colonne.jours[e, a]) == (dt.date(2025, 3, jour) - epoque).days


def test_xlsx_formule_sans_valeur_signalee(catalogue: Catalogue) -> None:
    donnees = load_dataset(catalogue, ETABLISSEMENTS, ICI / "formules.xlsx")
    [p] = [p for p in donnees.problemes if p.code == "formule_sans_valeur"]
    assert p.lignes == (3,) and "=E2*10" in p.message and p.niveau == "erreur"


def test_xlsx_cellule_egaree_rapide_et_signalee() -> None:
    table = read_table(ICI / "cellule_egaree.xlsx")
    assert _codes(table) == ["cellule_hors_entete"] and list(table.lignes) == [2]


# --- invisible characters named -------------------------------------------------------------------
def test_espace_de_largeur_nulle_nomme(catalogue: Catalogue, tmp_path: Path) -> None:
    mesures = tmp_path / "m.csv"
    mesures.write_text(
        "finess;indicateur;annee;variable;valeur\n"
        "3407\u200b80477;CPOM_OS_1;2025;professionnels_formes;57\n"
        "340780477;CPOM_OS_1;2025;professionnels\u200b_total;570\n",
        encoding="utf-8",
    )
    donnees = load_dataset(catalogue, ETABLISSEMENTS, mesures)
    finess = next(p for p in donnees.problemes if p.code == "finess_donnees")
    assert "U+200B (espace de largeur nulle) en position 5" in finess.message
    variable = next(p for p in donnees.problemes if p.code == "variable_inconnue")
    assert "U+200B" in variable.texte() and "professionnels_total" in variable.texte()


def _conseils_en_anglais(catalogue: Catalogue, tmp_path: Path, lignes: str) -> dict[str, str]:
    mesures = tmp_path / "m.csv"
    mesures.write_text("finess;indicateur;annee;variable;valeur\n" + lignes, encoding="utf-8")
    donnees = load_dataset(catalogue, ETABLISSEMENTS, mesures)
    return {p.code: rendre(p.code, dict(p.params), "en")[1] for p in donnees.problemes}


def test_conseils_ecrits_en_anglais_pas_traduits(catalogue: Catalogue, tmp_path: Path) -> None:
    """The English hints of unknown names are catalogue phrases written in English (issue #10:
    no sentence translated by string replacement), invisible characters included."""
    conseils = _conseils_en_anglais(
        catalogue,
        tmp_path,
        "340780477;CPOM_OS_1;2025;professionnels\u200b_total;570\n"
        "340780477;CPOM_OS_01;2025;professionnels_total;570\n",
    )
    assert conseils["variable_inconnue"] == (
        "invisible character U+200B (zero width space) at position 15 ; "
        "did you mean « professionnels_total » ?"
    )
    assert conseils["indicateur_inconnu"] == "did you mean « CPOM_OS_1 » ?"


def test_variables_de_la_fiche_en_anglais(catalogue: Catalogue, tmp_path: Path) -> None:
    conseils = _conseils_en_anglais(catalogue, tmp_path, "340780477;CPOM_OS_1;2025;zzz;1\n")
    variables = sorted(catalogue.regles.fiches["CPOM_OS_1"].fiche.variables)
    assert conseils["variable_inconnue"] == f"fiche variables: {', '.join(variables)}"
