"""The report really works in a browser: headless Chromium loads it, runs its script, draws it.

Skipped, with the reason, when no Chromium is installed (``apt-get install chromium``).
The screenshot goes to ``artefacts/rapport.png`` at the repository root (not versioned).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cpom_rules import Catalogue, Resultats, evaluate, load_dataset
from cpom_rules.messages import Langue
from cpom_rules.render import html
from cpom_rules.render.html import write_html
from tests.render.conftest import CHU, NOM_SCRIPT, tables
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
    # A name shaped like a script stayed text: the page's only scripts are its own (code
    # and JSON data).
    assert len(dom.chercher("script")) == 2
    assert NOM_SCRIPT in dom.texte()

    png = ARTEFACTS / "rapport.png"
    png.unlink(missing_ok=True)
    capture(chromium, page, png, tmp_path / "profil-capture")
    contenu = png.read_bytes()
    assert contenu.startswith(SIGNATURE_PNG)
    assert len(contenu) > 20_000  # a blank page compresses to far less


# Drives the explorer as a reader would, then writes what it saw into the page for
# --dump-dom to return (timers run thanks to --virtual-time-budget).
PILOTE = """<script>
(function () {
  var r = {};
  function saisir(el, valeur, evenement) { el.value = valeur; el.dispatchEvent(new Event(evenement)); }
  function noms() {
    return Array.prototype.map.call(
      document.querySelectorAll("#explorateur .classement tbody tr td:nth-child(2)"),
      function (td) { return td.textContent; });
  }
  var racine = document.getElementById("explorateur");
  r.pret = racine.dataset.pret;
  r.titre = racine.querySelector("h2").textContent;
  r.tous = noms();
  r.taux = Array.prototype.map.call(
    document.querySelectorAll("#explorateur .classement tbody tr td:nth-child(4)"),
    function (td) { return td.textContent; });
  saisir(document.getElementById("recherche"), "beziers", "input");
  r.recherche = noms();
  r.dureeFiltre = Number(racine.dataset.dureeFiltre);
  saisir(document.getElementById("recherche"), "", "input");
  saisir(document.getElementById("filtre-departement"), "34", "change");
  r.departement = noms();
  r.compte = document.getElementById("compte-explorateur").textContent;
  saisir(document.getElementById("filtre-departement"), "", "change");
  var entete = document.querySelectorAll("#explorateur .classement th")[1];
  entete.click();
  r.tri = noms();
  entete.click();
  r.triInverse = noms();
  location.hash = "#fiche/CPOM_OS_1";
  setTimeout(function () {
    var vue = document.getElementById("vue");
    r.fiche = vue.hidden ? null : vue.querySelector("h2").textContent;
    r.ficheLignes = vue.querySelectorAll("tbody tr").length;
    r.ficheTrajectoire = vue.querySelectorAll("svg.trajectoire-regionale path.mediane").length;
    r.details = Array.prototype.map.call(vue.querySelectorAll(".detail"), function (d) { return d.textContent; });
    location.hash = "#etab/FINESS_CHU";
    setTimeout(function () {
      r.etablissement = vue.hidden ? null : vue.querySelector("h2").textContent;
      r.etablissementLignes = vue.querySelectorAll("tbody tr").length;
      var pre = document.createElement("pre");
      pre.id = "resultat-pilote";
      pre.textContent = JSON.stringify(r);
      document.body.appendChild(pre);
    }, 100);
  }, 100);
})();
</script>"""


@pytest.mark.parametrize(
    ("langue", "titre", "compte"),
    [
        ("fr", "Classement, filtres et pages par fiche", "1 établissement sur 3"),
        ("en", "Ranking, filters and fiche pages", "1 establishment out of 3"),
    ],
)
def test_explorateur_pilote_dans_chromium(
    chromium: str,
    catalogue_reduit: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    langue: Langue,
    titre: str,
    compte: str,
) -> None:
    etablissements, mesures = tables()
    etablissements[0]["raison_sociale"] = "Centre hospitalier de Béziers"
    etablissements[0]["departement"] = "34"
    resultats = evaluate(catalogue_reduit, load_dataset(catalogue_reduit, etablissements, mesures))
    # Scorecards drawn by the script from the data, as for a national campaign.
    monkeypatch.setattr(html, "CARTES_JUSQUA", 0)
    texte = html.render_html(resultats, langue=langue)
    assert re.findall(r"(?:src|href)=\"https?:", texte) == []  # no external resource
    page = tmp_path / "rapport.html"
    page.write_text(texte.replace("</body>", PILOTE.replace("FINESS_CHU", CHU) + "</body>"))
    dom_texte, journal = dom_apres_scripts(
        chromium, page, tmp_path / "profil", "--virtual-time-budget=5000"
    )
    assert "Uncaught" not in journal and ":CONSOLE" not in journal, journal
    (pre,) = analyser(dom_texte).chercher(id="resultat-pilote")
    vu = json.loads(pre.texte())
    assert vu["pret"] == "oui"
    assert vu["titre"] == titre
    assert len(vu["tous"]) == 3
    assert vu["recherche"] == ["Centre hospitalier de Béziers"]  # accents and case ignored
    assert vu["departement"] == ["Centre hospitalier de Béziers"]
    assert vu["compte"] == compte
    assert vu["tri"] == sorted(vu["tri"], key=str.casefold)
    assert vu["triInverse"] == vu["tri"][::-1]
    assert vu["fiche"].startswith("CPOM_OS_1 — ")
    assert vu["ficheLignes"] == 3 and vu["ficheTrajectoire"] == 1
    assert vu["etablissement"] == f"Centre hospitalier de Béziers — FINESS {CHU}"
    assert vu["etablissementLignes"] >= 2
    assert vu["dureeFiltre"] < 200
    # Rates the way of the page's language, as the server-side page writes them.
    taux = {"fr": r"\d+(?:,\d)?\u00a0%", "en": r"\d+(?:\.\d)?%"}[langue]
    assert [t for t in vu["taux"] if t != "—"], vu["taux"]
    assert all(re.fullmatch(taux, t) for t in vu["taux"] if t != "—"), vu["taux"]
    assert vu["details"] and all(re.search(taux, d) for d in vu["details"]), vu["details"]
    if langue == "en":
        assert not any(re.search(r"\d,\d{1,2}(?!\d)|\u00a0%", d) for d in vu["details"])
