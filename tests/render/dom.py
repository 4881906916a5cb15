"""A minimal DOM built with the standard library's HTML parser, to query rendered pages.

It closes the elements whose end tag HTML lets a page omit (cells, rows, paragraphs…) the
way a browser does, for the cases the report uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VIDES = {"meta", "br", "input", "img", "link", "hr", "col", "source", "wbr"}
# End tags HTML lets a page leave out, as the report does in its repeated rows: a start tag
# of the key closes the nearest open element of the first set, searching no further up
# than an element of the second set.
_TABLE = {"table", "thead", "tbody", "tfoot"}
IMPLICITES: dict[str, tuple[set[str], set[str]]] = {
    "td": ({"td", "th"}, {"tr", *_TABLE}),
    "th": ({"td", "th"}, {"tr", *_TABLE}),
    "tr": ({"tr"}, _TABLE),
    "thead": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot"}, {"table"}),
    "li": ({"li"}, {"ul", "ol"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "p": ({"p"}, {"td", "th", "li", "dd", "div", "section", "details", "body"}),
    "details": ({"p"}, {"td", "th", "li", "dd", "div", "section", "details", "body"}),
}


@dataclass
class Element:
    """A tag with its attributes, children and the text directly inside it."""

    balise: str
    attributs: dict[str, str]
    enfants: list[Element] = field(default_factory=list)
    textes: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attributs.get("class", "").split())

    def tous(self) -> Iterator[Element]:
        """This element and every descendant, in document order."""
        yield self
        for enfant in self.enfants:
            yield from enfant.tous()

    def chercher(
        self, balise: str | None = None, classe: str | None = None, **attributs: str
    ) -> list[Element]:
        """Descendants matching a tag, a class and attribute values (``data_finess`` → ``data-finess``)."""
        voulus = {cle.replace("_", "-"): valeur for cle, valeur in attributs.items()}
        return [
            e
            for e in self.tous()
            if (balise is None or e.balise == balise)
            and (classe is None or classe in e.classes)
            and all(e.attributs.get(cle) == valeur for cle, valeur in voulus.items())
        ]

    def texte(self) -> str:
        """All the text inside, children included."""
        return " ".join(t for e in self.tous() for t in e.textes if t.strip())


class _Analyseur(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.racine = Element("#document", {})
        self.pile = [self.racine]

    def _fermer_implicites(self, tag: str) -> None:
        fermes, limites = IMPLICITES.get(tag, (set(), set()))
        for rang in range(len(self.pile) - 1, 0, -1):
            balise = self.pile[rang].balise
            if balise in fermes:
                del self.pile[rang:]
                return
            if balise in limites:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._fermer_implicites(tag)
        element = Element(tag, {cle: valeur or "" for cle, valeur in attrs})
        self.pile[-1].enfants.append(element)
        if tag not in VIDES:
            self.pile.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pile[-1].enfants.append(Element(tag, {cle: valeur or "" for cle, valeur in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for rang in range(len(self.pile) - 1, 0, -1):
            if self.pile[rang].balise == tag:
                del self.pile[rang:]
                return

    def handle_data(self, data: str) -> None:
        self.pile[-1].textes.append(data)


def analyser(html: str) -> Element:
    """The document tree of `html`."""
    analyseur = _Analyseur()
    analyseur.feed(html)
    analyseur.close()
    return analyseur.racine
