"""Fiche pages regenerated from the specs: one page per fiche and format, target tables, escaping."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from cpom_rules import Catalogue, load_catalogue
from cpom_rules.render.doc import echapper_markdown, ordre_naturel, write_doc
from tests.conftest import SPECS
from tests.render.dom import analyser


@pytest.fixture(scope="module")
def pages(
    catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Path]]:
    dossier = tmp_path_factory.mktemp("doc")
    return dossier, write_doc(catalogue, dossier)


def test_une_page_html_et_markdown_par_fiche_plus_index(
    catalogue: Catalogue, pages: tuple[Path, list[Path]]
) -> None:
    dossier, ecrits = pages
    attendus = {f"{code}{s}" for code in catalogue.fiches for s in (".html", ".md")}
    assert {p.name for p in ecrits} == attendus | {"index.html", "index.md"}
    assert all(p.parent == dossier and p.stat().st_size > 0 for p in ecrits)
    assert [p.name for p in ecrits[-2:]] == ["index.html", "index.md"]


def test_chaque_page_a_son_code_et_sa_table_de_cibles(
    catalogue: Catalogue, pages: tuple[Path, list[Path]]
) -> None:
    dossier, _ = pages
    for code, fiche in catalogue.fiches.items():
        html = (dossier / f"{code}.html").read_text(encoding="utf-8")
        markdown = (dossier / f"{code}.md").read_text(encoding="utf-8")
        dom = analyser(html)
        assert code in dom.chercher("h1")[0].texte()
        assert markdown.startswith(f"# `{code}` — ")
        compilee = catalogue.regles.fiches[code]
        tables = dom.chercher("table", "cibles")
        evaluees = [m for m in compilee.mesures.values() if m.cibles]
        assert len(tables) == len(evaluees), code
        assert markdown.count("### Cibles par segment et par année") == len(evaluees), code
        annees = [str(a) for a in compilee.periode.annees]
        for table, mesure in zip(tables, evaluees, strict=True):
            entetes = [th.texte() for th in table.chercher("thead")[0].chercher("th")]
            assert entetes == ["Segment", *annees]
            lignes = table.chercher("tbody")[0].chercher("tr")
            assert len(lignes) == len(mesure.cibles), (code, mesure.code)
            for ligne in lignes:
                assert len(ligne.chercher("td")) == len(annees)
        for mesure in fiche.mesures:
            assert f"mesure-{mesure}" in html


def test_table_de_cibles_telle_que_dans_la_fiche(pages: tuple[Path, list[Path]]) -> None:
    dossier, _ = pages
    html = (dossier / "CPOM_OS_1.html").read_text(encoding="utf-8")
    (table,) = analyser(html).chercher("table", "cibles")
    (ligne,) = table.chercher("tbody")[0].chercher("tr")
    assert "Pour tous les établissements" in ligne.texte()
    assert [td.texte() for td in ligne.chercher("td")] == [
        "≥ 10 %",
        "≥ 15 %",
        "≥ 20 %",
        "≥ 25 %",
        "≥ 30 %",
    ]
    assert "Total ≥ 30 % au bout de 5 ans" in html
    assert "la valeur de la dernière année de la période atteint le total" in html
    assert "<code>professionnels_formes / professionnels_total × 100</code>" in html
    markdown = (dossier / "CPOM_OS_1.md").read_text(encoding="utf-8")
    assert "| Segment | 2025 | 2026 | 2027 | 2028 | 2029 |" in markdown
    assert "| ≥ 10 % | ≥ 15 % | ≥ 20 % | ≥ 25 % | ≥ 30 % |" in markdown


def test_index_lie_chaque_fiche(catalogue: Catalogue, pages: tuple[Path, list[Path]]) -> None:
    dossier, _ = pages
    liens = {
        a.attributs["href"]
        for a in analyser((dossier / "index.html").read_text(encoding="utf-8")).chercher("a")
    }
    assert liens == {f"{code}.html" for code in catalogue.fiches}
    markdown = (dossier / "index.md").read_text(encoding="utf-8")
    for code in catalogue.fiches:
        assert f"]({code}.md)" in markdown


def test_les_textes_de_la_spec_sont_echappes(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPECS / "catalogue.yaml", specs / "catalogue.yaml")
    fiche = yaml.safe_load((SPECS / "CPOM_OS_1.yaml").read_text(encoding="utf-8"))
    piege = "<img src=x onerror=alert(1)> | *gras* [lien](http://x)"
    fiche["definition"] = piege
    (specs / "CPOM_OS_1.yaml").write_text(
        yaml.safe_dump(fiche, allow_unicode=True), encoding="utf-8"
    )
    catalogue = load_catalogue(specs)
    assert catalogue.fiches["CPOM_OS_1"].definition == piege
    write_doc(catalogue, tmp_path / "doc")
    html = (tmp_path / "doc" / "CPOM_OS_1.html").read_text(encoding="utf-8")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    markdown = (tmp_path / "doc" / "CPOM_OS_1.md").read_text(encoding="utf-8")
    assert r"\<img src=x onerror=alert(1)\> \| \*gras\* \[lien\](http://x)" in markdown


def test_echappement_markdown() -> None:
    assert echapper_markdown("a|b *c* _d_ <e>") == r"a\|b \*c\* \_d\_ \<e\>"
    assert echapper_markdown("deux\nlignes") == "deux lignes"
    assert echapper_markdown(None) == ""


def test_ordre_naturel_des_codes() -> None:
    codes = ["CPOM_OS_12", "CPOM_CT_07", "CPOM_OS_2", "CPOM_CT_1"]
    assert sorted(codes, key=ordre_naturel) == [
        "CPOM_CT_1",
        "CPOM_CT_07",
        "CPOM_OS_2",
        "CPOM_OS_12",
    ]
