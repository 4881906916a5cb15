"""Size and render time of the regional HTML report at 280 and 3,000 establishments.

    python benchmarks/rapport.py             # 280 and 3,000 establishments
    python benchmarks/rapport.py 500         # other sizes

Kept apart from bench.py (the engine's benchmark): this one measures the render layer.
The datasets come from the example generator (fixed seed), evaluated over 2025-2026 like
the example, so that the figures compare with the shipped example report.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "examples"))

from cpom_rules import evaluate, load_catalogue, read_table, validate_dataset  # noqa: E402
from cpom_rules.render.dossier.pdf import DRAPEAUX_SANS_RESEAU, trouver_chromium  # noqa: E402
from cpom_rules.render.html import render_html  # noqa: E402
from generer import generer  # noqa: E402  (the example generator, reused at scale)

OBJECTIF_OCTETS = 15 * 1024 * 1024  # the national campaign report must stay under 15 MB


# Appended to the page: when its scripts ran, the time since navigation start, then the time
# of a département filter, written into the DOM for --dump-dom.
CHRONO = """<script>
var pret = performance.now();
var d = document.getElementById("filtre-departement");
var t = performance.now(); d.value = d.options[1].value; d.dispatchEvent(new Event("change"));
var filtre = performance.now() - t;
var p = document.createElement("pre"); p.id = "chrono";
p.textContent = JSON.stringify({pret: pret, filtre: filtre}); document.body.appendChild(p);
</script>"""


def dans_chromium(texte: str) -> dict[str, float] | None:
    """Milliseconds until the page's scripts ran and for one filter, in headless Chromium."""
    chromium = trouver_chromium()
    if chromium is None:
        return None
    with tempfile.TemporaryDirectory() as dossier:
        page = Path(dossier, "rapport.html")
        page.write_text(texte.replace("</body>", CHRONO + "</body>"), encoding="utf-8")
        sortie = subprocess.run(
            [
                chromium,
                *DRAPEAUX_SANS_RESEAU,
                f"--user-data-dir={dossier}/profil",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout
    trouve = re.search(r'<pre id="chrono">(.*?)</pre>', sortie)
    return json.loads(trouve.group(1).replace("&quot;", '"')) if trouve else None


def mesurer(nombre: int) -> tuple[int, float, dict[str, float] | None]:
    """(bytes, seconds, browser timings) of the report for `nombre` generated establishments."""
    catalogue = load_catalogue("occitanie-2025-2029")
    jeu = generer(catalogue, nombre=nombre, annees=(2024, 2025, 2026))
    tables = read_table(jeu.etablissements, "etablissements"), read_table(jeu.mesures, "mesures")
    resultats = evaluate(catalogue, validate_dataset(catalogue, *tables), (2025, 2026))
    debut = time.perf_counter()
    texte = render_html(resultats)
    duree = time.perf_counter() - debut
    return len(texte.encode("utf-8")), duree, dans_chromium(texte)


def main() -> int:
    tailles = [int(a) for a in sys.argv[1:]] or [280, 3000]
    print("établissements   taille du rapport   temps de rendu   scripts prêts   un filtre")
    depasse = False
    for nombre in tailles:
        octets, duree, navigateur = mesurer(nombre)
        prets = (
            f"{navigateur['pret']:10.0f} ms   {navigateur['filtre']:6.0f} ms"
            if navigateur
            else "   (sans chromium)"
        )
        print(f"{nombre:>14}   {octets / 1e6:13.1f} Mo   {duree:12.1f} s   {prets}")
        depasse |= nombre >= 3000 and octets > OBJECTIF_OCTETS
    if depasse:
        print(f"au-dessus de l'objectif de {OBJECTIF_OCTETS / 1e6:.0f} Mo à l'échelle nationale")
    return 1 if depasse else 0


if __name__ == "__main__":
    sys.exit(main())
