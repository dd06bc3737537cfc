"""The publication's own public names: spans of text no person-name detector may claim.

Region, township, department, company, budget-class and project names (and the fiscal words
every report uses) are public by nature. A person-name guess that overlaps one of them — a
known payee name read across a word boundary (「位于桂岭县」 holds 「于桂」), a jieba ``nr``
tag on a town stem (「柳荫」) — is a false positive that damages the text the public reads.
Validated identifiers (ID numbers, phones, cards…) are never suppressed by this lexicon.
"""
import re

from .address import township_of
from .literals import LiteralAlternation

# Fiscal and administrative words with a surname-initial character that detectors tend to misread.
FISCAL_TERMS = (
    "白皮书", "平均", "平均每家", "平均每户", "平均每人", "预算", "预算执行", "执行率", "决算", "财政", "惠民", "惠农",
    "惠民惠农", "民生", "农林水", "城乡", "社会保障", "一般公共预算", "政府性基金", "国有资本经营", "转移支付",
    "专项资金", "专项债", "资金拨付", "支出进度", "项目库", "绩效", "高龄津贴", "耕地地力保护补贴", "危房改造",
    "临时救助", "最低生活保障", "特困人员", "优抚", "抚恤", "乡村振兴", "衔接资金", "同比增长", "同比下降", "环比",
    "万元", "亿元", "上半年", "下半年", "全年", "全市", "全区", "全县", "各区县", "区县", "市本级", "本级",
    "执行情况", "决算报告", "预算报告", "审计", "审计工作报告", "整改", "约谈", "督促", "信访", "群众",
    "万家灯火", "和谐", "文明", "安居", "康养", "宁静", "高标准农田", "农田水利", "饮水安全", "公共卫生",
)
# Name endings of organisations that are not natural persons.
ORG_SUFFIXES = ("公司", "厂", "合作社", "集团", "中心", "事务所", "研究院", "设计院", "医院", "学校", "协会", "商行",
                "经营部", "门市部", "加工厂", "养殖场", "农场", "家庭农场", "联合社", "工作室", "站", "所")
_ADMIN_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "区", "县", "市", "村")
_MIN_LEN = 2


def stems(name):
    """A place name and its bare stem: 「柳荫镇」→ 柳荫镇, 柳荫; 「桂岭县」→ 桂岭县, 桂岭."""
    out = [name]
    for suffix in _ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= _MIN_LEN:
            out.append(name[: -len(suffix)])
            break
    return out


def is_organisation(name):
    return bool(name) and name.endswith(ORG_SUFFIXES)


def public_terms_from_tables(tables):
    """Public names in raw importer tables ({table: [(file, line, row)]}), for
    ``Deidentifier(..., public_terms=...)``. Project names are only candidates: the
    Deidentifier drops any that names a person."""
    terms, projects = set(), set()

    def rows(name):
        return (row for _f, _n, row in tables.get(name, []))

    for row in rows("regions"):
        for key in ("name", "short_name"):
            terms.update(stems(row.get(key) or ""))
    for row in rows("departments"):
        terms.add(row.get("name") or "")
    for row in rows("func_classes"):
        terms.add(row.get("name") or "")
    for row in rows("projects"):
        for key in ("category", "output_name"):
            terms.add(row.get(key) or "")
        town = township_of(row.get("location") or "")
        if town:
            terms.update(stems(town))
        if row.get("contractor_type") != "个人" and is_organisation(row.get("contractor")):
            terms.add(row["contractor"])
        projects.add(row.get("name") or "")
    for row in rows("payments"):
        if row.get("payee_type") != "个人" and is_organisation(row.get("payee")):
            terms.add(row["payee"])
    terms = {t for t in terms if len(t) >= _MIN_LEN}
    return {"names": sorted(terms), "project_names": sorted(p for p in projects if len(p) >= _MIN_LEN)}


class PublicTerms:
    """Occurrences of public terms in text, longest first (what one alternation regex finds: literals.py)."""

    def __init__(self, terms):
        terms = sorted({t for t in terms if t and len(t) >= _MIN_LEN}, key=len, reverse=True)
        self.terms = frozenset(terms)
        self.pattern = LiteralAlternation(terms) if terms else None  # the regex's matches, in time per text only

    def spans(self, text):
        if not self.pattern:
            return []
        return [(m.start(), m.end()) for m in self.pattern.finditer(text)]


# Crops, herbs and foods whose names start with a surname character (jieba tags many of them nr).
PRODUCE = (
    "黄花菜", "金银花", "何首乌", "柴胡", "杨梅", "陈皮", "田七", "葛根", "黄精", "连翘", "桑葚", "罗汉果", "石斛", "白芨",
    "杜仲", "黄连", "黄芪", "黄柏", "柏树", "万寿菊", "龙须面", "乌梅", "白术", "白芍", "党参", "马铃薯", "金桔", "金橘",
    "高粱", "桑叶", "桑蚕", "柳杉", "杨树", "柏木", "杨桃", "李子", "杜鹃", "石榴", "龙眼", "龙虾", "牛蒡", "牛肝菌",
    "秦椒", "花椒", "胡椒", "胡柚", "胡萝卜", "冯了性", "金线莲", "金针菇", "白茶", "红茶", "黄牛", "黄羊", "江豚",
    "林蛙", "鲁西黄牛", "姜黄", "温郁金", "吴茱萸", "宁夏枸杞", "常山胡柚", "何首乌藤", "韩国", "白莲", "莲藕",
)
# More farm produce, brands of food and drink bought as relief goods, and landscape words: classes
# of surname-initial words (「王老吉」「田野」「万年青」) that jieba tags as names without a person near.
MORE_PRODUCE = (
    "黄桃", "白菜", "白萝卜", "黄豆", "黄瓜", "南瓜", "甘蔗", "甘薯", "田螺", "石斑鱼", "鲍鱼", "毛竹", "毛豆", "毛尖", "龙井",
    "黄鳝", "黄花鱼", "白鲢", "花生", "花卉", "桂花", "桂圆", "柴鸡", "牛肉", "牛奶", "羊肉", "马蹄", "谷子", "米粉", "米酒",
    "包菜", "包谷", "苗木", "苗圃", "柳树", "杨柳", "梅花", "梅子", "蓝莓", "万年青", "向日葵", "金针菇", "龙须菜", "白果",
    "何首乌", "秦艽", "党参", "雷竹", "竺竹", "卢橘", "杜梨", "沙棘", "沙田柚", "乔木", "冬笋", "毛笋", "黄牛肉", "温州蜜柑",
)
BRANDS = (
    "王老吉", "加多宝", "康师傅", "娃哈哈", "农夫山泉", "老干妈", "蒙牛", "伊利", "金龙鱼", "鲁花", "白象", "周黑鸭", "海天",
    "安踏", "冷酸灵", "云南白药", "白猫", "蓝月亮", "黄鹤楼", "金锣", "温氏", "茅台", "汤臣倍健", "钱江", "金典", "雷碧",
)
LANDSCAPE = (
    "田野", "田园", "白云", "蓝天", "高山", "江湖", "石林", "石山", "向阳坡", "林海", "林荫", "海滩", "金沙", "温泉", "云海",
    "云雾", "雷雨", "梅雨", "高原", "江畔", "湖畔", "柳岸", "石板路", "龙潭", "黄沙", "白雪", "蓝海", "夏日", "秋色",
)
PRODUCE_TERMS = PublicTerms(PRODUCE + MORE_PRODUCE + BRANDS + LANDSCAPE)

# Phone lines of public bodies: the department, office or hotline named beside a number.
_OFFICE_WORDS = re.compile(
    r"(?:局|委员会|[纪监]委|政府|办公室|办事处|街道办|居委会|村委会|社区|中心|服务站|服务所|工作站|联络站|服务点|派出所|卫生院"
    r"|医院|法院|检察院|学校|银行|公司|热线|专线|服务台|窗口|大厅|值班室|科室|[\u4e00-\u9fff]{1,4}科(?![学技研普])"
    # (a notice's 「异议电话：」 and a bare 「举报：」「监督：」 field name the notice's own lines)
    r"|(?:监督|举报|投诉|咨询|值班|服务|办公|政务|受理|报名|异议)(?:电话|专线)|(?:举报|监督|投诉)\s?[:：]|[扶农社民财住人医教低]\S?办"
    # (a notice's bare 「监督0573-…」 right before its number; 「请与本院联系（…）」: the writing office itself)
    r"|监督(?=\s?$)|[本我](?:院|局|委|办|所|站|中心)(?![\u4e00-\u9fff]{0,2}人)"
    # 「镇财政所」「执法中队」「交警大队」「残疾人联合会」「社会事务办」; 「请拨打…咨询」 is a notice's own line
    r"|(?<![住场厕处诊])所(?![有以在得谓属])|[大中支]队|联合会|协会|(?<=[\u4e00-\u9fff]{2})办(?![理法事公好完])"
    r"|(?:请|可|欢迎)(?:拨打|致电|来电)|如有(?:疑问|异议|问题)"
    # 「…向征收部门提出」「（县政协提案委）」「村部电话」「打村上的座机」; a notice's closing 「咨询0935-…」「详询…」
    r"|部门|政协|人大|村部|[村镇乡]上的?(?:座机|电话)|(?:咨询|详询|垂询)(?:电话)?\s?[:：]?\s?$"
    # a village committee written short 「——村委 0433-…」「联系村委（…）」, a farm's or forest farm's head office right
    # before the number 「场部 0433-…」 (「住X农场场部老干楼…⏎电话…」 is a home there), a notary's or an administration's
    # office, a worker's office phone 「打我工作机…」, a notice's 「异议请打…」
    r"|村委(?![员会])|(?<![住在场])[场厂]部(?=\s?[:：（(]?\s?$)|(?:公证|管理|征收|服务|信访)处|工作(?:机|座机|电话)|(?:异议|疑问)请(?:打|拨打|致电)"
    # a bureau's section 「预算股」「社救股」 (not 股份, 股东…)
    r"|(?<=[\u4e00-\u9fff]{2})股(?![份东票权市民金息])|股室)")
# (「您也可以直接打他们电话」: 他们 are the office just named, not a person)
_PRIVATE_OWNER = re.compile(r"本人|我(?!打|拨|们打)|联系您|给您|您的|家中|家里|户主|村民|居民|联系人|收款人|申请人|住户|其|他(?!们)|她(?!们)|个人|私人|手机"
                            r"|一户|该户|农户|(?:缴款|付款|领款|投诉|举报|来电|来访|写信|当事|承租|借款|委托|监护|被征收)人")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
# 「采购人：县民政局，地址：…，联系人：X，电话：…」: the body's address field may come first.
_OFFICE_CONTACT = re.compile(r"^\s?(?:[，,]\s?地址\s?[:：][^，,。；;\n]{0,30}[，,]\s?)?的?(?:联系人|负责人|经办人|工作人员)")
# 「…电话是多少？我打0571-…」: a number the writer dialled belongs to whoever they asked about.
_DIALLED = re.compile(r"^\s*(?:我们?|已经?|刚才?|多次)?(?:打|拨打?|致电|打了|拨了)(?:了|过)?\s*$")
# 「承办科室：社会救助科；联系电话：0571-…」: a bare field label continues the record before it.
_FIELD_LABEL = re.compile(r"^\s*(?:联系|办公|咨询|值班|监督|举报)?(?:电话|座机|号码|方式)(?:号码)?\s?[:：]?\s*$"
                          r"|^\s*(?:是不是|是|为)\s*$")  # 「…中心电话是多少？是不是0817-…？」
# An office named right after the number: 「0817-…（县医疗保障局）」「0817-…是不是县财政局？」, before any comma.
_OFFICE_AFTER = re.compile(r"^\s?[（(]?\s?(?:是不是|是|为)?[\u4e00-\u9fff]{0,10}?$")


# A notice's closing line: the issuing body, maybe a date (「沙棠县人民政府　二〇二四年十二月五日」).
_SIGNATURE_LINE = re.compile(r"\n\s*[\u4e00-\u9fff]{2,24}(?:政府|局|委员会|办公室|办事处|中心|法院|检察院|政协|人大常委会)"
                             r"(?:[\s\u3000]*(?:[0-9〇零一二三四五六七八九十]{2,4}年[0-9〇零一二三四五六七八九十]{1,2}月[0-9〇零一二三四五六七八九十]{1,3}日)?)?\s*$")


# A notice's heading: its first line up to the colon names a public body or says it is a notice
# (「县畜牧兽医站：…」「X村低保评议结果：…」「X社区关于…的公示：…」「X法院公告：…」).
# (also a body's reminder 「县农牧局提醒：…」 and a titled notice whose first line ends the title: 「X局关于…的通知（文号）⏎…」)
_NOTICE_HEAD = re.compile(r"[^\n：:]{2,40}?(?:公示|公告|通知|通告|结果|名单|局|站|所|中心|法院|委员会|政府|社区|村委会)(?:提醒|温馨提示|提示)?[：:]"
                          r"|[^\n：:]{2,60}?(?:局|委员会|政府|办公室|中心)[^\n：:]{0,40}?(?:公告|通知|通告)(?:[（(][^）)\n]{0,24}[）)])?[ \t]*\n")


def _notice_line(text, span, people):
    """An area-coded line a notice gives in its own sentence (「公示期7天，电话0999-…。」「监督0999-…。」): the
    text opens with a public body's or a notice's heading, and the sentence holding the number names no one
    and no private owner — the body's line, as a signed notice's is (_signed_by_office)."""
    if not _NOTICE_HEAD.match(text) or not re.match(r"[0０(（]", span.value):
        return False
    sentence_start = max(text.rfind(c, 0, span.start) for c in "。！？!?\n") + 1
    sentence = text[sentence_start:span.start]
    cue = re.search(r"(?:电话|监督|联系|咨询|举报|投诉)[:：]?\s?(?:[0-9０-９()（）\-－]+[、,，/]\s?)?$", sentence)
    # (「你现住…，联系电话…」: a notice to one person gives that person's own line)
    return bool(cue) and not _PRIVATE_OWNER.search(sentence) and not re.search(r"[你您]|住", sentence) \
        and not any(sentence_start <= p.start < span.start for p in people)


def _signed_by_office(text, span, people):
    """A public body signs the text on its last line and the number's own line names no person: a
    notice's own line (「…向征收部门书面提出。电话：0935-…⏎沙棠县人民政府　二〇二四年…」)."""
    if not _SIGNATURE_LINE.search(text) or span.end > _SIGNATURE_LINE.search(text).start() + 1:
        return False
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    # (「委托代理人X，电话…」: a party's role word names a person on the line)
    return not _PRIVATE_OWNER.search(line) and not re.search(r"[\u4e00-\u9fff]人(?!民|员|大|力|社)", line) \
        and not any(line_start <= p.start < line_end for p in people)


def _clause_before(text, start, width=30):
    before = text[max(0, start - width):start]
    return before[max((m.end() for m in _CLAUSE_END.finditer(before)), default=0):]


# 「勐满镇：0879-…」「岚山区：0879-…」「服务热线：12345」, one a line: a notice's list of the offices'
# lines, each labelled by a place or an office alone (a residential 小区 is neither).
_LISTED_OFFICE = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff]{0,14}(?:[乡镇县市]|街道|(?<!小)区|社区|村委会|办|局|站|所)[ \t\u3000]*[:：][ \t\u3000]*$")
_LIST_ENTRY = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff]{1,16}[ \t\u3000]*[:：][ \t\u3000]*[（(]?[0-9０-９][0-9０-９\-－ ()（）]{2,}[ \t\u3000]*[。；;，,]?[ \t\u3000]*$")


def _line_at(text, pos):
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


# A procurement notice's agency record 「代理机构：X招标代理有限公司，项目负责人：Y，0779-…」: the landline with its area
# code is the agency's office line, public as the notice is (its staff's names stay masked: the corpora mark them
# private); not a mobile, nor a number the line calls someone's own.
_AGENCY_RECORD = re.compile(r"^[ \t\u3000]*(?:采购|招标)?代理机构")
_OWN_NUMBER = re.compile(r"个人|私人|本人|手机|家中|住宅")


def _agency_line(text, span):
    start, end = _line_at(text, span.start)
    return bool(re.match(r"[（(]?[0０]", span.value) and _AGENCY_RECORD.match(text[start:span.start])
                and not _OWN_NUMBER.search(text[start:end]))


def _office_list_line(text, span, people):
    """A landline with its area code on a line of its own after a place's or office's label, in a
    list of such 「label：number」 lines (the line before or after is one too), naming no person."""
    start, end = _line_at(text, span.start)
    if not re.match(r"[（(]?[0０]", span.value) or any(start <= p.start < end for p in people):
        return False
    if not _LISTED_OFFICE.match(text[start:span.start]) or not _LIST_ENTRY.match(text[start:end]):
        return False
    neighbours = [_line_at(text, start - 1) if start else None, _line_at(text, end + 1) if end < len(text) else None]
    return any(n and _LIST_ENTRY.match(text[n[0]:n[1]]) for n in neighbours)


# An office's answer to a complaint (「你反映的…问题已核查，…已补发。联系电话0703-…」「…建议的答复」): the contact line that
# opens its closing sentence is the office's.
_OFFICE_ANSWER = re.compile(r"[你您]反映的[^。！？!?\n]{0,24}?(?:已|经)|已核查|经核查|的答复|答复如下")
_CLOSING_LINE = re.compile(r"(?:^|[。！!\n])\s*(?:联系|咨询|办公)?电话\s?[:：]?\s*$")
# Several offices' lines in a row, each after its office's or place's short label (「民政0573-…；住建0573-…」「全市：0879-…
# 岚山区：0879-…」), in a notice about the lines (值班电话, 热线, 咨询电话): every number with its area code there is an office's.
_LINES_NOTICE = re.compile(r"值班电话|服务电话|咨询电话|热线|申报电话|办公电话")
_LINE_ITEM = re.compile(r"[\u4e00-\u9fff]{1,10}\s?[:：]?\s?[（(]?0\d{2,3}[）)]?[-－—\s]?\d{7,8}")
_LINE_ITEMS = re.compile(_LINE_ITEM.pattern + r"(?:\s*(?:[；;、，,]|\s{2,})\s*" + _LINE_ITEM.pattern + ")+")


def _answer_closing_line(text, span, people):
    before = text[max(0, span.start - 12):span.start]
    return bool(_OFFICE_ANSWER.search(text, 0, span.start) and _CLOSING_LINE.search(before)
                and not _PRIVATE_OWNER.search(_clause_before(text, span.start))
                and not any(span.start - 12 <= p.start < span.start for p in people))


def _listed_lines(text, span, people):
    if not _LINES_NOTICE.search(text):
        return False
    for m in _LINE_ITEMS.finditer(text):
        if m.start() <= span.start and span.end <= m.end():
            return not any(m.start() <= p.start < m.end() for p in people) and not _PRIVATE_OWNER.search(m.group(0))
    return False


_BRACKET_AFTER = re.compile(r"\s?[（(]([^）)\n]{1,12})[）)]")


# 「有问题打023-…」「查询请拨023-…」「你打023-…问一下」: a line the reader is told to call to ask is a service's.
_ASK_BY_LINE = re.compile(r"(?:^|[，,。；;！!？?\s])(?:有问题|有疑问|如有疑问|查询|咨询|详询)[，,]?(?:请)?(?:拨打?|打|致电)(?:电话)?\s?$")
_DIAL_TO_ASK = re.compile(r"(?:^|[，,。；;！!？?\s你您])(?:请)?(?:打|拨打?|致电)\s?$")


def _service_line(text, span, people):
    before = text[max(0, span.start - 12):span.start]
    clause = span.start - len(re.split(r"[，,。；;！!？?\n:：]", before)[-1])  # (no one named in the clause that dials)
    if not re.match(r"[（(]?[0０]", span.value) or any(clause <= p.start < span.start for p in people):
        return False
    # (「打0703-…没人接」: a complaint that an office's line goes unanswered)
    return bool(_ASK_BY_LINE.search(before)) \
        or bool(_DIAL_TO_ASK.search(before)) and re.match(r"\s?(?:问|咨询|查询|核实|没人接|无人接|打不通|一直占线|占线)", text[span.end:]) is not None \
        and not _PRIVATE_OWNER.search(before[len(before) - (span.start - clause):])


def public_line(text, span, people=(), officials=()):
    """Whether a landline is a public body's line: an office word in the same sentence before it
    (「县财政局监督电话：0731-…」「社区电话8605…」) or right after it (「…（区民政局）」), with no
    private owner (a detected person, 「本人」「家中」「联系人」) between that word and the number;
    or a number the writer dialled right after asking for an office's number, or one under a bare
    field label that continues the office's record (「承办科室：…科；联系电话：…」); or the line of
    an official named in the role in the clause before it (「承办人：X　联系电话：…」)."""
    if _office_list_line(text, span, people) or _agency_line(text, span) or _answer_closing_line(text, span, people) \
            or _listed_lines(text, span, people) or _service_line(text, span, people):
        return True
    bracket = _BRACKET_AFTER.match(text, span.end)
    if bracket and _OFFICE_WORDS.search(bracket.group(1)) and not _PRIVATE_OWNER.search(bracket.group(1)) \
            and "公司" not in bracket.group(1):
        return True  # 「没领的找我，电话0879-…（社区办公室）」: the bracket after the number names the office whose line it is
    start = span.start
    before = _clause_before(text, start)
    if (_DIALLED.match(before) or _FIELD_LABEL.match(before)) and not _OFFICE_WORDS.search(before) \
            and start - len(before) > 0:
        start -= len(before)
        before = _clause_before(text, start - 1) + text[start - 1:start]
    offset = start - len(before)
    office = None
    for m in _OFFICE_WORDS.finditer(before):
        office = offset + m.end()
    for official in officials:
        if offset <= official.start < start and (office is None or official.end > office):
            office = official.end
    if office is None:
        after = re.split(r"[，,。；;！!？?\n]", text[span.end:span.end + 16])[0]
        owned = _PRIVATE_OWNER.search(before) or any(start - len(before) <= p.start < start for p in people)
        near = [m for m in _OFFICE_WORDS.finditer(after) if _OFFICE_AFTER.match(after[:m.start()])]
        if not owned and not _PRIVATE_OWNER.search(after) and (_signed_by_office(text, span, people)
                                                               or _notice_line(text, span, people)):
            return True
        if near and re.match(r"\s?[（(]", after) and not _PRIVATE_OWNER.search(after):
            return True  # 「16689…（本人），0935-…（县政协提案委）」: the bracket says whose line it is
        return bool(near) and not _PRIVATE_OWNER.search(after) and not owned
    # 「镇政府联系人：X，电话…」: the office's own contact person does not make its line private.
    between = _OFFICE_CONTACT.sub("", text[office:start], count=1)
    if _PRIVATE_OWNER.search(between):
        return False
    return not any(office <= p.start < start for p in people)


_OFFICE_ADDRESS = re.compile(r"办公地[点址]|办事大厅|服务大厅|政务中心|(?:政府|局|委员会|办事处|中心|法院|检察院|医院|学校)的?(?:驻地|所在地|地址|办公|位于|设在)"
                             r"|地址是不是|地址是否"  # 「…局在哪里办公？地址是不是…？」: asking for an office's address
                             r"|^\s?(?:为|是)\S{0,8}(?:政府|局|委员会|办事处|中心|法院|检察院|医院|学校)")
# A public body named right beside an address: 「县粮站（学士街26号）」「位于文昌路11号的区政务服务中心」.
_PUBLIC_BODY = (r"(?:局|委员会|政府|办事处|街道办|中心|粮站|站(?!起|在)|(?<!场)所(?!致|在|有|以|得|属|谓)|法院|检察院|医院|卫生院|学校|[小中大]学|幼儿园|银行|图书馆|文化馆"
                r"|体育馆|礼堂|大厅|村委会|居委会)")
# (a town or one character of the road's name may stand between: 「中心（马鞍镇|朱德路12号）」「中心（市|民街128号）」)
_BODY_BEFORE = re.compile(_PUBLIC_BODY + r"\s?[（(：:]?\s?(?:位于|地址|设在|在)?[：:]?\s?(?:[\u4e00-\u9fff]{1,6}?[镇乡县区市]|[\u4e00-\u9fff])?$")
_BODY_AFTER = re.compile(r"\s?[）)]?\s?(?:的|是|为)?\s?[\u4e00-\u9fff]{0,8}?" + _PUBLIC_BODY)


# 「被告：某某建筑有限公司，住所地沙棠县西大街72号」: an organisation's registered seat (住所地) is public;
# a person's home in a judgment is written 「住…」.
_REGISTERED_SEAT = re.compile(r"(?:公司|集团|合作社|厂|中心|银行|医院|学校|事务所|协会)[\u4e00-\u9fff（）()]{0,4}[，,]?\s?"
                              r"(?:住所地|注册地址?|营业场所|经营场所)\s?[:：]?\s?[\u4e00-\u9fff]{0,10}$"
                              # 「采购人：县民政局，地址：…」「中标供应商：某有限公司，地址：…」: a notice's
                              # record of an organisation gives its address as a field right after its name
                              r"|(?:公司|集团|合作社|厂|中心|银行|医院|学校|[中小大]学|幼儿园|事务所|协会|局|委员会|政府|办公室|办事处)"
                              r"[，,]\s?地址\s?[:：]\s?[\u4e00-\u9fff]{0,10}$")


def public_address(text, span):
    """An address the text gives as a public body's (「中山路88号为区政府办公地点」「办公地址：…」
    「县粮站（学士街26号）」「文昌路11号区财政局」), with no private owner (「家住」「村民」) in the sentence."""
    before = text[max(0, span.start - 20):span.start]
    before = before[max((m.end() for m in _CLAUSE_END.finditer(before)), default=0):]
    after = _CLAUSE_END.split(text[span.end:span.end + 16])[0]  # the next line of a list is another row
    if _REGISTERED_SEAT.search(before):
        return True
    if _COME_TO.search(before) and _RECEIVE.match(after):
        return True  # (where a notice tells one to come and collect is the office's counter, whoever it is sent to)
    if re.search(_HOME_WORD + "|" + _PRIVATE_OWNER.pattern, before + after):
        return False
    return bool(_OFFICE_ADDRESS.search(before) or _OFFICE_ADDRESS.search(after) or _BODY_BEFORE.search(before)
                or _BODY_AFTER.match(after) or _service_point(text, span))


# 住 where someone lives; not a 居住证 nor the 住建 bureau (「报名：X大道108号镇住建交通局」)
_HOME_WORD = "住(?!证|建)"
# 「鹤沙社保分局…开放，地址X」「咨询0769-…，地址X」「请到X领取」: where an office receives people, given in its notice.
_ADDRESS_FIELD_END = re.compile(r"地址\s?[:：]?\s?$")
_OFFICE_SENTENCE = re.compile(_PUBLIC_BODY + r"|咨询\s?(?:电话)?\s?[:：]?\s?0\d{2,3}-")
_COME_TO = re.compile(r"(?:请|可)(?:到|前往|至)\s?$")
_RECEIVE = re.compile(r"\s?(?:领取|办理|报名|咨询|缴费|递交|提交)")


def _service_point(text, span):
    """An office's address field in a sentence that names the office or its consultation line and no one's home
    (the address may have taken its field's label in: 「地址X大道108号」)."""
    label = re.match(r"地址\s?[:：]?\s?", span.value)
    end = span.start + (label.end() if label else 0)
    sentence = text[max(0, span.start - 80):end]
    sentence = sentence[max((m.end() for m in re.finditer(r"[。！!？?\n]", sentence)), default=0):]
    return bool(_ADDRESS_FIELD_END.search(sentence) and _OFFICE_SENTENCE.search(sentence)
                and not re.search(_HOME_WORD + "|" + _PRIVATE_OWNER.pattern, sentence))
