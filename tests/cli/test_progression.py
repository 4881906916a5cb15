"""Progress lines appear on a terminal only."""

from __future__ import annotations

import io

from cpom_rules.cli.progression import Progression
from cpom_rules.messages import Langue


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silencieux_hors_terminal() -> None:
    flux = io.StringIO()
    with Progression(flux).etape("évaluation"):
        pass
    assert flux.getvalue() == ""


def test_annonce_puis_duree_sur_un_terminal() -> None:
    flux = _Terminal()
    with Progression(flux).etape("évaluation"):
        assert "⏳ évaluation…" in flux.getvalue()
    assert "✓ évaluation (" in flux.getvalue() and " s)\n" in flux.getvalue()


def test_comptes_avec_la_duree() -> None:
    flux = _Terminal()
    with Progression(flux).etape("évaluation") as comptes:
        comptes.append("17 360 résultats")
    assert flux.getvalue().endswith(" s, 17 360 résultats)\n")


def test_barre_d_avancement_sur_un_terminal_seulement() -> None:
    flux = _Terminal()
    avancer = Progression(flux).compteur("dossiers")
    avancer(1, 3)
    avancer(3, 3)
    assert "dossiers ▕" in flux.getvalue() and flux.getvalue().endswith("▏ 3/3\n")
    silencieux = io.StringIO()
    Progression(silencieux).compteur("dossiers")(3, 3)
    assert silencieux.getvalue() == ""


def test_duree_dans_la_langue_du_lecteur() -> None:
    """« (0,0 s, …) » in French, « (0.0 s, …) » in English: the console's numbers follow
    `--lang` like the summary's."""
    cas: tuple[tuple[Langue, str], ...] = (("fr", "0,0 s"), ("en", "0.0 s"))
    for langue, duree in cas:
        flux = _Terminal()
        with Progression(flux, langue).etape("evaluation") as comptes:
            comptes.append("1")
        assert flux.getvalue().endswith(f"({duree}, 1)\n"), flux.getvalue()
