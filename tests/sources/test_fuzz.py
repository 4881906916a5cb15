"""Each reader fuzzed with random cell contents: never a crash, and every value either
read exactly or named by a problem (its line or its cell)."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from cpom_rules import Catalogue, load_dataset
from cpom_rules.donnees.valeurs import est_manquant, lecteur, lire_nombre
from cpom_rules.sources.extrait_finess import parse_finess
from cpom_rules.sources.formulaire import plan_formulaires
from cpom_rules.sources.formulaire_xlsx import write_formulaires
from cpom_rules.sources.lecture import Lecture
from cpom_rules.sources.referentiel import Lits
from cpom_rules.sources.retour import read_formulaires
from cpom_rules.sources.sae import read_sae
from cpom_rules.sources.tableur_large import read_wide
from tests.sources.classeurs import EXEMPLES

lire_entier = lecteur("entier")
REGLAGES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# What people and tools put in cells: numbers in every spelling, markers, junk, formulas.
TEXTES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "ND", "NA", "-", "12,5", "1 234,5", "0,125", "12 %", "-3", "1e3", "nan",
                     "inf", "=1+1", "oui", "2025-01-01", "01/02/2025", " 42 ", "007", "3.0"]),
    st.decimals(min_value=-10, max_value=10**6, allow_nan=False, places=3).map(str),
    st.integers(min_value=-5, max_value=10**7).map(str),
)  # fmt: skip

# A quoted line break makes a row span two lines; rows are then named by their first line,
# which this test's line arithmetic does not follow: one-line cells here.
UNE_LIGNE = TEXTES.map(lambda t: t.replace("\n", " ").replace("\r", " "))


@REGLAGES
@given(st.lists(st.lists(TEXTES, max_size=34), max_size=12))
def test_finess_extract_every_structure_line_is_a_site_or_a_problem(
    lignes: list[list[str]],
) -> None:
    # A line break inside a field would make two lines: each is reported, but not counted here.
    corps = [
        ";".join(["structureet", *champs]).replace("\n", " ").replace("\r", " ")
        for champs in lignes
    ]
    texte = "finess;etalab;98;2026-05-12\n" + "\n".join(c.replace('"', "") for c in corps)
    extrait = parse_finess(texte, "x.csv")
    structures = sum(1 for c in corps if c.replace('"', "").lower().startswith("structureet"))
    lignes_problemes = {p.ligne for p in extrait.problemes}
    assert len(extrait.sites) + len(lignes_problemes) == structures
    assert all(s.ligne not in lignes_problemes for s in extrait.sites)


@REGLAGES
@given(st.lists(st.tuples(UNE_LIGNE, UNE_LIGNE), min_size=1, max_size=10))
def test_sae_every_bed_count_is_added_exactly_or_reported(
    tmp_path: Path, valeurs: list[tuple[str, str]]
) -> None:
    flux = io.StringIO()
    ecrivain = csv.writer(flux, delimiter=";")
    ecrivain.writerow(["BOR", "AN", "FI", "RS", "FI_EJ", "LIT_MCO", "PLA_MCO"])
    sites = ["310783048", "310780259", "340780477", "110780020", "090780024", "120780028",
             "300780020", "310003348", "310004452", "320780026"]  # fmt: skip
    for (lits, places), site in zip(valeurs, sites, strict=False):
        ecrivain.writerow(["MCO", "2024", site, "X", "310781406", lits, places])
    chemin = tmp_path / "sae.csv"
    chemin.write_text(flux.getvalue(), encoding="utf-8")
    tables = read_sae(
        [chemin], Lits(definition="lits_et_places", lits=("LIT_MCO",), places=("PLA_MCO",))
    )
    signales = {(p.ligne, dict(p.params).get("colonne_sae")) for p in tables.problemes}
    for ligne, ((lits, places), site) in enumerate(zip(valeurs, sites, strict=False), start=2):
        capacite = tables.capacites[(site, 2024)]
        for colonne, brut, total in (
            ("LIT_MCO", lits, capacite.lits),
            ("PLA_MCO", places, capacite.places),
        ):
            lu = lire_entier(brut)
            if (ligne, colonne) in signales:
                assert capacite.invalide and lu.erreur is not None  # never a partial sum
            elif lu.manquant:
                assert total == 0
            else:
                assert total == lu.valeur
                assert any(s.endswith(f"{colonne}={total}") for s in capacite.sources)


LECTURE = Lecture.model_validate(
    {
        "annee_feuille": "(?P<annee>\\d{4})",
        "finess": "finess",
        "colonnes": [
            {"entete": "formes", "indicateur": "CPOM_OS_1", "variable": "professionnels_formes"},
            {
                "entete": "cible",
                "indicateur": "CPOM_OS_8",
                "variable": "cible_choisie",
                "facteur": 100,
            },
        ],
    }
)


@REGLAGES
@given(st.lists(st.tuples(TEXTES, TEXTES), min_size=1, max_size=8))
def test_wide_reader_reads_every_cell_exactly_or_reports_it(
    catalogue: Catalogue, tmp_path: Path, cellules: list[tuple[str, str]]
) -> None:
    finess = ["310781406", "340780477", "300780038", "657820254", "091459800", "091874743",
              "093972263", "110780020"]  # fmt: skip
    chemin = tmp_path / "suivi 2025.csv"
    with chemin.open("w", encoding="utf-8", newline="") as flux:
        ecrivain = csv.writer(flux, delimiter=";")
        ecrivain.writerow(["finess", "formes", "cible"])
        for numero, (formes, cible) in zip(finess, cellules, strict=False):
            ecrivain.writerow([numero, formes, cible])
    lues = read_wide(LECTURE, [chemin])
    donnees = lues.load(
        catalogue.restreindre(["CPOM_OS_1", "CPOM_OS_8"]), EXEMPLES / "etablissements.csv"
    )
    signalees = {c.strip() for p in donnees.problemes if p.chemin for c in p.chemin.split(",")}
    a = donnees.index_annee(2025)
    for ligne, (numero, (formes, cible)) in enumerate(zip(finess, cellules, strict=False), start=2):
        e = donnees.index_etablissement(numero)
        for lettre, brut, cle, facteur in (("B", formes, ("CPOM_OS_1", "professionnels_formes"), 1),
                                           ("C", cible, ("CPOM_OS_8", "cible_choisie"), 100)):  # fmt: skip
            cellule = f"suivi 2025!{lettre}{ligne}"
            if est_manquant(brut) or cellule in signalees:
                continue
            grille = donnees.variables[cle].colonne
            obtenu = Fraction(int(grille.num[e, a]), int(grille.den[e, a]))  # type: ignore[attr-defined]
            # A spelling ambiguous alone (« 1.000 ») is settled by the decimal mark the
            # file's other cells use: it must then be one of its two readings.
            lectures = {
                lu.valeur * facteur
                for convention in (None, ",", ".")
                if isinstance((lu := lire_nombre(brut, convention=convention)).valeur, Fraction)
            }
            assert obtenu in lectures, (brut, cellule, signalees)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(TEXTES.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)), min_size=1, max_size=6))
def test_returned_forms_read_every_input_or_report_it(
    catalogue: Catalogue, tmp_path_factory: object, saisies: list[str]
) -> None:
    dossier = tmp_path_factory.mktemp("f")  # type: ignore[attr-defined]
    restreint = catalogue.restreindre(["CPOM_CT_07", "CPOM_OS_1"])
    etablissements = [
        {
            "finess": "310781406",
            "raison_sociale": "=CHU\x01",  # a formula and a control character: both made inert
            "lits": "2900",
            "categorie": "CHU",
            "statut": "public",
            "departement": "31",
        }
    ]
    donnees = load_dataset(restreint, etablissements, [])
    (chemin,) = write_formulaires(plan_formulaires(restreint, donnees, 2025, {}), dossier)
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Saisie"]
    cellules = [
        f"G{r[0].row}"
        for r in feuille.iter_rows(min_row=5)
        if str(r[0].value).startswith("variable|")
    ]
    for cellule, valeur in zip(cellules, saisies, strict=False):
        feuille[cellule] = valeur
        feuille[cellule].data_type = "s"
    classeur.save(chemin)
    lues, _ = read_formulaires([chemin])
    relues = lues.load(restreint, etablissements)
    signalees = {c.strip() for p in relues.problemes if p.chemin for c in p.chemin.split(",")}
    lues_cellules = {c for _, c in lues.cellules}
    for cellule, valeur in zip(cellules, saisies, strict=False):
        nom = f"Saisie!{cellule}"
        assert est_manquant(valeur) or nom in lues_cellules
        if nom in lues_cellules and not est_manquant(valeur) and nom not in signalees:
            # read without a report: a number, in the decimal mark its column settles
            assert any(lire_nombre(valeur, convention=c).erreur is None for c in (None, ",", "."))
