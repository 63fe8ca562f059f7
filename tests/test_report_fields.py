"""Report-level fields: the year covered, the issued date, the format, the title, the sections."""

from __future__ import annotations

import json

import pytest

from gongkai.extract.report import detect_format, extract_report
from gongkai.parse import parse
from gongkai.parse.sections import find_sections
from gongkai.read import read, read_text

from .conftest import SHARED

_BODY = "\n一、概述\n本年度政府信息公开工作情况如下。主动公开政府信息。\n"


def _report(text: str):
    return extract_report(parse(read_text(text)))


@pytest.mark.parametrize(("text", "issued", "rule"), [
    ("某市人民政府2019年政府信息公开工作年度报告\n发布日期：2020-01-22\n" + _BODY, "2020-01-22", "report.issued.label"),
    ("某市人民政府2019年政府信息公开工作年度报告\n发文日期 | 2020年1月22日\n" + _BODY, "2020-01-22", "report.issued.label"),
    ("某市人民政府2019年政府信息公开工作年度报告\n（2020年1月20日）\n" + _BODY, "2020-01-20", "report.issued.dateline"),
    ("某市人民政府2019年政府信息公开工作年度报告\n" + _BODY + "\n某市人民政府\n2020年1月21日\n", "2020-01-21", "report.issued.signature"),
    ("某市人民政府2016年政府信息公开工作年度报告\n" + _BODY + "\n某市人民政府\n二〇一七年一月八日\n", "2017-01-08", "report.issued.signature"),
    ("某市人民政府2016年政府信息公开工作年度报告\n" + _BODY + "\n某市人民政府\n二○一七年三月二十一日\n", "2017-03-21", "report.issued.signature"),
])
def test_issued(text: str, issued: str, rule: str) -> None:
    r = _report(text)
    assert r.issued == issued
    assert r.issued_evidence is not None and r.issued_evidence.rule == rule


@pytest.mark.parametrize(("head", "issued"), [
    ("时间：2023-01-30  来源：办公厅", "2023-01-30"),
    ("日期：2022-01-24  字号：【大 中 小】", "2022-01-24"),
    ("2024年01月18日 发布", "2024-01-18"),
])
def test_issued_from_bare_metadata(head: str, issued: str) -> None:
    r = _report("某局2022年政府信息公开工作年度报告\n" + head + "\n" + _BODY)
    assert r.issued == issued and r.issued_evidence.rule == "report.issued.label"


def test_statistics_period_is_not_the_issued_date() -> None:
    r = _report("某局2022年政府信息公开工作年度报告\n统计时间：2022-01-01至2022-12-31\n" + _BODY)
    assert r.issued is None


def test_label_wins_over_signature() -> None:
    r = _report("某局2015年政府信息公开工作年度报告\n发布时间: 2015-11-27\n" + _BODY + "\n某局\n2015年11月24日\n")
    assert r.issued == "2015-11-27"


def test_no_date_no_issued() -> None:
    r = _report("某局2015年政府信息公开工作年度报告\n" + _BODY + "报告所列统计期限自 2015 年 1 月 1 日至 12 月 31 日。\n")
    assert r.issued is None and r.issued_evidence is None


def test_year_from_title_not_from_dates() -> None:
    r = _report("（2018年2月21日）\n我局2017年主动公开政府信息。2017年，信息公开工作。2017年度报告。\n")
    assert r.year == 2017
    r = _report("某局2019年度政府信息公开工作年度报告\n发布日期：2020-01-22\n" + _BODY)
    assert r.year == 2019 and r.year_evidence.exact.startswith("2019")


def test_issued_evidence_is_the_text() -> None:
    for corpus in ("seeds", "dev"):
        for f in sorted((SHARED / "corpus" / corpus).glob("*.txt")):
            doc = parse(read(f))
            r = extract_report(doc)
            for e in (r.issued_evidence, r.year_evidence):
                if e is not None:
                    assert doc.source.text[e.start:e.end] == e.exact, f.name


def test_gold_fields() -> None:
    for corpus in ("seeds", "dev"):
        for gf in sorted((SHARED / "gold" / corpus).glob("*.json")):
            g = json.loads(gf.read_text(encoding="utf-8"))
            r = extract_report(parse(read(SHARED / "corpus" / corpus / g["source"])))
            assert (r.year, r.issued, r.format) == (g["year"], g.get("issued"), g["format"]), g["source"]


def test_format_detection() -> None:
    assert detect_format("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数") == "std-2021"
    assert detect_format("本年新制作数量 | 本年新公开数量 | 对外公开总数量\n本年新收政府信息公开申请数量") == "std-2019"
    assert detect_format("本年度主动公开政府信息500余条。本年度没有发生政府信息公开申请。") == "free-text"


def test_title_without_web_metadata() -> None:
    doc = parse(read_text("威海市文登区政务服务中心2016年政府信息公开工作年度报告发布日期:2017-01-21 10:24:00\n正文信息公开。"))
    assert doc.title == "威海市文登区政务服务中心2016年政府信息公开工作年度报告"


def test_sections_tree() -> None:
    secs = find_sections("一、概述\n正文\n（一）主动公开\n1.基本信息\n（1）网站\n二、收费\n")
    assert [(s.number, s.level) for s in secs] == [("一", 1), ("（一）", 2), ("1", 3), ("（1）", 4), ("二", 1)]
    assert secs[0].end == secs[-1].start  # 一 governs everything up to 二


def test_year_in_chinese_numerals_in_title() -> None:
    r = _report("某县人民政府二〇一九年度政府信息公开工作年度报告\n" + _BODY)
    assert r.year == 2019 and r.year_evidence.exact.startswith("二〇一九")
