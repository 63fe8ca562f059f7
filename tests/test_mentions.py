"""Initiatives and platforms: canonical labels, types, evidence spans, and accuracy against the gold."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from gongkai.extract import mention_lexicon
from gongkai.extract.mentions import extract_mentions
from gongkai.model import Document, Mention, Source

from .conftest import EXAMPLES, SHARED

PLATFORM_TYPES = {"website", "wechat", "weibo", "app", "hotline", "terminal", "hall", "media", "other"}


def mentions_of(text: str) -> list[Mention]:
    doc = Document(Source("t.txt", "t.txt", "0" * 64, text, "utf-8", "text/plain"), "", None, (), ())
    found = extract_mentions(doc)
    for m in found:  # every mention's evidence is the exact span of the text
        assert text[m.evidence.start : m.evidence.end] == m.evidence.exact
    return found


def labels(found: list[Mention], kind: str) -> dict[str, Mention]:
    return {m.label: m for m in found if m.kind == kind}


# -- initiatives ---------------------------------------------------------------------------
def test_one_programme_is_one_label_whatever_the_spelling() -> None:
    found = mentions_of("全面推进“互联网+”政务服务事项办理。依托互联网＋政务服务平台。深化“互联网+政务服务”改革。")
    inits = labels(found, "initiative")
    assert list(inits) == ["互联网+政务服务"]
    assert inits["互联网+政务服务"].category == "online-service"
    assert "互联网+政务服务改革" in inits["互联网+政务服务"].alt_labels


def test_quoted_reform_loses_quotes_and_gai_ge() -> None:
    found = mentions_of("积极公开“一门式”改革、“花城事好办”便利化改革行动的推进情况。")
    assert set(labels(found, "initiative")) == {"一门式", "花城事好办"}


def test_unquoted_reform_and_campaign_need_a_left_edge() -> None:
    found = mentions_of("审批职能内部相对集中改革全面推进。配合市纪委开展了涉审中介服务市场突出问题专项治理活动。")
    assert set(labels(found, "initiative")) == {"审批职能内部相对集中", "涉审中介服务市场突出问题专项治理"}


def test_topics_slogans_and_vague_reforms_are_not_initiatives() -> None:
    text = ("行政审批制度改革信息42条。实现“只进一扇门”。坚持“以公开为原则,不公开为例外”。按照机构改革要求,"
            "庆祝改革开放四十周年,推进各项改革,推进国资国企改革信息公开。")
    assert labels(mentions_of(text), "initiative") == {}


def test_named_pilot_is_an_initiative() -> None:
    found = mentions_of("通过了国家级政务服务标准化试点评估和省级文明标兵单位复检验收。")
    assert list(labels(found, "initiative")) == ["国家级政务服务标准化试点"]


# -- platforms -----------------------------------------------------------------------------
def test_quoted_accounts_take_the_quoted_name_and_their_type() -> None:
    found = mentions_of("打造“靖政通”微信公众号。通过“某市发布”微信公众号和“某市发布”政务微博发布信息。")
    plats = labels(found, "platform")
    assert plats["靖政通"].platform_type == "wechat"
    assert plats["某市发布"].platform_type == "wechat"
    assert plats["某市发布政务微博"].platform_type == "weibo"  # the same name on Weibo is another channel


def test_government_portal_is_one_channel_with_its_most_specific_name() -> None:
    text = ("主要通过政府门户网站主动公开政府信息。在政府网站平台主动公开政府信息1136条。"
            "加强区政府门户网站及政务新媒体日常管理。加强对区政府网站的监管。")
    plats = labels(mentions_of(text), "platform")
    assert list(plats) == ["区政府门户网站"]
    assert {"政府门户网站", "政府网站平台", "区政府网站"} <= set(plats["区政府门户网站"].alt_labels)


def test_portal_proper_name_wins_and_keeps_its_url() -> None:
    text = ("充分发挥政府门户网站信息公开第一平台的作用。依托“中国.文登”这个平台开展信息公开工作。"
            "本报告的电子版可在威海市文登区人民政府门户网站“中国.文登”网(http:/www.wendeng.gov.cn)查阅。")
    plats = labels(mentions_of(text), "platform")
    assert list(plats) == ["中国.文登"]
    assert plats["中国.文登"].url == "http:/www.wendeng.gov.cn"
    assert "威海市文登区人民政府门户网站" in plats["中国.文登"].alt_labels


def test_12345_hotline_is_one_channel_with_place_and_number() -> None:
    text = "按计划对12345统一服务平台进行升级改版。12345平台实行24小时人工服务。利用《佛山12345热线运行通报》刊出信息。"
    plats = labels(mentions_of(text), "platform")
    assert plats["佛山12345热线"].platform_type == "hotline"
    assert plats["佛山12345热线"].phone == "12345"
    assert plats["佛山12345热线运行通报"].platform_type == "media"
    assert "12345平台" not in plats


def test_named_heads_need_a_name_and_plurals_are_no_channel() -> None:
    text = ("在区和各镇街行政服务大厅设立综合窗口。推出微信、微博、短信、移动终端、自助终端等服务方式。"
            "运用第三方检测平台监测。组织全市政府网站加强内容建设。市地税大厅开展主题讨论。")
    plats = labels(mentions_of(text), "platform")
    assert list(plats) == ["市地税大厅"]
    assert plats["市地税大厅"].platform_type == "hall"


def test_lists_of_kinds_of_media_and_reporting_newspapers_are_not_channels() -> None:
    text = ("通过政府公报、新闻发布会和报纸、广播、电视等公共媒体主动公开政府信息。"
            "电视台、省《大众日报》、《威海日报》等各级媒体先后报道我们的工作。"
            "根据《广州12345政府服务热线管理办法实施细则》开展工作。")
    assert labels(mentions_of(text), "platform") == {}


def test_publications_listed_together_are_all_media() -> None:
    text = "利用《佛山行政服务》、《佛山市公共资源交易工作简报》及时刊出信息。"
    plats = labels(mentions_of(text), "platform")
    assert {k: v.platform_type for k, v in plats.items()} == {"佛山行政服务": "media", "佛山市公共资源交易工作简报": "media"}


def test_shorter_name_of_the_same_channel_joins_it() -> None:
    text = "本年度报告在广州市政务服务数据管理局网站上公布。我局在局网站上主动公开。印发政务中心简报12期。"
    plats = labels(mentions_of(text), "platform")
    assert set(plats) == {"广州市政务服务数据管理局网站", "政务中心简报"}
    assert plats["广州市政务服务数据管理局网站"].alt_labels == ("局网站",)


# -- lexicons ------------------------------------------------------------------------------
def test_lexicon_files_are_consistent() -> None:
    categories = set(mention_lexicon.categories())
    assert "other" in categories
    assert {e.kind for e in mention_lexicon.initiatives()} <= categories
    assert {e.kind for e in mention_lexicon.platforms()} <= PLATFORM_TYPES
    pats = mention_lexicon.platform_patterns()
    assert {h.platform_type for h in pats.heads} <= PLATFORM_TYPES
    assert {h.mode for h in pats.heads} <= {"named", "generic", "place"}
    assert {c for _, c in mention_lexicon.initiative_patterns().category_keywords} <= categories
    for e in mention_lexicon.initiatives():  # gold rule: no quotes and no trailing 改革 in a label
        assert not e.label.endswith("改革") and not re.search("[“”\"]", e.label), e.label


# -- the reports ---------------------------------------------------------------------------
def _norm_label(s: str) -> str:
    """The scorer's label normalisation (../shared/tools/score.py)."""
    s = re.sub(r"[\s“”\"'‘’「」『』《》〈〉()（）]", "", unicodedata.normalize("NFKC", s))
    for suffix in ("改革", "微信公众号", "公众号"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
    return s


def _fuzzy_tp(pred: list[str], gold: list[str]) -> int:
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and (p == g or (min(len(p), len(g)) >= 2 and (p in g or g in p))):
                used.add(i)
                tp += 1
                break
    return tp


def _gold_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for corpus, gold in ((EXAMPLES, SHARED / "gold" / "seeds"), (SHARED / "corpus" / "dev", SHARED / "gold" / "dev")):
        for g in sorted(gold.glob("*.json")):
            if (corpus / (g.stem + ".txt")).exists():
                pairs.append((corpus / (g.stem + ".txt"), g))
    return pairs


@pytest.mark.skipif(not _gold_pairs(), reason="shared gold not available")
def test_accuracy_against_gold_on_seeds_and_dev() -> None:
    from gongkai.parse import parse
    from gongkai.read import read

    totals = {"initiatives": [0, 0, 0], "platforms": [0, 0, 0]}
    for txt, gf in _gold_pairs():
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = parse(read(txt))
        found = extract_mentions(doc)
        for m in found:
            assert doc.source.text[m.evidence.start : m.evidence.end] == m.evidence.exact
            assert m.kind == "initiative" or m.platform_type in PLATFORM_TYPES
        for kind in totals:
            g = sorted({_norm_label(x if isinstance(x, str) else x["label"]) for x in gold.get(kind, [])})
            p = sorted({_norm_label(m.label) for m in found if m.kind == kind[:-1]})
            totals[kind][0] += _fuzzy_tp(p, g)
            totals[kind][1] += len(p)
            totals[kind][2] += len(g)
    for kind, (tp, npred, ngold) in totals.items():
        precision, recall = tp / npred, tp / ngold
        f1 = 2 * precision * recall / (precision + recall)
        assert f1 >= 0.85, f"{kind}: P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


def test_alt_labels_reach_the_graph() -> None:
    from gongkai.pipeline import facts_for_file
    from gongkai.rdf.mapping import ReportMapper

    report = EXAMPLES / "000_473bad5d154fc64b.txt"
    facts = facts_for_file(report)
    quads = ReportMapper().quads(facts)
    alt = {q.object.value for q in quads if q.predicate.value.endswith("#altLabel")}
    assert "一门式改革" in alt and "网上办事大厅" in alt


def test_quoted_portal_name_and_other_level_portals() -> None:
    text = ("通过“上海徐汇”门户网站主动公开信息。区政府门户网站设置专栏。加强区政府网站管理。"
            "转载省政府网站发布的政策。区行政服务中心大厅配置自助服务终端25台。")
    plats = labels(mentions_of(text), "platform")
    assert set(plats) == {"上海徐汇", "省政府网站", "区行政服务中心大厅"}
    assert {"区政府门户网站", "区政府网站"} <= set(plats["上海徐汇"].alt_labels)


def test_site_columns_are_not_channels() -> None:
    plats = labels(mentions_of("在区政府网站“政策解读”栏目发布解读10篇。"), "platform")
    assert list(plats) == ["区政府网站"]


def test_hotline_number_and_reform_bodies() -> None:
    found = mentions_of("开通市长热线0631-8989916。经国家发展改革委批准。设立96345服务热线。")
    plats = labels(found, "platform")
    assert list(plats) == ["市长热线", "96345服务热线"] and plats["市长热线"].phone == "0631-8989916"
    assert plats["96345服务热线"].platform_type == "hotline" and plats["96345服务热线"].phone == "96345"
    assert labels(found, "initiative") == {}  # 发展改革委 is a body, not a reform


def test_body_names_hold_he_and_verbs_end_reform_names() -> None:
    found = mentions_of("通过佛山市国土资源和城乡规划局门户网站发布。通过中心网站和市人社局网站发布。做好国企改革三年行动。")
    assert set(labels(found, "platform")) == {"佛山市国土资源和城乡规划局门户网站", "中心网站", "市人社局网站"}
    assert labels(found, "initiative") == {}


def test_he_inside_a_place_name_and_branch_sites() -> None:
    """和 in a division's name (呼和浩特, 和平区) is not a conjunction; 和 before a province still is;
    a bracketed place after a national site names its local branch (信用中国（湖北荆州）)."""
    text = ("通过呼和浩特电视台发布公告。天津市和平区政府网站全年更新信息。“皖事通”APP和安徽政务服务网提供查询。"
            "在“信用中国（湖北荆州）”网站公示。在信用中国（网站）公示。")
    plats = labels(mentions_of(text), "platform")
    assert set(plats) == {"呼和浩特电视台", "天津市和平区政府网站", "皖事通", "安徽政务服务网",
                          "信用中国（湖北荆州）", "信用中国"}


def test_quoted_columns_media_centres_and_kinds() -> None:
    """A column named after a kind of channel (“政府公报”栏目), many years' issues (历年公报) and a level's
    kind of centre (县级融媒体中心) are no channel; a place's 融媒体中心 is a medium."""
    text = ("在区政府网站开设“政府公报”栏目，提供历年公报电子版。推进县级融媒体中心建设。"
            "依托康乐县融媒体中心开设专栏。开发手机APP。全部事项入驻陕西政务服务网。")
    plats = labels(mentions_of(text), "platform")
    assert {k: v.platform_type for k, v in plats.items()} == {
        "区政府网站": "website", "康乐县融媒体中心": "media", "陕西政务服务网": "website"}
