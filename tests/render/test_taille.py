"""The report stays compact on the shipped catalogue: a budget of bytes per result.

A regional report (~280 establishments × 30 fiches × 3 years) must remain a file one can
mail and open; the budget below keeps it around 25 MB and catches a template that starts
repeating itself.
"""

from __future__ import annotations

from cpom_rules import Catalogue, evaluate, load_dataset
from cpom_rules.render.html import NOTE_COMPAREE, render_html
from tests.render.dom import analyser
from tests.render.jeu_synthetique import etablissements, mesures

OCTETS_PAR_RESULTAT = 1100


def test_octets_par_resultat(catalogue: Catalogue) -> None:
    etabs = etablissements(catalogue, 20, graine=1)
    resultats = evaluate(
        catalogue, load_dataset(catalogue, etabs, mesures(catalogue, etabs, graine=1))
    )
    html = render_html(resultats)
    assert len(html.encode()) / len(resultats) < OCTETS_PAR_RESULTAT
    dom = analyser(html)
    assert len(dom.chercher("details", "fiche-etablissement")) == 20
    assert len(dom.chercher("svg", "trajectoire")) >= 20
    assert "\n " not in html  # template indentation is not shipped


def test_quantite_comparee_signalee() -> None:
    from cpom_rules.render.html import _graphique

    lignes = [
        {
            "annee": 2025,
            "valeur": 2.0,
            "cible_valeur": 1.0,
            "ecart": 1.0,
            "statut": "atteint",
            "annee_reference": None,
            "valeur_reference": None,
        },
        # A cumulative target: 2 + 3 = 5 compared with 4, while the yearly value is 3.
        {
            "annee": 2026,
            "valeur": 3.0,
            "cible_valeur": 4.0,
            "ecart": 1.0,
            "statut": "atteint",
            "annee_reference": None,
            "valeur_reference": None,
        },
    ]
    graphique, note = _graphique("CPOM_X", "cumul", lignes, taux=False)
    assert note == NOTE_COMPAREE
    assert [t.texte() for t in analyser(str(graphique)).chercher("text", "v")] == ["2", "5"]
    lignes[1]["cible_valeur"], lignes[1]["ecart"] = 2.0, 1.0
    assert _graphique("CPOM_X", "simple", lignes, taux=False)[1] is None
