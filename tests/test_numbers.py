"""Numbers stated in prose: the right indicator and value, evidence equal to the text, nothing when unsure."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.extract.numbers import extract_numbers, extract_numbers_with_notes, rules
from gongkai.model import Evidence, Metric
from gongkai.parse import parse
from gongkai.read import read, read_text

from .conftest import EXAMPLES, SHARED


def _read(text: str, table: list[Metric] | None = None) -> dict[str, Metric]:
    doc = parse(read_text(text))
    return {m.indicator: m for m in extract_numbers(doc, "free-text", table or [])}


# (sentence, indicator, value) — phrasings of reports from several provinces and years
STATED = [
    ("2010年，我局共主动公开政府信息1234条，其中机构职能类12条。", "H.proactiveItems", 1234),
    ("全年主动公开各类政府信息 5500 余条。", "H.proactiveItems", 5500),
    ("本年度累计主动公开政府信息500余条，全文电子化率达100%。", "H.proactiveItems", 500),
    ("主动公开政府信息一万二千条。", "H.proactiveItems", 12000),
    ("主动公开信息1.2万条。", "H.proactiveItems", 12000),
    ("全年共受理政府信息公开申请12件，其中当面申请5件，网上申请7件。", "H.requestsReceived", 12),
    ("本年度共收到政府信息公开申请三件。", "H.requestsReceived", 3),
    ("全年共收到12件政府信息公开申请。", "H.requestsReceived", 12),
    ("答复政府信息公开申请89宗。", "H.requestsAnswered", 89),
    ("全市共受理政府信息公开申请 3119 件，答复 3050 件。", "H.requestsAnswered", 3050),
    ("答复中，“同意公开”的71宗，“同意部分公开”5宗。", "H.requestsGranted", 71),
    ("答复中，“同意公开”的71宗，“同意部分公开”5宗。", "H.requestsPartlyGranted", 5),
    ("对申请作出答复：不予公开2件。", "H.requestsDenied", 2),
    ("答复申请时，“非本机关政府信息”的5宗。", "H.requestsNotHeld", 5),
    ("（含上年度结转申请 34 件）", "H.requestsCarriedOver", 34),
    ("本单位发生针对本单位有关政府信息公开事务的行政复议案9宗。", "H.reviews", 9),
    ("政府信息公开行政诉讼 46 件，其中结果维持 25件。", "H.lawsuits", 46),
    ("全年收取政府信息公开信息处理费 3940 元。", "H.feesCollected", 3940),
    ("收取检索、复制、邮寄费用共计1.2万元。", "H.feesCollected", 12000),
    ("本年度共接受市民咨询6971次。其中咨询电话接听2526次。", "H.consultations", 6971),
    ("2016年，发布政策解读稿件11篇。", "H.interpretations", 11),
    ("举办新闻发布会9次。", "H.pressConferences", 9),
    ("全年召开12场新闻发布会。", "H.pressConferences", 12),
    ("三、依申请公开政府信息情况\n2012年共受理申请12件。", "H.requestsReceived", 12),
    ("五、因政府信息公开申请提起行政复议、行政诉讼的情况\n被申请行政复议 1 件，被提起行政诉讼 2 件。", "H.reviews", 1),
    ("五、因政府信息公开申请提起行政复议、行政诉讼的情况\n被申请行政复议 1 件，被提起行政诉讼 2 件。", "H.lawsuits", 2),
    ("依申请公开信息处理费 0 元。", "H.feesCollected", 0),
    ("本年度共受理公民、法人和其他组织的政府信息公开申请 45 件。", "H.requestsReceived", 45),
    ("四、政府信息公开的收费及减免情况\n本年度收取费用 0 元。", "H.feesCollected", 0),
    ("全年为群众提供咨询服务 300 余人次。", "H.consultations", 300),
    ("2016年，回应公众关注热点2次。", "H.concernsAnswered", 2),
    ("全市在运维政务新媒体共计 95个。", "X.newMediaAccounts", 95),
    ("网站点击登录超过22.6万次。", "X.websiteVisits", 226000),
    ("群众满意度达到99.96%。", "X.satisfaction", Decimal("99.96")),
    # the vetoes of the sixth round (plans, parts of the year, spans of years) keep these
    ("根据年度工作计划，本年度主动公开政府信息1200条。", "H.proactiveItems", 1200),
    ("2016年1月1日至12月31日，共受理政府信息公开申请19件。", "H.requestsReceived", 19),
    ("1-12月，全区主动公开政府信息2300条。", "H.proactiveItems", 2300),
    ("截至2016年12月31日，本年度累计受理政府信息公开申请28件。", "H.requestsReceived", 28),
    ("全年主动公开政府信息1500条，其中通过门户网站主动公开1200条。", "H.proactiveItems", 1500),
    ("四、政府信息公开的收费及减免情况\n本年度收取信息处理费零元。", "H.feesCollected", 0),
]

# zeros stated in words (sentence, section heading, indicator)
ZEROS = [
    ("2016年，威海市文登区政务服务中心未收到政府信息公开申请。", "", "H.requestsReceived"),
    ("本年度，我办未收到公民、法人或其他组织提出的政府信息公开申请。", "", "H.requestsReceived"),
    ("本年度没有发生针对本部门有关政府信息公开事务的行政复议案。", "", "H.reviews"),
    ("我中心对形成的政府信息依法公开，未出现申请行政复议、提起行政诉讼的情况。", "", "H.lawsuits"),
    ("我中心对形成的政府信息依法公开，未出现申请行政复议、提起行政诉讼的情况。", "", "H.reviews"),
    ("本年度没有因政府信息公开申请而被提起行政复议的情况。", "", "H.reviews"),
    ("本年度没有发生政府信息公开收费。", "", "H.feesCollected"),
    ("我局依申请公开不收取费用。", "", "H.feesCollected"),
    ("本年度未收取任何费用。", "五、政府信息公开的收费及减免情况", "H.feesCollected"),
]

# sentences that must give NO metric for the indicator (precision)
NONE = [
    ("全年办理各类事项38万件，收取税费4.1亿元。", "H.feesCollected"),  # taxes collected by windows
    ("对印刷、邮寄等费用都予以减免。", "H.feesCollected"),  # a waiver policy, not an amount
    ("答复申请89宗，其中属已主动公开范围的1宗。", "H.proactiveItems"),
    ("共受理信息公开申请102件（含上年结转13件）。", "H.requestsReceived"),  # includes carried-over
    ("区政府办代表区政府受理政府信息公开申请 17 件。", "H.requestsReceived"),  # one office's share
    ("向媒体发放新闻稿20余次。", "H.pressConferences"),  # press releases are not conferences
    ("主动公开政府信息同比增长12%。", "H.proactiveItems"),
    ("未收到政府信息公开申请人的投诉。", "H.requestsReceived"),
    ("复议后起诉 3 件。", "H.reviews"),
    ("行政复议决定维持5件。", "H.reviews"),
    ("本年度未收取任何费用。", "H.feesCollected"),  # no disclosure context: could be any fee
    ("主动公开政府信息12条。主动公开政府信息445条。", "H.proactiveItems"),
    ("我局参加市政府新闻发布会 3 次。", "H.pressConferences"),  # attended, not held
    ("按照规定减免信息处理费 200 元。", "H.feesCollected"),  # waived, not collected
    ("二、主动公开政府信息情况\n推行政务服务事项不收取任何费用。", "H.feesCollected"),  # services, not disclosure
    ("全年共发布各类信息 3 万余条。", "H.proactiveItems"),  # published, not said to be proactive disclosure
    ("对于逾期未收到答复的申请人，我们及时联系。", "H.requestsReceived"),  # a later, larger figure: which is the total?
]


@pytest.mark.parametrize(("sentence", "indicator", "value"), STATED)
def test_stated_numbers(sentence: str, indicator: str, value: int | Decimal) -> None:
    got = _read(sentence)
    assert indicator in got, f"{indicator} not read from {sentence!r}"
    m = got[indicator]
    assert m.value == Decimal(value)
    assert not m.stated_in_words
    assert str(m.value).rstrip("0").rstrip(".") in m.evidence.exact.replace(",", "") or m.evidence.exact


@pytest.mark.parametrize(("sentence", "heading", "indicator"), ZEROS)
def test_zero_in_words(sentence: str, heading: str, indicator: str) -> None:
    text = f"{heading}\n{sentence}\n" if heading else sentence
    got = _read(text)
    assert indicator in got, f"{indicator} zero not read from {sentence!r}"
    assert got[indicator].value == 0 and got[indicator].stated_in_words


@pytest.mark.parametrize(("sentence", "indicator"), NONE)
def test_no_metric_when_unsure(sentence: str, indicator: str) -> None:
    assert indicator not in _read(sentence)


def test_contradicting_readings_leave_a_note() -> None:
    doc = parse(read_text("主动公开政府信息12条。另主动公开政府信息445条。"))
    metrics, notes = extract_numbers_with_notes(doc, "free-text", [])
    assert all(m.indicator != "H.proactiveItems" for m in metrics)
    assert any("H.proactiveItems" in n for n in notes)


def test_table_wins_over_text() -> None:
    table_h = Metric("H.requestsReceived", (), Decimal(95), "count", Evidence(0, 1, "x", "table3.grid"))
    got = _read("受理政府信息公开申请 17 件。主动公开政府信息 10 条。", [table_h])
    assert "H.requestsReceived" not in got
    assert got["H.proactiveItems"].value == 10


def test_rules_file_is_well_formed() -> None:
    loaded = rules()
    assert loaded and all(r.indicator.startswith(("H.", "X.")) for r in loaded)
    assert {r.kind for r in loaded} == {"stated", "zero"}


def _gold_text_h(gold_dir: Path) -> list[tuple[str, dict]]:
    out = []
    for gf in sorted(gold_dir.glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        for m in g.get("metrics", []):
            if m["indicator"].startswith("H.") and not m.get("derived_from") and "mojibake" not in m.get("note", ""):
                out.append((g["source"], m))
    return out


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_gold_text_headlines(corpus: str) -> None:
    """Every text-stated H.* of the gold is read with its value; nothing read contradicts the gold."""
    gold_dir = SHARED / "gold" / corpus
    if not gold_dir.exists():
        pytest.skip("shared gold not available")
    gold = _gold_text_h(gold_dir)
    by_src: dict[str, dict[str, Metric]] = {}
    for src in {s for s, _ in gold}:
        doc = parse(read(SHARED / "corpus" / corpus / src))
        by_src[src] = {m.indicator: m for m in extract_numbers(doc, "", [])}
    for src, m in gold:
        got = by_src[src].get(m["indicator"])
        assert got is not None, f"{src}: {m['indicator']} missed ({m['quote']})"
        assert got.value == Decimal(str(m["value"])), f"{src}: {m['indicator']}"


def test_evidence_equals_text_on_every_example() -> None:
    files = sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    n = 0
    for f in files:
        doc = parse(read(f))
        for m in extract_numbers(doc, "", []):
            n += 1
            e = m.evidence
            assert doc.source.text[e.start:e.end] == e.exact
            assert e.rule.startswith("text.")
    assert n >= 30


def test_every_indicator_read_from_text_is_defined() -> None:
    """H.* are the contract's (ontology/source/concepts.tsv); X.* are defined in data/text-indicators.tsv."""
    from gongkai.resources import data_file, resource_dir
    from gongkai.schemes import read_tsv

    defined_x = {r["notation"]: r for r in read_tsv(data_file("text-indicators.tsv"))}
    concepts = (resource_dir("ontology") / "source" / "concepts.tsv").read_text(encoding="utf-8")
    for r in rules():
        if r.indicator.startswith("X."):
            assert r.indicator in defined_x, r.indicator
            assert defined_x[r.indicator]["unit"] == r.unit, r.indicator
        else:
            assert f"\t{r.indicator}\t" in concepts, r.indicator
    assert all(row["label_zh"] and row["definition_en"] for row in defined_x.values())


@pytest.mark.parametrize(("text", "value"), [
    ("三、依申请公开情况\n本年度当面申请58宗，网上申请31宗，信函申请2宗。", 91),
    ("本年度收到的政府信息公开申请中，当面申请 3 件；网上申请 4 件。", 7),
])
def test_received_as_sum_of_channels_when_no_total(text: str, value: int) -> None:
    m = _read(text)["H.requestsReceived"]
    assert m.value == value and m.evidence.rule == "text.requestsReceived.sum"
    assert "sum" in m.evidence.note


@pytest.mark.parametrize("text", [
    "共受理信息公开申请89宗，其中当面申请58宗，网上申请30宗。",  # the total wins, even if the parts disagree
    "三、依申请公开情况\n本年度当面申请58宗。",  # one part is not a sum
    "三、依申请公开情况\n答复当面申请58宗，网上申请31宗。",  # answers, not receipts
])
def test_no_channel_sum(text: str) -> None:
    got = _read(text).get("H.requestsReceived")
    assert got is None or got.evidence.rule != "text.requestsReceived.sum"


def test_not_held_categories_add_up_in_one_sentence() -> None:
    got = _read("三、依申请公开情况\n（二）申请答复情况。已答复120件，其中同意公开80件，信息不存在15件，非本机关职责范围10件。")
    assert got["H.requestsNotHeld"].value == 25
    assert got["H.requestsNotHeld"].evidence.exact == "信息不存在15件，非本机关职责范围10件"
    assert got["H.requestsAnswered"].value == 120


def test_traditional_script_report_is_read_after_t2s() -> None:
    got = _read("二、主動公開政府信息情況\n本年度主動公開政府信息1,230條。\n三、依申請公開情況\n本年度未收到政府信息公開申請。")
    assert got["H.proactiveItems"].value == 1230
    assert got["H.requestsReceived"].value == 0 and got["H.requestsReceived"].stated_in_words


@pytest.mark.parametrize(("text", "indicator"), [
    ("一、总体情况\n全年办理行政复议案件 120 件。", "H.reviews"),  # a 司法局's own casework, not disclosure
    ("主动公开方面，通过政府网站发布政务信息 2000 条，通过微信发布政务信息 500 条。", "H.proactiveItems"),
    ("三、依申请公开政府信息情况\n收到申请人提交的材料 3 份。", "H.requestsReceived"),
])
def test_more_sentences_that_give_nothing(text: str, indicator: str) -> None:
    assert indicator not in _read(text)
