"""JSON Schemas: committed copies in sync, shipped specs valid, structural defects rejected."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cpom_rules.cli.main import main
from cpom_rules.spec.schema import SCHEMAS, textes_schemas, textes_tous_schemas
from tests.spec.corpus import CAS, CasCorpus
from tests.spec.fabrique import CORPUS, FICHE, SPECS, remplacer
from tests.spec.fabrique import SCHEMAS as DOSSIER_SCHEMAS


def _nom_schema(fichier: str) -> str:
    if fichier == "catalogue.yaml":
        return "catalogue.schema.json"
    if fichier.endswith(".cas.yaml"):
        return "cas.schema.json"
    return "fiche.schema.json"


@functools.cache
def _validateur(nom: str) -> jsonschema.protocols.Validator:
    schema = json.loads((DOSSIER_SCHEMAS / nom).read_text(encoding="utf-8"))
    classe = jsonschema.validators.validator_for(schema)
    classe.check_schema(schema)
    return classe(schema)


def _comme_json(donnees: Any) -> Any:
    """What a JSON Schema tool sees: mapping keys are texts (YAML 1.1 read `2025:` as an int)."""
    return json.loads(json.dumps(donnees, default=str))


def _erreurs_schema(chemin: Path) -> list[str]:
    donnees = _comme_json(yaml.safe_load(chemin.read_text(encoding="utf-8")))
    validateur = _validateur(_nom_schema(chemin.name))
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validateur.iter_errors(donnees)]


def test_schemas_commites_identiques_a_ceux_generes() -> None:
    attendus = textes_schemas()
    assert set(attendus) == set(SCHEMAS)
    for nom, texte in attendus.items():
        chemin = DOSSIER_SCHEMAS / nom
        assert chemin.is_file(), f"régénérez : cpom-rules schema --sortie schemas ({nom} absent)"
        assert chemin.read_text(encoding="utf-8") == texte, (
            f"{nom} n'est plus à jour : cpom-rules schema --sortie schemas"
        )


def test_commande_schema_ecrit_les_memes_fichiers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--sortie", str(tmp_path / "s")]) == 0
    ecrits = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "s").iterdir()}
    assert ecrits == textes_tous_schemas()
    assert "catalogue.schema.json" in capsys.readouterr().out


@pytest.mark.parametrize("nom", sorted(SCHEMAS))
def test_schemas_valides_et_autonomes(nom: str) -> None:
    schema = json.loads((DOSSIER_SCHEMAS / nom).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(nom)
    assert schema["additionalProperties"] is False
    _validateur(nom)


_LIVRES = sorted(SPECS.glob("*.yaml"))


@pytest.mark.parametrize("chemin", _LIVRES, ids=[p.name for p in _LIVRES])
def test_chaque_spec_livree_valide_son_schema(chemin: Path) -> None:
    assert _erreurs_schema(chemin) == []


def test_les_trois_genres_de_specs_livrees_sont_verifies() -> None:
    genres = {_nom_schema(p.name) for p in _LIVRES}
    # Contracts are not part of a catalogue: tests/contrats checks the shipped examples; the
    # importers' files (lecture, referentiels) are checked in tests/sources.
    assert genres == set(SCHEMAS) - {
        "contrat.schema.json",
        "lecture.schema.json",
        "referentiels.schema.json",
    }


_STRUCTURELS = [c for c in CAS if c.schema]


@pytest.mark.parametrize("cas", _STRUCTURELS, ids=[c.dossier for c in _STRUCTURELS])
def test_defaut_structurel_du_corpus_rejete_par_le_schema(cas: CasCorpus) -> None:
    assert _erreurs_schema(CORPUS / cas.dossier / cas.fichier) != []


def _chargeable(cas: CasCorpus) -> bool:
    chemin = CORPUS / cas.dossier / cas.fichier
    if not chemin.is_file() or cas.code == "yaml_trop_gros":
        # The alias bomb loads (shared references) but explodes in whatever walks it next.
        return False
    try:
        yaml.safe_load(chemin.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return False
    return True


_NON_STRUCTURELS = [c for c in CAS if not c.schema and _chargeable(c)]


@pytest.mark.parametrize("cas", _NON_STRUCTURELS, ids=[c.dossier for c in _NON_STRUCTURELS])
def test_defaut_non_structurel_invisible_au_schema(cas: CasCorpus) -> None:
    """Keeps the `schema` flags of the corpus honest: these need our reader or the compiler."""
    assert _erreurs_schema(CORPUS / cas.dossier / cas.fichier) == []


@pytest.mark.parametrize(
    "cas", ["yaml_etiquette_python", "yaml_plusieurs_documents", "encodage_latin1"]
)
def test_pieges_refuses_des_le_chargement_yaml(cas: str) -> None:
    chemin = CORPUS / cas / "CPOM_T_1.yaml"
    with pytest.raises((yaml.YAMLError, UnicodeDecodeError)):
        yaml.safe_load(chemin.read_text(encoding="utf-8"))


def _valide_fiche(texte: str) -> list[str]:
    validateur = _validateur("fiche.schema.json")
    return [e.message for e in validateur.iter_errors(_comme_json(yaml.safe_load(texte)))]


def test_schema_accepte_le_raccourci_pas_de_cible() -> None:
    texte = remplacer(
        FICHE, ('2025: {type: seuil, min: 10, texte: "≥ 10 %"}', "2025: pas_de_cible")
    )
    assert _valide_fiche(texte) == []
    texte = remplacer(FICHE, ('2025: {type: seuil, min: 10, texte: "≥ 10 %"}', "2025: rien"))
    assert _valide_fiche(texte) != []


@pytest.mark.parametrize(
    ("avant", "apres"),
    [
        ("      tous:\n", "      Tous:\n"),
        ("2026-2029:", "2026-29:"),
        ("  nb_formes:\n", "  nb-formes:\n"),
    ],
)
def test_schema_refuse_une_cle_de_dictionnaire_hors_motif(avant: str, apres: str) -> None:
    assert _valide_fiche(remplacer(FICHE, (avant, apres))) != []


def test_schema_accepte_nombres_textes_et_oui_non() -> None:
    texte = remplacer(
        FICHE,
        ("min: 10,", "min: '10,5',"),
        ("    type: nombre\n  nb_total", "    type: nombre\n    obligatoire: non\n  nb_total"),
    )
    assert _valide_fiche(texte) == []
