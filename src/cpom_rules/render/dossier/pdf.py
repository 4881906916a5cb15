"""Print HTML pages to A4 PDFs with headless Chromium (Debian's ``chromium`` package).

Chromium lays out CSS paged media (``@page`` size, margins and margin boxes with page
numbers) as a browser would, so the PDF is the HTML dossier printed. It runs with no network,
no sandbox (root in containers), a throw-away profile and a time limit; its own header and
footer are off, the page's ``@page`` boxes replace them.

`Imprimante` prints every page of a run through one long-lived Chromium (`devtools`): a page
then costs its layout, not a browser start-up. `imprimer_pdf` starts one Chromium per page.
"""

from __future__ import annotations

import base64
import contextlib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.problemes import erreur
from cpom_rules.render.dossier.devtools import Arret, Delai, ErreurProtocole, Fermable, Session

# A headless run with no network, sync or first-run screens (also used by the browser tests).
DRAPEAUX_SANS_RESEAU = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Layout complete (fonts, inline SVG) before anything is drawn or printed.
DRAPEAUX_SESSION = (*DRAPEAUX_SANS_RESEAU, "--run-all-compositor-stages-before-draw")
# --no-pdf-header-footer is a one-shot print command: a session given it runs Chromium's
# command page instead of answering on its pipe (printToPDF's options say it there).
DRAPEAUX = (*DRAPEAUX_SESSION, "--no-pdf-header-footer")
DELAI = 120  # seconds for one document; a cold start in CI takes a few
DELAI_PAGE = 60  # seconds for one page printed by a running Chromium, load to PDF
DELAI_DEMARRAGE = 60  # seconds for Chromium to start and answer on its pipe
# printToPDF's options for the same PDF as --print-to-pdf --no-pdf-header-footer: the page's
# own @page size and margin boxes, its backgrounds, no header or footer of Chromium's; A4
# (in inches) rather than Letter for a page that sets no size.
OPTIONS_PDF = {
    "preferCSSPageSize": True,
    "printBackground": True,
    "displayHeaderFooter": False,
    "paperWidth": 210 / 25.4,
    "paperHeight": 297 / 25.4,
}


def trouver_chromium() -> str | None:
    """The path of ``chromium`` or ``chromium-browser`` (or Chrome), None if none is installed."""
    for nom in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        chemin = shutil.which(nom)
        if chemin:
            return chemin
    return None


def imprimer_pdf(page: Path, pdf: Path, chromium: str | None = None) -> None:
    """Print the HTML file `page` to `pdf`; `ErreurUsage` when no Chromium is available or
    it fails (the HTML is then still there to print from a browser)."""
    navigateur = chromium or trouver_chromium()
    if navigateur is None:
        raise erreur("chromium_absent_html_ecrit")
    with tempfile.TemporaryDirectory(prefix="cpom-chromium-") as profil:
        commande = [
            navigateur,
            *DRAPEAUX,
            f"--user-data-dir={profil}",
            f"--print-to-pdf={pdf.resolve()}",
            page.resolve().as_uri(),
        ]
        try:
            subprocess.run(commande, capture_output=True, timeout=DELAI, check=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise erreur("chromium_echec", page=page, detail=exc) from exc
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise erreur("chromium_sans_pdf", pdf=pdf)


class Imprimante(Fermable):
    """Prints pages to PDF through one headless Chromium kept running; a context manager
    that always ends Chromium. Each page is loaded in a fresh tab (nothing carries over)
    and must be printed within `delai` seconds."""

    def __init__(self, chromium: str | None = None, delai: float = DELAI_PAGE) -> None:
        navigateur = chromium or trouver_chromium()
        if navigateur is None:
            raise erreur("chromium_absent_html_ecrit")
        self.navigateur, self.delai = navigateur, delai
        self.session: Session | None = None
        try:
            session = Session(navigateur, DRAPEAUX_SESSION)
        except OSError:
            return
        try:
            session.commande("Browser.getVersion", DELAI_DEMARRAGE)
        except (Arret, Delai, ErreurProtocole):
            # A Chromium without --remote-debugging-pipe (older than 2018) or that cannot
            # start this way: print as before, one Chromium per page (`imprimer_pdf`).
            session.fermer()
            return
        except BaseException:
            session.fermer()
            raise
        self.session = session

    def fermer(self) -> None:
        """End Chromium; idempotent."""
        if self.session is not None:
            self.session.fermer()

    def imprimer(self, page: Path, pdf: Path) -> None:
        """Print the HTML file `page` to `pdf` (written atomically); `ErreurUsage` naming the
        page when Chromium fails, stops or takes more than `delai` seconds."""
        if self.session is None:
            imprimer_pdf(page, pdf, self.navigateur)
            return
        try:
            donnees = _imprimer(self.session, page, time.monotonic() + self.delai)
        except Delai as exc:
            raise erreur("chromium_delai", page=page, delai=self.delai) from exc
        except Arret as exc:
            raise erreur("chromium_arrete", page=page) from exc
        except ErreurProtocole as exc:
            raise erreur("chromium_echec", page=page, detail=exc) from exc
        if not donnees.startswith(b"%PDF"):
            raise erreur("chromium_sans_pdf", pdf=pdf)
        with ecrire_atomique(pdf) as temporaire:
            temporaire.write_bytes(donnees)


def _imprimer(session: Session, page: Path, echeance: float) -> bytes:
    """The PDF bytes of `page` printed in a new tab, closed afterwards."""

    def reste() -> float:
        return echeance - time.monotonic()

    cible = session.commande("Target.createTarget", reste(), url="about:blank")["targetId"]
    try:
        onglet = session.commande("Target.attachToTarget", reste(), targetId=cible, flatten=True)[
            "sessionId"
        ]
        session.commande("Inspector.enable", reste(), onglet)  # to hear of a renderer crash
        session.commande("Page.enable", reste(), onglet)
        session.commande("Page.setLifecycleEventsEnabled", reste(), onglet, enabled=True)
        numero = session.envoyer("Page.navigate", onglet, url=page.resolve().as_uri())

        def attendu(message: dict[str, Any]) -> bool:
            return message.get("id") == numero or (
                message.get("method") == "Page.lifecycleEvent"
                and message.get("sessionId") == onglet
                and message["params"].get("name") == "load"
            )

        # The page's load event, known by the loader Page.navigate names (not the blank
        # tab's), may come before or after that reply.
        chargement: str | None = None
        charges: set[str] = set()
        while chargement is None or chargement not in charges:
            message = session.attendre(attendu, echeance)
            if message.get("id") != numero:
                charges.add(message["params"].get("loaderId", ""))
                continue
            probleme = message.get("error") or message.get("result", {}).get("errorText")
            if probleme:  # a missing file: net::ERR_FILE_NOT_FOUND
                raise ErreurProtocole(f"Page.navigate: {probleme}")
            chargement = message["result"].get("loaderId", "")
        # Web fonts, if a page ever has some, are laid out before printing.
        session.commande(
            "Runtime.evaluate",
            reste(),
            onglet,
            expression="document.fonts.ready.then(() => true)",
            awaitPromise=True,
        )
        resultat = session.commande("Page.printToPDF", reste(), onglet, **OPTIONS_PDF)
        return base64.b64decode(resultat["data"])
    finally:
        with contextlib.suppress(Arret):  # its reply is skipped by the next page's waits
            session.envoyer("Target.closeTarget", targetId=cible)
