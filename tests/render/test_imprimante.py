"""Many dossiers printed through one long-lived Chromium (DevTools over a pipe): valid PDFs,
the same as one Chromium per page, bounded waits, and no Chromium left behind."""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cpom_rules.render.dossier as module_dossier
import cpom_rules.render.dossier.pdf as module_pdf
from cpom_rules import Resultats
from cpom_rules.problemes import ErreurUsage
from cpom_rules.render.dossier import write_dossiers
from cpom_rules.render.dossier.devtools import Session
from cpom_rules.render.dossier.pdf import Imprimante, imprimer_pdf, trouver_chromium
from tests.render.conftest import CHU

JOUR = datetime.date(2026, 12, 1)


@pytest.fixture
def chromium() -> str:
    navigateur = trouver_chromium()
    if navigateur is None or shutil.which("pdfinfo") is None:
        pytest.skip("chromium et poppler-utils requis : apt-get install chromium poppler-utils")
    return navigateur


def pages_pdf(pdf: Path) -> int:
    infos = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in infos.stdout
    ligne = next(x for x in infos.stdout.splitlines() if x.startswith("Pages:"))
    return int(ligne.split()[1])


def texte_pdf(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def processus_du_groupe(groupe: int) -> list[int]:
    """The live (not zombie) processes of a process group: Chromium and its helpers."""
    vivants = []
    for entree in Path("/proc").iterdir():
        if not entree.name.isdigit():
            continue
        try:
            etat = (entree / "stat").read_text()
        except OSError:
            continue
        # Fields after the command's closing parenthesis: state, ppid, pgrp, …
        champs = etat[etat.rindex(")") + 2 :].split()
        if int(champs[2]) == groupe and champs[0] != "Z":
            vivants.append(int(entree.name))
    return vivants


def assert_chromium_termine(session: Session) -> None:
    assert session.processus.returncode is not None
    # Helpers killed with the group after a crash take a moment to die: wait for them (up to
    # a limit far above what it takes), then none may be left.
    limite = time.monotonic() + 30
    while processus_du_groupe(session.processus.pid) and time.monotonic() < limite:
        time.sleep(0.05)
    assert processus_du_groupe(session.processus.pid) == []


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Session]]:
    """Every DevTools session started during the test."""
    creees: list[Session] = []

    class Comptee(Session):
        def __init__(self, navigateur: str, drapeaux: tuple[str, ...]) -> None:
            super().__init__(navigateur, drapeaux)
            creees.append(self)

    monkeypatch.setattr(module_pdf, "Session", Comptee)
    yield creees


@pytest.mark.navigateur
def test_plusieurs_dossiers_une_seule_session(
    chromium: str,
    resultats: Resultats,
    tmp_path: Path,
    sessions: list[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(module_dossier, "IMPRIMANTES", 1)
    numeros = [str(f) for f in resultats.donnees.finess]
    assert len(numeros) >= 3
    ecrits = write_dossiers(resultats, numeros, tmp_path / "d", JOUR)
    pdfs = [p for p in ecrits if p.suffix == ".pdf"]
    assert sorted(p.stem for p in pdfs) == sorted(numeros)
    assert len(sessions) == 1, "one Chromium for the whole run"
    assert_chromium_termine(sessions[0])
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
        pages = pages_pdf(pdf)
        # The page's own @page margin box numbers every page out of the same total.
        texte = texte_pdf(pdf)
        assert f"page 1 / {pages}" in texte and f"page {pages} / {pages}" in texte
    assert not list((tmp_path / "d").glob(".*partiel*")), "no temporary file left"
    # The same document as one Chromium started for the page alone (--print-to-pdf).
    page_chu = tmp_path / "d" / f"{CHU}.html"
    seul = tmp_path / "seul.pdf"
    imprimer_pdf(page_chu, seul, chromium)
    assert pages_pdf(seul) == pages_pdf(tmp_path / "d" / f"{CHU}.pdf")
    assert texte_pdf(seul) == texte_pdf(tmp_path / "d" / f"{CHU}.pdf")


@pytest.mark.navigateur
@pytest.mark.usefixtures("chromium")
def test_erreur_en_cours_de_serie_chromium_termine(
    sessions: list[Session], resultats: Resultats, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    imprimer = Imprimante.imprimer
    vus: list[str] = []

    def echouer_au_deuxieme(self: Imprimante, page: Path, pdf: Path) -> None:
        vus.append(page.stem)
        if len(vus) == 2:
            raise ErreurUsage(f"échec simulé {page.name}")
        imprimer(self, page, pdf)

    monkeypatch.setattr(Imprimante, "imprimer", echouer_au_deuxieme)
    numeros = [str(f) for f in resultats.donnees.finess]
    with pytest.raises(ErreurUsage, match="échec simulé") as erreur:
        write_dossiers(resultats, numeros, tmp_path / "d", JOUR)
    assert str(erreur.value) == f"échec simulé {vus[1]}.html"
    assert sessions, "the run printed through sessions"
    for session in sessions:
        assert_chromium_termine(session)


@pytest.fixture
def serveur_muet() -> Iterator[int]:
    """A local port that accepts connections and never answers: a page that never loads."""
    with socket.socket() as ecoute:
        ecoute.bind(("127.0.0.1", 0))
        ecoute.listen(8)
        yield ecoute.getsockname()[1]


@pytest.mark.navigateur
def test_page_jamais_chargee_erreur_nommee(
    chromium: str, tmp_path: Path, serveur_muet: int, sessions: list[Session]
) -> None:
    bloquee = tmp_path / "bloquee.html"
    bloquee.write_text(
        f'<!doctype html><p>attente</p><img src="http://127.0.0.1:{serveur_muet}/i.png">',
        encoding="utf-8",
    )
    with Imprimante(chromium, delai=3) as imprimante:
        assert imprimante.session is not None
        with pytest.raises(ErreurUsage, match=r"bloquee\.html.* 3 s") as erreur:
            imprimante.imprimer(bloquee, tmp_path / "bloquee.pdf")
    assert "page never loaded" in erreur.value.texte("en")
    assert not (tmp_path / "bloquee.pdf").exists()
    assert_chromium_termine(sessions[0])


@pytest.mark.navigateur
def test_chromium_termine_meme_sur_interruption(chromium: str, sessions: list[Session]) -> None:
    with pytest.raises(KeyboardInterrupt), Imprimante(chromium):
        assert processus_du_groupe(sessions[0].processus.pid), "Chromium runs in the block"
        raise KeyboardInterrupt
    assert_chromium_termine(sessions[0])


@pytest.mark.navigateur
def test_chromium_tue_en_cours_de_route(
    chromium: str, tmp_path: Path, sessions: list[Session]
) -> None:
    premiere, seconde = tmp_path / "a.html", tmp_path / "b.html"
    for page in (premiere, seconde):
        page.write_text(f"<!doctype html><p>{page.stem}</p>", encoding="utf-8")
    with Imprimante(chromium, delai=30) as imprimante:
        imprimante.imprimer(premiere, tmp_path / "a.pdf")
        assert pages_pdf(tmp_path / "a.pdf") == 1
        os.kill(sessions[0].processus.pid, signal.SIGKILL)
        with pytest.raises(ErreurUsage, match=r"s'est arrêté pendant l'impression de .*b\.html"):
            imprimante.imprimer(seconde, tmp_path / "b.pdf")
    assert_chromium_termine(sessions[0])


@pytest.mark.navigateur
def test_moteur_de_rendu_plante_pendant_la_page(
    chromium: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tab's renderer crashes once the page is loaded: printToPDF would never answer.
    envoyer = Session.envoyer

    def planter(self: Session, methode: str, session: str | None = None, **params: Any) -> int:
        if methode == "Runtime.evaluate":
            return envoyer(self, "Page.crash", session)
        return envoyer(self, methode, session, **params)

    monkeypatch.setattr(Session, "envoyer", planter)
    page = tmp_path / "plante.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with (
        Imprimante(chromium, delai=60) as imprimante,
        pytest.raises(ErreurUsage, match=r"arrêté pendant l'impression de .*plante\.html"),
    ):
        imprimante.imprimer(page, tmp_path / "plante.pdf")
    assert not (tmp_path / "plante.pdf").exists()


@pytest.mark.navigateur
def test_page_introuvable_erreur_nommee(chromium: str, tmp_path: Path) -> None:
    with (
        Imprimante(chromium, delai=30) as imprimante,
        pytest.raises(ErreurUsage, match=r"absente\.html.*ERR_FILE_NOT_FOUND"),
    ):
        imprimante.imprimer(tmp_path / "absente.html", tmp_path / "absente.pdf")


def test_sans_session_possible_un_chromium_par_page(tmp_path: Path) -> None:
    # A Chromium that refuses --remote-debugging-pipe (an old one): each page is printed by a
    # Chromium of its own, as before.
    faux = tmp_path / "chromium"
    faux.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in\n'
        "  --remote-debugging-pipe) exit 1;;\n"
        '  --print-to-pdf=*) printf "%%PDF-1.4 faux" > "${a#--print-to-pdf=}";;\n'
        "esac; done\n",
        encoding="utf-8",
    )
    faux.chmod(faux.stat().st_mode | stat.S_IXUSR)
    page = tmp_path / "p.html"
    page.write_text("<p>p</p>", encoding="utf-8")
    with Imprimante(str(faux)) as imprimante:
        assert imprimante.session is None
        imprimante.imprimer(page, tmp_path / "p.pdf")
    assert (tmp_path / "p.pdf").read_bytes() == b"%PDF-1.4 faux"
