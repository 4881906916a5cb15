"""Target kinds: the ``type`` key, each kind's own checks, shorthands and composites."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from cpom_rules.spec import cibles as c

ADAPTATEUR: TypeAdapter[Any] = TypeAdapter(c.Cible)


def _lire(valeur: object) -> c.CibleBase:
    resultat = ADAPTATEUR.validate_python(valeur)
    assert isinstance(resultat, c.CibleBase)
    return resultat


def _types_d_erreurs(valeur: object) -> list[str]:
    with pytest.raises(ValidationError) as info:
        ADAPTATEUR.validate_python(valeur)
    return [erreur["type"] for erreur in info.value.errors()]


def test_types_cibles_couvre_exactement_l_union() -> None:
    membres = typing.get_args(typing.get_args(c._CibleDiscriminee)[0])
    etiquettes = {typing.get_args(m.model_fields["type"].annotation)[0] for m in membres}
    assert etiquettes == set(c.TYPES_CIBLES)
    assert len(c.TYPES_CIBLES) == len(set(c.TYPES_CIBLES))


@pytest.mark.parametrize(
    ("ecrit", "classe"), [("pas_de_cible", c.PasDeCible), (" sans_objet ", c.SansObjet)]
)
def test_raccourci_sans_parametre(ecrit: str, classe: type) -> None:
    assert isinstance(_lire(ecrit), classe)


def test_un_autre_texte_n_est_pas_un_raccourci() -> None:
    assert _types_d_erreurs("seuil") == ["model_attributes_type"]


def test_seuil_lu_depuis_des_textes() -> None:
    cible = _lire({"type": "seuil", "min": "10,5", "max": "20", "min_inclus": "non"})
    assert isinstance(cible, c.Seuil)
    assert (cible.min, cible.max, cible.min_inclus, cible.max_inclus) == (
        Decimal("10.5"),
        Decimal(20),
        False,
        True,
    )
    assert cible.periodicite == "annee"


def test_seuil_sans_borne() -> None:
    assert _types_d_erreurs({"type": "seuil"}) == ["seuil_sans_borne"]


def test_bornes_inversees_et_egales() -> None:
    assert _types_d_erreurs({"type": "seuil", "min": "20", "max": "10"}) == ["bornes_inversees"]
    cible = _lire({"type": "seuil", "min": "10", "max": "10"})
    assert isinstance(cible, c.Seuil)


@pytest.mark.parametrize(
    ("ecrit", "lu"), [("NON", "non"), ("non", "non"), ("Oui", "oui"), ("o", "oui")]
)
def test_attendu_oui_non_francais(ecrit: str, lu: str) -> None:
    cible = _lire({"type": "oui_non", "attendu": ecrit})
    assert isinstance(cible, c.OuiNonCible)
    assert cible.attendu == lu


@pytest.mark.parametrize("ecrit", ["off", "on", "peut-être"])
def test_attendu_ambigu_refuse(ecrit: str) -> None:
    assert _types_d_erreurs({"type": "oui_non", "attendu": ecrit}) == ["oui_non_invalide"]


def test_oui_non_par_defaut_oui() -> None:
    cible = _lire({"type": "oui_non"})
    assert isinstance(cible, c.OuiNonCible)
    assert cible.attendu == "oui"


def test_references_des_variations() -> None:
    increment = _lire({"type": "increment", "valeur": "5"})
    relative = _lire({"type": "variation_relative", "pourcentage": "-3", "reference": "2024"})
    points = _lire({"type": "variation_points", "points": "2", "reference": "N-1"})
    assert isinstance(increment, c.Increment) and increment.reference == "n_moins_1"
    assert isinstance(relative, c.VariationRelative) and relative.reference == "2024"
    assert relative.chainage == "valeur"
    assert isinstance(points, c.VariationPoints) and points.reference == "n_moins_1"
    assert _types_d_erreurs({"type": "increment", "valeur": "5", "reference": "N-2"}) == [
        "reference_invalide"
    ]


def test_k_parmi_n() -> None:
    cible = _lire({"type": "k_parmi_n", "k": "2", "elements": ["a", "b", "c"]})
    assert isinstance(cible, c.KParmiN)
    assert (cible.k, cible.elements) == (2, ("a", "b", "c"))
    assert _types_d_erreurs({"type": "k_parmi_n", "k": "4", "elements": ["a", "b", "c"]}) == [
        "k_superieur_n"
    ]
    assert _types_d_erreurs({"type": "k_parmi_n", "k": "0", "elements": []}) == ["liste_vide"]
    assert _types_d_erreurs({"type": "k_parmi_n", "k": "1/3", "elements": ["a"]}) == [
        "nombre_invalide"
    ]


def test_composites_et_raccourcis_imbriques() -> None:
    cible = _lire(
        {
            "type": "ou",
            "conditions": [
                {"type": "seuil", "min": "10"},
                {
                    "type": "et",
                    "conditions": ["pas_de_cible", {"type": "jalon", "libelle": "Plan"}],
                },
            ],
        }
    )
    assert isinstance(cible, c.Ou)
    assert [type(x).__name__ for x in c.toutes_les_cibles(cible)] == [
        "Ou",
        "Seuil",
        "Et",
        "PasDeCible",
        "Jalon",
    ]
    assert len(c.sous_cibles(cible)) == 2
    assert c.sous_cibles(cible.conditions[0]) == ()


@pytest.mark.parametrize("genre", ["et", "ou"])
def test_composite_trop_court(genre: str) -> None:
    assert _types_d_erreurs({"type": genre, "conditions": [{"type": "seuil", "min": "1"}]}) == [
        "composite_trop_court"
    ]


def test_type_inconnu_manquant_et_cle_inconnue() -> None:
    assert _types_d_erreurs({"type": "seuill", "min": "1"}) == ["union_tag_invalid"]
    assert _types_d_erreurs({"min": "1"}) == ["union_tag_not_found"]
    assert _types_d_erreurs({"type": "seuil", "min": "1", "mn": "2"}) == ["extra_forbidden"]


def test_preuves_et_mesure_visee() -> None:
    cible = _lire(
        {"type": "jalon", "libelle": "Plan adopté", "preuves": ["plan"], "mesure": "taux"}
    )
    assert (cible.preuves, cible.mesure) == (("plan",), "taux")
    assert _types_d_erreurs({"type": "jalon", "libelle": "x", "preuves": ["Plan"]}) == [
        "identifiant_invalide"
    ]


def test_cibles_immuables() -> None:
    cible = _lire({"type": "seuil", "min": "1"})
    with pytest.raises(ValidationError):
        cible.texte = "autre"  # type: ignore[misc]


def test_echeance_cumul_cible_choisie_progression() -> None:
    echeance = _lire({"type": "echeance", "annee": "2028", "attendu": "Non"})
    cumul = _lire({"type": "cumul", "min": "50", "depuis": "2026"})
    choisie = _lire({"type": "cible_choisie", "variable": "cible_etab", "plancher": "3"})
    progression = _lire({"type": "progression", "stabilisation_acceptee": "oui"})
    assert isinstance(echeance, c.Echeance) and (echeance.annee, echeance.attendu) == (2028, "non")
    assert isinstance(cumul, c.Cumul) and cumul.depuis == 2026
    assert isinstance(choisie, c.CibleChoisie) and choisie.plancher == Decimal(3)
    assert isinstance(progression, c.Progression) and progression.stabilisation_acceptee is True
    assert _types_d_erreurs({"type": "echeance", "annee": "2028-01"}) == ["annee_invalide"]


def test_periodicites_connues() -> None:
    assert c.PERIODES_PAR_AN == {
        "annee": 1,
        "semestre": 2,
        "trimestre": 4,
        "mois": 12,
        "semaine": 52,
    }
    assert _types_d_erreurs({"type": "seuil", "min": "1", "periodicite": "jour"}) == [
        "literal_error"
    ]
