"""`check_contrats`: unknown fiche, measure, year, kind or FINESS; avenants out of order or overlapping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cpom_rules import Catalogue
from cpom_rules.contrats import check_contrats, read_contrats
from cpom_rules.problemes import Probleme
from tests.contrats.conftest import CONTRAT

Ecrire = Callable[..., Path]


def _verifier(
    catalogue: Catalogue, ecrire: Ecrire, texte: str, connus: set[str] | None = None
) -> list[Probleme]:
    lus, problemes = read_contrats(ecrire(texte))
    assert problemes == []
    return check_contrats(catalogue, lus, connus)


def test_contrat_correct_sans_probleme(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    assert _verifier(catalogue, ecrire_contrat, CONTRAT, {"340780477"}) == []


def test_fiche_inconnue_avec_suggestion(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT.replace("  CPOM_OS_1:\n    mesures", "  CPOM_OS_99:\n    mesures", 1)
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert (probleme.code, probleme.ligne, probleme.colonne) == ("contrat_reference_inconnue", 5, 3)
    assert "CPOM_OS_9" in probleme.conseil


def test_mesure_inconnue(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT.replace(
        "      taux_formes:\n        cibles", "      taux_forme:\n        cibles"
    )
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert probleme.code == "contrat_reference_inconnue" and probleme.ligne == 7
    assert "taux_formes" in probleme.conseil


def test_annee_hors_periode(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT.replace("2025-2029: {type: seuil, min: 12", "2025-2031: {type: seuil, min: 12")
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert (probleme.code, probleme.ligne) == ("annee_hors_periode", 9)


def test_preuve_non_declaree(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT.replace("min: 12,", "min: 12, preuves: [plan_formaton],")
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert probleme.code == "preuve_non_declaree" and "plan_formation" in probleme.message + (
        probleme.conseil
    )


def test_finess_inconnu_des_etablissements(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    (probleme,) = _verifier(catalogue, ecrire_contrat, CONTRAT, {"010000024"})
    assert (probleme.code, probleme.ligne) == ("contrat_finess_inconnu", 1)


def test_avenant_avant_son_annee(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT.replace("2026-2029: {type: seuil, min: 14", "2025-2029: {type: seuil, min: 14")
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert probleme.code == "avenant_annee_anterieure" and "2025" in probleme.message


_SECOND = """\
  - numero: {numero}
    date: {date}
    a_partir_de: {annee}
    motif: Second réajustement
    fiches:
      CPOM_OS_1:
        mesures:
          taux_formes:
            cibles:
              {annee}-2029: {{type: seuil, min: 13}}
"""


def test_avenants_mal_numerotes(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT + _SECOND.format(numero=3, date="2027-01-05", annee=2027)
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert probleme.code == "avenant_numero" and probleme.chemin == "avenants.1.numero"


def test_avenant_signe_avant_le_precedent(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT + _SECOND.format(numero=2, date="2025-12-01", annee=2027)
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert probleme.code == "avenants_desordonnes" and probleme.ligne == 22


def test_avenants_chevauchants(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    # n°1 changes OS_1 from 2026, n°2 goes back to 2025: overlap.
    texte = CONTRAT + _SECOND.format(numero=2, date="2027-01-05", annee=2025)
    codes = [p.code for p in _verifier(catalogue, ecrire_contrat, texte)]
    assert codes == ["avenants_chevauchants"]


def test_avenant_avant_signature(catalogue: Catalogue, ecrire_contrat: Ecrire) -> None:
    texte = CONTRAT.replace("date: 2026-02-10", "date: 2024-12-01")
    assert [p.code for p in _verifier(catalogue, ecrire_contrat, texte)] == [
        "avenant_avant_signature"
    ]


def test_cible_choisie_sans_choix_au_catalogue(
    catalogue: Catalogue, ecrire_contrat: Ecrire
) -> None:
    texte = CONTRAT.replace(
        "        cibles:\n          2025-2029",
        "        cible_choisie: {valeur: 30, declaree_le: 2025-03-01, par: X}\n"
        "        cibles:\n          2025-2029",
        1,
    )
    (probleme,) = _verifier(catalogue, ecrire_contrat, texte)
    assert probleme.code == "contrat_cible_choisie_inattendue"
