"""Numbers as reports write them: ``89``, ``1,136``, ``9.6万``, ``4.1亿``, ``一千二百``, ``十一``, ``170多``, ``20余``.

One regular expression (``NUMBER``) finds them and ``to_decimal`` turns the match into a
``Decimal``. Chinese numerals go through ``cn2an`` (the maintained converter); Arabic digits
never do, so ``2016`` is never read as anything but two thousand and sixteen.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
#: A number: Arabic (with thousands separators and decimals) or Chinese numerals, then an
#: optional 万/亿 multiplier and an optional "more than" marker (多/余). Named groups:
#: ``arabic`` / ``chinese``, ``mult``, ``approx``.
NUMBER = (
    r"(?P<num>(?:(?P<arabic>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<chinese>[{_CN_DIGITS}万亿]*[一二两三四五六七八九十][{_CN_DIGITS}万亿]*|零(?=\s*元)))"
    r"\s*(?P<approx1>多|余)?\s*(?P<mult>万|亿)?\s*(?P<approx>多|余)?)"
)
NUMBER_RE = re.compile(NUMBER)

_MULT = {"万": Decimal(10_000), "亿": Decimal(100_000_000), None: Decimal(1), "": Decimal(1)}


def chinese_to_decimal(s: str) -> Decimal | None:
    """A Chinese numeral as a ``Decimal``; ``None`` when it is not a well-formed number.

    >>> chinese_to_decimal("一千二百三十"), chinese_to_decimal("十一"), chinese_to_decimal("两"), chinese_to_decimal("一万二千")
    (Decimal('1230'), Decimal('11'), Decimal('2'), Decimal('12000'))
    >>> chinese_to_decimal("一一") is None
    True
    """
    s = s.replace("两", "二").replace("〇", "零")
    try:
        value = cn2an.cn2an(s, "strict")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def to_decimal(arabic: str | None, chinese: str | None, mult: str | None) -> Decimal | None:
    """The value of a ``NUMBER`` match's parts, multiplier applied.

    >>> to_decimal("9.6", None, "万"), to_decimal("1,136", None, None), to_decimal(None, "三", "万")
    (Decimal('96000'), Decimal('1136'), Decimal('30000'))
    """
    if arabic:
        try:
            base = Decimal(arabic.replace(",", ""))
        except InvalidOperation:
            return None
    elif chinese:
        found = chinese_to_decimal(chinese)
        if found is None:
            return None
        base = found
    else:
        return None
    value = base * _MULT[mult]
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def value_of(match: re.Match[str]) -> Decimal | None:
    """The value of a match of a pattern that embeds ``NUMBER``.

    >>> value_of(NUMBER_RE.search("共170多条"))
    Decimal('170')
    >>> value_of(NUMBER_RE.search("4.1亿元"))
    Decimal('410000000')
    """
    v = to_decimal(match.group("arabic"), match.group("chinese"), match.group("mult"))
    if v is not None and v == v.to_integral_value():
        v = Decimal(int(v))
    return v
