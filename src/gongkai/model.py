"""The plain values that pass between the pipeline's stages.

Every stage is a function from one of these to the next; none of them knows RDF::

    bytes ──read──▶ Source ──parse──▶ Document ──extract──▶ Facts
                                                              ├─ ReportInfo   (title, year, issued, format)
                                                              ├─ AgencyInfo   (name, aliases, division code, level)
                                                              ├─ Metric[]     (indicator, dims, value, unit, Evidence)
                                                              ├─ Mention[]    (Initiative / Platform, Evidence)
                                                              └─ Check[]      (table arithmetic: pass / fail / n/a)

Values are frozen and slotted (hashable, cheap, safe to share between processes).
Offsets in ``Evidence`` count code points in ``Source.text``, the normalised text
that is stored in the graph as ``gk:sourceText``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Source:
    """A report file after reading: its normalised text and where it came from."""

    name: str  # the file's base name (gk:sourceName)
    path: str  # the path it was read from (not stored in the graph: machine-specific)
    sha256: str  # of the file's bytes
    text: str  # normalised text: simplified script, glosses removed, wrapped lines joined
    encoding: str  # the encoding the bytes were decoded with
    media_type: str  # text/plain, text/markdown, text/html, application/pdf, ...
    pages: tuple[int, ...] = ()  # for paged input: the text offset at which each page starts


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the exact span of ``Source.text`` and the rule that read it."""

    start: int
    end: int
    exact: str
    rule: str  # e.g. "table3.grid", "text.requestsReceived", "lexicon.initiative"
    page: int | None = None  # 1-based page number for paged sources
    confidence: float = 1.0
    note: str = ""  # e.g. "placement inferred from the table's arithmetic"


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading (一、 （一） 1. （1）) and the text span it governs."""

    number: str  # "一", "（一）", "1", "（1）"
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）
    title: str
    start: int  # offset of the heading in Source.text
    end: int  # offset where the section's body ends


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell with its text and its span in ``Source.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of cells, in the layout it was found (pipe, markdown, html, lines)."""

    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    layout: str  # "pipe" | "markdown" | "html" | "lines" | "pdf" | "docx"
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed report: its text, header fields, sections and tables."""

    source: Source
    title: str
    title_span: tuple[int, int] | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """Report-level facts."""

    title: str
    year: int | None
    issued: str | None  # ISO date
    format: str  # "free-text" | "std-2019" | "std-2021"
    year_evidence: Evidence | None = None
    issued_evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    """The reporting body and its jurisdiction."""

    name: str
    aliases: tuple[str, ...] = ()
    division_code: str | None = None  # 6-digit GB/T 2260 code of the jurisdiction
    division_name: str | None = None
    level: str | None = None  # province | prefecture | county | township
    parent_code: str | None = None
    evidence: Evidence | None = None
    status: str = "resolved"  # "resolved" | "unresolved": the jurisdiction could not be decided


@dataclass(frozen=True, slots=True)
class Metric:
    """One number the report states, normalised, with what it measures and where it was read."""

    indicator: str  # skos:notation of the indicator ("T3.R1", "H.requestsReceived", "X.staff")
    dims: tuple[str, ...]  # notations of column / outcome dimensions
    value: Decimal
    unit: str  # "count" | "CNY" | "percent" | ...
    evidence: Evidence
    derived_from: tuple[str, ...] = ()  # for H.* derived from table cells: the cells' keys ("T3.R1|T3.C.total")
    stated_in_words: bool = False

    @property
    def key(self) -> str:
        """The metric's identity inside one report: indicator plus dimensions."""
        return "|".join((self.indicator, *self.dims))


@dataclass(frozen=True, slots=True)
class Mention:
    """A named initiative or platform the report mentions."""

    kind: str  # "initiative" | "platform"
    label: str  # canonical label
    evidence: Evidence
    platform_type: str | None = None  # website | wechat | weibo | app | hotline | terminal | hall | media | other
    url: str | None = None
    phone: str | None = None
    category: str | None = None  # initiative category notation
    alt_labels: tuple[str, ...] = ()  # other spellings the report uses for the same thing (skos:altLabel)


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one of the tables' own arithmetic rules (勾稽关系) for one column or row."""

    rule: str  # e.g. "T3.balance", "T3.rowTotal", "T3.outcomeTotal", "T4.total"
    scope: str  # the column or row it was applied to, e.g. "T3.C.natural"
    status: str  # "pass" | "fail" | "not-assessable"
    expected: Decimal | None = None  # left-hand side
    found: Decimal | None = None  # right-hand side
    message: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one report."""

    source: Source
    report: ReportInfo
    agency: AgencyInfo
    metrics: tuple[Metric, ...] = ()
    mentions: tuple[Mention, ...] = ()
    checks: tuple[Check, ...] = ()
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)  # what rules could not decide, said plainly
