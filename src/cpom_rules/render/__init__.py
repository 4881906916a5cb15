"""Rendering results and fiches: JSON, CSV, Excel, self-contained HTML, fiche pages."""
