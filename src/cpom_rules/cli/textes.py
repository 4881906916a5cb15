"""The command line's own sentences, in French and English (``--lang en``)."""

from __future__ import annotations

from cpom_rules.messages import Langue

TEXTES: dict[str, tuple[str, str]] = {
    "description": (
        "cpom_rules — fiches d'indicateurs CPOM en YAML, évaluées pour un jeu de données d'établissements.",
        "cpom_rules — CPOM indicator fiches as YAML, evaluated for an establishment dataset.",
    ),
    "codes_sortie": (
        "Codes de sortie : 0 succès ; 1 erreurs trouvées (spécifications, données, cas de test) ; "
        "2 mauvaise utilisation (argument manquant ou invalide, fichier introuvable) ; 3 erreur interne.",
        "Exit codes: 0 success; 1 errors found (specs, data, test cases); 2 usage error (missing or "
        "invalid argument, file not found); 3 internal error.",
    ),
    "aide_check": (
        "vérifier un catalogue de fiches (erreurs et avertissements)",
        "check a catalogue of fiches (errors and warnings)",
    ),
    "aide_test": (
        "exécuter les cas de test *.cas.yaml des fiches",
        "run the fiches' *.cas.yaml test cases",
    ),
    "aide_schema": (
        "écrire les schémas JSON des fichiers de spécification",
        "write the JSON Schemas of spec files",
    ),
    "aide_evaluate": (
        "évaluer un jeu de données et écrire le rapport",
        "evaluate a dataset and write the report",
    ),
    "aide_explain": ("expliquer pas à pas un résultat", "explain one result step by step"),
    "aide_doc": (
        "générer une page lisible par fiche (HTML et Markdown)",
        "generate one readable page per fiche (HTML and Markdown)",
    ),
    "aide_specs": (
        "dossier du catalogue (catalogue.yaml et une fiche YAML par indicateur)",
        "catalogue folder (catalogue.yaml and one YAML fiche per indicator)",
    ),
    "aide_format": (
        "format de sortie : texte (défaut) ou json",
        "output format: texte (default) or json",
    ),
    "aide_etablissements": (
        "table des établissements (.csv, .json, .xlsx)",
        "establishments table (.csv, .json, .xlsx)",
    ),
    "aide_mesures": (
        "table des mesures au format long (.csv, .json, .xlsx)",
        "measures table in long format (.csv, .json, .xlsx)",
    ),
    "aide_annees": (
        "années évaluées : 2025, 2025-2027 ou 2025,2027 (défaut : jusqu'à la dernière année renseignée)",
        "years evaluated: 2025, 2025-2027 or 2025,2027 (default: up to the last year with data)",
    ),
    "aide_sortie_eval": (
        "fichier de sortie ; le format suit l'extension : .html, .xlsx, .csv, .json",
        "output file; format follows the extension: .html, .xlsx, .csv, .json",
    ),
    "aide_reparer": (
        "rétablir le zéro initial d'un FINESS à 8 chiffres (chaque réparation est signalée)",
        "restore the leading zero of an 8-digit FINESS (each repair is reported)",
    ),
    "aide_sortie_schema": (
        "dossier où écrire les schémas (défaut : schemas)",
        "folder for the schemas (default: schemas)",
    ),
    "aide_sortie_doc": ("dossier où écrire les pages", "folder for the pages"),
    "aide_lang": (
        "langue des messages : fr (défaut) ou en",
        "language of messages: fr (default) or en",
    ),
    "aide_debug": (
        "afficher la trace Python d'une erreur interne",
        "show the Python traceback of an internal error",
    ),
    "aide_strict": ("échouer aussi sur les avertissements", "fail on warnings too"),
    "aide_finess": ("numéro FINESS de l'établissement", "FINESS number of the establishment"),
    "aide_indicateur": ("code de la fiche, par exemple CPOM_OS_1", "fiche code, e.g. CPOM_OS_1"),
    "aide_annee": ("année du résultat", "year of the result"),
    "aide_mesure": (
        "mesure (si la fiche en évalue plusieurs)",
        "measure (when the fiche evaluates several)",
    ),
    "aide_detail": ("afficher les problèmes de données un par un", "list data problems one by one"),
    "bilan_check": (
        "{fiches} fiche(s), {erreurs} erreur(s), {avertissements} avertissement(s)",
        "{fiches} fiche(s), {erreurs} error(s), {avertissements} warning(s)",
    ),
    "bilan_test": (
        "{reussis} cas réussi(s), {echoues} en échec",
        "{reussis} case(s) passed, {echoues} failed",
    ),
    "cas_ok": ("réussi", "passed"),
    "cas_echec": ("ÉCHEC", "FAILED"),
    "schemas_ecrits": ("schémas écrits : {chemins}", "schemas written: {chemins}"),
    "resume_titre": (
        "{etablissements} établissements, {resultats} résultats, années {annees}",
        "{etablissements} establishments, {results} results, years {annees}",
    ),
    "resume_statuts": ("statuts : {statuts}", "statuses: {statuts}"),
    "resume_problemes": (
        "problèmes de données : {erreurs} erreur(s), {avertissements} avertissement(s)",
        "data problems: {erreurs} error(s), {avertissements} warning(s)",
    ),
    "resume_ecrit": ("rapport écrit : {chemin}", "report written: {chemin}"),
    "format_inconnu": (
        "extension de sortie inconnue « {extension} » : utilisez .html, .xlsx, .csv ou .json",
        "unknown output extension '{extension}': use .html, .xlsx, .csv or .json",
    ),
    "annees_invalides": (
        "années invalides « {texte} » : écrivez 2025, 2025-2027 ou 2025,2027",
        "invalid years '{texte}': write 2025, 2025-2027 or 2025,2027",
    ),
    "erreur_interne": (
        "erreur interne : {detail} — relancez avec --debug et signalez-la",
        "internal error: {detail} — run again with --debug and report it",
    ),
    "interrompu": ("interrompu", "interrupted"),
    "excel_absent": (
        "l'export Excel demande openpyxl : pip install 'cpom_rules[excel]'",
        "Excel export needs openpyxl: pip install 'cpom_rules[excel]'",
    ),
    "etape_fiches": ("lecture des fiches", "reading the fiches"),
    "etape_donnees": ("lecture et validation des données", "reading and validating the data"),
    "etape_evaluation": ("évaluation", "evaluation"),
    "etape_ecriture": ("écriture de {fichier}", "writing {fichier}"),
    "pages_ecrites": (
        "{nombre} page(s) écrite(s) dans {dossier}",
        "{nombre} page(s) written to {dossier}",
    ),
    # --- importers (cpom_rules.cli.sources) ---------------------------------------------
    "aide_etablissements_cmd": (
        "construire la table des établissements depuis l'extrait FINESS et la SAE",
        "build the establishments table from the FINESS extract and the SAE",
    ),
    "aide_finess_extrait": (
        "extrait FINESS etalab (CSV « ; », latin-1, première ligne finess;etalab;…)",
        "FINESS etalab extract (';' CSV, latin-1, first line finess;etalab;…)",
    ),
    "aide_sae": (
        "tables des bases statistiques SAE (MCO, PSY, SSR…) d'où lire lits et places",
        "SAE statistical tables (MCO, PSY, SSR…) to read beds and places from",
    ),
    "aide_region": (
        "code de la région déclarée dans referentiels.yaml (76 : Occitanie)",
        "code of the region declared in referentiels.yaml (76: Occitanie)",
    ),
    "aide_departements": (
        "départements retenus, séparés par des virgules (09,11,2A,9A ou 971)",
        "départements kept, comma-separated (09,11,2A,9A or 971)",
    ),
    "aide_referentiel": (
        "correspondance déclarée (par défaut : SPECS/sources/referentiels.yaml)",
        "declared mapping (default: SPECS/sources/referentiels.yaml)",
    ),
    "aide_sortie_etab": (
        "table écrite (CSV « ; ») ; ses sources vont dans *.sources.csv à côté",
        "table written (';' CSV); its sources go to *.sources.csv next to it",
    ),
    "region_inconnue": (
        "région « {region} » : referentiels.yaml ne déclare que sa propre région ; "
        "utilisez --departements",
        "region '{region}': referentiels.yaml only declares its own region; use --departements",
    ),
    "bilan_etablissements": (
        "{nombre} établissement(s) écrit(s) dans {sortie} ({hors_champ} site(s) hors champ "
        "écarté(s)) ; sources dans {sources} ; {erreurs} erreur(s), {avertissements} "
        "avertissement(s)",
        "{nombre} establishment(s) written to {sortie} ({hors_champ} out-of-scope site(s) left "
        "out); sources in {sources}; {erreurs} error(s), {avertissements} warning(s)",
    ),
    "aide_lecture": (
        "fichier de lecture (YAML) : comment lire un classeur large (une colonne par variable)",
        "lecture file (YAML): how to read a wide workbook (one column per variable)",
    ),
    "aide_lecture_cmd": (
        "fichiers de lecture des classeurs larges",
        "lecture files for wide workbooks",
    ),
    "aide_lecture_verifier": (
        "montrer ce qu'un fichier de lecture lit dans des classeurs, avant de s'en servir",
        "show what a lecture file reads from workbooks, before using it",
    ),
    "aide_classeurs": (
        "classeurs .xlsx ou fichiers CSV à lire",
        ".xlsx workbooks or CSV files to read",
    ),
    "aide_lignes_montrees": ("nombre de lignes lues montrées", "number of rows read shown"),
    "lecture_onglet": ("{lieu} : {nombre} colonne(s) lue(s)", "{lieu}: {nombre} column(s) read"),
    "lecture_non_lue": ("non lue", "not read"),
    "lecture_premieres": (
        "premières valeurs lues ({nombre}) : cellule finess;indicateur;annee;variable;valeur",
        "first values read ({nombre}): cell finess;indicateur;annee;variable;valeur",
    ),
    "lecture_variables_oubliees": (
        "{fiche} : variables lues par aucune colonne : {variables}",
        "{fiche}: variables read by no column: {variables}",
    ),
    "bilan_lecture": (
        "{valeurs} valeur(s) lue(s) ; {erreurs} erreur(s), {avertissements} avertissement(s)",
        "{valeurs} value(s) read; {erreurs} error(s), {avertissements} warning(s)",
    ),
    "aide_formulaire": (
        "formulaires de recueil par établissement (xlsx), et leur relecture",
        "collection workbooks per establishment (xlsx), and reading them back",
    ),
    "aide_formulaire_long": (
        "« formulaire SPECS --etablissements E.csv [--mesures N-1.csv] --annee 2027 --sortie "
        "DOSSIER » écrit un classeur par établissement ; « formulaire lire DOSSIER --sortie "
        "mesures.csv [--specs SPECS --etablissements E.csv] » relit les classeurs renvoyés",
        "'formulaire SPECS --etablissements E.csv [--mesures N-1.csv] --annee 2027 --sortie "
        "FOLDER' writes one workbook per establishment; 'formulaire lire FOLDER --sortie "
        "mesures.csv [--specs SPECS --etablissements E.csv]' reads the returned workbooks",
    ),
    "aide_formulaire_cible": (
        "dossier du catalogue, ou « lire » pour relire des formulaires",
        "catalogue folder, or 'lire' to read forms back",
    ),
    "aide_formulaire_dossier": (
        "avec « lire » : le dossier des classeurs renvoyés",
        "with 'lire': the folder of returned workbooks",
    ),
    "aide_formulaire_mesures": (
        "mesures des années passées (format long), pour la valeur N-1 et les cibles",
        "past years' measures (long format), for last year's value and the targets",
    ),
    "aide_formulaire_sortie": (
        "dossier des classeurs écrits ; avec « lire » : le fichier long écrit (CSV « ; »)",
        "folder of the workbooks written; with 'lire': the long file written (';' CSV)",
    ),
    "formulaire_arguments": (
        "formulaire : --etablissements et --annee sont requis pour écrire les classeurs",
        "formulaire: --etablissements and --annee are required to write the workbooks",
    ),
    "formulaires_ecrits": (
        "{nombre} formulaire(s) écrit(s) dans {dossier} (liste : formulaires.csv)",
        "{nombre} form(s) written to {dossier} (list: formulaires.csv)",
    ),
    "bilan_formulaires": (
        "{fichiers} classeur(s) lu(s), {valeurs} valeur(s) écrite(s) dans {sortie} ; "
        "complétude ({etats}) dans {completude}",
        "{fichiers} workbook(s) read, {valeurs} value(s) written to {sortie}; completeness "
        "({etats}) in {completude}",
    ),
    "aide_complements": (
        "attributs tenus par l'ARS (finess;ght;activites;engage_…), qui complètent ou "
        "corrigent FINESS et la SAE",
        "attributes the ARS keeps (finess;ght;activites;engage_…), completing or correcting "
        "FINESS and the SAE",
    ),
    "formulaire_dossier_absent": (
        "formulaire lire : indiquez le dossier des classeurs renvoyés",
        "formulaire lire: give the folder of returned workbooks",
    ),
}


def texte(cle: str, langue: Langue = "fr", **params: object) -> str:
    """The sentence `cle` in `langue`, filled with `params`."""
    francais, anglais = TEXTES[cle]
    return (francais if langue == "fr" else anglais).format(**params)
