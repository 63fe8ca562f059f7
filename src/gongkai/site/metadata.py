"""Machine metadata of the site: sitemap.xml, VoID, DCAT, the full dump and ``.htaccess``.

VoID and DCAT-AP come from the export package; the dump is the store's own N-Quads export
(one named graph per report), through ``GraphStore.export``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from ..rdf.vocab import GK, SKOS
from ..store.base import GraphStore
from .graph import Index, Node, ReportSummary

if TYPE_CHECKING:
    from ..export.artifacts import Artifact
    from ..export.coverage import Coverage
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


def write_void(store: GraphStore, out: Path, base_url: str, options: SiteOptions, dump: bool,
               exported: bool = False) -> list[Artifact]:
    """The dump (unless ``build_site`` exported it already) and its VoID; returns the dump's description.

    VoID comes from the export package (``gongkai.export``), the same function ``gongkai export``
    uses. Only store queries and the dump's checksum: ``build_site`` runs this in a thread while
    the pages are rendered in worker processes (Oxigraph evaluates without the GIL).
    """
    from ..export.artifacts import Artifact
    from ..export.package import write_graph
    from ..export.void import void_graph

    dumps: list[Artifact] = []
    if dump:
        (out / "download").mkdir(exist_ok=True)
        path = out / "download" / "gongkai.nq"
        if not exported:  # build_site normally exported it already (it reads the report graphs from it)
            store.export("nquads", path)
        dumps.append(Artifact.of(path, out, "nquads"))
    endpoint = options.sparql_url
    key = void_key(dumps, base_url, endpoint)
    stamp = out.resolve().with_name(out.resolve().name + VOID_STAMP)
    if key is None or not (out / "void.ttl").is_file() or not stamp.is_file() or stamp.read_text("ascii") != key:
        write_graph(void_graph(store, base_url, endpoint, dumps), out / "void.ttl")
        if key is not None:
            stamp.write_text(key, encoding="ascii")
        else:  # this void.ttl has no key: a later build must not take it for the last keyed one
            stamp.unlink(missing_ok=True)
    return dumps


def write_dcat(cov: Coverage, out: Path, base_url: str, options: SiteOptions, dumps: list[Artifact]) -> None:
    """The DCAT-AP catalogue (``gongkai.export.dcat``, so it passes the official DCAT-AP 3 shapes too)."""
    from ..export.dcat import CatalogOptions, dcat_graph
    from ..export.package import write_graph

    write_graph(dcat_graph(cov, dumps, base_url, CatalogOptions(sparql_endpoint=options.sparql_url)),
                out / "catalog.ttl")


def _zh(node: Node, p: str) -> str | None:
    """The smallest Chinese value of ``p`` (``langMatches(lang, "zh")``), as ``export.coverage`` picks it."""
    vals = [t.value for t in node.all(p) if t.kind == "literal" and t.lang
            and (t.lang.lower() == "zh" or t.lang.lower().startswith("zh-"))]
    return min(vals) if vals else None


def site_coverage(summaries: list[ReportSummary], shared: Index) -> Coverage:
    """What ``export.coverage.coverage(store)`` answers, from what the site has read already.

    Why: that query joins every report with its agency and region (50 s of CPU at 10,000
    reports); the report summaries and the entity graph hold the same facts (tested equal).
    """
    from ..export.coverage import Coverage, ReportInfo

    infos = []
    for s in summaries:
        agency = s.agency or ""
        node = shared.nodes.get(agency) if agency else None
        name = _zh(node, SKOS + "prefLabel") if node is not None else None
        regions = []
        for reg in node.all(GK + "region") if node is not None else ():
            rnode = shared.get(reg.value)
            rname = _zh(rnode, SKOS + "prefLabel")
            regions += [(code.value, rname or "") for code in rnode.all(GK + "divisionCode")]
        code, rname = min(regions) if regions else (None, "")
        infos.append(ReportInfo(graph=s.iri, year=s.year, agency=agency, agency_name=name or "",
                                division_code=code, region_name=rname or None))
    return Coverage(tuple(sorted(infos, key=lambda r: r.graph)))


VOID_STAMP = ".gongkai-void"  # SITE.gongkai-void beside the site folder (never published): the key of its void.ttl


def void_key(dumps: list[Artifact], base_url: str, endpoint: str | None) -> str | None:
    """What the VoID depends on: the whole store (the dump's checksum), the URLs, the VoID code; None without dump.

    Why: the VoID figures are whole-store counts (~60 s of CPU at 10,000 reports); a store whose
    dump is byte for byte the same has the same figures, so a rebuild of an unchanged store
    keeps its ``void.ttl`` instead of counting again.
    """
    whole = [a for a in dumps if a.slice.whole]
    if not whole:
        return None
    from ..export import void

    h = hashlib.blake2b(digest_size=16)
    for part in (*(a.sha256 for a in whole), base_url, endpoint or "", Path(void.__file__).read_text("utf-8")):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def write_all(store: GraphStore, out: Path, base_url: str, options: SiteOptions, pages: list[str], triples: int,
              reports: int, dump: bool, exported: bool = False, catalogue: bool = True) -> None:
    """sitemap.xml, robots.txt, .htaccess, and (``catalogue``) the dump with its VoID and DCAT-AP."""
    write_sitemap(out, base_url, pages)
    write_htaccess(out)
    (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n", encoding="utf-8")
    if catalogue:
        from ..export.coverage import coverage

        write_dcat(coverage(store), out, base_url, options, write_void(store, out, base_url, options, dump, exported))
