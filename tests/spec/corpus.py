"""What each folder of ``tests/corpus`` must produce: file, line, column, code, message.

One row per malformed catalogue. `schema` tells whether the defect is structural, i.e. also
rejected by the committed JSON Schema when the file is loaded with ``yaml.safe_load`` (a
defect only our reader sees — a duplicate key, ``1_000`` or ``off`` read by YAML 1.1 as a
number or a boolean — or one found by cross-checking, is not).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CasCorpus:
    dossier: str
    fichier: str  # file name, or the folder name when the problem is about the folder
    ligne: int | None
    colonne: int | None
    code: str
    message: str  # the start of the French message
    schema: bool = False
    autres: tuple[str, ...] = ()  # other error codes expected in the same folder


# fmt: off
CAS = (
    # --- YAML traps (ADVERSARIAL A) ---------------------------------------------------------
    CasCorpus("yaml_cle_dupliquee", "CPOM_T_1.yaml", 2, 1, "yaml_cle_dupliquee", "clé « code » en double (déjà définie ligne 1)"),
    CasCorpus("yaml_tabulation", "CPOM_T_1.yaml", 6, 1, "yaml_syntaxe", "YAML invalide : tabulation utilisée pour indenter"),
    CasCorpus("yaml_guillemet_non_ferme", "CPOM_T_1.yaml", 28, 14, "yaml_syntaxe", "YAML invalide : guillemet ouvert et jamais fermé"),
    CasCorpus("yaml_guillemet_non_ferme_milieu", "CPOM_T_1.yaml", 21, 13, "yaml_syntaxe", "YAML invalide : caractère inattendu en début de valeur"),
    CasCorpus("yaml_liste", "CPOM_T_1.yaml", 1, 1, "yaml_pas_dictionnaire", "le document doit être un dictionnaire (clé: valeur), pas une liste", schema=True),
    CasCorpus("yaml_vide", "CPOM_T_1.yaml", 1, 1, "yaml_vide", "le fichier est vide", schema=True),
    CasCorpus("yaml_plusieurs_documents", "CPOM_T_1.yaml", 30, 1, "yaml_plusieurs_documents", "le fichier contient 2 documents YAML"),
    CasCorpus("yaml_etiquette_python", "CPOM_T_1.yaml", 4, 13, "yaml_etiquette_interdite", "étiquette YAML « tag:yaml.org,2002:python/object/apply:os.system » interdite", autres=("attendu_texte",)),
    CasCorpus("yaml_fusion", "CPOM_T_1.yaml", 12, 5, "yaml_fusion_interdite", "la clé de fusion YAML « << » n'est pas prise en charge", autres=("cle_manquante",)),
    CasCorpus("yaml_cle_structure", "CPOM_T_1.yaml", 26, 3, "yaml_cle_non_texte", "une clé doit être un texte simple, pas une structure"),
    CasCorpus("yaml_bombe_alias", "CPOM_T_1.yaml", 29, 28, "yaml_trop_gros", "structure YAML trop grande une fois les alias développés"),
    CasCorpus("yaml_trop_profond", "CPOM_T_1.yaml", 26, 74, "yaml_trop_profond", "structure YAML trop profonde (plus de 64 niveaux)", schema=True),
    CasCorpus("encodage_latin1", "CPOM_T_1.yaml", 2, None, "encodage_invalide", "le fichier n'est pas en UTF-8 (octet 0xE9 en ligne 2)"),
    CasCorpus("caractere_nul", "CPOM_T_1.yaml", 2, 15, "fichier_illisible", "fichier illisible : caractère nul"),
    CasCorpus("caractere_controle", "CPOM_T_1.yaml", 2, 15, "yaml_syntaxe", "YAML invalide : caractère de contrôle U+0007 interdit"),
    # --- the folder ----------------------------------------------------------------------------
    CasCorpus("catalogue_absent", "catalogue_absent", None, None, "catalogue_absent", "pas de fichier catalogue.yaml dans"),
    CasCorpus("catalogue_sans_fiche", "catalogue_sans_fiche", None, None, "catalogue_sans_fiche", "le catalogue ne contient aucune fiche"),
    # --- structure (ADVERSARIAL B.9, B.10) -----------------------------------------------------
    CasCorpus("cle_inconnue", "CPOM_T_1.yaml", 22, 5, "cle_inconnue", "clé inconnue « cibel »", schema=True),
    CasCorpus("cle_inconnue_formule", "CPOM_T_1.yaml", 18, 7, "cle_inconnue", "clé inconnue « numerateru »", schema=True),
    CasCorpus("cle_inconnue_catalogue", "catalogue.yaml", 13, 1, "cle_inconnue", "clé inconnue « segmens »", schema=True),
    CasCorpus("cas_cle_inconnue", "CPOM_T_1.cas.yaml", 7, 5, "cle_inconnue", "clé inconnue « atendu »", schema=True),
    CasCorpus("cle_manquante_code", "CPOM_T_1.yaml", 1, 1, "cle_manquante", "clé obligatoire manquante : « code »", schema=True),
    CasCorpus("attendu_dictionnaire", "CPOM_T_1.yaml", 5, 11, "attendu_dictionnaire", "un dictionnaire (clé: valeur) est attendu ici, pas « annuelle »", schema=True),
    CasCorpus("attendu_liste", "CPOM_T_1.yaml", 26, 10, "attendu_liste", "une liste (lignes commençant par « - ») est attendue ici", schema=True),
    CasCorpus("attendu_texte", "CPOM_T_1.yaml", 9, 14, "attendu_texte", "un texte est attendu ici, pas une liste", schema=True),
    CasCorpus("valeur_invalide", "CPOM_T_1.yaml", 6, 14, "valeur_invalide", "valeur invalide : « annuel » n'est pas accepté", schema=True),
    CasCorpus("type_cible_inconnu", "CPOM_T_1.yaml", 24, 15, "type_cible_inconnu", "type de cible inconnu « seuill »", schema=True),
    CasCorpus("type_cible_manquant", "CPOM_T_1.yaml", 24, 15, "type_cible_manquant", "la cible n'indique pas son « type »", schema=True),
    CasCorpus("nombre_fraction", "CPOM_T_1.yaml", 24, 34, "nombre_invalide", "« 1/3 » n'est pas un nombre", schema=True),
    CasCorpus("nombre_souligne", "CPOM_T_1.yaml", 24, 34, "nombre_invalide", "« 1_000 » n'est pas un nombre"),
    CasCorpus("nombre_sexagesimal", "CPOM_T_1.yaml", 24, 34, "nombre_invalide", "« 12:30 » n'est pas un nombre"),
    CasCorpus("annee_invalide", "catalogue.yaml", 4, 18, "annee_invalide", "« 25 » n'est pas une année", schema=True),
    CasCorpus("plage_annees_invalide", "CPOM_T_1.yaml", 24, 9, "plage_annees_invalide", "« 2025-01 » n'est ni une année ni une plage d'années", schema=True),
    CasCorpus("reference_invalide", "CPOM_T_1.yaml", 24, 55, "reference_invalide", "référence « N-2 » inconnue", schema=True),
    CasCorpus("oui_non_invalide", "CPOM_T_1.yaml", 24, 45, "oui_non_invalide", "« off » n'est pas une réponse oui/non"),
    CasCorpus("identifiant_invalide", "CPOM_T_1.yaml", 8, 3, "identifiant_invalide", "« Nb-Formes » n'est pas un identifiant valide", schema=True),
    CasCorpus("identifiant_reserve", "CPOM_T_1.yaml", 8, 3, "identifiant_reserve", "« annee » est un mot réservé des expressions"),
    CasCorpus("code_fiche_invalide", "CPOM_T_1.yaml", 1, 7, "code_fiche_invalide", "« cpom t 1 » n'est pas un code de fiche valide", schema=True),
    CasCorpus("texte_vide", "CPOM_T_1.yaml", 2, 11, "texte_vide", "texte vide"),
    CasCorpus("periode_inversee", "catalogue.yaml", 4, 10, "periode_inversee", "la période commence en 2029 et finit en 2025"),
    CasCorpus("bornes_inversees", "CPOM_T_1.yaml", 24, 15, "bornes_inversees", "le minimum 20 dépasse le maximum 10"),
    CasCorpus("seuil_sans_borne", "CPOM_T_1.yaml", 24, 15, "seuil_sans_borne", "un seuil doit indiquer « min » ou « max »"),
    CasCorpus("formule_ambigue", "CPOM_T_1.yaml", 18, 7, "formule_ambigue", "une formule s'écrit avec soit « expression », soit « numerateur » et « denominateur »"),
    CasCorpus("derogation_vide", "CPOM_T_1.yaml", 23, 20, "derogation_vide", "la dérogation ne dit rien"),
    CasCorpus("k_superieur_n", "CPOM_T_1.yaml", 24, 15, "k_superieur_n", "k = 3 dépasse le nombre d'éléments (2)"),
    CasCorpus("liste_vide", "CPOM_T_1.yaml", 24, 15, "liste_vide", "liste vide"),
    CasCorpus("composite_trop_court", "CPOM_T_1.yaml", 24, 15, "composite_trop_court", "« et » combine au moins deux conditions"),
    CasCorpus("finess_invalide", "CPOM_T_1.yaml", 23, 7, "finess_invalide", "FINESS « 340780478 » invalide : clé de contrôle incorrecte"),
    # --- cross references, checked when compiling (ADVERSARIAL B.11, B.14, B.17, C.18-22) ------
    CasCorpus("code_fiche_duplique", "CPOM_T_2.yaml", 1, 7, "code_fiche_duplique", "le code CPOM_T_1 est déjà utilisé par "),
    CasCorpus("lecture_segment_inconnu", "CPOM_T_1.yaml", 33, 7, "lecture_segment_inconnu", "lecture « strict » : segment(s) grands sans table de cibles"),
    CasCorpus("lecture_mesure_inconnue", "CPOM_T_1.yaml", 32, 13, "lecture_mesure_inconnue", "lecture « strict » : mesure absente ou ambiguë"),
    CasCorpus("segment_inconnu", "CPOM_T_1.yaml", 23, 7, "reference_inconnue", "le segment « touts » n'est pas déclaré"),
    CasCorpus("segment_sans_cibles", "CPOM_T_1.yaml", 8, 3, "segment_sans_cibles", "le segment « grands » n'a de table de cibles dans aucune mesure"),
    CasCorpus("nom_en_double", "CPOM_T_1.yaml", 11, 3, "nom_en_double", "« lits » est déclaré à la fois comme attribut du catalogue et comme variable"),
    CasCorpus("annee_hors_periode", "CPOM_T_1.yaml", 25, 9, "annee_hors_periode", "l'année 2030 est hors de la période 2025-2029"),
    CasCorpus("annees_en_double", "CPOM_T_1.yaml", 25, 9, "annees_en_double", "l'année 2025 a deux cibles (clés « 2025 » et « 2025-2029 »)"),
    CasCorpus("yaml_cle_equivalente", "CPOM_T_1.yaml", 25, 9, "yaml_cle_equivalente", "clé « 2025  » : même clé que « 2025 » (ligne 24) écrite autrement", schema=True),
    CasCorpus("facteur_non_positif", "CPOM_T_1.yaml", 20, 16, "facteur_non_positif", "facteur -100 : un facteur doit être strictement positif"),
    CasCorpus("annee_sans_cible", "CPOM_T_1.yaml", 23, 7, "annee_sans_cible", "l'année 2029 n'a pas de cible pour le segment tous"),
    CasCorpus("type_incompatible", "CPOM_T_1.yaml", 18, 19, "type_incompatible", "« nb_formes > 0 » donne un booleen, pas un nombre"),
    CasCorpus("condition_non_booleenne", "catalogue.yaml", 16, 16, "type_incompatible", "« lits + 1 » donne un nombre, pas une condition oui/non"),
    CasCorpus("expression_syntaxe", "CPOM_T_1.yaml", 18, 30, "expression_syntaxe", "expression invalide « nb_formes + » : expression incomplète"),
    CasCorpus("expression_dunder", "CPOM_T_1.yaml", 18, 19, "expression_interdite", "« accès à un attribut « . » » n'est pas autorisé dans une expression"),
    CasCorpus("expression_import", "CPOM_T_1.yaml", 18, 19, "expression_interdite", "« accès à un attribut « . » » n'est pas autorisé dans une expression"),
    CasCorpus("expression_puissance", "CPOM_T_1.yaml", 18, 19, "expression_interdite", "« la puissance « ** » » n'est pas autorisé dans une expression"),
    CasCorpus("expression_lambda", "CPOM_T_1.yaml", 18, 21, "expression_interdite", "« lambda » n'est pas autorisé dans une expression"),
    CasCorpus("expression_trop_longue", "CPOM_T_1.yaml", 18, 19, "expression_trop_longue", "expression trop longue (2997 caractères, maximum 2000)"),
    CasCorpus("expression_trop_complexe", "CPOM_T_1.yaml", 18, 19, "expression_trop_complexe", "expression trop complexe (41 niveaux d'imbrication, maximum 40)"),
    CasCorpus("nom_inconnu", "CPOM_T_1.yaml", 19, 21, "nom_inconnu", "nom inconnu « nb_totl » dans l'expression « nb_totl »"),
    CasCorpus("fonction_inconnue", "CPOM_T_1.yaml", 18, 19, "fonction_inconnue", "fonction inconnue « open »"),
    CasCorpus("valeur_hors_liste", "catalogue.yaml", 16, 37, "valeur_hors_liste", "« CHR » n'est pas une valeur possible de categorie"),
    CasCorpus("preuve_non_declaree", "CPOM_T_1.yaml", 24, 48, "preuve_non_declaree", "la preuve « plan_formaton » n'est pas déclarée dans « preuves »"),
    CasCorpus("derogation_segment_inconnu", "CPOM_T_1.yaml", 23, 47, "derogation_segment_inconnu", "la dérogation affecte le segment « grands » qui n'a pas de cibles ici"),
    CasCorpus("mesure_sans_cible", "CPOM_T_1.yaml", 15, 3, "mesure_sans_cible", "aucune mesure de la fiche n'a de cibles"),
    CasCorpus("trop_de_preuves", "CPOM_T_1.yaml", 26, 1, "trop_de_preuves", "la fiche déclare 65 preuves, au plus 64"),
    CasCorpus("mesure_cyclique", "CPOM_T_1.yaml", 28, 14, "mesure_cyclique", "les mesures part_formee, taux_formes dépendent les unes des autres en boucle"),
)
# fmt: on

# Spec-side codes checked elsewhere than in the corpus, with the test that does it.
_LECTURE = "tests/sources/test_tableur_large.py::test_each_defect_of_a_lecture_file_is_located"
HORS_CORPUS = {
    "fichier_introuvable": "tests/spec/test_chargement.py::test_dossier_introuvable",
    "fichier_trop_gros": "tests/spec/test_source.py::test_fichier_de_50_mo_dans_un_catalogue",
    "nom_fichier_code": "tests/spec/test_chargement.py::test_nom_de_fichier_different_du_code",
    "lecture_inconnue": "tests/evaluation/test_lectures.py::test_une_lecture_inconnue_est_refusee_avec_les_lectures_declarees",
    # The lecture files of wide workbooks (spec/lecture.py) have their own defects' test.
    "lecture_motif_invalide": _LECTURE,
    "lecture_entete_ou_motif": _LECTURE,
    "lecture_variable_role": _LECTURE,
    # The contract files' model (spec/contrat.py) has its defects' tests in tests/contrats.
    "date_invalide": "tests/contrats/test_chargement.py::test_date_invalide",
    "engagement_vide": "tests/contrats/test_chargement.py::test_engagement_vide",
}
