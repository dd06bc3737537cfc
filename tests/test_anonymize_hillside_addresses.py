"""Addresses of a hillside town (issue #19): a house number with its 附号 「X号附Y号」 (also spoken with blanks, and
with a floor after it), a floor below or above the street 「负N楼」「N楼」 after a house number, a flat 「N-M号」 after
a community or 「单元N-M」, a stall 「负1楼8号铺」 and a stilt house 「N号吊脚楼」. The street, stepped lane (梯坎),
community and village before them stay public (address policy)."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("hillside-key").text(text)


@pytest.mark.parametrize("text, gone, kept", [
    ("我婆婆住朝天门梯坎56号附3号，腿脚不好", "56号附3号", "朝天门梯坎"),
    ("现住：金鸡岩社区12号附6号负2楼", "12号附6号负2楼", "金鸡岩社区"),
    ("地址 白象街77号附1号4楼 联系人见后", "77号附1号4楼", "白象街"),
    ("房东说他屋在石板坡老街8号负1楼", "8号负1楼", "石板坡老街"),
    ("我 住 在 下 半 城 二 十 号 附 五 号 嘛", "二 十 号 附 五 号", "下 半 城"),
    ("申请人住滨江苑社区7-2号，独居", "7-2号", "滨江苑社区"),
    ("楼上2单元5-1天天漏水", "2单元5-1", "楼上"),
    ("她摆摊在菜市场负2楼8号铺，生意一般", "负2楼8号铺", "菜市场"),
    ("幺爸住黄桷坪23号吊脚楼三楼，木头烂了", "23号吊脚楼三楼", "黄桷坪"),
    ("3,李某,金鸡岩14号附2号负1楼,2800", "14号附2号负1楼", "金鸡岩"),
])
def test_hillside_homes_go_and_their_places_stay(text, gone, kept):
    out = scrub(text)
    assert gone not in out and kept in out


@pytest.mark.parametrize("text", [
    "详见《实施办法》第3号附件",                  # an attachment, not a 附号
    "渝某府发〔2026〕12号附表一",                 # a document's table
    "商场负1楼美食街12家商户参加",                # a mall floor, no stall number
    "2024-2025年社区活动经费",                   # a span of years after a community
    "吊脚楼保护名录新增12处",
])
def test_look_alikes_stay(text):
    assert scrub(text) == text
