"""How people call each other (称呼) where the text's structure shows it is a person (issue #19).

「小李」「老黄」「阿彩」「振姐」「彩仔」 carry no full name, but beside a name they narrow it to one
person, and in a chat they are the person. They are ordinary words too (小林 a grove, 老区 an old
base area), so each is taken only where the text's shape makes it a person:

- a mention: right after @ (「@小林 我嘅电话换咗」);
- a speaker: at a line's start before a colon, in a conversation (two or more speaker lines);
- a vocative: first thing after a speaker's colon, before a comma (「X：老招，你老公…」);
- a gloss: before a bracketed name or 即是/就是 and a name (「小叶（叶贵杰）」「老区即系区炳」).

Forms: 小/老 + a surname (compound ones too), 阿 + one character, and one given-name character +
a kinship ending (姐、妹、仔、哥、叔、婶、嫂、伯).
"""
import re

import jieba

from .namescore import given_log_ratio

_KIN_ENDINGS = "姐妹仔哥叔婶嫂伯"
# (阿姨、阿婆、阿妈: a relation, not a person's call name; 小计、小结: a table's and a report's headings)
_KIN_SECOND = frozenset("姨婆公伯叔嫂妈爸爷奶哥姐弟妹爹娘")
_HEADINGS = frozenset(("小计", "小结", "小组", "小区", "小学", "老人", "老师", "老板", "小孩"))
_NOT_GIVEN_FIRST = frozenset("大小老表堂亲师空阿一二三四五六七八九十两几各每该本某这那")
_WORD_LIMIT = {"mention": 1000, "other": 300}  # jieba frequency above which the form is the word

_STOP_AFTER = r"(?=[\s，,：:。.！!？?、；;（(）)]|即系|即是|就是|也就是|$)"
_SPEAKER_LINE = re.compile(r"(?:^|\n)[ \t]*[^\n:：]{1,16}[:：]")


def _pattern(surnames, compounds):
    surname = "(?:" + "|".join(compounds) + "|[" + "".join(sorted(surnames)) + "])"
    return re.compile(rf"(?:[小老]{surname}|阿[\u4e00-\u9fff]|[\u4e00-\u9fff][{_KIN_ENDINGS}]){_STOP_AFTER}")


_PATTERNS = {}


def _form_ok(word, where):
    if word in _HEADINGS or jieba.dt.FREQ.get(word, 0) >= _WORD_LIMIT["mention" if where == "mention" else "other"]:
        return False
    if word[0] == "阿":
        return word[1] not in _KIN_SECOND
    if word[0] in "小老":
        return True
    # one given-name character and a kinship ending: 振姐, 彩仔 (not 大姐, 表哥)
    return word[0] not in _NOT_GIVEN_FIRST and jieba.dt.FREQ.get(word, 0) < 50 and given_log_ratio(word[0]) > 0


def _where(text, start, end, conversation):
    """Which structural position the form at start..end stands in, or None."""
    if text[start - 1:start] in ("@", "＠"):
        return "mention"
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    after = text[end:end + 16]
    if conversation and not before.strip() and re.match(r"(?:[（(][^）)\n]{1,12}[）)])?[:：]", after):
        return "speaker"
    if conversation and re.fullmatch(r"[ \t]*[^\n:：]{1,16}[:：]\s*", before) and re.match(r"[，,！!]", after):
        return "vocative"
    left_edge = start == 0 or not re.match(r"[\u4e00-\u9fff]", text[start - 1])
    if left_edge and re.match(r"[（(][\u4e00-\u9fff·]{2,8}[）)]|\s?(?:即系|即是|就是|也就是)[\u4e00-\u9fff]{2}", after):
        return "gloss"
    return None


def familiar_forms(text, surnames, compounds):
    """(start, word) of each call name standing where the text's structure makes it a person."""
    key = (id(surnames), id(compounds))
    pattern = _PATTERNS.get(key) or _PATTERNS.setdefault(key, _pattern(surnames, compounds))
    conversation = len({m.group(0).strip() for m in _SPEAKER_LINE.finditer(text)}) >= 2
    out = []
    for m in pattern.finditer(text):
        where = _where(text, m.start(), m.end(), conversation)
        if where and _form_ok(m.group(0), where):
            out.append((m.start(), m.group(0)))
    return out
