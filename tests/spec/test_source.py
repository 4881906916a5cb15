"""The YAML reader: strings only, positions, strictness, safety and size limits (ADVERSARIAL A)."""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.source import (
    MAX_NOEUDS,
    MAX_OCTETS,
    Position,
    read_yaml_bytes,
    read_yaml_file,
    read_yaml_text,
)
from tests.spec.fabrique import FICHE, charger, codes_erreurs, remplacer

# ADVERSARIAL.md: never a hang on these small inputs; a generous bound, not a benchmark.
LIMITE_SECONDES = 2.0


def _un_seul(problemes: list[Probleme], code: str) -> Probleme:
    assert [p.code for p in problemes] == [code], [p.texte() for p in problemes]
    return problemes[0]


def _chrono(fonction, *arguments):
    debut = time.perf_counter()
    resultat = fonction(*arguments)
    return resultat, time.perf_counter() - debut


# --- scalars stay text: the schema, not YAML 1.1, decides what they mean (A.2, A.3) ------------


@pytest.mark.parametrize(
    "ecrit",
    [
        "NON",
        "non",
        "Oui",
        "off",
        "on",
        "yes",
        "y",
        "010000024",
        "2A0000000",
        "2025-01",
        "2025-01-01",
        "1/3",
        "1_000",
        "12:30",
        "0x1F",
        "1e3",
        ".inf",
        ".nan",
        "-0",
        "0777",
    ],
)
def test_un_scalaire_reste_le_texte_ecrit(ecrit: str) -> None:
    document, problemes = read_yaml_text(f"valeur: {ecrit}\n{ecrit}: cle\n", "f.yaml")
    assert problemes == []
    assert document is not None
    assert document.donnees == {"valeur": ecrit, ecrit: "cle"}
    assert all(isinstance(cle, str) for cle in document.donnees)


@pytest.mark.parametrize("ecrit", ["", "~", "null", "Null", "NULL"])
def test_une_valeur_vide_ou_null_non_citee_est_none(ecrit: str) -> None:
    document, _ = read_yaml_text(f"a: {ecrit}\n", "f.yaml")
    assert document is not None
    assert document.donnees == {"a": None}


def test_une_valeur_null_citee_reste_un_texte() -> None:
    document, _ = read_yaml_text("a: 'null'\nb: \"~\"\n", "f.yaml")
    assert document is not None
    assert document.donnees == {"a": "null", "b": "~"}


def test_textes_sur_plusieurs_lignes_et_ancres_simples() -> None:
    texte = "a: |\n  ligne 1\n  ligne 2\nb: >-\n  plié\n  ici\nc: &x [1, 2]\nd: *x\n"
    document, problemes = read_yaml_text(texte, "f.yaml")
    assert problemes == []
    assert document is not None
    assert document.donnees == {
        "a": "ligne 1\nligne 2\n",
        "b": "plié ici",
        "c": ["1", "2"],
        "d": ["1", "2"],
    }


# --- positions ---------------------------------------------------------------------------------


def test_positions_des_cles_et_des_valeurs() -> None:
    texte = "code: CPOM_T_1\nmesures:\n  taux:\n    unite: '%'\n    liste: [a, b]\n"
    document, _ = read_yaml_text(texte, "f.yaml")
    assert document is not None
    assert document.cles[("code",)] == Position(1, 1)
    assert document.valeurs[("code",)] == Position(1, 7)
    assert document.cles[("mesures", "taux", "unite")] == Position(4, 5)
    assert document.valeurs[("mesures", "taux", "unite")] == Position(4, 12)
    assert document.valeurs[("mesures", "taux", "liste", 1)] == Position(5, 16)
    # A path that does not exist falls back to its nearest written ancestor.
    assert document.position(("mesures", "taux", "absent")) == Position(4, 5)


def test_position_dans_un_texte_cite_compte_apres_le_guillemet() -> None:
    document, _ = read_yaml_text('a: "x + y"\nb: x + y\n', "f.yaml")
    assert document is not None
    assert document.position_dans_texte(("a",), 5) == Position(1, 9)
    assert document.position_dans_texte(("b",), 5) == Position(2, 8)
    assert document.position_dans_texte(("a",), None) == Position(1, 4)


# --- A.1 duplicate keys ----------------------------------------------------------------------------


def test_cle_dupliquee_signalee_a_la_seconde_occurrence() -> None:
    document, problemes = read_yaml_text(
        "code: CPOM_OS_1\nintitule: x\ncode: CPOM_OS_1\n", "f.yaml"
    )
    probleme = _un_seul(problemes, "yaml_cle_dupliquee")
    assert (probleme.fichier, probleme.ligne, probleme.colonne) == ("f.yaml", 3, 1)
    assert probleme.message == "clé « code » en double (déjà définie ligne 1)"
    assert "garderait silencieusement la dernière" in probleme.conseil
    # The first value is kept and the rest of the file is still read.
    assert document is not None
    assert document.donnees == {"code": "CPOM_OS_1", "intitule": "x"}


def test_cle_dupliquee_en_profondeur() -> None:
    texte = "mesures:\n  taux:\n    unite: '%'\n    unite: nombre\n"
    _, problemes = read_yaml_text(texte, "f.yaml")
    probleme = _un_seul(problemes, "yaml_cle_dupliquee")
    assert (probleme.ligne, probleme.colonne) == (4, 5)


# --- A.4 alias bomb ---------------------------------------------------------------------------


def _bombe(niveaux: int = 10) -> str:
    lignes = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lignes += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, niveaux)]
    return "\n".join(lignes) + "\n"


def test_bombe_d_alias_refusee_vite() -> None:
    (document, problemes), duree = _chrono(read_yaml_text, _bombe(10), "bombe.yaml")
    assert document is None
    probleme = _un_seul(problemes, "yaml_trop_gros")
    assert probleme.fichier == "bombe.yaml"
    assert probleme.ligne is not None
    assert str(MAX_NOEUDS) in probleme.message
    assert "alias" in probleme.message
    assert duree < LIMITE_SECONDES


def test_bombe_d_alias_sans_exploser_la_memoire() -> None:
    tracemalloc.start()
    try:
        read_yaml_text(_bombe(10), "bombe.yaml")
        _, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pic < 100 * 2**20  # the fully expanded graph would hold 10**10 strings


def test_ancres_raisonnables_acceptees() -> None:
    document, problemes = read_yaml_text(_bombe(3), "f.yaml")
    assert problemes == []
    assert document is not None
    assert len(document.donnees["a2"]) == 10
    assert document.donnees["a2"][0][0] == ["lol"] * 10


@pytest.mark.parametrize(
    "texte",
    [
        "[" + "a," * 12_000 + "a]",
        "".join(f"k{i}: v\n" for i in range(6_000)),
        "liste:\n" + "  - a\n" * 12_000,
    ],
    ids=["liste_dense", "dictionnaire_long", "liste_en_bloc"],
)
def test_document_trop_grand_refuse_avant_d_etre_entierement_compose(texte: str) -> None:
    assert len(texte.encode()) <= MAX_OCTETS
    (document, problemes), duree = _chrono(read_yaml_text, texte, "f.yaml")
    assert document is None
    probleme = _un_seul(problemes, "yaml_trop_gros")
    assert probleme.ligne is not None
    assert duree < LIMITE_SECONDES


def test_imbrication_trop_profonde() -> None:
    for texte in (
        "a: " + "[" * 100 + "]" * 100 + "\n",
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 100)) + "  " * 100 + "fin\n",
    ):
        (document, problemes), duree = _chrono(read_yaml_text, texte, "f.yaml")
        assert document is None
        assert [p.code for p in problemes] == ["yaml_trop_profond"]
        assert duree < LIMITE_SECONDES


def test_imbrication_a_la_limite_acceptee() -> None:
    document, problemes = read_yaml_text("a: " + "[" * 64 + "]" * 64 + "\n", "f.yaml")
    assert problemes == []
    assert document is not None
    _, problemes = read_yaml_text("a: " + "[" * 65 + "]" * 65 + "\n", "f.yaml")
    assert [p.code for p in problemes] == ["yaml_trop_profond"]


def test_imbrication_extreme_sans_recursion_infinie() -> None:
    (document, problemes), duree = _chrono(read_yaml_text, "[" * 10_000 + "]" * 10_000, "f.yaml")
    assert document is None
    assert [p.code for p in problemes] == ["yaml_trop_profond"]
    assert duree < LIMITE_SECONDES


# --- A.5 encodings and line endings ------------------------------------------------------------------


def test_fichier_latin1_refuse_en_nommant_le_fichier_et_la_ligne() -> None:
    brut = "code: CPOM_T_1\nintitule: Taux de formés\n".encode("latin-1")
    document, problemes = read_yaml_bytes(brut, "fiche-latin1.yaml")
    assert document is None
    probleme = _un_seul(problemes, "encodage_invalide")
    assert probleme.fichier == "fiche-latin1.yaml"
    assert probleme.ligne == 2
    assert probleme.message == "le fichier n'est pas en UTF-8 (octet 0xE9 en ligne 2)"
    assert "UTF-8" in probleme.conseil
    assert probleme.texte().startswith("fiche-latin1.yaml:2: erreur ")


def test_fichier_utf16_refuse() -> None:
    document, problemes = read_yaml_bytes("a: b\n".encode("utf-16"), "f.yaml")
    assert document is None
    assert [p.code for p in problemes] == ["encodage_invalide"]


def test_bom_utf8_accepte_et_positions_inchangees() -> None:
    brut = "\ufeffcode: CPOM_T_1\nintitule: Taux de formés\n".encode()
    document, problemes = read_yaml_bytes(brut, "f.yaml")
    assert problemes == []
    assert document is not None
    assert document.donnees == {"code": "CPOM_T_1", "intitule": "Taux de formés"}
    assert document.cles[("code",)] == Position(1, 1)
    assert document.cles[("intitule",)] == Position(2, 1)


def test_fins_de_ligne_crlf_acceptees_et_positions_justes() -> None:
    brut = b"code: CPOM_T_1\r\nmesures:\r\n  taux: {unite: '%'}\r\n"
    document, problemes = read_yaml_bytes(brut, "f.yaml")
    assert problemes == []
    assert document is not None
    assert document.donnees == {"code": "CPOM_T_1", "mesures": {"taux": {"unite": "%"}}}
    assert document.cles[("mesures", "taux")] == Position(3, 3)
    assert not any("\r" in str(v) for v in document.donnees.values())


def test_fiche_entiere_en_crlf_et_bom_validee(tmp_path: Path) -> None:
    brut = ("\ufeff" + FICHE.replace("\n", "\r\n")).encode()
    catalogue, problemes = charger(tmp_path, {"CPOM_T_1.yaml": brut})
    assert codes_erreurs(problemes) == []
    assert catalogue is not None
    assert catalogue.fiche("CPOM_T_1").definition == "Taux de professionnels formés dans l'année"


@pytest.mark.parametrize(
    ("texte", "ligne", "colonne", "caractere"),
    [("a: b\nc: d\x07\n", 2, 5, "U+0007"), ("a: \x1b[31m\n", 1, 4, "U+001B")],
)
def test_caractere_de_controle_localise(
    texte: str, ligne: int, colonne: int, caractere: str
) -> None:
    document, problemes = read_yaml_text(texte, "f.yaml")
    assert document is None
    probleme = _un_seul(problemes, "yaml_syntaxe")
    assert (probleme.ligne, probleme.colonne) == (ligne, colonne)
    assert caractere in probleme.message
    assert probleme.conseil


def test_caractere_nul_localise() -> None:
    document, problemes = read_yaml_text("a: b\nc: d\x00e\n", "f.yaml")
    assert document is None
    probleme = _un_seul(problemes, "fichier_illisible")
    assert (probleme.ligne, probleme.colonne) == (2, 5)
    assert "caractère nul" in probleme.message


# --- A.6 one clear error each ------------------------------------------------------------------------


def test_tabulation_pour_indenter() -> None:
    _, problemes = read_yaml_text("collecte:\n\tfrequence: annuelle\n", "f.yaml")
    probleme = _un_seul(problemes, "yaml_syntaxe")
    assert (probleme.ligne, probleme.colonne) == (2, 1)
    assert probleme.message == "YAML invalide : tabulation utilisée pour indenter"
    assert "espaces" in probleme.conseil


def test_guillemet_jamais_ferme_pointe_sur_le_guillemet() -> None:
    _, problemes = read_yaml_text('code: CPOM_T_1\ndefinition: "Taux de formés\n', "f.yaml")
    probleme = _un_seul(problemes, "yaml_syntaxe")
    assert (probleme.ligne, probleme.colonne) == (2, 13)
    assert probleme.message == "YAML invalide : guillemet ouvert et jamais fermé"


def test_guillemet_ferme_bien_plus_loin_donne_une_erreur_en_francais() -> None:
    texte = remplacer(FICHE, ("definition: Taux", 'definition: "Taux'))
    _, problemes = read_yaml_text(texte, "f.yaml")
    probleme = _un_seul(problemes, "yaml_syntaxe")
    assert probleme.ligne == 21  # where the stray quote's string breaks: unite: "%"
    assert probleme.message == "YAML invalide : caractère inattendu en début de valeur"
    assert "guillemet resté ouvert plus haut" in probleme.conseil


def test_document_liste_refuse_a_la_validation() -> None:
    from cpom_rules.spec.chargement import validate_document
    from cpom_rules.spec.fiche import Fiche

    document, problemes = read_yaml_text("- code: CPOM_T_1\n- intitule: x\n", "f.yaml")
    assert problemes == []
    assert document is not None
    _, _, defauts = validate_document(document, Fiche)
    probleme = _un_seul(defauts, "yaml_pas_dictionnaire")
    assert (probleme.ligne, probleme.colonne) == (1, 1)
    assert probleme.message == "le document doit être un dictionnaire (clé: valeur), pas une liste"


@pytest.mark.parametrize("texte", ["", "\n\n", "# rien que des commentaires\n", "\ufeff"])
def test_fichier_vide(texte: str) -> None:
    document, problemes = read_yaml_text(texte, "f.yaml")
    assert document is None
    probleme = _un_seul(problemes, "yaml_vide")
    assert probleme.message == "le fichier est vide"


def test_deux_documents() -> None:
    document, problemes = read_yaml_text("code: A\n---\ncode: B\n", "f.yaml")
    assert document is None
    probleme = _un_seul(problemes, "yaml_plusieurs_documents")
    assert (probleme.ligne, probleme.colonne) == (3, 1)
    assert "2 documents" in probleme.message


def test_document_avec_marqueurs_de_debut_et_fin_accepte() -> None:
    document, problemes = read_yaml_text("---\ncode: A\n...\n", "f.yaml")
    assert problemes == []
    assert document is not None
    assert document.donnees == {"code": "A"}


@pytest.mark.parametrize(
    ("texte", "detail"),
    [
        ("a: b: c\n", "deux-points inattendu"),
        ("a: *inconnu\n", "alias (*nom) sans ancre (&nom) correspondante"),
        ("a: {b: 1\n", "dictionnaire entre accolades { } mal formé"),
        ("a: [1, 2\nb: 3\n", "liste entre crochets [ ] mal formée"),
        ("a: @b\n", "caractère inattendu en début de valeur"),
        ("a:\n  b: 1\n c: 2\n", "indentation incohérente ou élément inattendu"),
        ('a: "b" c\n', "indentation incohérente ou élément inattendu"),
        ("a: > 5 %\n", "texte inattendu après la valeur"),
        ("a: 1\n... x\n", "contenu inattendu après la fin du document"),
        ("a: |x\n  b\n", "« | » ou « > » doit terminer la ligne"),
    ],
)
def test_erreurs_de_syntaxe_traduites_avec_un_conseil(texte: str, detail: str) -> None:
    _, problemes = read_yaml_text(texte, "f.yaml")
    probleme = _un_seul(problemes, "yaml_syntaxe")
    assert probleme.message == f"YAML invalide : {detail}"
    assert probleme.conseil
    assert probleme.ligne is not None


# --- A.7 tags, merge keys, complex keys -------------------------------------------------------------


def test_etiquette_python_refusee_et_rien_n_est_execute(tmp_path: Path) -> None:
    temoin = tmp_path / "execute"
    texte = f'code: CPOM_T_1\ndefinition: !!python/object/apply:os.system ["touch {temoin}"]\n'
    document, problemes = read_yaml_text(texte, "f.yaml")
    probleme = _un_seul(problemes, "yaml_etiquette_interdite")
    assert (probleme.ligne, probleme.colonne) == (2, 13)
    assert "python/object/apply:os.system" in probleme.message
    assert document is not None
    assert document.donnees == {"code": "CPOM_T_1", "definition": None}
    assert not temoin.exists()


def test_etiquette_python_dans_un_catalogue_rien_n_est_execute(tmp_path: Path) -> None:
    temoin = tmp_path / "execute"
    texte = remplacer(
        FICHE,
        (
            "definition: Taux de professionnels formés dans l'année",
            f'definition: !!python/object/apply:os.system ["touch {temoin}"]',
        ),
    )
    catalogue, problemes = charger(tmp_path / "cat", {"CPOM_T_1.yaml": texte})
    assert catalogue is None
    assert "yaml_etiquette_interdite" in codes_erreurs(problemes)
    assert not temoin.exists()


@pytest.mark.parametrize(
    "texte",
    [
        "a: !!python/name:os.system\n",
        "a: !!python/object:collections.OrderedDict {}\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
        "a: !local x\n",
        "!!python/name:os.system : 1\n",
        "!!binary aGVsbG8= : 1\n",
        "? !!python/tuple [a, b]\n: 1\n",
    ],
)
def test_toute_etiquette_non_standard_est_refusee(texte: str) -> None:
    _, problemes = read_yaml_text(texte, "f.yaml")
    assert "yaml_etiquette_interdite" in [p.code for p in problemes]
    assert all(p.niveau is Niveau.ERREUR for p in problemes)


def test_etiquettes_standard_acceptees_et_lues_comme_texte() -> None:
    document, problemes = read_yaml_text("a: !!str 010\nb: !!int 3\n", "f.yaml")
    assert problemes == []
    assert document is not None
    assert document.donnees == {"a": "010", "b": "3"}


def test_cle_de_fusion_refusee() -> None:
    document, problemes = read_yaml_text("base: &b {x: 1}\nautre:\n  <<: *b\n  y: 2\n", "f.yaml")
    probleme = _un_seul(problemes, "yaml_fusion_interdite")
    assert (probleme.ligne, probleme.colonne) == (3, 3)
    assert document is not None
    assert document.donnees["autre"] == {"y": "2"}


@pytest.mark.parametrize(
    ("texte", "trouve"), [("? [a, b]\n: 1\n", "une structure"), ("~: 1\n", "une valeur vide")]
)
def test_cle_qui_n_est_pas_un_texte(texte: str, trouve: str) -> None:
    _, problemes = read_yaml_text(texte, "f.yaml")
    probleme = _un_seul(problemes, "yaml_cle_non_texte")
    assert probleme.message == f"une clé doit être un texte simple, pas {trouve}"


# --- A.8 size limits -------------------------------------------------------------------------------------


def test_fichier_de_50_mo_refuse_sans_etre_lu(tmp_path: Path) -> None:
    chemin = tmp_path / "CPOM_T_1.yaml"
    with chemin.open("wb") as flux:
        flux.truncate(50 * 2**20)  # sparse: the size is 50 MB, nothing is written
    (document, problemes), duree = _chrono(read_yaml_file, chemin)
    assert document is None
    probleme = _un_seul(problemes, "fichier_trop_gros")
    assert probleme.fichier == str(chemin)
    assert probleme.message == (
        f"fichier trop volumineux ({50 * 2**20} octets, maximum {MAX_OCTETS})"
    )
    assert duree < LIMITE_SECONDES


def test_fichier_de_50_mo_dans_un_catalogue(tmp_path: Path) -> None:
    dossier = tmp_path / "cat"
    charger(dossier, {"CPOM_T_1.yaml": FICHE})
    with (dossier / "CPOM_T_2.yaml").open("wb") as flux:
        flux.truncate(50 * 2**20)
    from cpom_rules.compilation.catalogue import read_catalogue

    (catalogue, problemes), duree = _chrono(read_catalogue, dossier)
    assert catalogue is None
    assert codes_erreurs(problemes) == ["fichier_trop_gros"]
    assert problemes[0].fichier == str(dossier / "CPOM_T_2.yaml")
    assert duree < LIMITE_SECONDES


def test_50_mo_en_memoire_refuses() -> None:
    brut = b"a: " + b"x" * (50 * 2**20)
    (document, problemes), duree = _chrono(read_yaml_bytes, brut, "f.yaml")
    assert document is None
    assert _un_seul(problemes, "fichier_trop_gros").fichier == "f.yaml"
    assert duree < LIMITE_SECONDES


def test_texte_de_10_mo_refuse() -> None:
    texte = "code: CPOM_T_1\ndefinition: " + "x" * 10_000_000 + "\n"
    (document, problemes), duree = _chrono(read_yaml_text, texte, "f.yaml")
    assert document is None
    probleme = _un_seul(problemes, "fichier_trop_gros")
    assert "trop volumineux" in probleme.message
    assert duree < LIMITE_SECONDES


def test_juste_sous_la_limite_de_taille_lu() -> None:
    texte = "a: " + "x" * (MAX_OCTETS - 10) + "\n"
    document, problemes = read_yaml_text(texte, "f.yaml")
    assert problemes == []
    assert document is not None
    assert len(document.donnees["a"]) == MAX_OCTETS - 10


@pytest.mark.parametrize(
    "motif",
    ["a ", "a\n ", "\\t", "# x\n", "\n", "  x\n"],
    ids=["espaces", "lignes_pliees", "echappements", "commentaires", "lignes_vides", "bloc"],
)
def test_texte_le_plus_lent_sous_la_limite_de_taille_lu_vite(motif: str) -> None:
    debut = {"a ": "a: ", "a\n ": "a: ", "\\t": 'a: "', "# x\n": "", "\n": "", "  x\n": "a: |\n"}[
        motif
    ]
    fin = {"\\t": '"\n'}.get(motif, "\na: 1\n" if not debut else "\n")
    texte = debut + motif * ((MAX_OCTETS - 20) // len(motif)) + fin
    assert len(texte) <= MAX_OCTETS
    (document, problemes), duree = _chrono(read_yaml_text, texte, "f.yaml")
    assert problemes == []
    assert document is not None
    assert duree < LIMITE_SECONDES


def test_fichier_introuvable(tmp_path: Path) -> None:
    document, problemes = read_yaml_file(tmp_path / "absent.yaml")
    assert document is None
    probleme = _un_seul(problemes, "fichier_introuvable")
    assert str(tmp_path / "absent.yaml") in probleme.message


def test_dossier_a_la_place_d_un_fichier(tmp_path: Path) -> None:
    (tmp_path / "CPOM_T_1.yaml").mkdir()
    document, problemes = read_yaml_file(tmp_path / "CPOM_T_1.yaml")
    assert document is None
    assert [p.code for p in problemes] == ["fichier_illisible"]


# --- properties: any text, any bytes -> a document or our own problems, quickly -------------------------

_YAML_CARACTERES = st.sampled_from(list("ab:- \n\t\"'{}[],&*!|>%@`#?~.0123\\é\r\ufeff\x00\x07"))
_TEXTES_YAMLESQUES = st.text(_YAML_CARACTERES, max_size=120) | st.text(max_size=120)


def _verifier_resultat(document, problemes: list[Probleme]) -> None:
    assert isinstance(problemes, list)
    assert all(isinstance(p, Probleme) for p in problemes)
    assert document is not None or problemes
    for probleme in problemes:
        assert probleme.fichier == "f.yaml"
        assert probleme.message  # every code has a French message
        if probleme.code == "yaml_syntaxe":
            assert probleme.conseil, probleme.texte()
    if document is not None:
        _que_des_textes(document.donnees)


def _que_des_textes(valeur: object) -> None:
    if isinstance(valeur, dict):
        for cle, enfant in valeur.items():
            assert isinstance(cle, str)
            _que_des_textes(enfant)
    elif isinstance(valeur, list):
        for enfant in valeur:
            _que_des_textes(enfant)
    else:
        assert valeur is None or isinstance(valeur, str)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTES_YAMLESQUES)
def test_propriete_le_lecteur_ne_leve_jamais_sur_un_texte(texte: str) -> None:
    (document, problemes), duree = _chrono(read_yaml_text, texte, "f.yaml")
    _verifier_resultat(document, problemes)
    assert duree < LIMITE_SECONDES


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_propriete_le_lecteur_ne_leve_jamais_sur_des_octets(brut: bytes) -> None:
    (document, problemes), duree = _chrono(read_yaml_bytes, brut, "f.yaml")
    _verifier_resultat(document, problemes)
    assert duree < LIMITE_SECONDES


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(FICHE) - 1),
            st.sampled_from(list("\"'{}[]:-,&*!|>%@`#?\t \n")),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_propriete_une_fiche_abimee_donne_des_problemes_localises(mutations) -> None:
    caracteres = list(FICHE)
    for position_tiree, caractere, inserer in mutations:
        position = min(position_tiree, len(caracteres) - 1)
        if inserer:
            caracteres.insert(position, caractere)
        else:
            caracteres[position] = caractere
    document, problemes = read_yaml_text("".join(caracteres), "f.yaml")
    _verifier_resultat(document, problemes)
    for probleme in problemes:
        if probleme.code != "yaml_vide":
            assert probleme.ligne is not None, probleme.texte()


# --- issue #10 Why 4: one key written two ways -------------------------------------------------
@pytest.mark.parametrize(
    ("premiere", "seconde"),
    [
        ("2026", '"2026 "'),
        ("2026", '" 2026"'),
        ("2026", "2026-2026"),
        ("2026", "２０２６"),  # full-width digits
        ("2026-2028", '"2026 - 2028"'),
        ("2026-2028", "2026–2028"),  # en dash
        ('"310781406"', '" 310781406"'),
        ('"310781406"', '"310 781 406"'),
        ("grands", '" grands"'),
        ("grands", '"grands\u3000"'),  # ideographic space
    ],
)
def test_cle_ecrite_deux_fois_autrement(premiere: str, seconde: str) -> None:
    texte = f"cibles:\n  {premiere}: a\n  {seconde}: b\n"
    document, problemes = read_yaml_text(texte, "f.yaml")
    probleme = _un_seul(problemes, "yaml_cle_equivalente")
    assert (probleme.ligne, probleme.colonne) == (3, 3)
    assert "ligne 2" in probleme.message
    assert document is not None and list(document.donnees["cibles"].values()) == ["a"]


def test_cles_distinctes_non_confondues() -> None:
    texte = "cibles:\n  2025: a\n  2026: b\n  2025-2026: c\n  grands: d\n  petits: e\n"
    _, problemes = read_yaml_text(texte, "f.yaml")
    assert problemes == []


def test_fiche_livree_derogation_en_double_par_espace(tmp_path: Path) -> None:
    from cpom_rules.cli.commandes import check_specs
    from tests.conftest import SPECS

    dossier = tmp_path / "specs"
    shutil.copytree(SPECS, dossier)
    fiche = dossier / "CPOM_CT_1.yaml"
    texte = fiche.read_text(encoding="utf-8")
    texte = texte.replace(
        '      "340780477":\n',
        '      " 310781406":\n        motif: doublon\n        sans_objet: non\n      "340780477":\n',
    )
    fiche.write_text(texte, encoding="utf-8")
    _, problemes = check_specs(dossier)
    [p] = [p for p in problemes if p.code == "yaml_cle_equivalente"]
    assert p.fichier is not None and p.fichier.endswith("CPOM_CT_1.yaml")


def test_libyaml_et_pyyaml_lisent_pareil_avec_les_memes_marques() -> None:
    from tests.conftest import SPECS

    for chemin in sorted(SPECS.glob("*.yaml")):
        texte = chemin.read_text(encoding="utf-8")
        rapide, _ = read_yaml_text(texte, "f.yaml")
        with mock.patch.object(yaml, "__with_libyaml__", False):
            lent, _ = read_yaml_text(texte, "f.yaml")
        assert rapide is not None and lent is not None
        assert rapide.donnees == lent.donnees
        assert rapide.valeurs == lent.valeurs and rapide.cles == lent.cles
        assert rapide.debuts_texte == lent.debuts_texte
