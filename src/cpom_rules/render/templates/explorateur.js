// The explorer: ranking of every establishment, filters, fiche pages and establishment pages,
// built in the browser from the page's JSON data (#donnees-rapport) when they are opened.
// Texts from the data are only ever set with textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  var source = document.getElementById("donnees-rapport");
  var racine = document.getElementById("explorateur");
  if (!source || !racine) { return; }
  var D = JSON.parse(source.textContent);
  var E = D.etablissements, M = D.mesures, N = E.length;
  var CLASSES = {"1": "at", "2": "nat", "3": "nap", "4": "dm", "5": "nev"};
  var ORDRE = {"2": 0, "4": 1, "5": 2, "1": 3, "3": 4};  // what to look at first
  var mots = document.getElementById("mots-rapport");
  var MOTS = mots ? JSON.parse(mots.textContent) : {}, LOCALE = D.langue === "en" ? "en-GB" : "fr-FR";
  // A text of the page in its language (the French text is the key; render.rapport_anglais).
  function texteEn(texte) { return MOTS[texte] || texte; }

  function plier(t) { return String(t).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase("fr"); }
  function el(tag, classe, texte) {
    var n = document.createElement(tag);
    if (classe) { n.className = classe; }
    if (texte !== undefined && texte !== null) { n.textContent = texte; }
    return n;
  }
  // Numbers the way of the page's language, as render.html writes them: « 1 234,5 » and
  // « 21,3 % » in French, « 1,234.5 » and « 21.3% » in English.
  function nombre(x, taux) {
    if (x === null || x === undefined) { return "—"; }
    var t = x.toLocaleString(LOCALE, {maximumFractionDigits: taux ? 1 : 2});
    return taux ? t + (D.langue === "en" ? "%" : "\u00a0%") : t;
  }
  function ecartTexte(x, taux) {
    // A signed gap: rates in percentage points, as in the scorecards.
    if (x === null || x === undefined) { return "—"; }
    var t = nombre(Math.abs(x), false);
    var signe = t === "0" ? "" : (x > 0 ? "+" : "−");
    return signe + t + (taux ? (Math.abs(x) < 2 ? "\u00a0pt" : "\u00a0pts") : "");
  }
  function naturel(a, b) { return a.localeCompare(b, "fr", {numeric: true, sensitivity: "base"}); }
  var indexFiness = {};
  E.forEach(function (e, i) { indexFiness[e[0]] = i; });
  var recherche = E.map(function (e) { return plier(e[1] + " " + e[0]); });
  var fiches = [];
  var mesuresParFiche = {};
  M.forEach(function (m) {
    if (!mesuresParFiche[m.f]) { mesuresParFiche[m.f] = []; fiches.push(m.f); }
    mesuresParFiche[m.f].push(m);
  });
  fiches.sort(naturel);

  // --- filters -------------------------------------------------------------------------
  var etat = {texte: "", attributs: {}, fiche: "", segment: "", statut: ""};
  var barre = el("div", "filtres");
  function choix(libelle, options, surChange, id) {
    var label = el("label", null, libelle + " ");
    var select = el("select");
    select.id = id;
    select.appendChild(el("option", null, texteEn("tous")));
    select.options[0].value = "";
    options.forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      select.appendChild(opt);
    });
    select.addEventListener("change", function () { surChange(select.value); appliquer(); });
    label.appendChild(select);
    barre.appendChild(label);
    return select;
  }
  var boite = el("input");
  boite.type = "search"; boite.id = "recherche"; boite.placeholder = texteEn("nom ou FINESS (sans accents)");
  boite.setAttribute("autocomplete", "off");
  var labelBoite = el("label", null, texteEn("Rechercher") + " ");
  labelBoite.appendChild(boite);
  barre.appendChild(labelBoite);
  boite.addEventListener("input", function () { etat.texte = plier(boite.value.trim()); appliquer(); });
  D.filtres.forEach(function (f) {
    var valeurs = {};
    f.valeurs.forEach(function (v) { if (v) { valeurs[v] = true; } });
    var options = Object.keys(valeurs).sort(naturel).map(function (v) { return [v, v]; });
    choix(f.libelle.split(" (")[0], options, function (v) { etat.attributs[f.nom] = v; }, "filtre-" + f.nom);
  });
  var selectSegment;
  choix(texteEn("Fiche"), fiches.map(function (f) { return [f, f]; }), function (v) {
    etat.fiche = v; etat.segment = "";
    while (selectSegment.options.length > 1) { selectSegment.remove(1); }
    if (v) { mesuresParFiche[v][0].sl.forEach(function (s, i) { var o = el("option", null, s); o.value = String(i); selectSegment.appendChild(o); }); }
  }, "filtre-fiche");
  selectSegment = choix(texteEn("Segment"), [], function (v) { etat.segment = v; }, "filtre-segment");
  choix(texteEn("Statut"), ["2", "4", "5", "1", "3"].map(function (s) { return [s, D.statuts[s][1]]; }),
    function (v) { etat.statut = v; }, "filtre-statut");
  var compte = el("span", "compte");
  compte.id = "compte-explorateur";
  compte.setAttribute("aria-live", "polite");
  barre.appendChild(compte);

  function garde(i) {
    if (etat.texte && recherche[i].indexOf(etat.texte) === -1) { return false; }
    for (var nom in etat.attributs) {
      if (etat.attributs[nom]) {
        var f = D.filtres.filter(function (x) { return x.nom === nom; })[0];
        if (f.valeurs[i] !== etat.attributs[nom]) { return false; }
      }
    }
    var mesures = etat.fiche ? mesuresParFiche[etat.fiche] : (etat.statut ? M : null);
    if (etat.fiche && etat.segment && mesures[0].g.charCodeAt(i) - 48 !== Number(etat.segment)) { return false; }
    if (mesures && (etat.statut || etat.fiche)) {
      var trouve = false;
      for (var k = 0; k < mesures.length && !trouve; k++) {
        var m = mesures[k], A = m.a.length;
        for (var a = 0; a < A; a++) {
          var s = m.s.charAt(i * A + a);
          if (etat.statut ? s === etat.statut : s !== "3") { trouve = true; break; }
        }
      }
      if (!trouve) { return false; }
    }
    return true;
  }

  // --- sortable tables -----------------------------------------------------------------
  function tableau(colonnes, lignes, triInitial) {
    // colonnes: [{titre, valeur(l) for sorting, cellule(l) -> node or text, classe}]
    var table = el("table", "triable");
    var tete = el("thead"), tr = el("tr"), corps = el("tbody");
    var tri = triInitial || {col: 0, sens: 1};
    function dessiner() {
      var c = colonnes[tri.col];
      lignes.sort(function (x, y) {
        var a = c.valeur(x), b = c.valeur(y);
        if (a === null || a === undefined) { return 1; }
        if (b === null || b === undefined) { return -1; }
        var r = typeof a === "number" ? a - b : naturel(String(a), String(b));
        return r * tri.sens;
      });
      var morceau = document.createDocumentFragment();
      lignes.forEach(function (l) {
        var ligne = el("tr");
        colonnes.forEach(function (col) {
          var td = el("td", col.classe);
          var contenu = col.cellule ? col.cellule(l) : col.valeur(l);
          if (contenu && contenu.nodeType) { td.appendChild(contenu); } else { td.textContent = typeof contenu === "number" ? nombre(contenu, false) : contenu === null || contenu === undefined ? "—" : String(contenu); }
          ligne.appendChild(td);
        });
        morceau.appendChild(ligne);
      });
      corps.textContent = "";
      corps.appendChild(morceau);
      Array.prototype.forEach.call(tr.children, function (th, j) {
        th.setAttribute("aria-sort", j === tri.col ? (tri.sens > 0 ? "ascending" : "descending") : "none");
      });
    }
    colonnes.forEach(function (col, j) {
      var th = el("th", null, col.titre);
      th.tabIndex = 0;
      th.title = texteEn("trier");
      function trier() { tri = {col: j, sens: tri.col === j ? -tri.sens : 1}; dessiner(); }
      th.addEventListener("click", trier);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { trier(); } });
      tr.appendChild(th);
    });
    tete.appendChild(tr);
    table.appendChild(tete);
    table.appendChild(corps);
    dessiner();
    return table;
  }
  function lienEtablissement(i) {
    var a = el("a", null, E[i][1]);
    a.href = "#etab/" + E[i][0];
    return a;
  }
  function pastille(s, texte) {
    var span = el("span", "statut s-" + CLASSES[s], texte || D.statuts[s][1]);
    return span;
  }

  // --- the ranking -------------------------------------------------------------------------
  var classement = el("div", "classement");
  var rangs = E.map(function (e, i) { return i; }).filter(function (i) { return E[i][2] !== null; })
    .sort(function (a, b) { return E[a][2] - E[b][2] || E[b][4] - E[a][4]; });
  var rangDe = {};
  rangs.forEach(function (i, r) { rangDe[i] = r + 1; });
  var colonnesAttributs = D.filtres.map(function (f) {
    return {titre: f.libelle.split(" (")[0], valeur: function (i) { return f.valeurs[i] || null; }};
  });
  function dessinerClassement(visibles) {
    classement.textContent = "";
    classement.appendChild(tableau([
      {titre: texteEn("Rang"), valeur: function (i) { return rangDe[i] || null; }, classe: "nombre"},
      {titre: texteEn("Établissement"), valeur: function (i) { return E[i][1]; }, cellule: lienEtablissement},
      {titre: "FINESS", valeur: function (i) { return E[i][0]; }, classe: "finess"},
      {titre: texteEn("Taux d'atteinte"), valeur: function (i) { return E[i][2]; }, cellule: function (i) { return nombre(E[i][2], true); }, classe: "nombre"},
      {titre: texteEn("Atteints"), valeur: function (i) { return E[i][3]; }, classe: "nombre"},
      {titre: texteEn("Non atteints"), valeur: function (i) { return E[i][4]; }, classe: "nombre"},
      {titre: texteEn("Données manquantes"), valeur: function (i) { return E[i][5]; }, classe: "nombre"}
    ].concat(colonnesAttributs), visibles, {col: 0, sens: 1}));
  }

  // --- fiche pages and establishment pages ------------------------------------------------
  var vue = el("section", "vue");
  vue.id = "vue";
  vue.hidden = true;
  function trajectoire(m) {
    // Regional median and quartiles per year, with the median computed target.
    var ns = "http://www.w3.org/2000/svg";
    var L = 320, H = 120, G = 46, B = 20, T = 10;
    var points = m.q.map(function (q, a) { return q ? {a: a, q1: q[1], med: q[2], q3: q[3], c: q[4]} : null; });
    var nombres = [];
    points.forEach(function (p) { if (p) { nombres.push(p.q1, p.q3, p.med); if (p.c !== null) { nombres.push(p.c); } } });
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "trajectoire-regionale");
    svg.setAttribute("width", L); svg.setAttribute("height", H);
    svg.setAttribute("role", "img");
    if (!nombres.length) { return svg; }
    var bas = Math.min(0, Math.min.apply(null, nombres)), haut = Math.max.apply(null, nombres) || 1;
    function x(a) { return G + (a + 0.5) * (L - G - 6) / m.a.length; }
    function y(v) { return T + (H - T - B) * (1 - (v - bas) / ((haut - bas) || 1)); }
    function trace(cle) {
      var d = "";
      points.forEach(function (p) { if (p && p[cle] !== null) { d += (d ? "L" : "M") + x(p.a).toFixed(0) + " " + y(p[cle]).toFixed(0); } });
      return d;
    }
    function chemin(d, classe) { var p = document.createElementNS(ns, "path"); p.setAttribute("d", d); p.setAttribute("class", classe); svg.appendChild(p); }
    var bande = "";
    points.forEach(function (p) { if (p) { bande += (bande ? "L" : "M") + x(p.a).toFixed(0) + " " + y(p.q3).toFixed(0); } });
    points.slice().reverse().forEach(function (p) { if (p) { bande += "L" + x(p.a).toFixed(0) + " " + y(p.q1).toFixed(0); } });
    chemin(bande + "Z", "quartiles");
    chemin(trace("med"), "mediane");
    chemin(trace("c"), "cible");
    m.a.forEach(function (annee, a) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", x(a)); t.setAttribute("y", H - 5); t.textContent = annee;
      svg.appendChild(t);
    });
    [bas, haut].forEach(function (v) {
      var t = document.createElementNS(ns, "text");
      t.setAttribute("x", G - 4); t.setAttribute("y", y(v) + 4); t.setAttribute("class", "axe");
      t.textContent = nombre(v, m.u === "%");
      svg.appendChild(t);
    });
    var titre = document.createElementNS(ns, "title");
    titre.textContent = texteEn("Médiane et quartiles régionaux par année, cible médiane en pointillés");
    svg.appendChild(titre);
    return svg;
  }
  function cellule(m, i, a) {
    var A = m.a.length, k = i * A + a, s = m.s.charAt(k);
    var div = el("div");
    div.appendChild(pastille(s));
    var raison = D.raisons[String(m.r.charCodeAt(k) - 48)];
    if (raison) { div.appendChild(el("i", null, " " + raison)); }
    var taux = m.u === "%";
    if (m.v[k] !== null || m.c[k] !== null) {
      var ecart = m.v[k] !== null && m.c[k] !== null ? m.v[k] - m.c[k] : null;
      div.appendChild(el("div", "detail", nombre(m.v[k], taux) + " · " + texteEn("cible") + " " + nombre(m.c[k], taux) +
        (ecart !== null ? " · " + texteEn("écart") + " " + ecartTexte(Math.round(ecart * 100) / 100, taux) : "")));
    }
    return div;
  }
  function pageFiche(code) {
    vue.textContent = "";
    var mesures = mesuresParFiche[code];
    if (!mesures) { return false; }
    vue.appendChild(el("h2", null, code + " — " + mesures[0].i));
    vue.appendChild(el("p", "aide", texteEn("Établissements filtrés ci-dessus, classés par statut (non atteints d'abord) ; cliquez un en-tête pour trier.")));
    mesures.forEach(function (m) {
      vue.appendChild(el("h3", null, m.l + (m.u && m.u !== "%" ? " (" + m.u + ")" : "")));
      vue.appendChild(trajectoire(m));
      vue.appendChild(el("p", "aide", texteEn("Région : médiane (trait plein) et quartiles (bande) des valeurs par année ; cible médiane en pointillés.")));
      var A = m.a.length;
      var lignes = [];
      for (var i = 0; i < N; i++) { if (garde(i)) { lignes.push(i); } }
      var derniere = A - 1;
      var colonnes = [
        {titre: texteEn("Établissement"), valeur: function (i) { return E[i][1]; }, cellule: lienEtablissement},
        {titre: texteEn("Segment"), valeur: function (i) { return m.sl[m.g.charCodeAt(i) - 48]; }}
      ];
      m.a.forEach(function (annee, a) {
        colonnes.push({titre: String(annee), valeur: function (i) { return ORDRE[m.s.charAt(i * A + a)] * 1e12 + (m.v[i * A + a] === null ? 0 : m.v[i * A + a]); },
          cellule: function (i) { return cellule(m, i, a); }});
      });
      colonnes.push({titre: texteEn("Écart") + " " + m.a[derniere], classe: "nombre", valeur: function (i) {
        var k = i * A + derniere; return m.v[k] !== null && m.c[k] !== null ? Math.round((m.v[k] - m.c[k]) * 100) / 100 : null; },
        cellule: function (i) { var k = i * A + derniere; return m.v[k] !== null && m.c[k] !== null ? ecartTexte(Math.round((m.v[k] - m.c[k]) * 100) / 100, m.u === "%") : "—"; }});
      vue.appendChild(tableau(colonnes, lignes, {col: 2 + derniere, sens: 1}));
    });
    return true;
  }
  function pageEtablissement(finess) {
    var i = indexFiness[finess];
    if (i === undefined) { return false; }
    var carte = document.getElementById("etab-" + finess);
    if (carte) {  // the scorecard is in the page: open it
      vue.hidden = true;
      carte.open = true;
      carte.scrollIntoView();
      return "carte";
    }
    vue.textContent = "";
    vue.appendChild(el("h2", null, E[i][1] + " — FINESS " + finess));
    var attributs = el("p", "aide", D.filtres.map(function (f) { return f.libelle.split(" (")[0] + " : " + (f.valeurs[i] || "—"); }).join(" · "));
    vue.appendChild(attributs);
    var table = el("table", "tableau-bord");
    var tr = el("tr");
    [texteEn("Fiche"), texteEn("Mesure")].concat(D.annees.map(String)).forEach(function (t) { tr.appendChild(el("th", null, t)); });
    var tete = el("thead"); tete.appendChild(tr); table.appendChild(tete);
    var corps = el("tbody");
    M.forEach(function (m) {
      var A = m.a.length, applicable = false;
      for (var a = 0; a < A; a++) { if (m.s.charAt(i * A + a) !== "3") { applicable = true; } }
      if (!applicable) { return; }
      var ligne = el("tr");
      var lien = el("a", "code", m.f); lien.href = "#fiche/" + m.f;
      var th = el("th"); th.appendChild(lien); ligne.appendChild(th);
      ligne.appendChild(el("td", null, m.l));
      D.annees.forEach(function (annee) {
        var a = m.a.indexOf(annee), td = el("td");
        if (a >= 0) { td.appendChild(cellule(m, i, a)); }
        ligne.appendChild(td);
      });
      corps.appendChild(ligne);
    });
    table.appendChild(corps);
    vue.appendChild(table);
    return true;
  }
  function router() {
    var h = decodeURIComponent(location.hash.slice(1));
    var montre = false;
    if (h.indexOf("fiche/") === 0) { montre = pageFiche(h.slice(6)); }
    else if (h.indexOf("etab/") === 0) { montre = pageEtablissement(h.slice(5)); }
    vue.hidden = montre !== true;
    if (montre === true) { vue.scrollIntoView(); }
  }

  // --- wiring ------------------------------------------------------------------------------
  function appliquer() {
    var debut = performance.now();
    var visibles = [];
    for (var i = 0; i < N; i++) { if (garde(i)) { visibles.push(i); } }
    dessinerClassement(visibles);
    compte.textContent = nombre(visibles.length, false) + " " + texteEn("établissement") + (visibles.length > 1 ? "s" : "") + " " + texteEn("sur") + " " + nombre(N, false);
    if (!vue.hidden) { router(); }
    racine.dataset.dureeFiltre = String(Math.round(performance.now() - debut));
  }
  var liens = el("p", "liens-fiches");
  liens.appendChild(el("span", null, texteEn("Pages par fiche :") + " "));
  fiches.forEach(function (f) { var a = el("a", "code", f); a.href = "#fiche/" + f; liens.appendChild(a); liens.appendChild(document.createTextNode(" ")); });
  racine.textContent = "";
  racine.appendChild(el("h2", null, texteEn("Classement, filtres et pages par fiche")));
  racine.appendChild(barre);
  racine.appendChild(liens);
  racine.appendChild(vue);
  racine.appendChild(el("h3", null, texteEn("Classement de tous les établissements")));
  racine.appendChild(el("p", "aide", texteEn("Rang 1 : le plus faible taux d'atteinte (à égalité, le plus de cibles non atteintes). Cliquez un en-tête pour trier.")));
  racine.appendChild(classement);
  window.addEventListener("hashchange", router);
  appliquer();
  router();
  racine.dataset.pret = "oui";
})();
