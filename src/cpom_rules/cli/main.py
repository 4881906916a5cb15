"""``cpom-rules``: check specs, run their test cases, evaluate a dataset, explain a result.

Help is in French (``--lang en`` for English). Exit codes (the same text in ``--help``, the
README and docs/reference-api.md): 0 evaluated (or checked) with no data error; 1 evaluated
but data errors were found (results still written, problems listed), or invalid specs, or
failing test cases; 2 misuse (arguments, paths, unreadable or special files, an output that
cannot be written); 3 a real bug only; 130 interrupted (Ctrl-C or SIGTERM), the previous
output left untouched. A spec author or an analyst never sees a Python traceback
(``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from gettext import gettext
from pathlib import Path

from cpom_rules.cli import commandes, sources
from cpom_rules.cli.base import ajouter_analyseur as ajouter_base
from cpom_rules.cli.textes import texte
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurAvecProblemes, ErreurCpom, ErreurUsage

SUCCES, ECHEC, USAGE, INTERNE, INTERROMPU = 0, 1, 2, 3, 130


# argparse's own sentences, for the French help (argparse looks them up through gettext).
_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide pour %(type)s : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def _traduire_argparse(langue: Langue) -> None:
    argparse._ = (lambda message: _ARGPARSE_FR.get(message, message)) if langue == "fr" else gettext  # type: ignore[attr-defined]


def _langue(argv: Sequence[str]) -> Langue:
    for i, argument in enumerate(argv):
        if argument == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "fr"
        if argument.startswith("--lang="):
            return "en" if argument.split("=", 1)[1] == "en" else "fr"
    return "fr"


def _lang_devant(argv: Sequence[str]) -> list[str]:
    """`argv` with ``--lang X`` moved before the subcommand, so it is accepted anywhere."""
    devant: list[str] = []
    reste: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--lang" and i + 1 < len(argv):
            devant += argv[i : i + 2]
            i += 2
            continue
        (devant if argv[i].startswith("--lang=") else reste).append(argv[i])
        i += 1
    return devant + reste


class _Analyseur(argparse.ArgumentParser):
    """argparse with our exit code 2 and no traceback on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: {message}\n")


def construire_analyseur(langue: Langue) -> argparse.ArgumentParser:
    """The argument parser, with help in `langue`."""

    def t(cle: str) -> str:
        return texte(cle, langue)

    analyseur = _Analyseur(
        prog="cpom-rules", description=t("description"), epilog=t("codes_sortie")
    )
    analyseur.add_argument("--lang", choices=["fr", "en"], default="fr", help=t("aide_lang"))
    analyseur.add_argument("--debug", action="store_true", help=t("aide_debug"))
    sous = analyseur.add_subparsers(dest="commande", required=True, parser_class=_Analyseur)

    check = sous.add_parser("check", help=t("aide_check"), description=t("aide_check"))
    check.add_argument("specs", type=Path, help=t("aide_specs"))
    check.add_argument(
        "--format", choices=["texte", "json"], default="texte", help=t("aide_format")
    )
    check.add_argument("--strict", action="store_true", help=t("aide_strict"))
    check.add_argument("--contrats", type=Path, help=t("aide_contrats"))
    check.add_argument("--etablissements", type=Path, help=t("aide_etablissements_contrats"))

    test = sous.add_parser("test", help=t("aide_test"), description=t("aide_test"))
    test.add_argument("specs", type=Path, help=t("aide_specs"))
    test.add_argument("--format", choices=["texte", "json"], default="texte", help=t("aide_format"))

    schema = sous.add_parser("schema", help=t("aide_schema"), description=t("aide_schema"))
    schema.add_argument("--sortie", type=Path, help=t("aide_sortie_schema"))

    def donnees(parseur: argparse.ArgumentParser) -> None:
        parseur.add_argument("specs", type=Path, help=t("aide_specs"))
        parseur.add_argument(
            "--etablissements", type=Path, required=True, help=t("aide_etablissements")
        )
        parseur.add_argument("--mesures", type=Path, required=True, help=t("aide_mesures"))
        parseur.add_argument("--reparer-finess", action="store_true", help=t("aide_reparer"))
        parseur.add_argument("--fichier-lecture", type=Path, help=t("aide_fichier_lecture"))
        parseur.add_argument(
            "--lecture", action="append", default=[], metavar="CODE=LECTURE", help=t("aide_lecture")
        )
        parseur.add_argument("--contrats", type=Path, help=t("aide_contrats_evaluer"))
        parseur.add_argument("--au", help=t("aide_au_contrats"))

    evaluate = sous.add_parser("evaluate", help=t("aide_evaluate"), description=t("aide_evaluate"))
    donnees(evaluate)
    evaluate.add_argument("--annees", help=t("aide_annees"))
    evaluate.add_argument("--sortie", type=Path, required=True, help=t("aide_sortie_eval"))
    evaluate.add_argument("--detail", action="store_true", help=t("aide_detail"))
    evaluate.add_argument("--strict", action="store_true", help=t("aide_strict_donnees"))
    evaluate.add_argument("--lectures", action="store_true", help=t("aide_lectures"))

    explain = sous.add_parser("explain", help=t("aide_explain"), description=t("aide_explain"))
    donnees(explain)
    explain.add_argument("--finess", required=True, help=t("aide_finess"))
    explain.add_argument("--indicateur", required=True, help=t("aide_indicateur"))
    explain.add_argument("--annee", type=int, required=True, help=t("aide_annee"))
    explain.add_argument("--mesure", help=t("aide_mesure"))
    explain.add_argument(
        "--format", choices=["texte", "json"], default="texte", help=t("aide_format")
    )

    dossier = sous.add_parser("dossier", help=t("aide_dossier"), description=t("aide_dossier"))
    donnees(dossier)
    cibles = dossier.add_mutually_exclusive_group(required=True)
    cibles.add_argument("--finess", action="append", help=t("aide_finess_dossier"))
    cibles.add_argument("--tous", action="store_true", help=t("aide_tous"))
    dossier.add_argument("--sortie", type=Path, required=True, help=t("aide_sortie_dossier"))
    dossier.add_argument("--annees", help=t("aide_annees"))
    dossier.add_argument("--sans-pdf", action="store_true", help=t("aide_sans_pdf"))
    dossier.add_argument("--strict", action="store_true", help=t("aide_strict_donnees"))

    doc = sous.add_parser("doc", help=t("aide_doc"), description=t("aide_doc"))
    doc.add_argument("specs", type=Path, help=t("aide_specs"))
    doc.add_argument("--sortie", type=Path, required=True, help=t("aide_sortie_doc"))
    sources.ajouter_commandes(sous, t)
    ajouter_base(sous, t)
    return analyseur


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cpom-rules``; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    langue = _langue(arguments)
    _traduire_argparse(langue)
    options = construire_analyseur(langue).parse_args(_lang_devant(arguments))
    # SIGTERM (a scheduler stopping the job) ends like Ctrl-C: outputs are written to a
    # temporary file that the interruption removes, and one line is printed.
    principal = threading.current_thread() is threading.main_thread()  # signals: main only
    precedent = signal.signal(signal.SIGTERM, _interrompre) if principal else None
    try:
        return commandes.executer(options, langue)
    except ErreurUsage as exc:
        print(f"cpom-rules: {exc.texte(langue)}", file=sys.stderr)
        return USAGE
    except ErreurAvecProblemes as exc:
        for probleme in exc.problemes:
            print(probleme.texte(langue), file=sys.stderr)
        return ECHEC
    except (
        ErreurCpom
    ) as exc:  # pragma: no cover - every raised error carries problems or is a usage error
        print(f"cpom-rules: {exc}", file=sys.stderr)
        return ECHEC
    except KeyboardInterrupt:
        print(texte("interrompu", langue), file=sys.stderr)
        return INTERROMPU
    except Exception as exc:  # the last line of defence: a bug must not show a traceback
        if options.debug:
            traceback.print_exc()
        print(
            texte("erreur_interne", langue, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr
        )
        return INTERNE
    finally:
        if principal:
            signal.signal(signal.SIGTERM, precedent)


def _interrompre(numero: int, cadre: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
