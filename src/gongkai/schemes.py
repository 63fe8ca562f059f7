"""Generates the SKOS concept schemes (``ontology/schemes/*.ttl``) from commented data tables.

The schemes are data, not hand-written Turtle, so that the official labels of the standard
formats (``ontology/source/format-labels.tsv``), the contract's headline indicators and the
lexicons other stages keep in ``gongkai/data`` stay one source of truth:

| table                                   | gives                                                     |
|-----------------------------------------|-----------------------------------------------------------|
| ontology/source/schemes.tsv             | the schemes' own labels and definitions                    |
| ontology/source/format-labels.tsv       | T2/T3/T4 rows, columns, proceedings, outcomes (2019, 2021) |
| ontology/source/format-labels-en.tsv    | their English labels, variant and misprinted spellings     |
| ontology/source/version-counterparts.tsv| skos:closeMatch between 2019 and 2021 counterparts         |
| ontology/source/concepts.tsv            | formats, units, platform types, levels, rules, statuses, H.*|
| gongkai/data/text-indicators.tsv        | free-text indicators X.* (optional)                        |
| gongkai/data/initiative-categories.tsv  | initiative categories (optional)                           |

Run ``python -m gongkai.schemes`` after changing a table (it also rewrites ``docs/ontology.md``);
``--check`` exits 1 when the committed files differ from what the tables give (the tests do the same).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import GongkaiError
from .rdf.vocab import SCHEME, SCHEMES, concept
from .resources import data_file, resource_dir


class SchemeSourceError(GongkaiError):
    """A scheme source table is missing, malformed or refers to something undefined."""


@dataclass(frozen=True, slots=True)
class Concept:
    """One SKOS concept as the tables describe it."""

    scheme: str
    notation: str
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    alt_zh: tuple[str, ...] = ()
    hidden_zh: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()  # notations in the same scheme
    related: tuple[tuple[str, str], ...] = ()  # (scheme, notation) in another scheme
    close_match: tuple[tuple[str, str], ...] = ()
    exact_match: tuple[str, ...] = ()  # external IRIs
    formats: tuple[str, ...] = ()  # format notations the concept belongs to
    table_indicators: tuple[str, ...] = ()  # for H.*: indicator notations whose sum is the equivalent
    table_dimension: str = ""  # for H.*: the dimension of that equivalent
    default_unit: str = ""
    replaces: str = ""
    citation: str = ""
    scope_note_en: str = ""


@dataclass(frozen=True, slots=True)
class SchemeInfo:
    """A concept scheme's own labels."""

    scheme: str
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str


# -- reading the tables --------------------------------------------------------------------
def read_tsv(path: Path, required: bool = True, columns: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a commented TSV (lines starting with # are comments; the first other line is the header).

    With ``columns``, a file whose first line is data (its header only in a comment) is read with them.
    """
    if not path.is_file():
        if required:
            raise SchemeSourceError(f"{path}: scheme source table not found")
        return []
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            if columns and cells[0].strip() != columns[0]:
                header = list(columns)
            else:
                header = [c.strip() for c in cells]
                continue
        if len(cells) > len(header):
            raise SchemeSourceError(f"{path}:{n}: {len(cells)} columns, header has {len(header)}")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def _split(text: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(sep) if p.strip())


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_TABLE_KIND = {  # format-labels.tsv scheme column -> (our scheme, table, kind zh, kind en)
    "T2Group": ("indicator", "二", "事项组", "item group"),
    "T2Row": ("indicator", "二", "行", "row"),
    "T3Row": ("indicator", "三", "行", "row"),
    "T4Proceeding": ("indicator", "四", "案件类别", "proceeding"),
    "T2Column": ("dimension", "二", "列", "column"),
    "T3Column": ("dimension", "三", "列", "column"),
    "T4Outcome": ("dimension", "四", "结果列", "outcome column"),
}
_TABLE_EN = {"二": "2", "三": "3", "四": "4"}
_SKIPPED_NOTATIONS = {"T2.RH"}  # the row-header column: a layout feature, not a measure


def _format_concepts(source: Path) -> list[Concept]:
    labels = read_tsv(source / "format-labels.tsv")
    extra = {r["notation"]: r for r in read_tsv(source / "format-labels-en.tsv")}
    pairs = read_tsv(source / "version-counterparts.tsv")
    scheme_of = {r["notation"]: _TABLE_KIND[r["scheme"]][0] for r in labels if r["scheme"] in _TABLE_KIND}
    close: dict[str, list[tuple[str, str]]] = {}
    notes: dict[str, str] = {}
    for p in pairs:
        a, b = p["notation_2019"], p["notation_2021"]
        for x, y in ((a, b), (b, a)):
            if x not in scheme_of or y not in scheme_of:
                raise SchemeSourceError(f"{source / 'version-counterparts.tsv'}: unknown notation {x} or {y}")
            close.setdefault(x, []).append((scheme_of[y], y))
        notes[a] = notes[b] = p.get("note", "")
    out: list[Concept] = []
    for r in labels:
        kind = _TABLE_KIND.get(r["scheme"])
        notation = r["notation"]
        if kind is None or notation in _SKIPPED_NOTATIONS:
            continue
        scheme, table, kind_zh, kind_en = kind
        if notation not in extra:
            raise SchemeSourceError(f"{source / 'format-labels-en.tsv'}: no English label for {notation}")
        x = extra[notation]
        label = r["prefLabel_zh"]
        versions = _split(r["versions"], ",")
        short = _NUMBERING.sub("", label)
        alt = tuple(dict.fromkeys(a for a in ((short,) if short != label else ()) + _split(x["alt_zh"]) if a != label))
        same, other = [], []
        for b in r["broader"].split():
            (same if scheme_of.get(b) == scheme else other).append(b)
        ver_zh = "与".join(f"{v}年版" for v in versions)
        ver_en = " and ".join(versions)
        note = r.get("note", "")
        if notation in notes and notes[notation]:
            note = f"{note}; {notes[notation]}" if note else notes[notation]
        out.append(Concept(
            scheme=scheme, notation=notation, label_zh=label, label_en=x["label_en"],
            definition_zh=f"{ver_zh}政府信息公开工作年度报告统一格式表{table}的{kind_zh}“{label}”。",
            definition_en=f"The {kind_en} “{label}” ({x['label_en']}) of table {_TABLE_EN[table]} of the "
                          f"{ver_en} standard annual-report format.",
            alt_zh=alt, hidden_zh=_split(x["hidden_zh"]), broader=tuple(same),
            related=tuple((scheme_of[b], b) for b in other if b in scheme_of),
            close_match=tuple(close.get(notation, ())), formats=tuple(f"std-{v}" for v in versions),
            scope_note_en=note,
        ))
    return out


def _links(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in text.split():
        key, _, value = part.partition("=")
        out.setdefault(key, []).append(value)
    return out


def _listed_concepts(source: Path) -> list[Concept]:
    out: list[Concept] = []
    for r in read_tsv(source / "concepts.tsv"):
        links = _links(r.get("links", ""))
        tables = tuple(links.get("table", ()))
        dim = (links.get("dim") or [""])[0]
        unit = (links.get("unit") or [""])[0]
        if r["notation"].startswith("H.") and not unit:
            unit = "CNY" if r["notation"] == "H.feesCollected" else "count"
        out.append(Concept(
            scheme=r["scheme"], notation=r["notation"], label_zh=r["label_zh"], label_en=r["label_en"],
            definition_zh=r["definition_zh"], definition_en=r["definition_en"], alt_zh=_split(r["alt_zh"]),
            broader=tuple(links.get("broader", ())), exact_match=tuple(links.get("exact", ())),
            close_match=tuple(("indicator", t) for t in tables), table_indicators=tables, table_dimension=dim,
            default_unit=unit, replaces=(links.get("replaces") or [""])[0], citation=(links.get("citation") or [""])[0],
        ))
    return out


_TEXT_COLUMNS = ("notation", "unit", "label_zh", "label_en", "definition_zh", "definition_en")
_CATEGORY_COLUMNS = ("notation", "label_zh", "label_en", "definition_zh", "definition_en")


def _data_concepts() -> list[Concept]:
    """Concepts from the lexicons other stages keep (present or not, growing while the project grows)."""
    out: list[Concept] = []
    for r in read_tsv(data_file("text-indicators.tsv"), required=False, columns=_TEXT_COLUMNS):
        out.append(Concept(
            scheme="indicator", notation=r["notation"], label_zh=r["label_zh"], label_en=r["label_en"],
            definition_zh=r["definition_zh"], definition_en=r["definition_en"], default_unit=r.get("unit", ""),
        ))
    for r in read_tsv(data_file("initiative-categories.tsv"), required=False, columns=_CATEGORY_COLUMNS):
        out.append(Concept(
            scheme="initiative-category", notation=r["notation"], label_zh=r["label_zh"], label_en=r["label_en"],
            definition_zh=r["definition_zh"], definition_en=r["definition_en"],
        ))
    return out


def load(source: Path | None = None) -> tuple[tuple[SchemeInfo, ...], tuple[Concept, ...]]:
    """Every scheme and concept the tables define, checked for dangling references.

    :raises SchemeSourceError: a table is missing or a concept refers to an undefined one.
    """
    src = source or resource_dir("ontology") / "source"
    infos = tuple(SchemeInfo(r["scheme"], r["label_zh"], r["label_en"], r["definition_zh"], r["definition_en"])
                  for r in read_tsv(src / "schemes.tsv"))
    if tuple(i.scheme for i in infos) != SCHEMES:
        raise SchemeSourceError(f"{src / 'schemes.tsv'}: schemes must be {', '.join(SCHEMES)} in that order")
    concepts = tuple(_format_concepts(src) + _listed_concepts(src) + _data_concepts())
    known = {(c.scheme, c.notation) for c in concepts}
    seen: set[tuple[str, str]] = set()
    for c in concepts:
        key = (c.scheme, c.notation)
        if key in seen:
            raise SchemeSourceError(f"concept {c.scheme}/{c.notation} is defined twice")
        seen.add(key)
        if c.scheme not in SCHEMES:
            raise SchemeSourceError(f"concept {c.notation}: unknown scheme {c.scheme}")
        if not (c.label_zh and c.label_en and c.definition_zh and c.definition_en):
            raise SchemeSourceError(f"concept {c.scheme}/{c.notation}: zh and en labels and definitions are required")
        refs = [(c.scheme, b) for b in c.broader] + list(c.related) + list(c.close_match)
        refs += [("indicator", t) for t in c.table_indicators] + [("format", f) for f in c.formats]
        refs += [("dimension", c.table_dimension)] if c.table_dimension else []
        refs += [("unit", c.default_unit)] if c.default_unit else []
        refs += [(c.scheme, c.replaces)] if c.replaces else []
        for ref in refs:
            if ref not in known:
                raise SchemeSourceError(f"concept {c.scheme}/{c.notation} refers to undefined {ref[0]}/{ref[1]}")
    return infos, concepts


# -- writing Turtle ------------------------------------------------------------------------
_HEADER = """\
# GENERATED by `python -m gongkai.schemes` from ontology/source/*.tsv (and gongkai/data lexicons). Do not edit.
@prefix dct: <http://purl.org/dc/terms/> .
@prefix gk: <https://w3id.org/gongkai/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _lit(text: str, lang: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{esc}"' + (f"@{lang}" if lang else "")


def _iri(scheme: str, notation: str) -> str:
    return f"<{concept(scheme, notation)}>"


def render(info: SchemeInfo, concepts: list[Concept]) -> str:
    """The Turtle text of one scheme (deterministic: the tables' order)."""
    scheme_iri = f"<{SCHEME}{info.scheme}>"
    lines = [_HEADER, f"{scheme_iri} a skos:ConceptScheme ;",
             f"    skos:prefLabel {_lit(info.label_zh, 'zh')}, {_lit(info.label_en, 'en')} ;",
             f"    skos:definition {_lit(info.definition_zh, 'zh')}, {_lit(info.definition_en, 'en')} ;",
             "    dct:creator \"The gongkai project\" ;",
             "    dct:license <https://www.apache.org/licenses/LICENSE-2.0> ."]
    for c in concepts:
        p = [f"skos:inScheme {scheme_iri}", f"skos:notation {_lit(c.notation)}",
             f"skos:prefLabel {_lit(c.label_zh, 'zh')}, {_lit(c.label_en, 'en')}"]
        if c.alt_zh:
            p.append("skos:altLabel " + ", ".join(_lit(a, "zh") for a in c.alt_zh))
        if c.hidden_zh:
            p.append("skos:hiddenLabel " + ", ".join(_lit(a, "zh") for a in c.hidden_zh))
        p.append(f"skos:definition {_lit(c.definition_zh, 'zh')}, {_lit(c.definition_en, 'en')}")
        if c.scope_note_en:
            p.append(f"skos:scopeNote {_lit(c.scope_note_en, 'en')}")
        if c.broader:
            p.append("skos:broader " + ", ".join(_iri(c.scheme, b) for b in c.broader))
        else:
            p.append(f"skos:topConceptOf {scheme_iri}")
        if c.related:
            p.append("skos:related " + ", ".join(_iri(s, n) for s, n in c.related))
        if c.close_match:
            p.append("skos:closeMatch " + ", ".join(_iri(s, n) for s, n in c.close_match))
        if c.exact_match:
            p.append("skos:exactMatch " + ", ".join(f"<{e}>" for e in c.exact_match))
        if c.formats:
            p.append("gk:formatVersion " + ", ".join(_iri("format", f) for f in c.formats))
        if c.table_indicators:
            p.append("gk:tableIndicator " + ", ".join(_iri("indicator", t) for t in c.table_indicators))
        if c.table_dimension:
            p.append(f"gk:tableDimension {_iri('dimension', c.table_dimension)}")
        if c.default_unit:
            p.append(f"gk:defaultUnit {_iri('unit', c.default_unit)}")
        if c.replaces:
            p.append(f"dct:replaces {_iri(c.scheme, c.replaces)}")
        if c.citation:
            p.append(f"dct:bibliographicCitation {_lit(c.citation, 'zh')}")
        lines.append("")
        lines.append(f"{_iri(c.scheme, c.notation)} a skos:Concept ;\n    " + " ;\n    ".join(p) + " .")
    return "\n".join(lines) + "\n"


def generate(source: Path | None = None) -> dict[str, str]:
    """File name (``indicator.ttl`` ...) -> Turtle text, for every scheme."""
    infos, concepts = load(source)
    return {f"{i.scheme}.ttl": render(i, [c for c in concepts if c.scheme == i.scheme]) for i in infos}


def write(out_dir: Path | None = None, check: bool = False) -> list[str]:
    """Write the scheme files (or, with ``check``, only list those that differ); returns changed names."""
    folder = out_dir or resource_dir("ontology") / "schemes"
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    try:
        changed = write(check=check)
    except GongkaiError as exc:
        print(f"gongkai.schemes: {exc}", file=sys.stderr)
        return 1
    verb = "differ from the tables" if check else "written"
    print(f"{len(changed)} scheme file(s) {verb}: {', '.join(changed) or '-'}")
    # the documentation page lists the concepts: keep it in step (python -m gongkai.ontology_doc)
    from . import ontology_doc

    ontology_doc.describe.cache_clear()
    doc_status = ontology_doc.main(["--check"] if check else [])
    return 1 if (check and (changed or doc_status)) else 0


if __name__ == "__main__":
    raise SystemExit(main())
