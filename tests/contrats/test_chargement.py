"""Reading contract files: valid ones load, every defect is located like a fiche's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from cpom_rules.contrats import load_contrats, read_contrats
from cpom_rules.problemes import ErreurSpec
from tests.contrats.conftest import CONTRAT

Ecrire = Callable[..., Path]


def test_un_contrat_valide_se_charge(ecrire_contrat: Ecrire) -> None:
    (contrat,) = load_contrats(ecrire_contrat(CONTRAT))
    assert contrat.finess == "340780477"
    assert contrat.signature == dt.date(2025, 3, 1)
    (avenant,) = contrat.avenants
    assert (avenant.numero, avenant.a_partir_de) == (1, 2026)
    seuil = avenant.fiches["CPOM_OS_1"].mesures["taux_formes"].cibles["2026-2029"]
    assert getattr(seuil, "min", None) == Decimal(14)


def test_cle_inconnue_localisee_avec_suggestion(ecrire_contrat: Ecrire) -> None:
    chemin = ecrire_contrat(CONTRAT.replace("a_partir_de:", "a_partir_du:"))
    _, problemes = read_contrats(chemin)
    codes = {(p.code, p.ligne) for p in problemes}
    assert ("cle_inconnue", 13) in codes
    inconnue = next(p for p in problemes if p.code == "cle_inconnue")
    assert inconnue.colonne == 5 and "a_partir_de" in inconnue.conseil


def test_date_invalide(ecrire_contrat: Ecrire) -> None:
    _, problemes = read_contrats(ecrire_contrat(CONTRAT.replace("2025-03-01", "01/03/2025")))
    (probleme,) = problemes
    assert (probleme.code, probleme.ligne, probleme.chemin) == ("date_invalide", 2, "signature")


def test_date_impossible(ecrire_contrat: Ecrire) -> None:
    _, problemes = read_contrats(ecrire_contrat(CONTRAT.replace("2026-02-10", "2026-02-30")))
    assert [p.code for p in problemes] == ["date_invalide"]


def test_finess_a_cle_fausse(ecrire_contrat: Ecrire) -> None:
    _, problemes = read_contrats(ecrire_contrat(CONTRAT.replace("340780477", "340780478")))
    assert [(p.code, p.ligne) for p in problemes] == [("finess_invalide", 1)]


def test_engagement_vide(ecrire_contrat: Ecrire) -> None:
    texte = 'finess: "340780477"\nsignature: 2025-03-01\nfiches:\n  CPOM_OS_1: {}\n'
    _, problemes = read_contrats(ecrire_contrat(texte))
    assert [p.code for p in problemes] == ["engagement_vide"]


def test_deux_contrats_pour_un_finess(ecrire_contrat: Ecrire) -> None:
    ecrire_contrat(CONTRAT, "a.yaml")
    chemin = ecrire_contrat(CONTRAT, "b.yaml")
    lus, problemes = read_contrats(chemin.parent)
    assert len(lus) == 1
    (double,) = problemes
    assert double.code == "contrat_en_double" and double.fichier is not None
    assert double.fichier.endswith("b.yaml") and "a.yaml" in double.message


def test_load_leve_avec_tous_les_problemes(ecrire_contrat: Ecrire) -> None:
    with pytest.raises(ErreurSpec) as erreur:
        load_contrats(ecrire_contrat(CONTRAT.replace("2025-03-01", "hier")))
    assert [p.code for p in erreur.value.problemes] == ["date_invalide"]


def test_fichier_absent(tmp_path: Path) -> None:
    lus, problemes = read_contrats(tmp_path / "absent.yaml")
    assert lus == [] and [p.code for p in problemes] == ["fichier_introuvable"]
