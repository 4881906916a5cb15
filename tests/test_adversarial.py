"""Every case of ../shared/ADVERSARIAL.md names the tests that show its behaviour.

The index below is the map from a case (« A.4 », « E.31 »…) to tests elsewhere in the suite
(``path::test_name``) or to a folder of the malformed-spec corpus (``corpus/name``, run by
tests/spec/test_chargement.py). It fails when a case has no test, or when a test it names is
renamed or removed, so the map cannot silently rot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
PARTAGE = RACINE.parent / "shared" / "ADVERSARIAL.md"

SOURCE = "tests/spec/test_source.py"
EXACTITUDE = "tests/evaluation/test_exactitude.py"
VALIDATION = "tests/donnees/test_validation.py"
EXPRESSION = "tests/formules/test_expression.py"

CAS: dict[str, tuple[str, ...]] = {
    # A. YAML traps
    "A.1": (
        f"{SOURCE}::test_cle_dupliquee_signalee_a_la_seconde_occurrence",
        "corpus/yaml_cle_dupliquee",
    ),
    "A.2": (f"{SOURCE}::test_un_scalaire_reste_le_texte_ecrit", "corpus/oui_non_invalide"),
    "A.3": (
        "tests/spec/test_fiche.py::test_cle_finess_invalide_localisee",
        "corpus/nombre_fraction",
        "corpus/nombre_sexagesimal",
        "corpus/nombre_souligne",
    ),
    "A.4": (f"{SOURCE}::test_bombe_d_alias_refusee_vite", "corpus/yaml_bombe_alias"),
    "A.5": (
        f"{SOURCE}::test_fichier_latin1_refuse_en_nommant_le_fichier_et_la_ligne",
        f"{SOURCE}::test_bom_utf8_accepte_et_positions_inchangees",
        f"{SOURCE}::test_fins_de_ligne_crlf_acceptees_et_positions_justes",
    ),
    "A.6": (
        f"{SOURCE}::test_tabulation_pour_indenter",
        f"{SOURCE}::test_guillemet_jamais_ferme_pointe_sur_le_guillemet",
        f"{SOURCE}::test_document_liste_refuse_a_la_validation",
        f"{SOURCE}::test_fichier_vide",
        f"{SOURCE}::test_deux_documents",
    ),
    "A.7": (
        f"{SOURCE}::test_etiquette_python_refusee_et_rien_n_est_execute",
        "corpus/yaml_etiquette_python",
    ),
    "A.8": (
        f"{SOURCE}::test_fichier_de_50_mo_refuse_sans_etre_lu",
        f"{SOURCE}::test_texte_de_10_mo_refuse",
    ),
    # B. Spec structure
    "B.9": (
        "tests/spec/test_erreurs.py::test_cle_inconnue_a_toute_profondeur",
        "corpus/cle_inconnue",
    ),
    "B.10": (
        "tests/spec/test_erreurs.py::test_cle_manquante_nommee_et_localisee_au_parent",
        "corpus/cle_manquante_code",
    ),
    "B.11": ("corpus/annee_hors_periode",),
    "B.12": (
        "tests/evaluation/test_segments.py::test_lacune_entre_segments",
        "tests/evaluation/test_segments.py::test_chevauchement_de_segments",
    ),
    "B.13": ("tests/spec/test_types.py::test_finess_invalides", "corpus/finess_invalide"),
    "B.14": (
        "tests/spec/test_chargement.py::test_code_duplique_nomme_les_deux_fichiers",
        "corpus/code_fiche_duplique",
    ),
    "B.15": (
        "tests/lint/test_unites.py::test_points_sur_un_nombre",
        "tests/lint/test_unites.py::test_pourcentage_sur_un_oui_non",
    ),
    "B.16": ("tests/lint/test_totaux.py::test_totaux_incoherents_selon_leur_sens",),
    "B.17": ("corpus/preuve_non_declaree",),
    # C. Formulas and conditions
    "C.18": (f"{EXPRESSION}::test_nom_non_declare_avec_suggestion", "corpus/nom_inconnu"),
    "C.19": (f"{EXPRESSION}::test_evasions_refusees_au_chargement", "corpus/expression_dunder"),
    "C.20": (
        f"{EXPRESSION}::test_fonction_inconnue_liste_les_fonctions_permises",
        f"{EXPRESSION}::test_rien_n_est_execute_au_chargement",
        "corpus/expression_import",
    ),
    "C.21": (
        f"{EXPRESSION}::test_calculs_demesures_refuses",
        f"{EXPRESSION}::test_texte_de_100000_caracteres_refuse_vite",
        f"{EXPRESSION}::test_dix_mille_parentheses_imbriquees_refusees_vite",
    ),
    "C.22": (
        f"{EXPRESSION}::test_constructions_interdites_avec_leur_nom_en_francais",
        "corpus/expression_lambda",
    ),
    "C.23": ("tests/formules/test_evaluation.py::test_chaine_de_comparaisons_cellule_par_cellule",),
    # D. Numbers and semantics
    "D.24": (f"{EXACTITUDE}::test_d24_denominateur_nul",),
    "D.25": (f"{EXACTITUDE}::test_d25_taux_exact_au_seuil",),
    "D.26": ("test_d26_variation_relative_exacte",),
    "D.27": (
        "tests/evaluation/test_cibles.py::test_variation_relative_arrondi_de_808_5",
        "test_d27_meme_arrondi_annuel_et_bilan",
    ),
    "D.28": (f"{EXACTITUDE}::test_d28_reference_absente",),
    "D.29": ("test_d29_nombres_non_finis_rejetes", "test_d29_nan_d_un_json_est_rejete"),
    "D.30": (
        f"{EXACTITUDE}::test_d30_effectif_negatif",
        f"{EXACTITUDE}::test_d30_numerateur_superieur_au_denominateur",
    ),
    # E. Dataset rows
    "E.31": (
        f"{VALIDATION}::test_e31_finess_invalide_dans_les_mesures",
        f"{VALIDATION}::test_e31_zero_initial_perdu_refuse_par_defaut",
    ),
    "E.32": (f"{VALIDATION}::test_e32_doublon_divergent",),
    "E.33": (
        "test_e33_indicateur_inconnu",
        "test_e33_variable_inconnue",
        "test_e33_annee_hors_periode",
    ),
    "E.34": ("test_e34_formats_dans_un_nombre", "test_e34_vide_n_est_jamais_zero"),
    "E.35": (
        f"{VALIDATION}::test_e35_etablissement_sans_mesure",
        "test_e35_mesures_d_un_finess_absent_des_etablissements",
    ),
    "E.36": ("test_e36_colonne_lits_absente", "test_e36_lits_manquants_ou_invalides"),
    "E.37": ("tests/donnees/test_lecture.py::test_csv_point_virgule_latin1_entetes_accentues",),
    "E.38": ("test_e38_un_million_de_lignes",),
    # F. Outputs
    "F.39": ("tests/render/test_csv.py::test_f39_noms_neutralises", "test_f39_autres_declencheurs"),
    "F.40": (
        "tests/render/test_html.py::test_un_nom_en_forme_de_script_est_echappe",
        "tests/render/test_dossier.py::test_html_autonome_et_echappe",
    ),
}
"""Case → tests; a bare ``test_name`` is looked up in the whole suite."""


def _existe(reference: str) -> bool:
    if reference.startswith("corpus/"):
        return (RACINE / "tests" / reference).is_dir()
    chemin, _, nom = reference.rpartition("::")
    motif = re.compile(rf"^def {re.escape(nom or reference)}\(", re.MULTILINE)
    fichiers = [RACINE / chemin] if chemin else list((RACINE / "tests").rglob("test_*.py"))
    return any(f.is_file() and motif.search(f.read_text(encoding="utf-8")) for f in fichiers)


@pytest.mark.parametrize("cas", sorted(CAS, key=lambda c: (c[0], int(c[2:]))))
def test_chaque_cas_nomme_des_tests_qui_existent(cas: str) -> None:
    manquants = [r for r in CAS[cas] if not _existe(r)]
    assert CAS[cas] and not manquants, f"{cas} : tests introuvables {manquants}"


def test_l_index_couvre_les_40_cas() -> None:
    attendus = {f"{s}.{n}" for s, (debut, fin) in zip("ABCDEF", [(1, 8), (9, 17), (18, 23), (24, 30), (31, 38), (39, 40)], strict=True) for n in range(debut, fin + 1)}  # fmt: skip
    assert set(CAS) == attendus
    if PARTAGE.is_file():  # the shared file numbers its cases 1..40 across sections
        numeros = re.findall(r"^(\d+)\. ", PARTAGE.read_text(encoding="utf-8"), re.MULTILINE)
        assert sorted(map(int, numeros)) == list(range(1, 41))
