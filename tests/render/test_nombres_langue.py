"""The report and the dossier write every number and yes/no the way of their language.

On the shipped example (280 establishments, the Occitanie catalogue): every figure the
render formats — key figures, status counts, rates, values, computed targets, gaps,
positions, chart labels and tooltips — reads ``1,234.5`` / ``21.3%`` / ``yes`` in English
and shows, figure for figure, the same digits as the French page (``1 234,5`` /
``21,3 %`` / ``oui``), which stays as it was (`nombres_fr.txt`, written from the code before
the English formatter existed). Catalogue texts (fiche titles, printed targets) and the
engine's explanations (tests/evaluation/test_explications*.py) are left out: they are not
formatted here.
"""

from __future__ import annotations

import datetime
import html
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpom_rules import Catalogue, Resultats, evaluate, load_dataset
from cpom_rules.messages import Langue
from cpom_rules.render.dossier import dossiers, render_dossier
from cpom_rules.render.dossier.vue import Dossier
from cpom_rules.render.html import contexte, render_html
from tests.conftest import RACINE

EXEMPLES = RACINE / "examples"
CHU_MONTPELLIER = "340780477"
JOUR = datetime.date(2026, 12, 1)
GOLDEN = Path(__file__).with_name("nombres_fr.txt")

# A number as each language writes it (a leading sign, thousands groups, decimals, %).
NOMBRE = {
    "fr": re.compile(r"[-−+]?\d+(?:\u202f\d{3})*(?:,\d+)?(?:\u00a0%)?"),
    "en": re.compile(r"[-−+]?\d+(?:,\d{3})*(?:\.\d+)?%?"),
}
# What only a French formatter writes: a decimal comma (« 3,67 », never an English
# thousands group « 3,670 »), a narrow space between digits, a no-break space before %.
A_LA_FRANCAISE = re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\d\u202f\d|\d\u00a0%")
OUI_NON = {"fr": ("oui", "non"), "en": ("yes", "no")}


@pytest.fixture(scope="module")
def exemple(catalogue: Catalogue) -> Resultats:
    donnees = load_dataset(catalogue, EXEMPLES / "etablissements.csv", EXEMPLES / "mesures.csv")
    return evaluate(catalogue, donnees)


def _rapport(resultats: Resultats, langue: Langue) -> Iterator[str]:
    """Every text of the report's view that the render formats, in page order."""
    vue = contexte(resultats, langue=langue)
    yield from (str(v) for k, v in vue["chiffres"].items() if k not in ("erreurs",))
    yield from (nombre for _, nombre in vue["statuts"])
    for _, barre, detail in vue["annees_synthese"]:
        yield from (str(barre), detail)
    for ligne in vue["lignes_synthese"]:
        for cellule in ligne.cellules:
            yield from (str(cellule.barre), cellule.taux, cellule.detail)
    for retard in vue["retards"]:
        yield from (retard.taux, *retard.par_annee)
    for etablissement in vue["etablissements"]:
        yield from (etablissement.taux, *(t for _, t in etablissement.taux_par_annee))
        yield from (valeur for _, valeur in etablissement.attributs)
        for carte in etablissement.cartes:
            yield str(carte.graphique)
            for annee in carte.annees:
                if annee is not None:
                    yield from (annee.valeur, annee.cible_calculee or "", annee.ecart or "")


def _dossier(dossier: Dossier) -> Iterator[str]:
    """Every text of one dossier that the render formats."""
    yield from (texte for _, texte in dossier.comptes)
    yield from (valeur for _, valeur in dossier.attributs)
    for fiche in dossier.fiches:
        for mesure in fiche.mesures:
            yield str(mesure.graphique)
            for annee in mesure.annees:
                yield from (annee.valeur, annee.cible_calculee, annee.ecart)
            if mesure.bilan is not None:
                yield from (mesure.bilan.valeur, mesure.bilan.cible, mesure.bilan.reste or "")
            for p in mesure.positions:
                yield from (p.valeur, p.q1, p.mediane, p.q3)


def _textes(resultats: Resultats, langue: Langue) -> list[str]:
    (dossier,) = dossiers(resultats, [CHU_MONTPELLIER], JOUR, langue)
    return [*_rapport(resultats, langue), *_dossier(dossier)]


@pytest.fixture(scope="module")
def textes(exemple: Resultats) -> dict[str, list[str]]:
    return {langue: _textes(exemple, langue) for langue in ("fr", "en")}


def _en_anglais(nombre: str) -> str:
    return nombre.replace(",", ".").replace("\u202f", ",").replace("\u00a0%", "%")


def test_chaque_nombre_anglais_est_le_nombre_francais(textes: dict[str, list[str]]) -> None:
    """Text for text, the English numbers are the French ones with English separators."""
    francais, anglais = textes["fr"], textes["en"]
    assert len(francais) == len(anglais) > 10_000
    for fr, en in zip(francais, anglais, strict=True):
        attendus = [_en_anglais(n) for n in NOMBRE["fr"].findall(fr)]
        assert NOMBRE["en"].findall(en) == attendus, (fr, en)
    montres = "\n".join(anglais)
    assert A_LA_FRANCAISE.findall(montres) == []
    # The example has thousands, decimals, rates and yes/no answers: each is written.
    for motif in (r"\d,\d{3}\b", r"\d\.\d", r"\d%", r"\d\.\d%"):
        assert re.search(motif, montres), motif
    assert {"yes", "no"} <= set(anglais) and not {"oui", "non"} & set(anglais)


def _par_ligne(textes: list[str]) -> str:
    comptes = Counter(n for texte in textes for n in NOMBRE["fr"].findall(texte))
    comptes.update(t for t in textes if t in OUI_NON["fr"])
    return "".join(f"{n}\t{k}\n" for n, k in sorted(comptes.items()))


def test_nombres_francais_inchanges(textes: dict[str, list[str]]) -> None:
    """The French figures are those the report and the dossier wrote before `--lang en`
    had English numbers: each distinct figure with how many times it is shown.

    ``CPOM_REGENERER=1 pytest tests/render/test_nombres_langue.py`` rewrites the file (after a
    deliberate change of the example or of what the report shows).
    """
    obtenu = _par_ligne(textes["fr"])
    if os.environ.get("CPOM_REGENERER") == "1":
        GOLDEN.write_text(obtenu, encoding="utf-8")
    assert obtenu == GOLDEN.read_text(encoding="utf-8")


def _montre(page: str) -> str:
    """The text a reader sees: no script, no style, no markup."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_pages_anglaises_sans_nombre_a_la_francaise(exemple: Resultats) -> None:
    """Over the whole English page of the example, but the problems (their messages are
    worded by the evaluation), no figure is written the French way."""
    page = render_html(exemple, langue="en")
    sans_problemes = re.sub(r'<section id="problemes".*?</section>', "", page, flags=re.DOTALL)
    assert A_LA_FRANCAISE.findall(_montre(sans_problemes)) == []
    assert f"{len(exemple):,}" in _montre(page)
    # A yes/no target reads as the answer it expects, in English too.
    assert "target yes" in _montre(page) and "target oui" not in _montre(page)
    (dossier,) = dossiers(exemple, [CHU_MONTPELLIER], JOUR, "en")
    montre = _montre(render_dossier(dossier))
    assert A_LA_FRANCAISE.findall(montre) == []
    assert re.search(r"\b\d+\.\d+\b", montre)
    cibles = {a.cible for f in dossier.fiches for m in f.mesures for a in m.annees}
    assert "yes" in cibles and not cibles & {"oui", "non"}
