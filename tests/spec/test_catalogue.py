"""The model of ``catalogue.yaml``."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cpom_rules.spec.catalogue import DefinitionCatalogue
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.source import read_yaml_text
from tests.spec.fabrique import CATALOGUE, SPECS, remplacer


def _lire(texte: str) -> DefinitionCatalogue:
    document, problemes = read_yaml_text(texte, "catalogue.yaml")
    assert problemes == [] and document is not None
    definition, _, defauts = validate_document(document, DefinitionCatalogue)
    assert defauts == [], [p.texte() for p in defauts]
    assert definition is not None
    return definition


def test_catalogue_minimal() -> None:
    definition = _lire(CATALOGUE)
    assert list(definition.periode.annees) == [2025, 2026, 2027, 2028, 2029]
    assert definition.attributs["categorie"].valeurs == ("CHU", "CH", "clinique")
    assert definition.attributs["lits"].obligatoire is True
    assert definition.segments["tous"].condition is None


def test_catalogue_livre_garde_les_departements_en_texte() -> None:
    definition = _lire((SPECS / "catalogue.yaml").read_text(encoding="utf-8"))
    assert "09" in definition.attributs["departement"].valeurs
    assert definition.attributs["ght"].obligatoire is False  # written `obligatoire: non`


def test_departement_non_cite_garde_son_zero() -> None:
    definition = _lire(
        remplacer(CATALOGUE, ("valeurs: [CHU, CH, clinique]", "valeurs: [09, 011, 2A]"))
    )
    assert definition.attributs["categorie"].valeurs == ("09", "011", "2A")


@pytest.mark.parametrize(
    ("donnees", "type_"),
    [
        ({"libelle": "x", "type": "decimal"}, "literal_error"),
        ({"libelle": "x", "type": "texte", "valeurs": "CHU"}, "tuple_type"),
        ({"libelle": "x", "type": "texte", "obligatoire": "off"}, "oui_non_invalide"),
    ],
)
def test_attributs_invalides(donnees: dict[str, object], type_: str) -> None:
    with pytest.raises(ValidationError) as info:
        DefinitionCatalogue.model_validate(
            {
                "region": "r",
                "intitule": "i",
                "periode": {"debut": 2025, "fin": 2029},
                "attributs": {"a": donnees},
            }
        )
    assert type_ in [e["type"] for e in info.value.errors()]
