"""RDF: ``Facts`` -> quads. The only package that knows IRIs and the ontology's terms.

| module      | job                                                              |
|-------------|------------------------------------------------------------------|
| vocab.py    | namespaces, concept IRIs, the ``Minter`` of instance IRIs         |
| mapping.py  | ``ReportMapper``: one report's facts -> quads in its named graph  |
"""

from .mapping import ReportMapper
from .vocab import DEFAULT_BASE, GK, ONTOLOGY_GRAPH, PREFIXES, Minter, concept, sparql_prefixes

__all__ = ["ReportMapper", "Minter", "concept", "GK", "DEFAULT_BASE", "ONTOLOGY_GRAPH", "PREFIXES", "sparql_prefixes"]
