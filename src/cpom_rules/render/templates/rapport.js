// Only filters and folds the scorecards, offers a compact view of their status grid, and
// unfolds everything to print: the page is complete without this script.
(function () {
  "use strict";
  var outils = document.querySelector("#etablissements .outils");
  var fiches = Array.prototype.slice.call(document.querySelectorAll(".fiche-etablissement"));
  var filtre = document.getElementById("filtre");
  var retard = document.getElementById("seulement-retard");
  var compte = document.getElementById("compte-visibles");
  var compacte = document.getElementById("vue-compacte");
  var source = document.getElementById("mots-rapport");
  var MOTS = source ? JSON.parse(source.textContent) : {};
  function texteEn(texte) { return MOTS[texte] || texte; }
  // Counts the way of the page's language (« 1 234 », « 1,234 »), as the rest of the page.
  var LOCALE = document.documentElement.lang === "en" ? "en-GB" : "fr-FR";
  function compter(n) { return n.toLocaleString(LOCALE); }
  // What the search box matches: name and FINESS, lower case and without accents
  // (« beziers » finds Béziers).
  function plier(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase("fr");
  }
  var recherches = fiches.map(function (fiche) {
    return plier(fiche.querySelector(".nom").textContent + " " + fiche.dataset.finess);
  });
  function appliquer() {
    var texte = plier(filtre.value.trim());
    var visibles = 0;
    fiches.forEach(function (fiche, rang) {
      var garde = recherches[rang].indexOf(texte) !== -1 &&
        (!retard.checked || fiche.dataset.nonAtteints !== "0");
      fiche.hidden = !garde;
      if (garde) { visibles += 1; }
    });
    compte.textContent = compter(visibles) + " " + texteEn("établissement(s) affiché(s) sur") + " " + compter(fiches.length);
  }
  function deplier(ouvert) {
    fiches.forEach(function (fiche) { if (!fiche.hidden) { fiche.open = ouvert; } });
  }
  function ouvrirCible() {
    var cible = location.hash && document.getElementById(location.hash.slice(1));
    if (cible && cible.classList.contains("fiche-etablissement")) { cible.open = true; }
  }
  outils.hidden = false;
  filtre.addEventListener("input", appliquer);
  retard.addEventListener("change", appliquer);
  compacte.addEventListener("change", function () {
    document.getElementById("etablissements").classList.toggle("compacte", compacte.checked);
  });
  document.getElementById("tout-deplier").addEventListener("click", function () { deplier(true); });
  document.getElementById("tout-replier").addEventListener("click", function () { deplier(false); });
  window.addEventListener("hashchange", ouvrirCible);
  window.addEventListener("beforeprint", function () {
    deplier(true);
    compacte.checked = false;
    document.getElementById("etablissements").classList.remove("compacte");
    document.querySelectorAll(".tableau-bord details").forEach(function (d) { d.open = true; });
  });
  ouvrirCible();
  appliquer();
})();
