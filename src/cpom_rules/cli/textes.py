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
    "aide_contrats": (
        "contrats des établissements à vérifier aussi (un fichier YAML ou un dossier)",
        "establishment contracts to check as well (one YAML file or a folder)",
    ),
    "aide_contrats_evaluer": (
        "contrats des établissements (fichier YAML ou dossier) : chaque année est évaluée avec "
        "le contrat tel que modifié par ses avenants",
        "establishment contracts (YAML file or folder): each year is evaluated with the "
        "contract as amended by its avenants",
    ),
    "aide_au_contrats": (
        "n'appliquer que les avenants signés à cette date (AAAA-MM-JJ ; défaut : tous)",
        "only apply the avenants signed by that date (YYYY-MM-DD; default: all)",
    ),
    "aide_etablissements_contrats": (
        "table des établissements : le FINESS de chaque contrat doit y figurer",
        "establishments table: each contract's FINESS must be in it",
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
    # --- cpom-rules base ----------------------------------------------------------------------
    "aide_base": (
        "base de campagnes : importer, évaluer, historique, écarts, rapport final",
        "campaign store: import, evaluate, history, differences, final report",
    ),
    "aide_base_cible": (
        "fichier SQLite (créé au besoin) ou URL postgresql+psycopg://…",
        "SQLite file (created if needed) or postgresql+psycopg://… URL",
    ),
    "aide_base_init": (
        "créer la base ou la migrer au dernier schéma",
        "create the store or migrate it",
    ),
    "aide_base_importer": (
        "importer des établissements, des mesures ou des contrats (sans doublon, en ajout seul)",
        "import establishments, measures or contracts (no duplicates, append-only)",
    ),
    "aide_base_genre": ("ce que contient le fichier", "what the file holds"),
    "aide_base_fichier": (
        "fichier (ou dossier de contrats) à importer",
        "file (or contract folder) to import",
    ),
    "aide_campagne": (
        "campagne (année des données recueillies)",
        "campaign (year of the data collected)",
    ),
    "aide_valide_du": (
        "date d'effet des attributs importés (défaut : date de l'import)",
        "date from which imported attributes apply (default: import date)",
    ),
    "aide_le": (
        "date et heure de l'import ou de l'évaluation (défaut : maintenant), AAAA-MM-JJ[THH:MM]",
        "date and time of the import or evaluation (default: now), YYYY-MM-DD[THH:MM]",
    ),
    "aide_utilisateur": (
        "qui importe (défaut : l'utilisateur du système)",
        "who imports (default: OS user)",
    ),
    "aide_base_evaluer": (
        "évaluer une campagne depuis la base et garder l'instantané",
        "evaluate a campaign from the store and keep the snapshot",
    ),
    "aide_au": (
        "évaluer la base telle qu'elle était à cette date (AAAA-MM-JJ : fin de journée)",
        "evaluate the store as it was at that date (YYYY-MM-DD: end of day)",
    ),
    "aide_reproduire": (
        "rejouer l'évaluation n° N à son moment et vérifier qu'elle est identique",
        "re-run evaluation no. N as of its moment and check it is identical",
    ),
    "aide_sans_enregistrer": ("ne pas garder l'instantané", "do not keep the snapshot"),
    "aide_sortie_option": (
        "écrire aussi les résultats (.html, .xlsx, .csv, .json)",
        "also write the results (.html, .xlsx, .csv, .json)",
    ),
    "aide_base_historique": (
        "historique d'une valeur (--variable) ou d'une cible (sinon)",
        "history of one value (--variable) or one target (otherwise)",
    ),
    "aide_variable": ("variable de la fiche", "variable of the fiche"),
    "aide_base_ecarts": (
        "verdicts qui diffèrent entre deux évaluations, avec leur cause",
        "verdicts that differ between two evaluations, with their cause",
    ),
    "aide_evaluation": ("numéro d'évaluation (voir « base evaluations »)", "evaluation number"),
    "aide_base_evaluations": ("lister les évaluations gardées", "list the kept evaluations"),
    "aide_base_rapport": (
        "rapport final du contrat : verdicts envoyés chaque année et actuels, bilans, avenants",
        "final contract report: verdicts as sent each year and now, totals, avenants",
    ),
    "base_prete": (
        "base prête : {base} (schéma {revision})",
        "store ready: {base} (schema {revision})",
    ),
    "import_fait": (
        "import n°{numero} : {lues} ligne(s) lue(s), {nouvelles} nouvelle(s), {corrections} "
        "correction(s), {inchangees} inchangée(s)",
        "import no. {numero}: {lues} row(s) read, {nouvelles} new, {corrections} correction(s), "
        "{inchangees} unchanged",
    ),
    "import_rien": (
        "rien de nouveau : {lues} ligne(s) lue(s), {inchangees} déjà dans la base",
        "nothing new: {lues} row(s) read, {inchangees} already in the store",
    ),
    "evaluation_gardee": (
        "évaluation n°{numero} : campagne {campagne}, base au {au}, {resultats} résultats, "
        "empreinte {empreinte}",
        "evaluation no. {numero}: campaign {campagne}, store as of {au}, {resultats} results, "
        "hash {empreinte}",
    ),
    "evaluation_non_gardee": (
        "évaluation non gardée : campagne {campagne}, base au {au}, {resultats} résultats, "
        "empreinte {empreinte}",
        "evaluation not kept: campaign {campagne}, store as of {au}, {resultats} results, "
        "hash {empreinte}",
    ),
    "reproduite": (
        "évaluation n°{numero} reproduite à l'identique (empreinte {empreinte})",
        "evaluation no. {numero} reproduced bit for bit (hash {empreinte})",
    ),
    "non_reproduite": (
        "évaluation n°{numero} NON reproduite : {nombre} résultat(s) diffèrent (empreinte "
        "{avant} → {apres})",
        "evaluation no. {numero} NOT reproduced: {nombre} result(s) differ (hash {avant} → {apres})",
    ),
    "campagne_requise": (
        "--campagne est obligatoire (sauf avec --reproduire)",
        "--campaign is required (except with --reproduire)",
    ),
    "introuvable": ("introuvable : {chemin}", "not found: {chemin}"),
    "catalogue_different": (
        "attention : le catalogue a changé depuis cette évaluation (empreinte {avant} → {apres})",
        "warning: the catalogue changed since this evaluation (hash {avant} → {apres})",
    ),
    "historique_vide": ("rien dans la base pour cette clé", "nothing in the store for this key"),
    "aucun_ecart": ("aucun verdict ne change", "no verdict changes"),
    "date_invalide": (
        "date invalide « {texte} » : écrivez AAAA-MM-JJ ou AAAA-MM-JJTHH:MM",
        "invalid date '{texte}': write YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    ),
    "base_absente": (
        "la base demande SQLAlchemy et Alembic : pip install 'cpom_rules[base]'",
        "the store needs SQLAlchemy and Alembic: pip install 'cpom_rules[base]'",
    ),
    "etape_fiches": ("lecture des fiches", "reading the fiches"),
    "etape_donnees": ("lecture et validation des données", "reading and validating the data"),
    "etape_evaluation": ("évaluation", "evaluation"),
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
