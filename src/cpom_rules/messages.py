"""The text of every problem, in French and English, in one table.

A message is looked up by its code and filled with the problem's parameters. Keeping every
sentence here lets `docs/problemes.md` list them all and keeps the two languages in step
(a test checks that every code used in the code base has both).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from cpom_rules.chiffres import nombre_texte

Langue = Literal["fr", "en"]

# code -> (message fr, conseil fr, message en, conseil en)
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "trop_de_preuves": (
        "la fiche déclare {nombre} preuves, au plus {maximum}",
        "regroupez les éléments de preuve proches sous un même code",
        "the fiche declares {nombre} evidence items, at most {maximum}",
        "group close evidence items under one code",
    ),
    "table_vide": (
        "le fichier de données est vide (pas même une ligne d'en-tête)",
        "la première ligne nomme les colonnes, par exemple finess;indicateur;annee;variable;valeur",
        "the data file is empty (not even a header row)",
        "the first row names the columns, e.g. finess;indicateur;annee;variable;valeur",
    ),
    "segment_sans_cibles": (
        "le segment « {segment} » n'a de table de cibles dans aucune mesure",
        "ajoutez ses cibles dans « cibles » d'une mesure, ou retirez le segment",
        "segment '{segment}' has no target table in any measure",
        "add its targets under a measure's 'cibles', or remove the segment",
    ),
    # --- reading files -------------------------------------------------------------------
    "fichier_introuvable": (
        "fichier ou dossier introuvable : {emplacement}",
        "vérifiez le chemin indiqué",
        "file or folder not found: {emplacement}",
        "check the path",
    ),
    "fichier_illisible": (
        "fichier illisible : {detail}",
        "",
        "unreadable file: {detail}",
        "",
    ),
    "fichier_trop_gros": (
        "fichier trop volumineux ({taille} octets, maximum {maximum})",
        "une fiche tient en quelques kilo-octets ; scindez ou corrigez le fichier",
        "file too large ({taille} bytes, maximum {maximum})",
        "a fiche fits in a few kilobytes; split or fix the file",
    ),
    "encodage_invalide": (
        "le fichier n'est pas en UTF-8 (octet 0x{octet} en ligne {ligne_octet})",
        "ré-enregistrez le fichier en UTF-8 (« UTF-8 » dans la boîte d'enregistrement)",
        "the file is not UTF-8 (byte 0x{octet} on line {ligne_octet})",
        "save the file again as UTF-8",
    ),
    "yaml_syntaxe": (
        "YAML invalide : {detail}",
        "{conseil}",
        "invalid YAML: {detail}",
        "{conseil}",
    ),
    "yaml_vide": (
        "le fichier est vide",
        "une fiche est un dictionnaire YAML qui commence par « code: »",
        "the file is empty",
        "a fiche is a YAML mapping starting with 'code:'",
    ),
    "yaml_plusieurs_documents": (
        "le fichier contient {nombre} documents YAML (séparés par « --- »)",
        "mettez une seule fiche par fichier",
        "the file holds {nombre} YAML documents (separated by '---')",
        "put one fiche per file",
    ),
    "yaml_pas_dictionnaire": (
        "le document doit être un dictionnaire (clé: valeur), pas {trouve}",
        "retirez le tiret initial : une fiche n'est pas une liste",
        "the document must be a mapping (key: value), not {trouve}",
        "remove the leading dash: a fiche is not a list",
    ),
    "yaml_cle_dupliquee": (
        "clé « {cle} » en double (déjà définie ligne {ligne_precedente})",
        "supprimez ou renommez l'une des deux : YAML garderait silencieusement la dernière",
        "duplicate key '{cle}' (already defined on line {ligne_precedente})",
        "remove or rename one: YAML would silently keep the last one",
    ),
    "yaml_cle_equivalente": (
        "clé « {cle} » : même clé que « {cle_precedente} » (ligne {ligne_precedente}) écrite "
        "autrement (espaces, chiffres pleine chasse, intervalle d'une seule année)",
        "gardez une seule des deux : l'une remplacerait silencieusement l'autre",
        "key '{cle}': same key as '{cle_precedente}' (line {ligne_precedente}) written "
        "differently (spaces, full-width digits, one-year range)",
        "keep only one: one would silently replace the other",
    ),
    "yaml_cle_non_texte": (
        "une clé doit être un texte simple, pas {trouve}",
        "",
        "a key must be plain text, not {trouve}",
        "",
    ),
    "yaml_etiquette_interdite": (
        "étiquette YAML « {etiquette} » interdite",
        "les fiches n'acceptent que du YAML simple, sans étiquette « !! »",
        "YAML tag '{etiquette}' is not allowed",
        "fiches accept plain YAML only, without '!!' tags",
    ),
    "yaml_fusion_interdite": (
        "la clé de fusion YAML « << » n'est pas prise en charge",
        "recopiez les clés voulues : une fiche doit se lire sans résolution d'alias",
        "the YAML merge key '<<' is not supported",
        "copy the keys: a fiche must read without alias resolution",
    ),
    "yaml_trop_gros": (
        "structure YAML trop grande une fois les alias développés (plus de {maximum} éléments)",
        "n'utilisez pas d'ancres (&) et d'alias (*) imbriqués",
        "YAML structure too large once aliases are expanded (more than {maximum} nodes)",
        "do not nest anchors (&) and aliases (*)",
    ),
    "yaml_trop_profond": (
        "structure YAML trop profonde (plus de {maximum} niveaux)",
        "",
        "YAML structure too deep (more than {maximum} levels)",
        "",
    ),
    # --- model validation ----------------------------------------------------------------
    "cle_inconnue": (
        "clé inconnue « {cle} »",
        "{suggestion}",
        "unknown key '{cle}'",
        "{suggestion_en}",
    ),
    "cle_manquante": (
        "clé obligatoire manquante : « {cle} »",
        "ajoutez « {cle}: … » à cet endroit",
        "missing required key: '{cle}'",
        "add '{cle}: …' here",
    ),
    "valeur_invalide": (
        "valeur invalide : {detail}",
        "{conseil}",
        "invalid value: {detail}",
        "{conseil}",
    ),
    "type_cible_inconnu": (
        "type de cible inconnu « {trouve} »",
        "types possibles : {possibles}{suggestion}",
        "unknown target type '{trouve}'",
        "possible types: {possibles}{suggestion}",
    ),
    "type_cible_manquant": (
        "la cible n'indique pas son « type »",
        "ajoutez « type: » parmi : {possibles}",
        "the target has no 'type'",
        "add 'type:' among: {possibles}",
    ),
    "attendu_dictionnaire": (
        "un dictionnaire (clé: valeur) est attendu ici, pas {trouve}",
        "",
        "a mapping (key: value) is expected here, not {trouve}",
        "",
    ),
    "attendu_liste": (
        "une liste (lignes commençant par « - ») est attendue ici, pas {trouve}",
        "",
        "a list (lines starting with '-') is expected here, not {trouve}",
        "",
    ),
    "attendu_texte": (
        "un texte est attendu ici, pas {trouve}",
        "",
        "text is expected here, not {trouve}",
        "",
    ),
    # --- scalar values read by the schema ------------------------------------------------
    "nombre_invalide": (
        "« {valeur} » n'est pas un nombre{precision}",
        "{conseil}",
        "'{valeur}' is not a number{precision_en}",
        "{conseil_en}",
    ),
    "annee_invalide": (
        "« {valeur} » n'est pas une année",
        "une année s'écrit sur quatre chiffres, par exemple 2025 (pas 2025-01)",
        "'{valeur}' is not a year",
        "a year has four digits, e.g. 2025 (not 2025-01)",
    ),
    "plage_annees_invalide": (
        "« {valeur} » n'est ni une année ni une plage d'années",
        "écrivez 2025, ou 2026-2029 pour la même cible plusieurs années de suite",
        "'{valeur}' is neither a year nor a range of years",
        "write 2025, or 2026-2029 for the same target several years in a row",
    ),
    "reference_invalide": (
        "référence « {valeur} » inconnue",
        "écrivez n_moins_1 (année précédente), initiale (première valeur de "
        "l'établissement) ou une année fixe comme 2024",
        "unknown reference '{valeur}'",
        "write n_moins_1 (previous year), initiale (the establishment's first value) or a "
        "fixed year such as 2024",
    ),
    "oui_non_invalide": (
        "« {valeur} » n'est pas une réponse oui/non",
        "écrivez oui ou non",
        "'{valeur}' is not a yes/no answer",
        "write oui or non",
    ),
    "identifiant_invalide": (
        "« {valeur} » n'est pas un identifiant valide",
        "un identifiant s'écrit en minuscules sans accent, chiffres et « _ », "
        "et commence par une lettre : taux_formes, nb_rmm",
        "'{valeur}' is not a valid identifier",
        "an identifier uses lowercase letters without accents, digits and '_', "
        "and starts with a letter: taux_formes, nb_rmm",
    ),
    "identifiant_reserve": (
        "« {valeur} » est un mot réservé des expressions",
        "choisissez un autre nom",
        "'{valeur}' is a reserved word in expressions",
        "choose another name",
    ),
    "code_fiche_invalide": (
        "« {valeur} » n'est pas un code de fiche valide",
        "un code s'écrit en majuscules, chiffres et « _ », par exemple CPOM_OS_1",
        "'{valeur}' is not a valid fiche code",
        "a code uses capitals, digits and '_', e.g. CPOM_OS_1",
    ),
    "texte_vide": (
        "texte vide",
        "renseignez ce champ ou retirez la clé",
        "empty text",
        "fill in this field or remove the key",
    ),
    "periode_inversee": (
        "la période commence en {debut} et finit en {fin}",
        "la fin doit suivre le début",
        "the period starts in {debut} and ends in {fin}",
        "the end must follow the start",
    ),
    "bornes_inversees": (
        "le minimum {min} dépasse le maximum {max}",
        "",
        "the minimum {min} exceeds the maximum {max}",
        "",
    ),
    "seuil_sans_borne": (
        "un seuil doit indiquer « min » ou « max »",
        "par exemple « min: 10 » pour « ≥ 10 »",
        "a threshold needs 'min' or 'max'",
        "e.g. 'min: 10' for '≥ 10'",
    ),
    "formule_ambigue": (
        "une formule s'écrit avec {attendu}",
        "choisissez une seule forme",
        "a formula uses {attendu_en}",
        "choose one form",
    ),
    "derogation_vide": (
        "la dérogation ne dit rien : indiquez « sans_objet », « segment » ou « cibles »",
        "",
        "the derogation is empty: give 'sans_objet', 'segment' or 'cibles'",
        "",
    ),
    "k_superieur_n": (
        "k = {k} dépasse le nombre d'éléments ({n})",
        "",
        "k = {k} exceeds the number of items ({n})",
        "",
    ),
    "composite_trop_court": (
        "« {type} » combine au moins deux conditions",
        "",
        "'{type}' combines at least two conditions",
        "",
    ),
    "liste_vide": (
        "liste vide",
        "",
        "empty list",
        "",
    ),
    # --- catalogue-level semantics --------------------------------------------------------
    "catalogue_absent": (
        "pas de fichier catalogue.yaml dans {dossier}",
        "un catalogue est un dossier avec catalogue.yaml et une fiche YAML par indicateur",
        "no catalogue.yaml in {dossier}",
        "a catalogue is a folder holding catalogue.yaml and one YAML file per fiche",
    ),
    "catalogue_sans_fiche": (
        "le catalogue ne contient aucune fiche",
        "ajoutez un fichier CODE.yaml par fiche à côté de catalogue.yaml",
        "the catalogue holds no fiche",
        "add one CODE.yaml file per fiche next to catalogue.yaml",
    ),
    "code_fiche_duplique": (
        "le code {code_double} est déjà utilisé par {autre_fichier}",
        "chaque fiche doit avoir un code unique dans le catalogue",
        "code {code_double} is already used by {autre_fichier}",
        "each fiche needs a unique code in the catalogue",
    ),
    "nom_fichier_code": (
        "le fichier s'appelle {nom} mais la fiche a le code {code_lu}",
        "nommez le fichier {code_lu}.yaml pour qu'on le retrouve",
        "the file is named {nom} but the fiche code is {code_lu}",
        "name the file {code_lu}.yaml",
    ),
    "reference_inconnue": (
        "{quoi} « {nom} » n'est pas déclaré{e}",
        "{suggestion}",
        "{quoi_en} '{nom}' is not declared",
        "{suggestion_en}",
    ),
    "nom_en_double": (
        "« {nom} » est déclaré à la fois comme {premier} et comme {second}",
        "un nom ne doit désigner qu'une seule chose : renommez l'un des deux",
        "'{nom}' is declared both as {premier} and as {second}",
        "a name must mean one thing: rename one of them",
    ),
    "annee_hors_periode": (
        "l'année {annee} est hors de la période {debut}-{fin}",
        "les cibles portent sur les années de la période du contrat",
        "year {annee} is outside the period {debut}-{fin}",
        "targets cover the years of the contract period",
    ),
    "annees_en_double": (
        "l'année {annee} a deux cibles (clés « {premiere} » et « {seconde} »)",
        "une année ne peut avoir qu'une cible par segment",
        "year {annee} has two targets (keys '{premiere}' and '{seconde}')",
        "a year has one target per segment",
    ),
    "finess_invalide": (
        "FINESS « {finess} » invalide : {detail}",
        "{conseil}",
        "invalid FINESS '{finess}': {detail}",
        "{conseil_en}",
    ),
    "type_incompatible": (
        "{detail}",
        "{conseil}",
        "{detail_en}",
        "{conseil_en}",
    ),
    # --- expressions --------------------------------------------------------------------
    "expression_syntaxe": (
        "expression invalide « {expression} » : {detail}",
        "une expression s'écrit comme une formule : a / b * 100, lits >= 100 and lits <= 499",
        "invalid expression '{expression}': {detail}",
        "an expression reads like a formula: a / b * 100, lits >= 100 and lits <= 499",
    ),
    "expression_interdite": (
        "« {element} » n'est pas autorisé dans une expression",
        "{conseil}",
        "'{element}' is not allowed in an expression",
        "{conseil_en}",
    ),
    "expression_trop_longue": (
        "expression trop longue ({longueur} caractères, maximum {maximum})",
        "découpez le calcul en plusieurs mesures",
        "expression too long ({longueur} characters, maximum {maximum})",
        "split the computation into several measures",
    ),
    "expression_trop_complexe": (
        "expression trop complexe ({detail})",
        "découpez le calcul en plusieurs mesures",
        "expression too complex ({detail})",
        "split the computation into several measures",
    ),
    "nom_inconnu": (
        "nom inconnu « {nom} » dans l'expression « {expression} »",
        "{suggestion}",
        "unknown name '{nom}' in expression '{expression}'",
        "{suggestion_en}",
    ),
    "fonction_inconnue": (
        "fonction inconnue « {nom} »",
        "fonctions autorisées : {possibles}",
        "unknown function '{nom}'",
        "allowed functions: {possibles}",
    ),
    "valeur_hors_liste": (
        "« {valeur} » n'est pas une valeur possible de {attribut}",
        "valeurs possibles : {possibles}{suggestion}",
        "'{valeur}' is not a possible value of {attribut}",
        "possible values: {possibles}{suggestion}",
    ),
    # --- linter ---------------------------------------------------------------------------
    "segments_lacune": (
        "les segments {segments} ne couvrent pas : {valeurs}",
        "un établissement dans ce cas n'aurait pas de cible (statut non_evaluable, raison "
        "segment_indetermine) ; corrigez les conditions ou affectez-le par dérogation",
        "segments {segments} do not cover: {valeurs}",
        "such an establishment would have no target; fix the conditions or assign it by derogation",
    ),
    "segments_chevauchement": (
        "les segments {segments} se chevauchent pour : {valeurs}",
        "un établissement ne peut relever que d'un segment ; resserrez les conditions",
        "segments {segments} overlap for: {valeurs}",
        "an establishment must fall in one segment; tighten the conditions",
    ),
    "annee_sans_cible": (
        "l'année {annee} n'a pas de cible pour le segment {segment}",
        "écrivez « {annee}: {{type: pas_de_cible}} » si la fiche ne fixe rien cette année-là",
        "year {annee} has no target for segment {segment}",
        "write '{annee}: {{type: pas_de_cible}}' when the fiche sets nothing that year",
    ),
    "total_incoherent": (
        "total {total} incohérent avec les cibles annuelles ({sens} : {calcule})",
        "la fiche elle-même est incohérente ; notez la lecture retenue dans « notes »",
        "total {total} inconsistent with the yearly targets ({sens}: {calcule})",
        "the fiche itself is inconsistent; record the chosen reading in 'notes'",
    ),
    "points_hors_taux": (
        "cible en points sur une mesure qui n'est pas un taux (unité « {unite} »)",
        "des points n'ont de sens que pour un taux (%) ; notez la lecture retenue",
        "target in points on a measure that is not a rate (unit '{unite}')",
        "points only make sense for a rate (%); record the chosen reading",
    ),
    "pourcentage_sur_booleen": (
        "cible {type} sur une mesure oui/non",
        "une mesure oui/non se cible avec « oui_non » ou « jalon »",
        "{type} target on a yes/no measure",
        "a yes/no measure takes an 'oui_non' or 'jalon' target",
    ),
    "pourcentage_ambigu": (
        "« {texte} » sur un taux : lecture « {lecture} » retenue, l'autre lecture "
        "({autre}) donnerait une autre cible",
        "confirmez la lecture dans « notes » de la fiche",
        "'{texte}' on a rate: reading '{lecture}' chosen; the other reading ({autre}) gives a "
        "different target",
        "confirm the reading in the fiche's 'notes'",
    ),
    "texte_cible_divergent": (
        "le texte imprimé « {texte} » ne correspond pas à la cible codée ({cible_codee}) : {detail}",
        "vérifiez la lecture ; si elle est voulue, expliquez-la dans « notes »",
        "the printed text '{texte}' does not match the encoded target ({cible_codee}): {detail}",
        "check the reading; if intended, explain it in 'notes'",
    ),
    "cible_infra_annuelle": (
        "cible par {periodicite} alors que la collecte est {frequence}",
        "la cible est convertie en valeur annuelle (× {facteur}) ; notez cette lecture",
        "target per {periodicite} while collection is {frequence}",
        "the target is converted to a yearly value (× {facteur}); record this reading",
    ),
    "oui_non_sur_nombre": (
        "cible {type} sur une mesure numérique",
        "une cible oui/non porte sur une mesure oui/non (booléen ou jalon)",
        "{type} target on a numeric measure",
        "a yes/no target applies to a yes/no measure",
    ),
    "preuve_non_declaree": (
        "la preuve « {preuve} » n'est pas déclarée dans « preuves »",
        "{suggestion}",
        "evidence '{preuve}' is not declared under 'preuves'",
        "{suggestion_en}",
    ),
    "derogation_segment_inconnu": (
        "la dérogation affecte le segment « {segment} » qui n'a pas de cibles ici",
        "segments possibles : {possibles}",
        "the derogation assigns segment '{segment}', which has no targets here",
        "possible segments: {possibles}",
    ),
    "mesure_sans_cible": (
        "aucune mesure de la fiche n'a de cibles",
        "ajoutez « cibles: » à la mesure évaluée",
        "no measure of the fiche has targets",
        "add 'cibles:' to the measure to evaluate",
    ),
    "mesure_cyclique": (
        "les mesures {mesures} dépendent les unes des autres en boucle",
        "une mesure ne peut pas se calculer à partir d'elle-même",
        "measures {mesures} depend on each other in a loop",
        "a measure cannot be computed from itself",
    ),
    "cas_attendu_inconnu": (
        "le cas attend un résultat pour {quoi} qui n'est pas évalué par la fiche",
        "{conseil}",
        "the case expects a result for {quoi} that the fiche does not evaluate",
        "{conseil}",
    ),
    # --- data ------------------------------------------------------------------------------
    "colonne_manquante": (
        "colonne obligatoire « {nom_colonne} » absente (colonnes lues : {lues})",
        "l'en-tête doit contenir : {attendues}",
        "required column '{nom_colonne}' missing (columns read: {lues})",
        "the header must contain: {attendues}",
    ),
    "colonne_en_double": (
        "la colonne « {colonne_ignoree} » désigne la même donnée que « {colonne_gardee} » : "
        "elle est ignorée",
        "gardez une seule de ces colonnes",
        "column '{colonne_ignoree}' means the same as '{colonne_gardee}': it is ignored",
        "keep only one of these columns",
    ),
    "ligne_malformee": (
        "ligne de {trouve} champs au lieu de {attendu} : ignorée",
        "vérifiez les séparateurs et les guillemets de cette ligne",
        "row with {trouve} fields instead of {attendu}: ignored",
        "check the separators and quotes of this row",
    ),
    "format_inconnu": (
        "format de fichier non pris en charge : {extension}",
        "formats lus : .csv, .json{excel}",
        "unsupported file format: {extension}",
        "formats read: .csv, .json{excel}",
    ),
    "colonne_inconnue": (
        "colonne « {nom_colonne} » ignorée : elle ne correspond à aucun attribut déclaré",
        "{suggestion}",
        "column '{nom_colonne}' ignored: it matches no declared attribute",
        "{suggestion_en}",
    ),
    "encodage_latin1": (
        "fichier lu en Windows-1252 (latin-1) car il n'est pas en UTF-8",
        "enregistrez-le en UTF-8 pour éviter toute ambiguïté sur les accents",
        "file read as Windows-1252 (latin-1) because it is not UTF-8",
        "save it as UTF-8 to avoid any ambiguity about accents",
    ),
    "finess_donnees": (
        "FINESS « {finess} » invalide : {detail}",
        "{conseil}",
        "invalid FINESS '{finess}': {detail}",
        "{conseil_en}",
    ),
    "finess_repare": (
        "FINESS « {finess} » corrigé en « {corrige} » ({detail})",
        "",
        "FINESS '{finess}' corrected to '{corrige}' ({detail})",
        "",
    ),
    "etablissement_double": (
        "l'établissement {finess} apparaît plusieurs fois",
        "gardez une seule ligne par FINESS",
        "establishment {finess} appears several times",
        "keep one row per FINESS",
    ),
    "etablissement_inconnu": (
        "{nombre} mesure(s) pour le FINESS {finess}, absent de la table des établissements",
        "ajoutez l'établissement à la table, ou corrigez le FINESS",
        "{nombre} measure(s) for FINESS {finess}, absent from the establishments table",
        "add the establishment, or fix the FINESS",
    ),
    "etablissement_sans_mesure": (
        "l'établissement {finess} n'a aucune mesure",
        "ses résultats sont marqués « données manquantes »",
        "establishment {finess} has no measure",
        "its results are marked 'missing data'",
    ),
    "indicateur_inconnu": (
        "indicateur « {indicateur} » inconnu du catalogue",
        "{suggestion}",
        "indicator '{indicateur}' is not in the catalogue",
        "{suggestion_en}",
    ),
    "variable_inconnue": (
        "variable « {variable} » inconnue pour {indicateur}",
        "{suggestion}",
        "variable '{variable}' unknown for {indicateur}",
        "{suggestion_en}",
    ),
    "annee_donnees_invalide": (
        "année « {annee} » invalide",
        "une année s'écrit sur quatre chiffres, par exemple 2025",
        "invalid year '{annee}'",
        "a year has four digits, e.g. 2025",
    ),
    "annee_donnees_hors_periode": (
        "année {annee} hors de la période utile {debut}-{fin} : ligne ignorée",
        "",
        "year {annee} outside the useful period {debut}-{fin}: row ignored",
        "",
    ),
    "mesure_en_double": (
        "({finess}, {indicateur}, {annee}, {variable}) saisi plusieurs fois avec des valeurs "
        "différentes : {valeurs}",
        "aucune valeur n'est choisie : corrigez la saisie ; le résultat est non évaluable",
        "({finess}, {indicateur}, {annee}, {variable}) entered several times with different "
        "values: {valeurs}",
        "no value is chosen: fix the data; the result is not assessable",
    ),
    "mesure_en_double_identique": (
        "({finess}, {indicateur}, {annee}, {variable}) saisi plusieurs fois avec la même valeur",
        "une seule ligne suffit",
        "({finess}, {indicateur}, {annee}, {variable}) entered several times with the same value",
        "one row is enough",
    ),
    "valeur_donnees_invalide": (
        "valeur « {valeur} » invalide pour {variable} ({type}) : {detail}",
        "{conseil}",
        "invalid value '{valeur}' for {variable} ({type}): {detail}",
        "{conseil_en}",
    ),
    "attribut_invalide": (
        "attribut {attribut} de {finess} : valeur « {valeur} » invalide ({detail})",
        "{conseil}",
        "attribute {attribut} of {finess}: invalid value '{valeur}' ({detail})",
        "{conseil_en}",
    ),
    "colonne_attribut_absente": (
        "pas de colonne pour l'attribut « {attribut} » : sa valeur est inconnue pour tous",
        "ajoutez la colonne {attribut} à la table des établissements",
        "no column for attribute '{attribut}': its value is unknown for all",
        "add column {attribut} to the establishments table",
    ),
    "attribut_manquant": (
        "attribut « {attribut} » non renseigné pour {nombre} établissement(s)",
        "leur segment ne pourra pas être déterminé là où cet attribut compte",
        "attribute '{attribut}' missing for {nombre} establishment(s)",
        "their segment cannot be determined where this attribute matters",
    ),
    "preuve_donnees_inconnue": (
        "preuve « {preuve} » inconnue pour {indicateur}",
        "preuves déclarées : {possibles}",
        "evidence '{preuve}' unknown for {indicateur}",
        "declared evidence: {possibles}",
    ),
    "numerateur_superieur": (
        "{indicateur} {annee} {finess} : numérateur {numerateur} supérieur au dénominateur "
        "{denominateur} pour un taux borné à 100 %",
        "vérifiez la saisie ; le résultat est non évaluable (donnée invalide)",
        "{indicateur} {annee} {finess}: numerator {numerateur} greater than denominator "
        "{denominateur} for a rate bounded by 100%",
        "check the data; the result is not assessable (invalid data)",
    ),
    "taux_calcule_hors_bornes": (
        "{indicateur} {annee} {finess} : la mesure {mesure}, en %, vaut {valeur} %, hors de "
        "[0, 100]",
        "vérifiez la saisie ; le résultat est non évaluable (donnée invalide)",
        "{indicateur} {annee} {finess}: measure {mesure}, in %, is {valeur}%, outside [0, 100]",
        "check the data; the result is not assessable (invalid data)",
    ),
    "facteur_non_positif": (
        "facteur {facteur} : un facteur doit être strictement positif",
        "pour un taux en %, écrivez facteur: 100",
        "factor {facteur}: a factor must be strictly positive",
        "for a rate in %, write facteur: 100",
    ),
    "lecture_mesure_inconnue": (
        "lecture « {lecture} » : mesure absente ou ambiguë",
        "nommez la mesure visée avec « mesure: » ({possibles})",
        "reading '{lecture}': measure missing or ambiguous",
        "name the measure with 'mesure:' ({possibles})",
    ),
    "lecture_segment_inconnu": (
        "lecture « {lecture} » : segment(s) {segments} sans table de cibles dans la mesure",
        "segments de la mesure : {possibles}",
        "reading '{lecture}': segment(s) {segments} have no target table in the measure",
        "the measure's segments: {possibles}",
    ),
    "lecture_non_litterale": (
        "{indicateur} : la lecture retenue s'écarte du texte imprimé ({retenue}) ; lecture "
        "littérale « {lecture} » : {libelle}",
        "faites trancher la lecture avant l'évaluation contractuelle "
        "(cpom-rules evaluate … --lectures montre son impact)",
        "{indicateur}: the retained reading departs from the printed text ({retenue}); literal "
        "reading '{lecture}': {libelle}",
        "have the reading settled before the contractual evaluation "
        "(cpom-rules evaluate … --lectures shows its impact)",
    ),
    "lecture_inconnue": (
        "lecture « {lecture} » inconnue pour {indicateur}",
        "lectures déclarées : {possibles}",
        "unknown reading '{lecture}' for {indicateur}",
        "declared readings: {possibles}",
    ),
    "cible_choisie_sous_plancher": (
        "{indicateur} {annee} {finess} : cible choisie {choisie} inférieure au plancher "
        "{plancher} ; le plancher s'applique",
        "",
        "{indicateur} {annee} {finess}: chosen target {choisie} below the floor {plancher}; "
        "the floor applies",
        "",
    ),
    # --- data layer (issue #10): formats as spreadsheets write them ---------------------
    "cas_attribut_invalide": (
        "attribut « {attribut} » du cas : « {valeur} » invalide ({detail})",
        "écrivez la valeur comme l'établissement la déclarerait",
        "case attribute '{attribut}': '{valeur}' is invalid ({detail_en})",
        "write the value as the establishment would report it",
    ),
    "encodage_mixte": (
        "octet 0x{octet} invalide en UTF-8 : lu « {lu} » (Windows-1252), le reste du fichier "
        "étant en UTF-8",
        "ré-enregistrez le fichier en UTF-8 : une ligne y a été collée depuis un autre encodage",
        "byte 0x{octet} is not UTF-8: read '{lu}' (Windows-1252), the rest of the file being UTF-8",
        "save the file again as UTF-8: a line was pasted from another encoding",
    ),
    "colonnes_vides_ignorees": (
        "{nombre} colonne(s) sans titre en fin de ligne ignorée(s)",
        "des « ; » en fin de ligne, laissés par un tableur",
        "{nombre} untitled trailing column(s) ignored",
        "trailing separators left by a spreadsheet",
    ),
    "table_sans_ligne": (
        "le fichier n'a qu'une ligne d'en-tête ({entetes}), aucune donnée",
        "vérifiez que c'est le bon fichier, et que le séparateur est « ; »",
        "the file has only a header row ({entetes}), no data",
        "check that this is the right file, and that the separator is ';'",
    ),
    "formule_sans_valeur": (
        "cellule {colonne_excel} : formule « {formule} » sans valeur calculée, lue comme vide",
        "ouvrez le classeur dans Excel ou LibreOffice et enregistrez-le pour calculer les "
        "formules, ou saisissez les valeurs",
        "cell {colonne_excel}: formula '{formule}' without a computed value, read as empty",
        "open the workbook in Excel or LibreOffice and save it to compute the formulas, or "
        "enter the values",
    ),
    "cellule_hors_entete": (
        "valeur « {valeur} » en colonne {colonne_excel}, hors des colonnes de l'en-tête : ignorée",
        "effacez cette cellule ou donnez un titre à sa colonne",
        "value '{valeur}' in column {colonne_excel}, outside the header's columns: ignored",
        "clear this cell or give its column a title",
    ),
    "cle_json_en_double": (
        "clé « {cle} » répétée dans l'enregistrement n° {rang}",
        "aucune des deux valeurs n'est choisie : gardez une seule clé par enregistrement",
        "key '{cle}' repeated in record no. {rang}",
        "neither value is chosen: keep one key per record",
    ),
    # --- importing reference data and spreadsheets (cpom_rules.sources) -------------------
    "finess_extrait_entete": (
        "ce n'est pas un extrait FINESS etalab : première ligne « {trouve} »",
        "l'extrait publié sur data.gouv.fr commence par « finess;etalab;… » "
        "(voir docs/preparer-donnees.md)",
        "not a FINESS etalab extract: first line '{trouve}'",
        "the extract published on data.gouv.fr starts with 'finess;etalab;…' "
        "(see docs/preparer-donnees.md)",
    ),
    "finess_extrait_ligne": (
        "ligne structureet de {trouve} champs, au moins {attendu} attendus : site ignoré",
        "le fichier a peut-être été modifié dans un tableur ; reprenez l'extrait publié",
        "structureet line with {trouve} fields, at least {attendu} expected: site ignored",
        "the file may have been edited in a spreadsheet; use the published extract",
    ),
    "finess_extrait_numero": (
        "{champ} « {valeur} » invalide ({detail}) : site ignoré",
        "",
        "{champ} '{valeur}' invalid ({detail}): site ignored",
        "",
    ),
    "finess_extrait_section": (
        "section « {section} » inconnue : ligne ignorée",
        "sections lues : structureet (et geolocalisation, ignorée)",
        "unknown section '{section}': line ignored",
        "sections read: structureet (and geolocalisation, ignored)",
    ),
    "categetab_inconnue": (
        "{finess} ({rs}) : catégorie FINESS {categetab} « {libelle} » absente de la correspondance : "
        "site écarté",
        "ajoutez-la sous « categories » de referentiels.yaml (categorie: null si hors champ)",
        "{finess} ({rs}): FINESS category {categetab} '{libelle}' not in the mapping: site left out",
        "add it under 'categories' in referentiels.yaml (categorie: null if out of scope)",
    ),
    "codesph_inconnu": (
        "{finess} ({rs}) : type SPH {codesph} « {libelle} » absent de la correspondance : "
        "statut inconnu",
        "ajoutez-le sous « types_sph » de referentiels.yaml",
        "{finess} ({rs}): SPH type {codesph} '{libelle}' not in the mapping: status unknown",
        "add it under 'types_sph' in referentiels.yaml",
    ),
    "categorie_ej_indeterminee": (
        "{finess} : sites de catégories {categories} sans ordre déclaré : catégorie laissée vide",
        "listez ces catégories sous « priorite » de referentiels.yaml",
        "{finess}: sites of categories {categories} with no declared order: category left empty",
        "list these categories under 'priorite' in referentiels.yaml",
    ),
    "statuts_divergents": (
        "{finess} : sites de statuts différents ou inconnus ({statuts}) : statut laissé vide",
        "vérifiez les codes SPH des sites de cette entité juridique",
        "{finess}: sites with different or unknown statuses ({statuts}): status left empty",
        "check the SPH codes of this legal entity's sites",
    ),
    "lits_absents": (
        "{finess} ({rs}) : pas de lits dans la SAE {annee} pour le(s) site(s) {sites} : "
        "lits laissés vides",
        "son segment par taille ne pourra pas être déterminé ; complétez la SAE ou la table",
        "{finess} ({rs}): no beds in the {annee} SAE for site(s) {sites}: beds left empty",
        "its size segment cannot be determined; complete the SAE or the table",
    ),
    "sae_colonnes_absentes": (
        "table SAE sans les colonnes {colonnes}",
        "une table des bases statistiques SAE a les colonnes AN, FI, FI_EJ et les LIT_*/PLA_* "
        "déclarées dans referentiels.yaml",
        "SAE table without columns {colonnes}",
        "an SAE statistical table has columns AN, FI, FI_EJ and the LIT_*/PLA_* declared in "
        "referentiels.yaml",
    ),
    "sae_ligne_invalide": (
        "ligne SAE sans FINESS ou année valide (FI « {finess} », AN « {annee} ») : ignorée",
        "",
        "SAE row without a valid FINESS or year (FI '{finess}', AN '{annee}'): ignored",
        "",
    ),
    "sae_valeur_invalide": (
        "{colonne_sae} « {valeur} » invalide pour {finess} ({detail}) : valeur ignorée",
        "",
        "{colonne_sae} '{valeur}' invalid for {finess} ({detail}): value ignored",
        "",
    ),
    "sae_en_double": (
        "{finess} {annee} : {colonne_sae} déjà lu : cette ligne est ignorée",
        "une table SAE a une ligne par site et par année",
        "{finess} {annee}: {colonne_sae} already read: this row is ignored",
        "an SAE table has one row per site and year",
    ),
    "sae_hors_finess": (
        "le site {finess} (EJ {ej}) figure dans la SAE mais pas dans l'extrait FINESS "
        "(fermé ?) : ses lits ne sont pas comptés",
        "",
        "site {finess} (EJ {ej}) is in the SAE but not in the FINESS extract (closed?): its "
        "beds are not counted",
        "",
    ),
    # --- contracts and avenants (cpom_rules.contrats) ---------------------------------------
    "date_invalide": (
        "date invalide : {valeur}",
        "écrivez la date sous la forme AAAA-MM-JJ, par exemple 2025-03-01",
        "invalid date: {valeur}",
        "write the date as YYYY-MM-DD, e.g. 2025-03-01",
    ),
    "engagement_vide": (
        "engagement vide : ni cibles, ni cible choisie, ni « sans objet »",
        "donnez « cibles », « cible_choisie » ou « sans_objet » (avec son motif), ou retirez l'entrée",
        "empty engagement: no targets, no chosen target, no 'sans objet'",
        "give 'cibles', 'cible_choisie' or 'sans_objet' (with its motive), or remove the entry",
    ),
    "contrat_en_double": (
        "deuxième contrat pour le FINESS {finess} (déjà dans {autre})",
        "un établissement a un seul contrat ; ses modifications sont des avenants",
        "second contract for FINESS {finess} (already in {autre})",
        "an establishment has one contract; changes to it are avenants",
    ),
    "contrat_finess_inconnu": (
        "le FINESS {finess} du contrat n'est pas dans la table des établissements",
        "vérifiez le numéro, ou ajoutez l'établissement à la table",
        "the contract's FINESS {finess} is not in the establishments table",
        "check the number, or add the establishment to the table",
    ),
    "contrat_reference_inconnue": (
        "{quoi} inconnue du catalogue : {nom}",
        "{suggestion}",
        "{quoi} unknown to the catalogue: {nom}",
        "{suggestion}",
    ),
    "avenant_annee_anterieure": (
        "cible pour {annee}, avant l'année d'application de l'avenant ({a_partir_de})",
        "un avenant ne change que les années à partir de « a_partir_de » : retirez cette année "
        "ou avancez « a_partir_de »",
        "target for {annee}, before the year the avenant applies from ({a_partir_de})",
        "an avenant only changes the years from 'a_partir_de' on: remove this year or move "
        "'a_partir_de' earlier",
    ),
    "contrat_cible_choisie_inattendue": (
        "cible choisie déclarée pour {indicateur}.{mesure}, dont le catalogue ne demande "
        "aucune cible choisie",
        "donnez plutôt des « cibles » négociées, ou vérifiez la mesure",
        "chosen target declared for {indicateur}.{mesure}, whose catalogue asks for no chosen "
        "target",
        "give negotiated 'cibles' instead, or check the measure",
    ),
    "avenant_numero": (
        "avenant numéroté {numero} à la place {attendu}",
        "numérotez les avenants 1, 2, 3… dans l'ordre de la liste",
        "avenant numbered {numero} in position {attendu}",
        "number the avenants 1, 2, 3… in list order",
    ),
    "avenant_avant_signature": (
        "avenant n°{numero} daté du {date}, avant la signature du contrat ({signature})",
        "vérifiez la date de l'avenant ou celle du contrat",
        "avenant no. {numero} dated {date}, before the contract was signed ({signature})",
        "check the avenant's date or the contract's",
    ),
    "avenants_desordonnes": (
        "avenant n°{numero} signé le {date}, avant l'avenant n°{autre} du {date_autre}",
        "les avenants se numérotent dans l'ordre de leur signature",
        "avenant no. {numero} signed on {date}, before avenant no. {autre} of {date_autre}",
        "avenants are numbered in the order they were signed",
    ),
    "avenants_chevauchants": (
        "l'avenant n°{numero} modifie {indicateur}.{mesure} dès {annee}, avant l'année "
        "{annee_autre} dont l'avenant n°{autre} le modifie : ils se chevauchent",
        "un avenant ne revient pas sur une année qu'un avenant antérieur a réglée après lui ; "
        "reprenez les années de l'avenant n°{autre} dans le nouvel avenant",
        "avenant no. {numero} changes {indicateur}.{mesure} from {annee}, before {annee_autre} "
        "from which avenant no. {autre} changes it: they overlap",
        "an avenant does not go back on a year an earlier avenant settled after it; restate "
        "avenant no. {autre}'s years in the new avenant",
    ),
    "cible_choisie_hors_avenant": (
        "{indicateur}.{mesure} {annee} {finess} : cible choisie {lue} déclarée dans les "
        "mesures, alors que le contrat fixe {valeur} (déclarée le {date} par {par}, {version}) ; "
        "la valeur du contrat est retenue",
        "un changement de cible choisie passe par un avenant",
        "{indicateur}.{mesure} {annee} {finess}: chosen target {lue} declared in the measures, "
        "while the contract sets {valeur} (declared on {date} by {par}, {version}); the "
        "contract's value is used",
        "a change of chosen target goes through an avenant",
    ),
    "lecture_motif_invalide": (
        "expression régulière « {motif} » invalide : {detail}",
        "par exemple « (?P<annee>\\d{{4}}) » pour une année dans l'en-tête",
        "invalid regular expression '{motif}': {detail}",
        "e.g. '(?P<annee>\\d{{4}})' for a year in the header",
    ),
    "lecture_entete_ou_motif": (
        "une colonne se désigne par « entete » ou par « motif », l'un des deux exactement",
        "",
        "a column is named by 'entete' or by 'motif', exactly one of them",
        "",
    ),
    "lecture_variable_role": (
        "« variable » est requise pour une valeur, et interdite pour un commentaire ou des preuves",
        "",
        "'variable' is required for a value, and not allowed for a comment or evidence",
        "",
    ),
    "lecture_nom_inconnu": (
        "« {nom} » inconnu du catalogue {suggestion}",
        "",
        "'{nom}' unknown to the catalogue {suggestion}",
        "",
    ),
    "lecture_finess_absente": (
        "onglet sans colonne « {entete} » en ligne(s) d'en-tête {ligne_entete} : onglet ignoré",
        "vérifiez « finess » et « lignes_entete » du fichier de lecture "
        "(cpom-rules lecture verifier)",
        "sheet without column '{entete}' in header row(s) {ligne_entete}: sheet ignored",
        "check 'finess' and 'lignes_entete' in the lecture file (cpom-rules lecture verifier)",
    ),
    "lecture_annee_inconnue": (
        "colonne « {entete} » : année introuvable (ni « annee », ni groupe annee du motif, "
        "ni nom d'onglet) : colonne ignorée",
        "déclarez « annee » pour cette colonne, ou « annee_feuille »",
        "column '{entete}': no year found (no 'annee', no annee group in the pattern, no "
        "sheet name): column ignored",
        "declare 'annee' for this column, or 'annee_feuille'",
    ),
    "lecture_ligne_sans_finess": (
        "ligne sans numéro FINESS mais avec {nombre} valeur(s) (total ?) : ignorée",
        "",
        "row without a FINESS number but with {nombre} value(s) (a total?): ignored",
        "",
    ),
    "lecture_valeur_invalide": (
        "valeur « {valeur} » invalide ({detail}) : le facteur {facteur} demande un nombre",
        "",
        "invalid value '{valeur}' ({detail}): factor {facteur} needs a number",
        "",
    ),
    "lecture_annexe_sans_valeur": (
        "commentaire ou preuves de {indicateur} sans aucune colonne de valeur de cette fiche "
        "dans l'onglet : ignorés",
        "associez au moins une variable de {indicateur} dans le fichier de lecture",
        "comment or evidence of {indicateur} without any value column of that fiche in the "
        "sheet: ignored",
        "map at least one variable of {indicateur} in the lecture file",
    ),
    "formulaire_inconnu": (
        "ce classeur n'est pas un formulaire cpom_rules (onglet caché _cpom absent ou abîmé)",
        "renvoyez le fichier généré par « cpom-rules formulaire », complété",
        "this workbook is not a cpom_rules form (hidden _cpom sheet missing or damaged)",
        "send back the file generated by 'cpom-rules formulaire', filled in",
    ),
    "formulaire_version": (
        "formulaire de version {version} (version actuelle {attendue}) : lu par ses clés",
        "",
        "form of version {version} (current version {attendue}): read by its keys",
        "",
    ),
    "formulaire_preuve_invalide": (
        "preuve : « {valeur} » n'est ni oui ni non : ignorée",
        "répondez oui ou non",
        "evidence: '{valeur}' is neither yes nor no: ignored",
        "answer oui or non",
    ),
    "formulaire_ligne_ajoutee": (
        "valeur saisie dans une ligne ajoutée (sans clé) : ignorée",
        "saisissez les valeurs dans les lignes prévues du formulaire",
        "value typed in an added row (without a key): ignored",
        "type values in the form's own rows",
    ),
    "formulaire_lignes_supprimees": (
        "{nombre} ligne(s) de saisie supprimée(s) du formulaire : {cles}",
        "ces valeurs manquent ; régénérez le formulaire si besoin",
        "{nombre} input row(s) deleted from the form: {cles}",
        "these values are missing; generate the form again if needed",
    ),
    # --- campaign store (cpom_rules.base) -----------------------------------------------------
    "conflit_import": (
        "({finess}, {indicateur}, {annee}, {variable}) présent plusieurs fois dans le même "
        "import avec des valeurs différentes : {valeurs} ; aucune n'est importée",
        "corrigez le fichier puis réimportez-le : les lignes déjà importées ne seront pas dupliquées",
        "({finess}, {indicateur}, {annee}, {variable}) appears several times in one import with "
        "different values: {valeurs}; none is imported",
        "fix the file and import it again: rows already imported will not be duplicated",
    ),
    "avenant_modifie": (
        "contrat {finess} : l'avenant n°{numeros} déjà importé a changé (date, année ou motif) ; "
        "contrat non importé",
        "un avenant signé ne se modifie pas : ajoutez un nouvel avenant",
        "contract {finess}: avenant no. {numeros}, already imported, has changed (date, year or "
        "motive); contract not imported",
        "a signed avenant is never edited: add a new avenant",
    ),
    "formulaire_fichier_ignore": (
        "fichier ignoré : seuls les classeurs .xlsx sont lus",
        "un formulaire enregistré en .xls ou .ods doit être réenregistré en .xlsx",
        "file ignored: only .xlsx workbooks are read",
        "a form saved as .xls or .ods must be saved again as .xlsx",
    ),
    "complement_inconnu": (
        "complément pour « {finess} », absent de la table des établissements ou invalide : "
        "ligne ignorée",
        "vérifiez le numéro (FINESS de l'entité juridique si le catalogue travaille à ce niveau)",
        "complement for '{finess}', not in the establishments table or invalid: row ignored",
        "check the number (the legal entity's FINESS if the catalogue works at that level)",
    ),
}


class _Defaut(dict[str, object]):
    """Leaves unknown placeholders visible instead of raising."""

    def __missing__(self, cle: str) -> str:
        return ""


# A problem's parameter: a text, or an exact number written in the reader's language.
Parametre = str | Fraction | Decimal


def rendre(code: str, params: Mapping[str, Parametre], langue: Langue = "fr") -> tuple[str, str]:
    """The (message, hint) of `code` in `langue`, filled with `params`."""
    gabarits = MESSAGES.get(code)
    if gabarits is None:
        return (f"{code} {dict(params)}", "")
    message, conseil = (gabarits[0], gabarits[1]) if langue == "fr" else gabarits[2:]
    valeurs = _Defaut(
        {
            cle: nombre_texte(valeur, langue=langue) if not isinstance(valeur, str) else valeur
            for cle, valeur in params.items()
        }
    )
    return (message.format_map(valeurs), conseil.format_map(valeurs).strip())


# Sentences of `ErreurUsage` raised by the library (a call that makes no sense), fr / en.
ERREURS: dict[str, tuple[str, str]] = {
    "annees_hors_periode": (
        "années hors de la période {debut}-{fin} : {annees}",
        "years outside the period {debut}-{fin}: {annees}",
    ),
    "aucune_annee_choisie": (
        "aucune année choisie dans la période {debut}-{fin}",
        "no year chosen in the period {debut}-{fin}",
    ),
    "pandas_absent": (
        "to_frame() demande pandas : pip install 'cpom_rules[pandas]'",
        "to_frame() needs pandas: pip install 'cpom_rules[pandas]'",
    ),
    "finess_absent_resultats": (
        "FINESS absent des résultats : {finess}",
        "FINESS not in the results: {finess}",
    ),
    "indicateur_absent_resultats": (
        "indicateur {indicateur} absent des résultats",
        "indicator {indicateur} not in the results",
    ),
    "mesure_absente_resultats": (
        "indicateur {indicateur} mesure {mesure} absent des résultats",
        "indicator {indicateur} measure {mesure} not in the results",
    ),
    "annee_non_evaluee": (
        "année {annee} non évaluée (années : {annees})",
        "year {annee} not evaluated (years: {annees})",
    ),
    "dossiers_sortie_fichier": (
        "plusieurs dossiers demandés : --sortie doit être un dossier",
        "several dossiers asked for: --sortie must be a folder",
    ),
    "chromium_absent": (
        "le PDF demande Chromium : apt-get install chromium, ou --sans-pdf pour le HTML seul",
        "the PDF needs Chromium: apt-get install chromium, or --sans-pdf for the HTML alone",
    ),
    "chromium_absent_html_ecrit": (
        "le PDF demande Chromium : apt-get install chromium (le dossier HTML est écrit, "
        "imprimable depuis un navigateur)",
        "the PDF needs Chromium: apt-get install chromium (the HTML dossier is written, "
        "printable from a browser)",
    ),
    "chromium_echec": (
        "Chromium n'a pas pu imprimer {page} en PDF ({detail})",
        "Chromium could not print {page} to PDF ({detail})",
    ),
    "chromium_sans_pdf": ("Chromium n'a pas écrit {pdf}", "Chromium did not write {pdf}"),
    "chromium_delai": (
        "Chromium n'a pas imprimé {page} en {delai} s (page jamais chargée ?)",
        "Chromium did not print {page} within {delai} s (page never loaded?)",
    ),
    "chromium_arrete": (
        "Chromium s'est arrêté pendant l'impression de {page}",
        "Chromium stopped while printing {page}",
    ),
}


def phrase_de(
    table: dict[str, tuple[str, str]], cle: str, langue: Langue = "fr", **params: object
) -> str:
    """A sentence of a (French, English) table other than the problems', filled with `params`."""
    francais, anglais = table[cle]
    return (francais if langue == "fr" else anglais).format(**params)


# --- parts of hints, built where the problem is found (code -> (fr, en)) -----------------------
INDICES: dict[str, tuple[str, str]] = {
    "vouliez_vous_dire": ("vouliez-vous dire « {nom} » ?", "did you mean « {nom} » ?"),
    "variables_de_la_fiche": (
        "variables de la fiche : {variables}",
        "fiche variables: {variables}",
    ),
    "caracteres_invisibles": (
        "caractère invisible {caracteres}",
        "invisible character {caracteres}",
    ),
    "caractere_en_position": (
        "{point_de_code} ({nom}) en position {position}",
        "{point_de_code} ({nom}) at position {position}",
    ),
}


def indice(code: str, langue: Langue = "fr", **params: object) -> str:
    """The hint part `code` of `INDICES` in `langue` (each language written, never
    translated from the other)."""
    return phrase_de(INDICES, code, langue, **params)


def documenter() -> str:
    """``docs/problemes.md``: every problem code with its French message and hint."""
    lignes = [
        "# Catalogue des problèmes",
        "",
        "Chaque problème signalé par `cpom_rules` porte un **code** stable (colonne `code` des",
        "sorties JSON) et un message en français, avec un conseil. Les `{…}` sont remplacés par",
        "les détails du cas. Ce fichier est généré depuis `cpom_rules/messages.py` ; un test",
        "vérifie qu'il est à jour (`python -c \"from cpom_rules.messages import documenter;",
        'print(documenter())" > docs/problemes.md`).',
        "",
        "| code | message | conseil |",
        "|---|---|---|",
    ]
    for code in sorted(MESSAGES):
        message, conseil = MESSAGES[code][0], MESSAGES[code][1]
        lignes.append(f"| `{code}` | {_cellule(message)} | {_cellule(conseil)} |")
    return "\n".join(lignes) + "\n"


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|").replace("\n", " ")


# --- explanations of results (rendered from the trace; code -> (fr, en)) ------------------
PHRASES: dict[str, tuple[str, str]] = {
    "atteint": ("atteint", "met"),
    "non_atteint": ("non atteint", "not met"),
    "non_applicable": ("non applicable", "not applicable"),
    "donnees_manquantes": ("données manquantes", "missing data"),
    "non_evaluable": ("non évaluable", "not assessable"),
    "hors_perimetre": ("hors du périmètre de la fiche", "outside the fiche's scope"),
    "sans_objet": ("sans objet", "not relevant"),
    "pas_de_cible": ("pas de cible cette année", "no target this year"),
    "avant_echeance": ("échéance pas encore atteinte", "deadline not yet reached"),
    "perimetre_indetermine": (
        "périmètre indéterminé : un attribut de l'établissement manque",
        "scope undetermined: an attribute of the establishment is missing",
    ),
    "segment_indetermine": ("segment indéterminé", "tier undetermined"),
    "valeur_manquante": ("valeur manquante", "missing value"),
    "reference_absente": ("valeur de référence absente", "reference value missing"),
    "denominateur_nul": ("dénominateur nul", "zero denominator"),
    "donnee_invalide": (
        "donnée invalide (voir les problèmes de données)",
        "invalid data (see the data problems)",
    ),
    "depassement_capacite": (
        "calcul hors des limites de l'arithmétique exacte",
        "computation beyond the limits of exact arithmetic",
    ),
    "cible_choisie_absente": (
        "cible choisie par l'établissement non déclarée",
        "target chosen by the establishment not declared",
    ),
    "preuves_manquantes": ("preuves manquantes", "missing evidence"),
    "reference_nulle": (
        "référence nulle : une variation relative n'a pas de sens",
        "zero reference: a relative change is meaningless",
    ),
    "cible_incompatible": (
        "cible incompatible avec le type de la mesure",
        "target incompatible with the measure's type",
    ),
    "periode_incomplete": ("période pas encore complète", "period not yet complete"),
    "non_renseignees": ("{noms} non renseigné(s)", "{noms} not provided"),
    "taux": ("taux", "rate"),
    "valeur": ("valeur", "value"),
    "reponse": ("réponse", "answer"),
    "cible": ("cible", "target"),
    "oui": ("oui", "yes"),
    "non": ("non", "no"),
    "comparaison": (
        "{nom} {valeur} {operateur} cible {seuil}",
        "{nom} {valeur} {operateur} target {seuil}",
    ),
    "entre": ("{nom} {valeur} entre {min} et {max}", "{nom} {valeur} between {min} and {max}"),
    "hors": ("{nom} {valeur} hors de {min} – {max}", "{nom} {valeur} outside {min} – {max}"),
    "par_periode": (
        "{base} par période × {facteur} périodes",
        "{base} per period × {facteur} periods",
    ),
    "depuis_reference": ("{base} en {annee} {pas}", "{base} in {annee} {pas}"),
    "points": ("{pas} points", "{pas} points"),
    "coefficient": (
        "{cible_de}{base} en {annee} × {coefficient}",
        "{cible_de}{base} in {annee} × {coefficient}",
    ),
    "cible_de": ("cible ", "target "),
    "arrondi": ("arrondi de {exacte} à {seuil}", "rounded from {exacte} to {seuil}"),
    "progression": (
        "{nom} {valeur} {operateur} {base} en {annee}",
        "{nom} {valeur} {operateur} {base} in {annee}",
    ),
    "cumul": (
        "cumul {depuis}-{annee} : {valeur} {operateur} cible {seuil}",
        "total {depuis}-{annee}: {valeur} {operateur} target {seuil}",
    ),
    "cumul_inconnu": (
        "cumul {depuis}-{annee} inconnu, cible {seuil}",
        "total {depuis}-{annee} unknown, target {seuil}",
    ),
    "choisie": ("déclarée en {annee}", "declared in {annee}"),
    "plancher": ("plancher {plancher}", "floor {plancher}"),
    "cible_choisie": ("cible choisie", "chosen target"),
    "k_parmi_n": (
        "{compte} {operateur} {k} attendus sur {n} ({elements})",
        "{compte} {operateur} {k} expected of {n} ({elements})",
    ),
    "oui_non": (
        "réponse « {valeur} », attendu « {attendu} »",
        "answer '{valeur}', expected '{attendu}'",
    ),
    "jalon": ("jalon « {libelle} » : réalisé {valeur}", "milestone '{libelle}': done {valeur}"),
    "echeance": (
        "réponse « {valeur} », « {attendu} » attendu au plus tard fin {annee}",
        "answer '{valeur}', '{attendu}' expected by the end of {annee} at the latest",
    ),
    "pas_de_cible_valeur": ("pas de cible ({nom} : {valeur})", "no target ({nom}: {valeur})"),
    "cible_seule": ("cible {cible}", "target {cible}"),
    "autre_mesure": ("{libelle} : ", "{libelle}: "),
}


def phrase(code: str, langue: Langue = "fr", **params: object) -> str:
    """The explanation phrase `code` in `langue`, filled with `params`."""
    francais, anglais = PHRASES[code]
    # format() of a value with no format spec is its str(): no conversion pass needed (a
    # report words hundreds of thousands of phrases).
    return (francais if langue == "fr" else anglais).format_map(_Defaut(params))
