"""Machine metadata of the site: sitemap.xml, VoID, DCAT, the full dump and ``.htaccess``.

VoID and DCAT-AP come from the export package; the dump is the store's own N-Quads export
(one named graph per report), through ``GraphStore.export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from ..store.base import GraphStore

if TYPE_CHECKING:
    from .build import SiteOptions

def write_sitemap(out: Path, base_url: str, pages: list[str]) -> None:
    """sitemap.xml with every HTML page (both languages), absolute URLs under ``base_url``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{xml_escape(base_url + p)}</loc></url>" for p in sorted(pages)]
    lines.append("</urlset>")
    (out / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_htaccess(out: Path) -> None:
    """Apache: media types, 303 from a resource path to its page or data file by Accept headers.

    With the base IRI redirected to the site (e.g. w3id.org/gongkai/id/ -> SITE/id/), a request
    for ``/id/agency/X`` answers 303 to ``X.ttl``/``X.jsonld``/``X.nt`` for RDF clients and to
    ``X.html`` (or ``X.en.html`` for English readers) for browsers.
    """
    (out / ".htaccess").write_text("""# gongkai static site: content negotiation (needs mod_rewrite; harmless without it).
# /id/X (and scheme/, ontology/) with no such file: 303 to X.ttl, X.jsonld, X.nt, X.en.html or X.html.
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/n-quads .nq
AddType application/sparql-query .rq
AddCharset utf-8 .html .ttl .jsonld .nt .nq .rq .csv .json
Options -MultiViews
<IfModule mod_rewrite.c>
RewriteEngine On
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteRule ^(?:id|scheme|ontology|graph)/ %{REQUEST_URI}.ttl [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteRule ^(?:id|scheme|ontology|graph)/ %{REQUEST_URI}.jsonld [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} application/n-triples
RewriteRule ^(?:id|scheme|ontology|graph)/ %{REQUEST_URI}.nt [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP:Accept-Language} ^en [NC]
RewriteRule ^(?:id|scheme|ontology|graph)/ %{REQUEST_URI}.en.html [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteRule ^(?:id|scheme|ontology|graph)/ %{REQUEST_URI}.html [R=303,L]
</IfModule>
""", encoding="utf-8")


def write_all(store: GraphStore, out: Path, base_url: str, options: SiteOptions, pages: list[str], triples: int,
              reports: int, dump: bool, exported: bool = False) -> None:
    """sitemap.xml, robots.txt, .htaccess, the dump, and its VoID and DCAT-AP descriptions.

    VoID and the DCAT-AP catalogue come from the export package (``gongkai.export``), the same
    functions ``gongkai export --format all`` uses, so the site's catalogue passes the official
    DCAT-AP 3 shapes too.
    """
    from ..export.artifacts import Artifact
    from ..export.coverage import coverage
    from ..export.dcat import CatalogOptions, dcat_graph
    from ..export.package import write_graph
    from ..export.void import void_graph

    write_sitemap(out, base_url, pages)
    write_htaccess(out)
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n", encoding="utf-8")
    dumps: list[Artifact] = []
    if dump:
        (out / "download").mkdir(exist_ok=True)
        path = out / "download" / "gongkai.nq"
        if not exported:  # build_site normally exported it already (it reads the report graphs from it)
            store.export("nquads", path)
        dumps.append(Artifact.of(path, out, "nquads"))
    endpoint = options.sparql_url
    write_graph(void_graph(store, base_url, endpoint, dumps), out / "void.ttl")
    write_graph(dcat_graph(coverage(store), dumps, base_url, CatalogOptions(sparql_endpoint=endpoint)), out / "catalog.ttl")
