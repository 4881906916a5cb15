"""The author test-case format (``*.cas.yaml``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from cpom_rules.spec.cas import Attendu, FichierCas
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.source import read_yaml_text

CAS = """\
fiche: CPOM_T_1
cas:
  - nom: Exactement au seuil
    etablissement: {lits: 120}
    valeurs:
      2025: {nb_formes: 57, nb_total: 570}
    preuves:
      2025: [plan_formation]
    annees: [2025]
    attendu:
      - {annee: 2025, statut: atteint, valeur: 10, cible_valeur: "10,0", ecart: 0}
      - {annee: 2025, mesure: plan, statut: non_atteint, valeur: Non}
    bilan:
      - {statut: non_evaluable, raison: reference_absente}
"""


def test_fichier_de_cas_lu() -> None:
    document, problemes = read_yaml_text(CAS, "CPOM_T_1.cas.yaml")
    assert problemes == [] and document is not None
    fichier, _, defauts = validate_document(document, FichierCas)
    assert defauts == []
    assert fichier is not None
    (cas,) = fichier.cas
    assert cas.finess == "010000024"  # a valid default FINESS
    assert cas.valeurs == {2025: {"nb_formes": "57", "nb_total": "570"}}
    assert cas.preuves == {2025: ("plan_formation",)}
    premier, second = cas.attendu
    assert (premier.valeur, premier.cible_valeur, premier.ecart) == (
        Decimal(10),
        Decimal(10),
        Decimal(0),
    )
    assert second.valeur == "non"
    assert cas.bilan[0].raison == "reference_absente"


@pytest.mark.parametrize(
    ("ecrit", "lu"), [("oui", "oui"), (" NON ", "non"), (True, "oui"), ("12,5", Decimal("12.5"))]
)
def test_valeur_attendue(ecrit: object, lu: object) -> None:
    assert (
        Attendu.model_validate({"annee": 2025, "statut": "atteint", "valeur": ecrit}).valeur == lu
    )


@pytest.mark.parametrize(
    ("donnees", "type_"),
    [
        ({"annee": 2025, "statut": "reussi"}, "literal_error"),
        ({"annee": "2025-01", "statut": "atteint"}, "annee_invalide"),
        ({"annee": 2025, "statut": "atteint", "valeur": "1/3"}, "nombre_invalide"),
        ({"annee": 2025, "statut": "atteint", "statu": "x"}, "extra_forbidden"),
    ],
)
def test_attendus_invalides(donnees: dict[str, object], type_: str) -> None:
    with pytest.raises(ValidationError) as info:
        Attendu.model_validate(donnees)
    assert type_ in [e["type"] for e in info.value.errors()]


def test_finess_du_cas_verifie() -> None:
    with pytest.raises(ValidationError) as info:
        FichierCas.model_validate(
            {"fiche": "CPOM_T_1", "cas": [{"nom": "x", "finess": "10000024"}]}
        )
    assert [e["type"] for e in info.value.errors()] == ["finess_invalide"]
