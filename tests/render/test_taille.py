"""The report stays compact on the shipped catalogue: a budget of bytes per result.

A regional report (~280 establishments × 30 fiches × 2 years, the bundled example) must
remain a file one can mail and open quickly; the budget below keeps it around 6 MB and
catches a template that starts repeating itself. The set measured here renders at about
330 bytes per result and the example at about 340 (924 and 1,108 before the scorecards
became one table per establishment with shared chart drawings).
"""

from __future__ import annotations

import pytest

from cpom_rules import Catalogue, evaluate, load_dataset
from cpom_rules.render import html as module_html
from cpom_rules.render.html import NOTE_COMPAREE, render_html
from tests.render.dom import analyser
from tests.render.jeu_synthetique import etablissements, mesures

OCTETS_PAR_RESULTAT = 380  # 350 before the page carried its data for the explorer
# Beyond `CARTES_JUSQUA` establishments the page holds the data once, not the scorecards:
# about 21 bytes per result at 200 establishments (the summary and the script are a fixed
# cost) and 6.5 at 3,000 (benchmarks/rapport.py: 2.4 MB).
OCTETS_PAR_RESULTAT_A_LA_DEMANDE = 25


def test_octets_par_resultat(catalogue: Catalogue) -> None:
    etabs = etablissements(catalogue, 20, graine=1)
    resultats = evaluate(
        catalogue, load_dataset(catalogue, etabs, mesures(catalogue, etabs, graine=1))
    )
    html = render_html(resultats)
    assert len(html.encode()) / len(resultats) < OCTETS_PAR_RESULTAT
    dom = analyser(html)
    assert len(dom.chercher("details", "fiche-etablissement")) == 20
    assert len(dom.chercher("table", "tableau-bord")) == 20
    trajectoires = dom.chercher("svg", "trajectoire")
    assert len(trajectoires) >= 20
    # Every chart's background is drawn once, in the page's shared definitions.
    fonds = {t.chercher("use")[0].attributs["href"].removeprefix("#") for t in trajectoires}
    assert all(len(dom.chercher(id=fond)) == 1 for fond in fonds)
    assert "\n " not in html  # template indentation is not shipped


def test_quantite_comparee_signalee() -> None:
    from cpom_rules.render.graphiques import Planche
    from cpom_rules.render.html import graphique_trajectoire

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
    graphique, note = graphique_trajectoire(Planche(), lignes, taux=False)
    assert note == NOTE_COMPAREE
    # Only the drawn quantity the table does not show (5, not the year's 3) is written.
    (etiquettes,) = analyser(str(graphique)).chercher("g", "v")
    assert [t.texte() for t in etiquettes.chercher("text")] == ["5"]
    lignes[1]["cible_valeur"], lignes[1]["ecart"] = 2.0, 1.0
    graphique, note = graphique_trajectoire(Planche(), lignes, taux=False)
    assert note is None
    assert analyser(str(graphique)).chercher("g", "v") == []


def test_a_l_echelle_nationale_les_donnees_seules(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    etabs = etablissements(catalogue, 200, graine=2)
    resultats = evaluate(
        catalogue, load_dataset(catalogue, etabs, mesures(catalogue, etabs, graine=2))
    )
    monkeypatch.setattr(module_html, "CARTES_JUSQUA", 100)
    html = render_html(resultats)
    assert 'class="fiche-etablissement"' not in html
    assert len(html.encode()) / len(resultats) < OCTETS_PAR_RESULTAT_A_LA_DEMANDE
