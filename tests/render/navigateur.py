"""Open a page in headless Chromium: the DOM after its scripts ran, and a PNG screenshot.

Used by the `navigateur` test; also runnable by hand to look at a report:
``python -m tests.render.navigateur rapport.html capture.png``.
Chromium runs with no network, no sync and a throw-away profile.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from cpom_rules.render.dossier.pdf import DRAPEAUX_SANS_RESEAU, trouver_chromium

DRAPEAUX = (
    *DRAPEAUX_SANS_RESEAU,
    "--hide-scrollbars",
    "--enable-logging=stderr",
)
DELAI = 120  # seconds; a cold start in CI takes a few


def executer(
    chromium: str, page: Path, profil: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """Run Chromium on a local file; raise if it fails or hangs."""
    commande = [chromium, *DRAPEAUX, f"--user-data-dir={profil}", *options, page.resolve().as_uri()]
    return subprocess.run(commande, capture_output=True, text=True, timeout=DELAI, check=True)


def dom_apres_scripts(chromium: str, page: Path, profil: Path, *options: str) -> tuple[str, str]:
    """The serialised DOM once the page's scripts ran, and Chromium's log (console included)."""
    resultat = executer(chromium, page, profil, *options, "--dump-dom")
    return resultat.stdout, resultat.stderr


def capture(
    chromium: str, page: Path, png: Path, profil: Path, largeur: int = 1400, hauteur: int = 3200
) -> None:
    """A screenshot of the top of the page, `largeur` × `hauteur` CSS pixels."""
    png.parent.mkdir(parents=True, exist_ok=True)
    executer(
        chromium,
        page,
        profil,
        f"--window-size={largeur},{hauteur}",
        f"--screenshot={png.resolve()}",
    )


if __name__ == "__main__":
    navigateur = trouver_chromium()
    if navigateur is None:
        sys.exit("chromium introuvable sur le PATH")
    with tempfile.TemporaryDirectory() as dossier:
        capture(navigateur, Path(sys.argv[1]), Path(sys.argv[2]), Path(dossier))
