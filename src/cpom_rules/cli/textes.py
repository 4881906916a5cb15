"""The command line's own sentences, in French and English (``--lang en``)."""

from __future__ import annotations

from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurUsage, erreur_usage

TEXTES: dict[str, tuple[str, str]] = {
    "description": (
        "cpom_rules — fiches d'indicateurs CPOM en YAML, évaluées pour un jeu de données d'établissements.",
        "cpom_rules — CPOM indicator fiches as YAML, evaluated for an establishment dataset.",
    ),
    "codes_sortie": (
        "Codes de sortie : 0 évalué (ou vérifié) sans erreur de données ; 1 évalué, mais des "
        "erreurs ont été trouvées dans les données (résultats écrits, problèmes listés), ou "
        "spécifications invalides, ou cas de test en échec ; 2 mauvaise utilisation (argument, "
        "chemin introuvable, dossier ou fichier spécial, sortie impossible à écrire) ; "
        "3 erreur interne (un bogue). Ctrl-C ou SIGTERM : 130, le fichier de sortie précédent "
        "est laissé intact.",
        "Exit codes: 0 evaluated (or checked) with no data error; 1 evaluated, but data errors "
        "were found (results written, problems listed), or invalid specs, or failing test "
        "cases; 2 misuse (argument, path not found, folder or special file, output that cannot "
        "be written); 3 internal error (a bug). Ctrl-C or SIGTERM: 130, the previous output "
        "file is left untouched.",
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
        "--strict : {nombre} avertissement(s) de données, code de sortie 1",
        "--strict: {nombre} data warning(s), exit code 1",
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
        "sortir avec le code 1 aussi sur les avertissements de données (les erreurs donnent toujours 1)",
        "exit with code 1 on data warnings too (errors always give 1)",
    ),
    "resume_ecrit": ("rapport écrit : {chemin}", "report written: {chemin}"),
    "aide_lecture": (
        "évaluer avec une lecture alternative déclarée d'une fiche, CODE=lecture "
        "(par exemple CPOM_OS_9=points ; répétable)",
        "evaluate with a declared alternative reading of a fiche, CODE=reading "
        "(e.g. CPOM_OS_9=points; repeatable)",
    ),
    "aide_lectures": (
        "afficher l'impact de chaque lecture alternative déclarée : établissements dont les "
        "verdicts changeraient (et, pour une sortie .html, la section du rapport)",
        "show the impact of each declared alternative reading: establishments whose verdicts "
        "would change (and, for an .html output, the report's section)",
    ),
    "lecture_mal_formee": (
        "--lecture attend CODE=lecture (par exemple CPOM_OS_9=points), reçu « {valeur} »",
        "--lecture expects CODE=reading (e.g. CPOM_OS_9=points), got '{valeur}'",
    ),
    "lectures_titre": (
        "Lectures alternatives déclarées ({nombre}) :",
        "Declared alternative readings ({nombre}):",
    ),
    "lecture_ligne": (
        "  {indicateur} « {lecture} »{litterale} — {libelle}",
        "  {indicateur} '{lecture}'{litterale} — {libelle}",
    ),
    "lecture_litterale": (" [texte imprimé]", " [printed text]"),
    "impact_titre": (
        "Impact des lectures alternatives ({etablissements} établissements) :",
        "Impact of the alternative readings ({etablissements} establishments):",
    ),
    "impact_ligne": (
        "  {indicateur} « {lecture} »{litterale} — {libelle} : {nombre} établissement(s) "
        "changent de verdict",
        "  {indicateur} '{lecture}'{litterale} — {libelle}: {nombre} establishment(s) change "
        "verdict",
    ),
    "impact_etablissement": (
        "    {finess} {nom} : {differences}",
        "    {finess} {nom}: {differences}",
    ),
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
    "interrompu": (
        "interrompu : aucun fichier de sortie modifié",
        "interrupted: no output file changed",
    ),
    "entree_absente": ("introuvable : {chemin}", "not found: {chemin}"),
    "entree_refusee": ("{chemin} : {motif}", "{chemin}: {motif}"),
    "sortie_refusee": (
        "impossible d'écrire {chemin} : {motif}",
        "cannot write {chemin}: {motif}",
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
    "aide_base_envoyer": (
        "marquer une évaluation gardée comme envoyée aux établissements (le rapport final "
        "la donne pour « envoyé »)",
        "mark a kept evaluation as sent to the establishments (the final report gives it as "
        "« sent »)",
    ),
    "aide_note_envoi": (
        "référence du courrier, destinataires… (gardée avec l'envoi)",
        "letter reference, recipients… (kept with the record)",
    ),
    "envoyee": ("envoyée le {le} par {par}", "sent on {le} by {par}"),
    "envoi_enregistre": (
        "évaluation n°{numero} (campagne {campagne}) marquée envoyée le {le} par {par}",
        "evaluation {numero} (campaign {campagne}) marked as sent on {le} by {par}",
    ),
    "lecture_importer": (
        "--fichier-lecture importe des mesures (base importer BASE mesures CLASSEUR.xlsx "
        "--fichier-lecture L.yaml) et demande --specs, le catalogue dont la lecture nomme les "
        "fiches",
        "--fichier-lecture imports measures (base importer BASE mesures WORKBOOK.xlsx "
        "--fichier-lecture L.yaml) and needs --specs, the catalogue whose fiches the lecture "
        "names",
    ),
    "aide_specs_lecture": (
        "catalogue dont la lecture (--fichier-lecture) nomme les fiches et variables",
        "catalogue whose fiches and variables the lecture (--fichier-lecture) names",
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
    "compte_fiches": ("{nombre} fiches", "{nombre} fiches"),
    "compte_etablissements": ("{nombre} établissements", "{nombre} establishments"),
    "compte_resultats": ("{nombre} résultats", "{nombre} results"),
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
    "aide_fichier_lecture": (
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


def erreur(cle: str, **params: object) -> ErreurUsage:
    """The `ErreurUsage` whose message is sentence `cle`, in both languages (the command
    line prints it in its own)."""
    return erreur_usage(TEXTES, cle, **params)
