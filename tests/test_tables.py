"""Standard tables 二/三/四: every filled cell, in every layout real reports use, with exact evidence."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.extract.report import detect_format
from gongkai.extract.tables import extract_tables
from gongkai.model import Metric
from gongkai.parse import parse
from gongkai.read import read, read_bytes

from .conftest import EXAMPLES, SHARED

DEV = SHARED / "corpus" / "dev"
SEED_004 = EXAMPLES / "004_d0cb2f7b88585a0b.txt"


def _extract_file(path: Path) -> tuple[list[Metric], list[str], str]:
    source = read(path)
    fmt = detect_format(source.text)
    metrics, notes = extract_tables(parse(source), fmt)
    return metrics, notes, source.text


def _extract_text(text: str, name: str = "r.txt") -> tuple[dict[str, Metric], list[str]]:
    source = read_bytes(text.encode("utf-8"), name)
    metrics, notes = extract_tables(parse(source), detect_format(source.text))
    return {m.key: m for m in metrics}, notes


def _gold(path: Path) -> set[tuple[str, str, Decimal]]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    return {(m["indicator"], " ".join(m["dims"]), Decimal(str(m["value"]))) for m in gold["metrics"]
            if (m["indicator"].startswith("T") or m.get("derived_from")) and not m.get("uncertain")}


def _triples(metrics: list[Metric]) -> set[tuple[str, str, Decimal]]:
    return {(m.indicator, " ".join(m.dims), m.value) for m in metrics}


def test_seed_004_every_table_cell_as_in_gold() -> None:
    metrics, notes, _ = _extract_file(SEED_004)
    assert _triples(metrics) == _gold(SHARED / "gold" / "seeds" / "004_d0cb2f7b88585a0b.json")
    by_key = {m.key: m for m in metrics}
    # 431.38万 in the 2019 procurement column, blanks of table 三 give no metric
    assert by_key["T2.R.centralProcurement|T2.C19.procurementAmount"].value == 4313800
    assert by_key["T2.R.centralProcurement|T2.C19.procurementAmount"].unit == "CNY"
    assert "T3.R3.2|T3.C.natural" not in by_key and "T2.R.fee|T2.C19.decisions" not in by_key
    # the squeezed rows "1 | 1" are placed by the arithmetic and say so
    natural = by_key["T3.R1|T3.C.natural"]
    assert natural.evidence.rule == "table3.inferred" and natural.evidence.confidence < 1
    assert "inferred" in natural.evidence.note and any("inferred" in n for n in notes)
    assert by_key["H.requestsReceived"].derived_from == ("T3.R1|T3.C.total",)
    assert "H.requestsPartlyGranted" not in by_key  # its cells are blank, not 0


@pytest.mark.parametrize("name", ["dev-014", "dev-015", "dev-016"])
def test_pdftotext_dumps_place_no_cell_wrongly(name: str) -> None:
    metrics, notes, _ = _extract_file(DEV / f"{name}.txt")
    gold = _gold(SHARED / "gold" / "dev" / f"{name}.json")
    found = _triples(metrics)
    assert found - gold == set()  # precision: nothing misplaced
    assert len(found & gold) >= 0.9 * len(gold)


def test_scrambled_table4_is_left_out_with_a_note() -> None:
    metrics, notes, _ = _extract_file(DEV / "dev-016.txt")
    assert not [m for m in metrics if m.indicator.startswith("T4.")]
    assert any(n.startswith("table 四") and "cannot be told apart" in n for n in notes)


def test_table4_that_does_not_add_up_is_read_as_printed() -> None:
    metrics, notes, _ = _extract_file(DEV / "dev-014.txt")
    by_key = {m.key: m for m in metrics}
    assert by_key["T4.P.review|T4.O.maintained"].value == 10
    assert by_key["T4.P.review|T4.O.total"].value == 0
    assert by_key["T4.P.review|T4.O.total"].evidence.confidence < 1
    # （六）其他处理 printed as one row in a 2021 report: T3.R3.6, no sub-rows
    assert "T3.R3.6|T3.C.total" in by_key and "T3.R3.6.1|T3.C.total" not in by_key


def test_2021_other_handling_sub_rows() -> None:
    metrics, _, _ = _extract_file(DEV / "dev-016.txt")
    by_key = {m.key: m for m in metrics}
    assert by_key["T3.R3.6.1|T3.C.total"].value == 71 and "T3.R3.6|T3.C.total" not in by_key
    assert by_key["T2.R.fee|T2.C21.feeAmount"].value == 961716000  # 96171.6 万元
    assert by_key["H.requestsDenied"].value == 178
    assert by_key["H.requestsDenied"].derived_from[0] == "T3.R3.3.1|T3.C.total"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")) + sorted(DEV.glob("*.txt")), ids=lambda p: p.name)
def test_every_quote_equals_the_text_at_its_offsets(path: Path) -> None:
    metrics, _, text = _extract_file(path)
    for m in metrics:
        assert text[m.evidence.start:m.evidence.end] == m.evidence.exact
        assert any(ch.isdigit() for ch in m.evidence.exact)


# ---------------------------------------------------------------- layouts built from the format

_T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", "T3.R1"), ("二、上年结转政府信息公开申请数量", "T3.R2"),
    ("（一）予以公开", "T3.R3.1"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "T3.R3.2"),
    *((f"{i}.{t}", f"T3.R3.3.{i}") for i, t in enumerate(
        ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
         "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"], 1)),
    *((f"{i}.{t}", f"T3.R3.4.{i}") for i, t in enumerate(
        ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"], 1)),
    *((f"{i}.{t}", f"T3.R3.5.{i}") for i, t in enumerate(
        ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
         "要求行政机关确认或重新出具已获取信息"], 1)),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "T3.R3.6.1"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "T3.R3.6.2"),
    ("3.其他", "T3.R3.6.3"), ("（七）总计", "T3.R3.7"), ("四、结转下年度继续办理", "T3.R4"),
]
_COLS = ("T3.C.natural", "T3.C.commercial", "T3.C.research", "T3.C.publicWelfare",
         "T3.C.legalService", "T3.C.otherOrg", "T3.C.total")
#: a consistent table 三 with blank 科研机构/社会公益组织 columns (None = blank cell)
_VALUES = {"T3.R1": (5, 2, None, None, 0, 1, 8), "T3.R2": (1, 0, None, None, 0, 0, 1),
           "T3.R3.1": (3, 1, None, None, 0, 1, 5), "T3.R3.4.1": (2, 1, None, None, 0, 0, 3),
           "T3.R3.7": (5, 2, None, None, 0, 1, 8), "T3.R4": (1, 0, None, None, 0, 0, 1)}


def _cells(notation: str) -> list[str]:
    vals = _VALUES.get(notation, (0, 0, None, None, 0, 0, 0))
    return ["" if v is None else str(v) for v in vals]


def _html_report() -> str:
    group = {"T3.R3.3": 8, "T3.R3.4": 3, "T3.R3.5": 5, "T3.R3.6": 3}
    group_zh = {"T3.R3.3": "（三）不予公开", "T3.R3.4": "（四）无法提供", "T3.R3.5": "（五）不予处理",
                "T3.R3.6": "（六）其他处理"}
    rows = ['<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
            '<td colspan="7">申请人情况</td></tr>',
            '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
            "<tr>" + "".join(f"<td>{h}</td>" for h in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))
            + "</tr>"]
    for label, notation in _T3_ROWS:
        tds = "".join(f"<td>{v}</td>" for v in _cells(notation))
        if notation in ("T3.R1", "T3.R2", "T3.R4"):
            rows.append(f'<tr><td colspan="3">{label}</td>{tds}</tr>')
            continue
        head = '<td rowspan="22">三、本年度办理结果</td>' if notation == "T3.R3.1" else ""
        g = notation.rsplit(".", 1)[0]
        if g in group:
            if notation.endswith(".1"):
                head += f'<td rowspan="{group[g]}">{group_zh[g]}</td>'
            rows.append(f"<tr>{head}<td>{label}</td>{tds}</tr>")
        else:
            rows.append(f'<tr>{head}<td colspan="2">{label}</td>{tds}</tr>')
    t3 = "<table>" + "".join(rows) + "</table>"
    t2 = ("<table><tr><td colspan=4>第二十条第（一）项</td></tr>"
          "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
          "<tr><td>规章</td><td>1</td><td></td><td>１１</td></tr>"
          "<tr><td>行政规范性文件</td><td>8</td><td>26</td><td>66</td></tr>"
          "<tr><td colspan=4>第二十条第（八）项</td></tr>"
          "<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>"
          "<tr><td>行政事业性收费</td><td colspan=3>12.5</td></tr>"
          "<tr><td colspan=4>第二十条第（五）项</td></tr>"
          "<tr><td>行政许可</td><td></td><td></td><td>550</td></tr></table>")
    t4 = ("<table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
          "<tr>" + "".join(f"<td>{v}</td>" for v in (2, 1, 0, 0, 3, 1, 0, "", 0, 1, 0, 0, 0, 0, 0)) + "</tr></table>")
    return ("<html><body><p>某市某局2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本局推进政府信息公开。</p>"
            f"<p>二、主动公开政府信息情况</p>{t2}<p>三、收到和处理政府信息公开申请情况</p>{t3}"
            f"<p>四、政府信息公开行政复议、行政诉讼情况</p>{t4}<p>五、存在的主要问题及改进情况</p><p>无。</p>"
            "</body></html>")


def test_html_grid_with_spans_keeps_blanks_in_place() -> None:
    by_key, notes = _extract_text(_html_report(), "r.html")
    for _, notation in _T3_ROWS:
        for col, v in zip(_COLS, _VALUES.get(notation, (0, 0, None, None, 0, 0, 0))):
            key = f"{notation}|{col}"
            if v is None:
                assert key not in by_key
            else:
                assert by_key[key].value == v, key
                assert by_key[key].evidence.rule == "table3.grid"
    assert by_key["T2.R.regulation|T2.C21.made"].value == 1
    assert "T2.R.regulation|T2.C21.repealed" not in by_key
    assert by_key["T2.R.regulation|T2.C21.valid"].value == 11  # full-width digits
    assert by_key["T2.R.fee|T2.C21.feeAmount"].value == 125000
    assert by_key["T2.R.licensing|T2.C21.decisions"].value == 550  # one-column row, value in the last cell
    assert by_key["T4.P.review|T4.O.total"].value == 3
    assert "T4.P.litDirect|T4.O.other" not in by_key
    assert by_key["T4.P.litAfterReview|T4.O.maintained"].value == 0
    assert by_key["H.lawsuits"].value == 1
    assert not notes


def test_markdown_table_and_flattened_rows() -> None:
    md_rows = "\n".join(f"| {label} | " + " | ".join(_cells(n)) + " |" for label, n in _T3_ROWS)
    text = ("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 3\n行政规范性文件 2 1 9\n"
            "三、收到和处理政府信息公开申请情况\n| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "|---|---|---|---|---|---|---|---|\n" + md_rows + "\n四、政府信息公开行政复议、行政诉讼情况\n"
            "0 0 0 0 0 1 0 0 0 1 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n")
    by_key, _ = _extract_text(text)
    assert by_key["T3.R1|T3.C.total"].value == 8 and "T3.R1|T3.C.research" not in by_key
    assert by_key["T3.R3.6.3|T3.C.natural"].value == 0
    assert by_key["T2.R.normdoc|T2.C21.repealed"].value == 1  # a row flattened into one line
    assert by_key["T4.P.litDirect|T4.O.maintained"].value == 1
    assert by_key["H.lawsuits"].value == 1


def test_flattened_table3_rows_with_labels() -> None:
    lines = "\n".join(f"{label} " + " ".join(c or "0" for c in _cells(n)) for label, n in _T3_ROWS)
    text = ("某局2021年政府信息公开工作年度报告\n本年制发件数 本年废止件数\n三、收到和处理政府信息公开申请情况\n"
            + lines + "\n四、政府信息公开行政复议、行政诉讼情况\n无\n五、其他\n")
    by_key, notes = _extract_text(text)
    assert by_key["T3.R3.4.1|T3.C.commercial"].value == 1
    assert by_key["T3.R3.4.1|T3.C.research"].value == 0
    assert by_key["H.requestsNotHeld"].value == 3


def test_squeezed_row_that_arithmetic_cannot_place_is_left_out() -> None:
    text = SEED_004.read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量 | 1 | 1 |", "一、本年新收政府信息公开申请数量 | 2 | 1 |")
    by_key, notes = _extract_text(text)
    assert "T3.R1|T3.C.natural" not in by_key and "T3.R1|T3.C.total" not in by_key
    assert any("T3.R1" in n and "left out" in n for n in notes)


def test_free_text_reports_have_no_table_metrics() -> None:
    metrics, notes, _ = _extract_file(EXAMPLES / "001_860089b39a16652d.txt")
    assert metrics == [] and notes == []


def test_grid_rows_without_expanded_label_spans() -> None:
    """Rows print their label once and then their own 7 cells; a blank among them stays blank."""
    rows = "\n".join(
        ("三、本年度办理结果 | " if n == "T3.R3.1" else "") + f"{label} | " + " | ".join(_cells(n))
        for label, n in _T3_ROWS)
    text = ("某局2021年政府信息公开工作年度报告\n本年制发件数 | 本年废止件数\n三、收到和处理政府信息公开申请情况\n"
            + rows + "\n四、政府信息公开行政复议、行政诉讼情况\n无\n五、其他\n")
    by_key, notes = _extract_text(text)
    assert by_key["T3.R3.1|T3.C.otherOrg"].value == 1 and "T3.R3.1|T3.C.research" not in by_key
    assert by_key["T3.R1|T3.C.legalService"].value == 0 and by_key["T3.R1|T3.C.total"].value == 8
    assert not any("T3.R1" in n for n in notes)


def test_grid_found_by_its_labels_when_the_heading_is_missing() -> None:
    rows = "\n".join(f"{label} | " + " | ".join(_cells(n)) for label, n in _T3_ROWS)
    by_key, _ = _extract_text("某局2021年政府信息公开工作年度报告\n本年制发件数 | 本年废止件数\n申请情况如下：\n" + rows + "\n")
    assert by_key["T3.R3.4.1|T3.C.total"].value == 3


def test_table4_stream_with_one_consistent_order_is_placed_as_inferred() -> None:
    text = ("某局2021年政府信息公开工作年度报告\n本年制发件数 | 本年废止件数\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议\n\n3\n0\n0\n0\n0\n0\n\n总计\n\n3\n1\n0\n0\n\n尚未审结\n\n4\n2\n0\n0\n1\n\n五、存在的主要问题及改进情况\n无。\n")
    by_key, notes = _extract_text(text)
    review = [by_key[f"T4.P.review|{o}"].value for o in
              ("T4.O.maintained", "T4.O.corrected", "T4.O.other", "T4.O.pending", "T4.O.total")]
    assert review == [3, 1, 0, 0, 4]
    assert by_key["T4.P.litDirect|T4.O.total"].value == 3
    assert by_key["T4.P.review|T4.O.total"].evidence.rule == "table4.inferred"
    assert by_key["H.reviews"].evidence.confidence == 0.8
    assert any("exactly one other order" in n for n in notes)


def test_grid_label_wrapped_over_two_rows() -> None:
    rows = []
    for label, n in _T3_ROWS:
        if n == "T3.R3.4.3":  # the label's first half on a row of its own, the numbers with its tail
            rows.append("3.补正后申请 | | | | | | |")
            label = "内容仍不明确"
        rows.append(f"{label} | " + " | ".join(c or "0" for c in _cells(n)))
    text = ("某局2021年政府信息公开工作年度报告\n本年制发件数 | 本年废止件数\n三、收到和处理政府信息公开申请情况\n"
            + "\n".join(rows) + "\n四、政府信息公开行政复议、行政诉讼情况\n无\n五、其他\n")
    by_key, _ = _extract_text(text)
    assert by_key["T3.R3.4.3|T3.C.total"].value == 0
    assert by_key["T3.R3.4.1|T3.C.total"].value == 3


def test_stream_broken_by_a_stray_number_keeps_only_rows_beside_their_labels() -> None:
    text = (DEV / "dev-016.txt").read_text(encoding="utf-8")
    i = text.index("2.重复申请")
    broken = text[:i] + "7\n\n" + text[i:]  # a stray number shifts every later row of the stream
    by_key, notes = _extract_text(broken)
    gold = {(i, d): v for i, d, v in _gold(SHARED / "gold" / "dev" / "dev-016.json")}
    assert {k: m.value for k, m in by_key.items() if gold.get((m.indicator, " ".join(m.dims))) != m.value
            and not k.startswith("H.")} == {}  # nothing misplaced
    assert by_key["T3.R1|T3.C.total"].value == 3119  # printed right after its label, adds up
    assert by_key["T3.R3.5.3|T3.C.total"].value == 0  # its own label and numbers: not shifted
    assert "T3.R3.5.1|T3.C.total" not in by_key  # the stray number joined its run: left out
    assert any("T3.R3.5.1" in n and "left out" in n for n in notes)
