"""The static linked-data site (``gongkai site``): every resource as a page for people and files for machines.

| module       | job                                                              |
|--------------|------------------------------------------------------------------|
| paths.py     | the ONE function IRI -> site path; relative links                |
| graph.py     | reading the graph through ``GraphStore`` (shared graphs, batches) |
| render.py    | Jinja pages in zh-Hans and en; the report page's highlighted text |
| build.py     | ``build_site``: the steps, shared-node pages, list pages          |
| charts.py    | SVG charts at build time                                          |
| describe.py  | .ttl / .jsonld / .nt beside each page; JSON-LD escaping           |
| search.py    | bigram search index for Chinese and English labels               |
| sparql.py    | the query library page, results precomputed                      |
| metadata.py  | sitemap.xml, VoID, DCAT (coverage from the summaries), .htaccess |
| dump.py      | the store's N-Quads export, written by a thread, read as it grows |
| reports.py   | report pages in worker processes; incremental caches             |
| files.py     | writing files, not rewriting unchanged ones                      |
| assets.py    | where templates/static/messages.tsv are (checkout or wheel)      |
"""

from .build import SiteOptions, SiteStats, build_site
from .paths import site_path

__all__ = ["SiteOptions", "SiteStats", "build_site", "site_path"]
