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
        "dossier où copier les schémas ; sans lui, affiche où sont ceux installés",
        "folder to copy the schemas into; without it, shows where the installed ones are",
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
        "{fiches}, {erreurs}, {avertissements}",
        "{fiches}, {erreurs}, {avertissements}",
    ),
    "bilan_test": (
        "{reussis} cas réussi(s), {echoues} en échec",
        "{reussis} case(s) passed, {echoues} failed",
    ),
    "cas_ok": ("réussi", "passed"),
    "cas_echec": ("ÉCHEC", "FAILED"),
    "schemas_ecrits": ("schémas écrits : {chemins}", "schemas written: {chemins}"),
    "schemas_installes": (
        "schémas installés dans {dossier} : {noms} (--sortie DOSSIER pour les copier)",
        "schemas installed in {dossier}: {noms} (--sortie FOLDER to copy them)",
    ),
    "resume_titre": (
        "{etablissements} établissements, {resultats} résultats, années {annees}",
        "{etablissements} establishments, {results} results, years {annees}",
    ),
    "resume_statuts": ("statuts : {statuts}", "statuses: {statuts}"),
    "resume_problemes": (
        "problèmes de données : {erreurs}, {avertissements}",
        "data problems: {erreurs}, {avertissements}",
    ),
    "groupe_problemes": (
        "{nombre} du même genre ({code}, voir docs/problemes.md) :",
        "{nombre} of the same kind ({code}, see docs/problemes.md):",
    ),
    "autres_problemes": (
        "… et {nombre} autre(s) du même genre (--detail pour tout voir)",
        "… and {nombre} more of the same kind (--detail to see all)",
    ),
    "conseil_colonne_absente": (
        "➜ colonne {attribut} absente : {nombre} résultats non évaluables ; colonnes voisines : {voisines}",
        "➜ column {attribut} missing: {nombre} results not assessable; similar columns: {voisines}",
    ),
    "conseil_reparer_finess": (
        "➜ {nombre} FINESS à 8 chiffres : le zéro initial a sans doute été perdu par un tableur ; relancez avec --reparer-finess pour le rétablir (chaque réparation est signalée)",
        "➜ {nombre} FINESS with 8 digits: a spreadsheet probably dropped the leading zero; run again with --reparer-finess to restore it (each repair is reported)",
    ),
    "strict_echec": (
        "--strict : {nombre} erreur(s) de données, code de sortie 1",
        "--strict: {nombre} data error(s), exit code 1",
    ),
    "aide_dossier": (
        "dossier d'établissement : un document A4 (PDF et HTML) par établissement pour le dialogue CPOM",
        "establishment dossier: one A4 document (PDF and HTML) per establishment for the CPOM dialogue",
    ),
    "aide_finess_dossier": (
        "FINESS de l'établissement (répétable)",
        "FINESS of the establishment (repeatable)",
    ),
    "aide_tous": ("un dossier pour chaque établissement", "one dossier for every establishment"),
    "aide_sortie_dossier": (
        "dossier où écrire FINESS.pdf et FINESS.html, ou un fichier .pdf/.html pour un seul établissement",
        "folder for FINESS.pdf and FINESS.html, or a .pdf/.html file for one establishment",
    ),
    "aide_sans_pdf": (
        "n'écrire que le HTML (sans Chromium)",
        "write the HTML only (no Chromium)",
    ),
    "etape_dossiers": ("dossiers d'établissement", "establishment dossiers"),
    "dossiers_ecrits": (
        "{nombre} dans {dossier}",
        "{nombre} in {dossier}",
    ),
    "aide_strict_donnees": (
        "sortir avec le code 1 dès qu'une erreur de données est signalée",
        "exit with code 1 as soon as a data error is reported",
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
    "compte_fiches": ("{nombre} fiches", "{nombre} fiches"),
    "compte_etablissements": ("{nombre} établissements", "{nombre} establishments"),
    "compte_resultats": ("{nombre} résultats", "{nombre} results"),
    "etape_ecriture": ("écriture de {fichier}", "writing {fichier}"),
    "pages_ecrites": (
        "{nombre} page(s) écrite(s) dans {dossier}",
        "{nombre} page(s) written to {dossier}",
    ),
}


def texte(cle: str, langue: Langue = "fr", **params: object) -> str:
    """The sentence `cle` in `langue`, filled with `params`."""
    francais, anglais = TEXTES[cle]
    return (francais if langue == "fr" else anglais).format(**params)
