"""Namespaces and the one function that mints instance and concept IRIs.

Instance IRIs are readable (pinyin of Chinese names), ASCII and deterministic: the same
input gives the same IRIs on any machine. A short hash of the original name is appended
wherever homophones could collide (公安 / 攻安 share a pinyin spelling).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

GK = "https://w3id.org/gongkai/ontology#"
SCHEME = "https://w3id.org/gongkai/scheme/"
DEFAULT_BASE = "https://w3id.org/gongkai/id/"
ONTOLOGY_GRAPH = "https://w3id.org/gongkai/graph/ontology"
ENTITY_GRAPH = "https://w3id.org/gongkai/graph/entities"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
OWL = "http://www.w3.org/2002/07/owl#"
QB = "http://purl.org/linked-data/cube#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"

PREFIXES = {
    "gk": GK, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dct": DCT, "prov": PROV,
    "oa": OA, "owl": OWL, "qb": QB, "org": ORG, "schema": SCHEMA, "dcat": DCAT, "foaf": FOAF,
}

#: Concept schemes and the notations' prefixes that belong to each (see ontology/schemes/).
SCHEMES = ("indicator", "dimension", "format", "unit", "platform-type", "admin-level",
           "initiative-category", "check-rule", "check-status")


def sparql_prefixes() -> str:
    """The PREFIX lines every query may rely on."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


@lru_cache(maxsize=4096)
def slug(text: str, limit: int = 48) -> str:
    """ASCII slug: pinyin for Han characters, lower-case letters and digits for the rest.

    >>> slug("威海市文登区政务服务中心")
    'weihaishiwendengquzhengwufuwuzhongxin'
    >>> slug("“互联网+政务服务”")
    'hulianwang-zhengwufuwu'
    """
    from pypinyin import lazy_pinyin

    parts = lazy_pinyin(text, errors=lambda s: [s])
    out = "".join(p if re.fullmatch(r"[a-z]+", p) else f"-{p}-" for p in parts).lower()
    out = re.sub(r"[^a-z0-9]+", "-", out).strip("-")
    return out[:limit].rstrip("-") or "x"


@lru_cache(maxsize=1)
def known_notations() -> frozenset[tuple[str, str]]:
    """(scheme, notation) of every concept the shipped schemes define (ontology/schemes/*.ttl)."""
    import pyoxigraph as ox

    from ..resources import resource_dir

    try:
        folder = resource_dir("ontology")
    except FileNotFoundError:
        return frozenset()
    out: set[tuple[str, str]] = set()
    notation = ox.NamedNode(SKOS + "notation")
    for f in sorted(folder.rglob("*.ttl")):
        try:
            triples = ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
            for tr in triples:
                if tr.predicate == notation and tr.subject.value.startswith(SCHEME):
                    scheme = tr.subject.value[len(SCHEME):].split("/", 1)[0]
                    out.add((scheme, tr.object.value))
        except (SyntaxError, OSError):
            continue
    return frozenset(out)


def concept(scheme: str, notation: str) -> str:
    """IRI of the concept with ``notation`` in ``scheme`` (e.g. indicator T3.R1)."""
    return f"{SCHEME}{scheme}/{notation}"


class Minter:
    """Mints every instance IRI from a configurable base (one place, one rule per kind)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def agency(self, name: str, division_code: str | None) -> str:
        return f"{self.base}agency/{division_code or '000000'}-{slug(name, 40)}-{short_hash(name, 4)}"

    def region(self, code: str) -> str:
        return f"{self.base}region/{code}"

    def report(self, source_name: str, year: int | None, agency_iri: str) -> str:
        agency_key = agency_iri.rsplit("/", 1)[-1]
        return f"{self.base}report/{agency_key}/{year or 'unknown'}-{short_hash(source_name, 8)}"

    def initiative(self, label: str) -> str:
        return f"{self.base}initiative/{slug(label)}-{short_hash(label, 4)}"

    def platform(self, label: str, agency_iri: str, shared: bool = False) -> str:
        """An agency's own channel is its own node; a shared channel (a provincial portal) is one node."""
        owner = "shared" if shared else agency_iri.rsplit("/", 1)[-1]
        return f"{self.base}platform/{owner}/{slug(label)}-{short_hash(label, 4)}"

    @staticmethod
    def metric(report_iri: str, key: str) -> str:
        return f"{report_iri}/metric/{key.replace('|', '/')}"

    @staticmethod
    def check(report_iri: str, rule: str, scope: str) -> str:
        return f"{report_iri}/check/{rule}/{scope}"

    @staticmethod
    def mention(report_iri: str, n: int) -> str:
        return f"{report_iri}/mention/{n}"

    @staticmethod
    def section(report_iri: str, n: int) -> str:
        return f"{report_iri}/section/{n}"
