"""The English words of the Excel workbook (``--lang en``): sheet names and column headers,
and the sentences the export says in both languages (`TEXTES`).

The workbook's columns are declared once, with their French header; this table gives each
French header and sheet name its English counterpart, looked up when the workbook is
written in English (a header missing here stays French, and a test checks none is).
"""

from __future__ import annotations

ANGLAIS: dict[str, str] = {
    # sheets
    "Résultats": "Results",
    "Par établissement": "By establishment",
    "Par fiche": "By fiche",
    "Bilans sur la période": "Period totals",
    "Problèmes de données": "Data problems",
    "Légende": "Key",
    # headers
    "Année": "Year",
    "Année de référence": "Reference year",
    "Applicable": "Applicable",
    "Ce que cela veut dire": "Meaning",
    "Cible (texte de la fiche)": "Target (fiche text)",
    "Code": "Code",
    "Code (colonnes cachées, JSON, CSV)": "Code (hidden columns, JSON, CSV)",
    "Emplacement": "Location",
    "Explication": "Explanation",
    "FINESS": "FINESS",
    "Famille": "Family",
    "Fiche": "Fiche",
    "Intitulé": "Title",
    "Lecture du total": "Total reading",
    "Libellé": "Label",
    "Libellé du segment": "Segment label",
    "Lignes sources": "Source rows",
    "Mesure": "Measure",
    "Niveau": "Level",
    "Preuves attendues": "Expected evidence",
    "Preuves manquantes": "Missing evidence",
    "Problème": "Problem",
    "Progression (points)": "Change (points)",
    "Progression absolue": "Absolute change",
    "Progression relative": "Relative change",
    "Période": "Period",
    "Que faire": "What to do",
    "Raison": "Reason",
    "Raison sociale": "Name",
    "Segment": "Segment",
    "Source": "Source",
    "Statut": "Status",
    "Taux d'atteinte": "Attainment rate",
    "Total attendu (fiche)": "Expected total (fiche)",
    "Unité": "Unit",
    "Valeur": "Value",
    "Valeur cible": "Target value",
    "Valeur de référence": "Reference value",
    "Valeur sur la période": "Value over the period",
    "Variable": "Variable",
    "Écart à la cible": "Gap to target",
    "Valeurs connues": "Known values",
    "Minimum": "Minimum",
    "1er quartile": "1st quartile",
    "Médiane": "Median",
    "3e quartile": "3rd quartile",
    "Maximum": "Maximum",
    "Moyenne": "Mean",
    "statut (code)": "status (code)",
    "raison (code)": "reason (code)",
    "segment (code)": "segment (code)",
    # words in cells
    "erreur": "error",
    "avertissement": "warning",
}

SENS_STATUTS_EN = {
    "atteint": "the value reaches the year's target",
    "non_atteint": "the value does not reach the year's target",
    "donnees_manquantes": "a value or evidence the establishment must provide is missing",
    "non_evaluable": "the data cannot support a verdict (see the reason)",
    "non_applicable": "nothing was due (out of scope, not relevant, no target)",
}

TEXTES: dict[str, tuple[str, str]] = {
    "trop_de_lignes": (
        "{nombre} résultats : une feuille Excel tient au plus {maximum} lignes ; écrivez-les "
        "en CSV ou en JSON (--sortie resultats.csv), ou évaluez moins d'années (--annees)",
        "{nombre} results: an Excel sheet holds at most {maximum} rows; write them as CSV or "
        "JSON (--sortie results.csv), or evaluate fewer years (--annees)",
    ),
}
