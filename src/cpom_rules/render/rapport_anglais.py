"""The English words of the regional HTML report (``--lang en``).

The report's templates, its script and `render.html` write their texts in French, each
wrapped in a lookup (``m("…")`` in the templates, ``texteEn("…")`` in the scripts); this table gives
each French text its English counterpart, like `excel_anglais` does for the workbook. A text
missing here stays French, and a test checks that every wrapped text of the templates and the
script has its entry. Statuses, reasons, attribute names and values come from `libelles`,
problem messages from `messages`; texts of the catalogue (fiche titles, measure labels,
printed targets) stay as written.
"""

from __future__ import annotations

from cpom_rules.messages import Langue

ANGLAIS: dict[str, str] = {
    # page and sections
    "CPOM {region} — résultats {debut}–{fin}": "CPOM {region} — results {debut}–{fin}",
    "Suivi des indicateurs CPOM — années {annees}": "CPOM indicators — years {annees}",
    "Données : {sources}": "Data: {sources}",
    "Sommaire": "Contents",
    "Synthèse régionale": "Regional summary",
    "Classement et filtres": "Ranking and filters",
    "Établissements les plus en retard": "Establishments most behind",
    "Fiches par établissement": "Scorecards by establishment",
    "Lectures alternatives": "Alternative readings",
    "Problèmes de données ({nombre})": "Data problems ({nombre})",
    "Problèmes de données": "Data problems",
    "Attention, données incomplètes :": "Warning, incomplete data:",
    "établissements": "establishments",
    "fiches évaluées": "fiches evaluated",
    "résultats (établissement × mesure × année)": "results (establishment × measure × year)",
    "taux d'atteinte des cibles ({verdicts} verdicts)": "target attainment rate ({verdicts} verdicts)",
    "erreurs de données · {avertissements} avertissements": "data errors · {avertissements} warnings",
    "Statuts": "Statuses",
    "Répartition des statuts par année": "Statuses by year",
    "Année": "Year",
    "Détail": "Detail",
    "Statuts par fiche, segment et année": "Statuses by fiche, segment and year",
    "Chaque barre répartit les établissements du segment par statut ; le pourcentage est le "
    "taux d'atteinte parmi les verdicts (atteint ou non atteint).": "Each bar splits the "
    "segment's establishments by status; the percentage is the attainment rate among verdicts "
    "(met or not met).",
    "Fiche": "Fiche",
    "Mesure": "Measure",
    "Segment": "Segment",
    "Statut": "Status",
    "Classement, filtres et pages par fiche": "Ranking, filters and fiche pages",
    "Le classement complet, les filtres et les pages par fiche demandent JavaScript.": "The "
    "full ranking, the filters and the fiche pages need JavaScript.",
    "Classés par taux d'atteinte croissant sur les années évaluées (à égalité : le plus de "
    "cibles non atteintes d'abord).": "Ranked by increasing attainment rate over the evaluated "
    "years (ties: most targets not met first).",
    "{nombre} établissement(s) sans aucun verdict ne sont pas classés.": "{nombre} "
    "establishment(s) without any verdict are not ranked.",
    "Rang": "Rank",
    "Établissement": "Establishment",
    "FINESS": "FINESS",
    "Taux d'atteinte": "Attainment rate",
    "Cibles atteintes": "Targets met",
    "Non atteintes": "Not met",
    "Aucun établissement n'a encore de verdict.": "No establishment has a verdict yet.",
    "Rechercher": "Search",
    "nom ou FINESS": "name or FINESS",
    "seulement les établissements avec une cible non atteinte": "only establishments with a "
    "target not met",
    "statuts seulement (vue compacte)": "statuses only (compact view)",
    "Tout déplier": "Unfold all",
    "Tout replier": "Fold all",
    "Chaque fiche d'établissement est un tableau : une ligne par mesure évaluée, avec son "
    "graphique de trajectoire (valeur réalisée et cible par année) ; pour chaque année, le "
    "statut puis la valeur, la cible et l'écart à la cible, les preuves manquantes et, pour "
    "chaque résultat qui n'est pas atteint, l'explication du calcul ; enfin le bilan de la "
    "mesure sur la période du CPOM. Les explications des résultats atteints ne sont pas "
    "reprises ici : elles figurent dans les exports JSON, CSV et Excel": "Each scorecard is a "
    "table: one row per evaluated measure, with its trajectory chart (achieved value and target "
    "by year); for each year, the status, then the value, the target and the gap to it, the "
    "missing evidence and, for every result that is not met, the explanation of the "
    "calculation; last, the measure's total over the CPOM period. Explanations of met results "
    "are not repeated here: they are in the JSON, CSV and Excel exports",
    "et dans": "and in",
    "Mesures évaluées et cibles sur la période ; attributs des établissements": "Evaluated "
    "measures and targets over the period; establishment attributes",
    "Unité": "Unit",
    "Cible sur la période": "Target over the period",
    "Au-delà de {nombre} établissements, chaque fiche d'établissement est construite à la "
    "demande : choisissez un établissement dans le classement ci-dessus.": "Beyond {nombre} "
    "establishments, each scorecard is built on demand: pick an establishment in the ranking "
    "above.",
    "atteint": "met",
    "Tableau de bord": "Scorecard",
    "Bilan sur la période": "Total over the period",
    "cible": "target",
    "soit": "i.e.",
    "écart": "gap",
    "Preuves manquantes :": "Missing evidence:",
    "Explication du calcul": "Explanation of the calculation",
    "Non applicables sur toutes les années :": "Not applicable in any year:",
    "Les lignes citées sont celles des fichiers sources ; chaque ligne écartée de l'évaluation "
    "apparaît ici.": "Row numbers are those of the source files; every row left out of the "
    "evaluation is listed here.",
    "Niveau": "Level",
    "Source": "Source",
    "Lignes": "Rows",
    "Problème": "Problem",
    "Que faire": "What to do",
    "Aucun problème de données.": "No data problem.",
    "Rapport produit par cpom_rules à partir des fiches {region} {debut}–{fin}. Les valeurs "
    "sont calculées exactement puis arrondies pour l'affichage.": "Report produced by cpom_rules "
    "from the {region} {debut}–{fin} fiches. Values are computed exactly, then rounded for "
    "display.",
    # alternative readings
    "Lectures alternatives des fiches": "Alternative readings of the fiches",
    "Pour chaque lecture alternative déclarée dans les fiches": "For each alternative reading "
    "declared in the fiches",
    "les établissements dont un verdict (une année ou le bilan) changerait si l'ARS la retenait "
    "à la place de la lecture retenue.": "the establishments whose verdict (a year or the total) "
    "would change if the ARS chose it instead of the retained reading.",
    "(lecture littérale)": "(literal reading)",
    "Verdicts qui changent": "Verdicts that change",
    "Aucune lecture alternative n'est déclarée dans ces fiches.": "No alternative reading is "
    "declared in these fiches.",
    "{nombre} établissement change sur {total}": "{nombre} establishment changes out of {total}",
    "{nombre} établissements changent sur {total}": "{nombre} establishments change out of {total}",
    "aucun établissement ne change sur {total}": "no establishment changes out of {total}",
    # render.html
    "Sans segment (hors périmètre ou segment indéterminé)": "No segment (out of scope or "
    "segment undetermined)",
    "Le graphique montre la quantité comparée à la cible (cumul, conversion de période ou autre "
    "mesure de la fiche), qui diffère ici de la valeur de l'année.": "The chart shows the "
    "quantity compared with the target (cumulated, converted to another period or another "
    "measure of the fiche), which differs here from the year's value.",
    "unité : {unite}": "unit: {unite}",
    "{atteints} / {verdicts} atteint": "{atteints} / {verdicts} met",
    "{atteints} / {verdicts} atteints": "{atteints} / {verdicts} met",
    "aucun verdict": "no verdict",
    "non applicable": "not applicable",
    "Erreur": "Error",
    "Avertissement": "Warning",
    "{lignes} … et {reste} autres": "{lignes} … and {reste} more",
    "Colonne absente de la table des établissements : {colonnes} — les résultats qui en "
    "dépendent sont non évaluables (segment ou périmètre indéterminé).": "Column missing from "
    "the establishments table: {colonnes} — the results that depend on it cannot be evaluated "
    "(segment or scope undetermined).",
    "{nombre} : les lignes correspondantes sont écartées de l'évaluation (voir les problèmes "
    "de données).": "{nombre}: their rows are left out of the evaluation (see the data problems).",
    "FINESS invalide": "invalid FINESS",
    "FINESS invalides": "invalid FINESS",
    "{nombre} des mesures absents de la table des établissements : leurs mesures ne sont pas "
    "évaluées.": "{nombre} of the measures missing from the establishments table: their "
    "measures are not evaluated.",
    "hors segment": "no segment",
    # the explorer script (explorateur.js)
    "tous": "all",
    "nom ou FINESS (sans accents)": "name or FINESS (accents optional)",
    "trier": "sort",
    "Atteints": "Met",
    "Non atteints": "Not met",
    "Données manquantes": "Missing data",
    "Médiane et quartiles régionaux par année, cible médiane en pointillés": "Regional median "
    "and quartiles by year, median target dotted",
    "Établissements filtrés ci-dessus, classés par statut (non atteints d'abord) ; cliquez un "
    "en-tête pour trier.": "Establishments filtered above, by status (not met first); click a "
    "header to sort.",
    "Région : médiane (trait plein) et quartiles (bande) des valeurs par année ; cible "
    "médiane en pointillés.": "Region: median (solid line) and quartiles (band) of the values "
    "by year; median target dotted.",
    "Écart": "Gap",
    "établissement": "establishment",
    "sur": "out of",
    "Pages par fiche :": "Fiche pages:",
    "Classement de tous les établissements": "Ranking of every establishment",
    "Rang 1 : le plus faible taux d'atteinte (à égalité, le plus de cibles non atteintes). "
    "Cliquez un en-tête pour trier.": "Rank 1: lowest attainment rate (ties: most targets not "
    "met). Click a header to sort.",
    "établissement(s) affiché(s) sur": "establishment(s) shown out of",
    # the dossier d'établissement (dossier.html, dossier.vue)
    "Dossier CPOM": "CPOM dossier",
    "dossier d'établissement édité le {date}": "establishment dossier issued on {date}",
    "Dossier CPOM {region} {periode} · édité le {date}": "CPOM dossier {region} {periode} · "
    "issued on {date}",
    "Synthèse": "Summary",
    "Intitulé": "Title",
    "en cours": "in progress",
    "Points à discuter": "Points to discuss",
    "Aucune cible manquée ni donnée manquante.": "No target missed and no data missing.",
    "Segment :": "Segment:",
    "Cible de la fiche": "Fiche target",
    "Cible calculée": "Computed target",
    "Valeur": "Value",
    "Bilan sur la période :": "Total over the period:",
    "valeur à ce jour": "value so far",
    "Rang dans le segment": "Rank in the segment",
    "1er quartile": "1st quartile",
    "Médiane": "Median",
    "3e quartile": "3rd quartile",
    "Situation": "Position",
    "{rang}e sur {nombre}": "{rang} of {nombre}",
    "Preuves attendues": "Expected evidence",
    "Fournies": "Provided",
    "Manquantes": "Missing",
    "Mesures non applicables à l'établissement": "Measures that do not apply to the establishment",
    "Problèmes de données de l'établissement": "The establishment's data problems",
    "Aucun problème de données signalé pour cet établissement.": "No data problem reported for "
    "this establishment.",
    "quart inférieur": "bottom quarter",
    "sous la médiane": "below the median",
    "au-dessus de la médiane": "above the median",
    "quart supérieur": "top quarter",
    "{manque} à gagner pour atteindre le total": "{manque} still to gain to reach the total",
    "total déjà atteint": "total already reached",
    # the chart key (graphiques.legende)
    "Atteint": "Met",
    "Non atteint": "Not met",
    "Autre statut": "Other status",
    "Valeur de référence": "Reference value",
    "Cible": "Target",
    "Légende des graphiques de trajectoire": "Key of the trajectory charts",
    "aucun résultat": "no result",
    # the trajectory charts (graphiques.Planche)
    "réf.": "ref.",
    "n.d.": "n/a",
}


def mot(texte: str, langue: Langue = "fr", **params: object) -> str:
    """`texte` (French) in `langue`, filled with `params` (``{nombre}``…)."""
    choisi = texte if langue == "fr" else ANGLAIS.get(texte, texte)
    return choisi.format(**params) if params else choisi


def mots_du_script(langue: Langue) -> dict[str, str]:
    """The table the page's script looks its texts up in (empty in French)."""
    return {} if langue == "fr" else ANGLAIS
