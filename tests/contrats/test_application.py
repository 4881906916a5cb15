"""Year N is evaluated with the contract as amended and in force for N; results name the version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from cpom_rules import Catalogue, Donnees, evaluate
from cpom_rules.contrats import (
    apply_contrats,
    check_cibles_choisies,
    load_contrats,
    resolve_contrat,
)
from tests.contrats.conftest import CONTRAT

Ecrire = Callable[..., Path]
FINESS = "340780477"


def _statut(resultats: object, annee: int, fiche: str = "CPOM_OS_1") -> str:
    lignes = resultats.to_records()  # type: ignore[attr-defined]
    (ligne,) = [
        r for r in lignes if (r["finess"], r["indicateur"], r["annee"]) == (FINESS, fiche, annee)
    ]
    return str(ligne["statut"])


def test_sans_contrat_le_catalogue_decide(catalogue: Catalogue, donnees: Donnees) -> None:
    resultats = evaluate(catalogue, donnees)
    # 57 / 570 = 10 % ≥ 10 % in 2025; 14.9 % < 15 % in 2026.
    assert (_statut(resultats, 2025), _statut(resultats, 2026)) == ("atteint", "non_atteint")


def test_contrat_et_avenant_par_annee(
    catalogue: Catalogue, donnees: Donnees, ecrire_contrat: Ecrire
) -> None:
    (contrat,) = load_contrats(ecrire_contrat(CONTRAT))
    resultats = evaluate(apply_contrats(catalogue, [contrat]), donnees)
    # 2025: the initial contract's 12 % (10 % < 12); 2026: the avenant's 14 % (14.9 ≥ 14).
    assert (_statut(resultats, 2025), _statut(resultats, 2026)) == ("non_atteint", "atteint")
    assert "contrat initial du 2025-03-01" in resultats.expliquer(FINESS, "CPOM_OS_1", 2025)
    assert "avenant n°1 du 2026-02-10, applicable dès 2026" in resultats.expliquer(
        FINESS, "CPOM_OS_1", 2026
    )
    # The other establishment keeps the catalogue's targets.
    assert "contrat" not in resultats.expliquer("010000024", "CPOM_OS_1", 2025)
    # Every result row names who set its target: the version of the contract, else the segment.
    origines = {
        (r["finess"], r["annee"]): r["origine_cible"]
        for r in resultats.to_records(explications=False)
        if r["indicateur"] == "CPOM_OS_1"
    }
    assert origines[(FINESS, 2025)].startswith("contrat initial du 2025-03-01")
    assert origines[(FINESS, 2026)].startswith("avenant n°1 du 2026-02-10")
    assert origines[("010000024", 2025)] == "tous"


def test_au_une_date_avant_l_avenant(
    catalogue: Catalogue, donnees: Donnees, ecrire_contrat: Ecrire
) -> None:
    (contrat,) = load_contrats(ecrire_contrat(CONTRAT))
    au = dt.date(2026, 1, 31)
    resolu = resolve_contrat(catalogue, contrat, au)
    assert resolu is not None and resolu.avenants == ()
    assert resolu.version("CPOM_OS_1", "taux_formes", 2026).numero == 0  # type: ignore[union-attr]
    resultats = evaluate(apply_contrats(catalogue, [contrat], au), donnees)
    assert _statut(resultats, 2026) == "atteint"  # 14.9 % ≥ the initial 12 %
    assert "contrat initial" in resultats.expliquer(FINESS, "CPOM_OS_1", 2026)


def test_contrat_pas_encore_signe(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    (contrat,) = load_contrats(ecrire_contrat(CONTRAT))
    assert resolve_contrat(catalogue, contrat, dt.date(2025, 1, 1)) is None
    assert apply_contrats(catalogue, [contrat], dt.date(2025, 1, 1)) is catalogue


def test_sans_objet_et_fiches_retenues(
    catalogue: Catalogue, donnees: Donnees, ecrire_contrat: Ecrire
) -> None:
    texte = (
        'finess: "340780477"\nsignature: 2025-03-01\nfiches_retenues: [CPOM_OS_1]\n'
        "fiches:\n  CPOM_OS_1:\n    sans_objet: pas de personnel soignant propre\n"
    )
    (contrat,) = load_contrats(ecrire_contrat(texte))
    resultats = evaluate(apply_contrats(catalogue, [contrat]), donnees)
    lignes = [r for r in resultats.to_records() if r["finess"] == FINESS]
    assert {r["statut"] for r in lignes} == {"non_applicable"}
    assert {r["raison"] for r in lignes if r["indicateur"] == "CPOM_OS_1"} == {"sans_objet"}
    assert "contrat initial" in resultats.expliquer(FINESS, "CPOM_OS_1", 2025)
    assert "contrat initial" in resultats.expliquer(FINESS, "CPOM_OS_12", 2025)


_CHOIX = """\
finess: "340780477"
signature: 2025-03-01
fiches:
  CPOM_OS_8:
    mesures:
      taux_coconstruits:
        cible_choisie: {valeur: 30, declaree_le: 2025-03-01, par: "Mme Durand, directrice"}
"""


def test_cible_choisie_du_contrat_et_valeur_plus_basse_signalee(
    catalogue: Catalogue, ecrire_contrat: Ecrire
) -> None:
    from cpom_rules import load_dataset
    from tests.donnees_exemple import ETABLISSEMENTS, MESURES

    def m(annee: int, variable: str, valeur: str) -> dict[str, str]:
        return {
            "finess": FINESS,
            "indicateur": "CPOM_OS_8",
            "annee": str(annee),
            "variable": variable,
            "valeur": valeur,
        }

    mesures = [
        *(
            {
                k: v
                for k, v in r.items()
                if k in ("finess", "indicateur", "annee", "variable", "valeur")
            }
            for r in MESURES
        ),
        m(2025, "cible_choisie", "30"),
        m(2027, "cible_choisie", "10"),  # lowered in the measures file: not an avenant
        m(2027, "projets_coconstruits", "12"),
        m(2027, "projets_total", "100"),
    ]
    donnees = load_dataset(catalogue, ETABLISSEMENTS, mesures)
    (contrat,) = load_contrats(ecrire_contrat(_CHOIX))
    resolu = resolve_contrat(catalogue, contrat)
    assert resolu is not None
    resultats = evaluate(apply_contrats(catalogue, [resolu]), donnees, annees=[2027])
    # Without the contract, 12 % ≥ the 10 % declared in 2027 would be « atteint ».
    assert _statut(evaluate(catalogue, donnees, annees=[2027]), 2027, "CPOM_OS_8") == "atteint"
    assert _statut(resultats, 2027, "CPOM_OS_8") == "non_atteint"
    assert "contrat initial du 2025-03-01" in resultats.expliquer(FINESS, "CPOM_OS_8", 2027)
    (ligne,) = [
        r
        for r in resultats.to_records()
        if r["finess"] == FINESS and r["indicateur"] == "CPOM_OS_8"
    ]
    assert "Mme Durand" in ligne["cible"] and ligne["cible_valeur"] == 30
    (signale,) = check_cibles_choisies([resolu], donnees)
    assert signale.code == "cible_choisie_hors_avenant"
    assert "10" in signale.message and "30" in signale.message and "2027" in signale.message


def test_cible_du_contrat_sur_une_annee_fixe_hors_grille(
    catalogue: Catalogue, ecrire_contrat: Ecrire
) -> None:
    """A contract's target may refer to a year the catalogue never needs (2022): validating the
    data against the catalogue *with* the contract keeps that year in the grids."""
    from cpom_rules import load_dataset
    from tests.donnees_exemple import ETABLISSEMENTS

    texte = (
        'finess: "340780477"\nsignature: 2025-03-01\nfiches:\n  CPOM_OS_1:\n    mesures:\n'
        "      taux_formes:\n        cibles:\n"
        '          2025: {type: variation_points, points: 2, reference: "2022"}\n'
    )
    (contrat,) = load_contrats(ecrire_contrat(texte))
    en_vigueur = apply_contrats(catalogue, [contrat])

    def m(annee: int, variable: str, valeur: str) -> dict[str, str]:
        return {
            "finess": FINESS,
            "indicateur": "CPOM_OS_1",
            "annee": str(annee),
            "variable": variable,
            "valeur": valeur,
        }

    mesures = [
        m(2022, "professionnels_formes", "8"),
        m(2022, "professionnels_total", "100"),
        m(2025, "professionnels_formes", "10"),
        m(2025, "professionnels_total", "100"),
    ]
    donnees = load_dataset(en_vigueur, ETABLISSEMENTS, mesures)
    assert _statut(evaluate(en_vigueur, donnees), 2025) == "atteint"  # 10 % ≥ 8 % + 2 points
