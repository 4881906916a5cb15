"""The report really works in a browser: headless Chromium loads it, runs its script, draws it.

Skipped, with the reason, when no Chromium is installed (``apt-get install chromium``).
The screenshot goes to ``artefacts/rapport.png`` at the repository root (not versioned).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cpom_rules import Resultats
from cpom_rules.render.html import write_html
from tests.render.conftest import CHU, NOM_SCRIPT
from tests.render.dom import analyser
from tests.render.navigateur import capture, dom_apres_scripts, trouver_chromium

pytestmark = pytest.mark.navigateur

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"
SIGNATURE_PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chromium() -> str:
    chemin = trouver_chromium()
    if chemin is None:
        pytest.skip(
            "ni « chromium » ni « chromium-browser » sur le PATH : test du rapport dans un navigateur non exécuté"
        )
    return chemin


def test_rapport_dans_chromium(chromium: str, resultats: Resultats, tmp_path: Path) -> None:
    page = tmp_path / "rapport.html"
    write_html(resultats, page)
    texte, journal = dom_apres_scripts(chromium, page, tmp_path / "profil")
    dom = analyser(texte)
    assert "Uncaught" not in journal, journal

    assert len(dom.chercher("section", id="synthese")) == 1
    assert dom.chercher("section", id="synthese")[0].chercher("table", "par-fiche")
    (fiche,) = dom.chercher("details", "fiche-etablissement", data_finess=CHU)
    assert "CHU Test" in fiche.chercher("summary")[0].texte()
    assert fiche.chercher("table", "tableau-bord")
    trajectoires = fiche.chercher("svg", "trajectoire")
    assert len(trajectoires) == 3
    assert all(t.chercher("path", "valeur") for t in trajectoires)

    # The filtering script ran: it reveals its tools and counts the scorecards shown.
    (outils,) = dom.chercher("div", "outils")
    assert "hidden" not in outils.attributs
    assert dom.chercher(id="compte-visibles")[0].texte() == "3 établissement(s) affiché(s) sur 3"
    # A name shaped like a script stayed text: the page's only script is its own.
    assert len(dom.chercher("script")) == 1
    assert NOM_SCRIPT in dom.texte()

    png = ARTEFACTS / "rapport.png"
    png.unlink(missing_ok=True)
    capture(chromium, page, png, tmp_path / "profil-capture")
    contenu = png.read_bytes()
    assert contenu.startswith(SIGNATURE_PNG)
    assert len(contenu) > 20_000  # a blank page compresses to far less
