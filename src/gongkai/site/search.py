"""The client-side search index: labels in both languages, tokenised as character bigrams.

Chinese has no spaces between words, so word tokenisers need a dictionary; overlapping
character bigrams need none and find any substring of two or more characters (the browser
then checks the full query against the candidates). Latin text is indexed the same way,
lower-cased, so English labels are found by any part of a word too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..rdf.vocab import GK, SCHEME, SKOS
from .graph import Index, ReportSummary, pick_label
from .paths import site_path

_KINDS = ((GK + "Agency", "agency"), (GK + "Initiative", "initiative"), (GK + "Platform", "platform"),
          (GK + "Region", "region"), (SKOS + "Concept", "concept"))


def bigrams(text: str) -> set[str]:
    """Overlapping character pairs of the lower-cased text.

    >>> sorted(bigrams("一网通办"))
    ['一网', '网通', '通办']
    >>> sorted(bigrams("Web"))
    ['eb', 'we']
    """
    s = text.lower()
    return {s[i:i + 2] for i in range(len(s) - 1) if not s[i:i + 2].isspace()}


def write_search_index(path: Path, shared: Index, summaries: list[ReportSummary], pages: set[str],
                       base: str) -> int:
    """Write ``search-index.json`` ({docs: [{zh, en, u, k}], grams: {bigram: [doc ids]}}); return #docs."""
    docs: list[dict[str, str]] = []
    for s in summaries:
        docs.append({"zh": s.label, "en": "", "u": site_path(s.iri, base), "k": "report"})
    for node in sorted(shared.nodes.values(), key=lambda n: n.iri):
        if node.iri not in pages:
            continue
        kind = next((k for cls, k in _KINDS if cls in node.types()), "concept" if node.iri.startswith(SCHEME) else "")
        if not kind and not node.iri.startswith(GK):
            continue
        zh, zh_tag = pick_label(node, "zh")
        en, en_tag = pick_label(node, "en")
        docs.append({"zh": zh if zh_tag.startswith("zh") or not zh_tag else "",
                     "en": en if en_tag == "en" or not en_tag else "",
                     "u": site_path(node.iri, base), "k": kind or "term"})
    grams: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        for g in sorted(bigrams(d["zh"] + "\n" + d["en"])):
            grams[g].append(i)
    path.write_text(json.dumps({"docs": docs, "grams": grams}, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return len(docs)
