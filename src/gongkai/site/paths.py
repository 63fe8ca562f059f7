"""The ONE function from an IRI to a site path, and relative links between pages.

Every page, every ``.ttl``/``.jsonld``/``.nt`` file and every link in the site goes through
``site_path``, so a resource has exactly one place in the site and links never disagree.

Rules (stable, ASCII, collision-free):

* known namespaces get short folders: instance IRIs (``https://w3id.org/gongkai/id/``, or the
  configured base) -> ``id/``, concepts -> ``scheme/``, ontology terms -> ``ontology/``,
  named graphs -> ``graph/``; any other IRI -> ``ext/`` + host and path;
* inside a segment, ``A-Z a-z 0-9 . -`` are kept; every other byte (``_`` included) is
  written ``_XX`` (upper-case hex of its UTF-8 bytes), so two different IRIs can never give
  the same path; a segment made only of dots, or empty, is escaped the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rdf.vocab import DEFAULT_BASE, GK, SCHEME

GRAPH_NS = "https://w3id.org/gongkai/graph/"
_SAFE = re.compile(r"[A-Za-z0-9.\-]")
# children of a report (metrics, checks, mentions, sections, evidence) live on the report's page
_CHILD = re.compile(r"^(?P<report>.*/report/[^/]+/[^/]+)/(?P<rest>(?:metric|check|mention|section|agency-evidence).*)$")


def _segment(seg: str) -> str:
    if seg == "" or set(seg) == {"."}:
        return "".join(f"_{b:02X}" for b in (seg or "_").encode("utf-8"))
    return "".join(ch if _SAFE.match(ch) else "".join(f"_{b:02X}" for b in ch.encode("utf-8")) for ch in seg)


@lru_cache(maxsize=200_000)
def site_path(iri: str, base: str = DEFAULT_BASE) -> str:
    """The site path (no suffix) of the page describing ``iri``.

    >>> site_path("https://w3id.org/gongkai/id/agency/371003-weihai-ab12")
    'id/agency/371003-weihai-ab12'
    >>> site_path("https://w3id.org/gongkai/scheme/indicator/T3.R1")
    'scheme/indicator/T3.R1'
    >>> site_path("https://w3id.org/gongkai/ontology#Agency")
    'ontology/Agency'
    >>> site_path("http://example.org/a_b/../政")
    'ext/http/example.org/a_5Fb/_2E_2E/_E6_94_BF'
    """
    for ns, folder in ((base, "id"), (DEFAULT_BASE, "id"), (SCHEME, "scheme"), (GK, "ontology"),
                       (GRAPH_NS, "graph")):
        if iri.startswith(ns) and len(iri) > len(ns):
            rest = iri[len(ns):]
            return folder + "/" + "/".join(_segment(s) for s in rest.split("/"))
    if iri == GK.rstrip("#"):
        return "ontology/index"
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):/*(.*)$", iri)
    scheme, rest = (m.group(1).lower(), m.group(2)) if m else ("x", iri)
    return "ext/" + scheme + "/" + "/".join(_segment(s) for s in rest.split("/"))


def owner(iri: str) -> tuple[str, str]:
    """(IRI of the resource whose page shows ``iri``, fragment id on that page).

    >>> owner("https://w3id.org/gongkai/id/report/a/2016-x/metric/T3.R1/T3.C.total")
    ('https://w3id.org/gongkai/id/report/a/2016-x', 'metric/T3.R1/T3.C.total')
    """
    m = _CHILD.match(iri)
    if m:
        return m.group("report"), m.group("rest")
    return iri, ""


def anchor(fragment: str) -> str:
    """An HTML id for a child fragment (ASCII, no slashes).

    >>> anchor("metric/T3.R1/T3.C.total")
    'metric--T3.R1--T3.C.total'
    """
    return "--".join(_segment(s) for s in fragment.split("/"))


def href(target_iri: str, from_path: str, lang_suffix: str = ".html", base: str = DEFAULT_BASE) -> str:
    """A relative link from the page at ``from_path`` to the page (and anchor) of ``target_iri``."""
    iri, frag = owner(target_iri)
    return relative(from_path, site_path(iri, base) + lang_suffix) + (f"#{anchor(frag)}" if frag else "")


def relative(from_path: str, to_file: str) -> str:
    """Relative URL from the page file ``from_path`` (e.g. 'id/agency/x.html') to ``to_file``.

    >>> relative("id/agency/x.html", "index.html")
    '../../index.html'
    >>> relative("index.html", "id/agency/x.html")
    'id/agency/x.html'
    >>> relative("id/report/a/1.html", "id/agency/b.html")
    '../../agency/b.html'
    >>> relative("id/report/a/1.html", "id/report/a/1.html")
    '1.html'
    """
    up = from_path.count("/")
    if not up:
        return to_file
    # common leading folders are skipped (shorter links); the rest is ../ per remaining level
    a, b = from_path.split("/")[:-1], to_file.split("/")
    n = 0
    while n < len(a) and n < len(b) - 1 and a[n] == b[n]:
        n += 1
    return "../" * (len(a) - n) + "/".join(b[n:])
