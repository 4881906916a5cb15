"""Print an HTML page to an A4 PDF with headless Chromium (Debian's ``chromium`` package).

Chromium lays out CSS paged media (``@page`` size, margins and margin boxes with page
numbers) as a browser would, so the PDF is the HTML dossier printed. It runs with no network,
no sandbox (root in containers), a throw-away profile and a time limit; its own header and
footer are off, the page's ``@page`` boxes replace them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cpom_rules.problemes import erreur

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
DRAPEAUX = (
    *DRAPEAUX_SANS_RESEAU,
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
)
DELAI = 120  # seconds for one document; a cold start in CI takes a few


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
