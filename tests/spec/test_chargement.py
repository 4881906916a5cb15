"""Loading catalogue folders: the shipped specs, and one located error per corpus folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cpom_rules.compilation.catalogue import build_catalogue, load_catalogue, read_catalogue
from cpom_rules.messages import MESSAGES
from cpom_rules.problemes import ErreurSpec, Niveau
from cpom_rules.spec.cas import FichierCas
from cpom_rules.spec.chargement import fichiers_fiches, read_model
from tests.spec.corpus import CAS, HORS_CORPUS, CasCorpus
from tests.spec.fabrique import (
    CATALOGUE,
    CORPUS,
    FICHE,
    RACINE,
    SPECS,
    charger,
    codes_erreurs,
    remplacer,
)

# --- the shipped catalogue ------------------------------------------------------------------------


def test_catalogue_livre_sans_erreur() -> None:
    catalogue, problemes = read_catalogue(SPECS)
    assert codes_erreurs(problemes) == [], [p.texte() for p in problemes]
    assert catalogue is not None
    assert catalogue.periode.debut == 2025 and catalogue.periode.fin == 2029
    assert {"CPOM_OS_1", "CPOM_OS_12"} <= set(catalogue.fiches)
    # Every fiche file is named after its code and compiled.
    for code, fichier in catalogue.fichiers.items():
        assert Path(fichier).stem == code
        assert code in catalogue.regles.fiches
    assert "" in catalogue.documents  # catalogue.yaml keeps its positions too


def test_load_catalogue_accepte_le_chemin_de_catalogue_yaml() -> None:
    catalogue = load_catalogue(SPECS / "catalogue.yaml")
    assert catalogue.dossier == SPECS
    restreint = catalogue.restreindre(["CPOM_OS_1", "INCONNU"])
    assert list(restreint.fiches) == ["CPOM_OS_1"]
    assert list(restreint.regles.fiches) == ["CPOM_OS_1"]


def test_fiches_et_cas_separes() -> None:
    noms = [p.name for p in fichiers_fiches(SPECS)]
    assert "catalogue.yaml" not in noms
    assert not any(nom.endswith(".cas.yaml") for nom in noms)
    assert "CPOM_OS_1.yaml" in noms


def test_build_catalogue_depuis_des_modeles() -> None:
    catalogue = load_catalogue(SPECS)
    reconstruit = build_catalogue(catalogue.definition, catalogue.fiches.values())
    assert set(reconstruit.regles.fiches) == set(catalogue.regles.fiches)
    assert reconstruit.documents == {}


# --- the malformed corpus -------------------------------------------------------------------------


def test_chaque_dossier_du_corpus_a_son_attendu() -> None:
    dossiers = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert dossiers == {cas.dossier for cas in CAS}


def _problemes(cas: CasCorpus):
    dossier = CORPUS / cas.dossier
    if cas.fichier.endswith(".cas.yaml"):
        catalogue, problemes = read_catalogue(dossier)
        assert catalogue is not None
        _, _, defauts = read_model(dossier / cas.fichier, FichierCas)
        return [*problemes, *defauts]
    catalogue, problemes = read_catalogue(dossier)
    assert catalogue is None
    return problemes


@pytest.mark.parametrize("cas", CAS, ids=[c.dossier for c in CAS])
def test_corpus_erreur_localisee_en_francais(cas: CasCorpus) -> None:
    problemes = _problemes(cas)
    erreurs = [p for p in problemes if p.niveau is Niveau.ERREUR]
    assert sorted(p.code for p in erreurs) == sorted([cas.code, *cas.autres]), [
        p.texte() for p in erreurs
    ]
    probleme = next(p for p in erreurs if p.code == cas.code)
    assert probleme.fichier is not None
    assert Path(probleme.fichier).name == cas.fichier
    assert (probleme.ligne, probleme.colonne) == (cas.ligne, cas.colonne)
    assert probleme.message.startswith(cas.message), probleme.message
    francais, _, anglais, _ = MESSAGES[cas.code]
    assert francais != anglais  # the message is the French one of the table
    lieu = f"{probleme.fichier}:{cas.ligne}" if cas.ligne else probleme.fichier
    assert probleme.texte().startswith(lieu)


# A case file does not stop its catalogue from loading (see the last test of this module).
_CAS_CATALOGUE = [c for c in CAS if not c.fichier.endswith(".cas.yaml")]


@pytest.mark.parametrize("cas", _CAS_CATALOGUE, ids=[c.dossier for c in _CAS_CATALOGUE])
def test_corpus_load_catalogue_leve_erreur_spec(cas: CasCorpus) -> None:
    with pytest.raises(ErreurSpec) as info:
        load_catalogue(CORPUS / cas.dossier)
    assert cas.code in {p.code for p in info.value.problemes}
    assert "problème(s)" in str(info.value)


def test_le_corpus_couvre_chaque_code_d_erreur_des_specs() -> None:
    sources = RACINE / "src" / "cpom_rules"
    fichiers = [
        *(sources / "spec").glob("*.py"),
        *(sources / "compilation").glob("*.py"),
        sources / "formules" / "expression.py",
    ]
    emis = set()
    for fichier in fichiers:
        emis |= set(re.findall(r'"(\w+)"', fichier.read_text(encoding="utf-8"))) & set(MESSAGES)
    couverts = {cas.code for cas in CAS} | set(HORS_CORPUS)
    assert emis - couverts == set()


def test_le_corpus_part_du_catalogue_et_de_la_fiche_minimaux() -> None:
    """The corpus is the minimal fiche with one defect: its base must load cleanly."""
    assert (CORPUS / "cle_inconnue" / "catalogue.yaml").read_text(encoding="utf-8") == CATALOGUE
    base = remplacer(
        (CORPUS / "cle_inconnue" / "CPOM_T_1.yaml").read_text(encoding="utf-8"),
        ("    cibel:", "    cibles:"),
    )
    assert base == FICHE


# --- folders ----------------------------------------------------------------------------------------


def test_catalogue_minimal_sans_probleme(tmp_path: Path) -> None:
    catalogue, problemes = charger(tmp_path, {"CPOM_T_1.yaml": FICHE})
    assert problemes == []
    assert catalogue is not None
    compilee = catalogue.regles.fiches["CPOM_T_1"]
    assert list(compilee.mesures["taux_formes"].cibles["tous"]) == [2025, 2026, 2027, 2028, 2029]


def test_dossier_introuvable(tmp_path: Path) -> None:
    catalogue, problemes = read_catalogue(tmp_path / "absent")
    assert catalogue is None
    assert [p.code for p in problemes] == ["fichier_introuvable"]
    assert problemes[0].message == f"fichier ou dossier introuvable : {tmp_path / 'absent'}"


def test_nom_de_fichier_different_du_code(tmp_path: Path) -> None:
    catalogue, problemes = charger(tmp_path, {"formation.yaml": FICHE})
    assert catalogue is not None
    assert [(p.code, p.niveau) for p in problemes] == [("nom_fichier_code", Niveau.AVERTISSEMENT)]
    assert (
        problemes[0].message
        == "le fichier s'appelle formation.yaml mais la fiche a le code CPOM_T_1"
    )
    assert catalogue.avertissements == tuple(problemes)


def test_toutes_les_erreurs_de_tous_les_fichiers_a_la_fois(tmp_path: Path) -> None:
    fiches = {
        "CPOM_T_1.yaml": remplacer(FICHE, ("    cibles:", "    cibel:")),
        "CPOM_T_2.yaml": remplacer(
            FICHE, ("CPOM_T_1", "CPOM_T_2"), ("denominateur: nb_total", "denominateur: nb_totl")
        ),
        "CPOM_T_3.yaml": remplacer(
            FICHE, ("CPOM_T_1", "CPOM_T_3"), ("frequence: annuelle", "frequence: annuel")
        ),
    }
    catalogue, problemes = charger(tmp_path, fiches, remplacer(CATALOGUE, ("region:", "regoin:")))
    assert catalogue is None
    trouves = {(Path(p.fichier or "").name, p.code) for p in problemes}
    assert trouves == {
        ("catalogue.yaml", "cle_inconnue"),
        ("catalogue.yaml", "cle_manquante"),
        ("CPOM_T_1.yaml", "cle_inconnue"),
        ("CPOM_T_3.yaml", "valeur_invalide"),
    }
    # Without a valid catalogue.yaml, cross references are not checked; once fixed, they are.
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    _, problemes = read_catalogue(tmp_path)
    assert ("CPOM_T_2.yaml", "nom_inconnu") in {
        (Path(p.fichier or "").name, p.code) for p in problemes
    }


def test_code_duplique_nomme_les_deux_fichiers(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "code_fiche_duplique", tmp_path / "cat")
    _, problemes = read_catalogue(tmp_path / "cat")
    probleme = next(p for p in problemes if p.code == "code_fiche_duplique")
    assert probleme.fichier == str(tmp_path / "cat" / "CPOM_T_2.yaml")
    assert str(tmp_path / "cat" / "CPOM_T_1.yaml") in probleme.message


def test_ecart_aux_cas_de_test_le_catalogue_reste_utilisable(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "cas_cle_inconnue", tmp_path / "cat")
    catalogue, problemes = read_catalogue(tmp_path / "cat")
    assert catalogue is not None
    assert problemes == []
    modele, document, defauts = read_model(tmp_path / "cat" / "CPOM_T_1.cas.yaml", FichierCas)
    assert modele is None and document is not None
    assert defauts[0].conseil == "vouliez-vous dire « attendu » ?"
