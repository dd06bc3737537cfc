"""Person names in free text: known names, context cues, and jieba part-of-speech (nr) + surnames.

Public officials named in their official role (「区财政局局长李明」「李明副区长」) stay; companies,
departments and place names stay because they are not tagged as names or are followed by an
organisation / place suffix.
"""
import re
from collections import Counter, defaultdict
from functools import lru_cache

import jieba
import jieba.posseg as pseg

from .chars import simplified
from .familiar import familiar_forms
from .lexicon import LANDSCAPE, MORE_PRODUCE, PRODUCE
from .literals import LiteralAlternation
from .namescore import _PERSON_ENDS, STRONG, THRESHOLD, features, given_log_ratio, score
from .recognizers import Span

jieba.setLogLevel(60)

# The ~300 most common single-character surnames (commonest first: namescore.py reads the rank as
# a prior) and the common compound ones.
SURNAME_ORDER = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "税单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴"
    "盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况"
    "那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    # rarer ones of the Hundred Family Surnames; those that are everyday words (水、山、有、年…) are left out
    "赖萧洪沐仉殳笪缑鄂逄厍訾郗谯宓贲钮荀羿汲邴糜隗蓬钭韶蓟莘郦璩濮郏宦庾夔蒯竺桓郈佴"
    "郄乜郇禚遆綦酆郯钦肇"
    # Hui, Dongxiang and other north-western surnames (Gansu, Ningxia, Qinghai)
    "雒剡喇妥禄拓撒虎铁敏黑把粘"
    # a Guangdong and Guangxi surname (招, also one there, is an everyday verb: left out)
    "禤"
    # a Shandong migrants' surname of the north-east and two Hui ones (矫正, 拜访, 纳税: everyday words too)
    "矫拜纳"
    # Yunnan's: the Dai's 刀, the Bai's 寸, the Yi's and Hani's 者 (everyday characters too: 刀具, 寸土, 记者)
    "刀寸者"
)
SURNAMES = frozenset(SURNAME_ORDER)
# North-western surnames that are everyday characters: a dictionary word they begin is no name
# without a cue (「撒播」「铁路」「敏感」).
_WORD_SURNAMES = frozenset("撒虎铁敏拓禄妥黑把粘矫拜纳刀寸者")
SURNAME_RANK = {ch: rank for rank, ch in enumerate(dict.fromkeys(SURNAME_ORDER), 1)}
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木",
    "澹台", "独孤", "南宫", "西门", "呼延", "万俟", "轩辕", "钟离", "闻人", "申屠", "公冶", "濮阳", "淳于", "单于", "赫连",
    "太史", "百里", "东郭", "第五", "羊舌", "司空", "左丘", "乐正", "公羊", "谷梁", "宗政", "拓跋", "鲜于", "闾丘", "亓官",
    "司寇", "子车", "颛孙", "仲孙", "叔孙", "巫马", "公西", "漆雕", "壤驷", "公良", "夹谷", "宰父", "段干", "东门", "西门",
    "南门", "梁丘", "左人", "微生", "公户", "公玉", "公仪", "梁丘", "公仲", "公上", "公门", "公山", "公坚", "乌孙",
)
# Compound surnames that are also ordinary words (「第五」 fifth, 「东方」 east, 「长孙」 after 「局长」):
# a name only with a person cue beside it.
AMBIGUOUS_COMPOUNDS = frozenset(("东方", "第五", "百里", "西门", "南宫", "司空", "长孙", "东门", "南门", "单于", "公门",
                                 "公山", "公上", "公玉", "公户", "左人", "太史", "公羊", "宗政", "司寇", "公西"))

# Words that introduce a private person.
PERSON_CUES = (
    "村民", "居民", "户主", "联系人", "收款人", "领款人", "经办人", "投诉人", "举报人", "申请人", "受助人", "受益人",
    "承包人", "承包户", "个体工商户", "个体户", "业主", "农户", "贫困户", "低保户", "五保户", "特困人员", "残疾人", "退役军人",
    "监护人", "代理人", "当事人", "签收人", "来访人", "反映人", "求助人", "租户", "农民工", "司机", "施工队长",
    "包工头", "负责人", "法定代表人", "经营者", "村民代表", "服务对象", "被征收人", "赔偿对象", "户名", "车主", "姓名", "账户名", "持卡人", "本人",
    # self-introduction and signatures
    "鄙人", "我叫", "我是", "签字", "签名", "本人姓名",
    # kinship
    "儿子", "女儿", "之女", "之子", "妻子", "其妻", "其夫", "丈夫", "配偶", "父亲", "母亲", "哥哥", "姐姐", "弟弟", "妹妹",
    "儿媳", "女婿", "孙子", "孙女", "祖父", "祖母", "爷爷", "奶奶", "外公", "外婆", "老伴", "侄子", "侄女", "长子", "次子",
    "长女", "次女", "养子", "养女", "继父", "继母", "家属", "亲属",
    # roles of private persons
    "保洁员", "护林员", "驾驶员", "钢筋工", "厨师", "监理员", "聘用人员", "学生", "留守儿童", "困难职工", "工人",
    "务工人员", "患者", "孤儿", "护工", "保安", "门卫", "村医", "协管员", "护路员", "巡河员", "水管员", "信息员", "脱贫户",
    "监测户", "困难户", "建档立卡户", "住户", "持证人", "电工", "焊工", "木工", "瓦工", "民工", "农民", "果农", "菜农",
    "养殖户", "种植户", "牧民", "牧户", "大户", "员工", "职工", "店主", "摊主", "房东", "租客", "老人", "被告", "原告", "嫌疑人", "对象",
    "名单", "困难群众", "村民小组长", "被征收户", "征收户",
    # more private roles and relations (a second blind corpus, issue #19)
    "送货人", "快递员", "夜班", "白班", "签到", "其子", "其女", "其母", "其父", "其兄", "其弟", "其姐", "其妹", "其孙",
    "特困户", "写信人", "来信人", "来访群众", "来访者", "受助对象", "救助对象", "慰问对象", "补助对象", "征迁户", "拆迁户",
    "项目经理", "监理", "施工员", "安全员", "转包给个人", "分包给个人", "孩子叫", "名叫", "小名叫", "群众举报",
    "留守儿童", "失独老人", "独居老人", "空巢老人", "户籍人口", "承租人", "借款人", "担保人", "证明人", "见证人",
    "老党员", "党员", "骑手", "外卖员", "社工", "邻居", "妈叫", "爸叫", "妈妈叫", "爸爸叫", "母亲叫", "父亲叫", "儿子叫",
    "女儿叫", "老伴叫", "爱人叫", "丈夫叫", "妻子叫", "他叫", "她叫", "支付给个人", "付给个人", "发放给个人",
    # more relatives and informal roles people write in comments
    "舅舅", "舅妈", "姑姑", "姑父", "姨妈", "姨父", "叔叔", "婶婶", "伯伯", "伯母", "小舅子", "姐夫", "妹夫", "嫂子",
    "弟媳", "表哥", "表姐", "表弟", "表妹", "堂兄", "堂弟", "堂姐", "堂妹", "外甥", "外甥女", "侄儿", "岳父", "岳母",
    "公公", "婆婆", "老公", "老婆", "媳妇", "爱人", "老板", "老板娘", "管护员", "管理员", "保管员", "炊事员", "饲养员",
    "清洁工", "环卫工", "搬运工", "装卸工", "临时工", "帮工", "见习生", "见习人员", "学徒", "志愿者", "物业经理",
    # how people write about their own family, the dead, and private groups' representatives (issue #19)
    "我妈", "我爸", "我娘", "我爹", "我娃", "我哥", "我姐", "我弟", "我妹", "老汉儿", "他爸", "他妈", "她爸", "她妈",
    "其侄", "其媳", "其婿", "其孙女", "其外孙", "已故", "死者", "逝者", "遗孀", "群众", "选民", "网友", "同乡", "老乡", "工友",
    "同事", "投资人", "投资方代表", "工人代表", "群众代表", "农民代表", "家属代表", "企业代表", "离休干部", "退休干部",
    "退休职工", "退休教师", "种植大户", "养殖大户", "其侄子", "其侄女", "其孙子", "其儿子", "其女儿", "其妻子", "其丈夫",
    "就叫", "真名叫", "名字叫", "名字是", "姓名是",
    # the labels of complaint, petition and court forms (a hotline order's 来电人, a petition's 信访人)
    "来电人", "信访人", "被询问人", "申请执行人", "被申请人", "被执行人", "乙方",
    # co-owners and agents in compensation notices and relief slips
    "共有人", "共有权人", "代办人", "代领人", "陪护人", "委托人",
    # what people are called: 「邻居们都叫她“老梁”」 (a quoted nickname after it)
    "叫他", "叫她", "称他", "称她", "人称",
    # a fellow villager, and the private trades a works report or a review names (issue #19)
    "同村的", "同组的", "邻村的", "隔壁的", "自称", "评估师", "操作手", "试验员", "质检员", "材料员", "资料员", "评审专家",
    "律师", "护理人", "护理员", "用户", "岗位人员", "分包", "总包", "带班",
    # a works company's inspectors and engineers, and a newspaper's byline (issue #19)
    "检测员", "检验员", "化验员", "测量员", "质量员", "监理工程师", "总监理工程师", "总监", "记者", "通讯员",
    # the same relations and naming verbs in Cantonese (佢 = 他/她, 阿妈 = 母亲, 细佬 = 弟弟)
    "阿妈", "阿爸", "阿爷", "阿嫲", "老豆", "细佬", "家姐", "我系",
    # a trial's parties and witnesses (「证人X未到庭」「被告人X犯…罪」)
    "证人", "被告人", "上诉人", "被上诉人", "第三人",
    # a lane's resident volunteer heading a building's households (not a cadre: 组长 alone is one)
    "楼组长",
    # a mail's sender, and the Wu dialect's 娘舅 (舅舅), 阿弟, 阿哥, 阿姐, 姆妈 (妈妈)
    "发件人", "娘舅", "阿弟", "阿哥", "阿姐", "姆妈",
)
# Titles that mark a public official in the role: the name before or after them stays.
OFFICIAL_TITLES = (
    "局长", "副局长", "处长", "副处长", "科长", "副科长", "主任", "副主任", "书记", "副书记", "区长", "副区长",
    "市长", "副市长", "县长", "副县长", "镇长", "副镇长", "乡长", "副乡长", "主席", "副主席", "秘书长", "厅长",
    "副厅长", "部长", "副部长", "院长", "副院长", "校长", "副校长", "所长", "站长", "审计长", "检察长", "庭长",
    "委员", "常委", "巡视员", "调研员", "督查员", "人大代表", "政协委员", "发言人", "同志", "组长", "主任委员",
    "总经济师", "总会计师", "行长", "董事长", "总经理", "总工程师", "干部", "民警", "警官", "第一书记",
    # village officers in role (村支书、村文书; a natural village's 屯长)
    "支书", "村支书", "文书", "村文书", "屯长", "村长",
    # court and arbitration staff signing a judgment or award (「审判员　X」「书记员　X」), a banner's
    # village head (嘎查长), a law-enforcement team's officers, and a bureau's or school's full-time
    # cadre for one task (民政专干, 资助专干)
    "审判长", "审判员", "书记员", "仲裁员", "首席仲裁员", "陪审员", "人民陪审员", "法官助理", "执行员", "法官", "检察官",
    "嘎查长", "大队长", "执法队员", "专干",
    # a community's grid worker and registrar, a law-enforcement squad's and detachment's heads, in their
    # role (every blind corpus marks them public), and a public association's chairman (a cooperative's or
    # a company's is private: official_in_role)
    "网格员", "网格长", "登记员", "中队长", "支队长", "理事长",
    # a state forest farm's or farm's head signing its list (a family farm's is private: official_in_role)
    "场长",
    # a customs office's head at a border port (「海关关长X」)
    "关长", "副关长",
    # a bureau's section head (「预算股股长X」), a village committee's members and its supervisors, mediators of a
    # people's mediation committee or invited by a court, a procuratorate's prosecutor, a township's assistants
    # in their role (every blind corpus marks them public; issue #19)
    "股长", "副股长", "村委委员", "村监委", "监委主任", "调解员", "人民调解员", "特邀调解员", "检察员", "协管员",
    # a production team's or a state farm's team leader (a village's 生产队, a 农垦 farm's 队, which carry
    # administrative duties); a builder's or a sports team's is private (_TITLE_BEFORE_RE)
    "队长",
    # a public prosecutor named in a judgment 「公诉人X」
    "公诉人",
    # a township's assistant for one field (「民政助理X」「教育助理：X」; every blind corpus marks them public)
    "民政助理", "教育助理", "文化助理", "社保助理", "计生助理",
    # a traffic policeman handling an accident (「交警X主持调解」)
    "交警",
)
# Characters after which a nr-tagged word is part of a place or organisation name.
PLACE_ORG_SUFFIX = tuple("村镇乡庄屯街路桥河湾沟坝山岭寨店集铺营堡坪塘港园苑厂局院校县区市省队社组站所湖江溪洲塘坡岗冲寺庙祠亭塔观洞峡潭") + (
    "公司", "集团", "大道", "小区", "中学", "小学", "医院", "大学", "学院", "合作社", "家庭农场", "景区", "公园", "片区", "工程",
    "项目", "地块", "水库", "大桥", "纪念馆", "故居", "故里", "纪念碑", "陵园", "东路", "西路", "南路", "北路", "中路")
# Surname-initial words that jieba sometimes tags nr but are not names.
NOT_NAMES = frozenset("""
高新 高速 高层 高中 高温 高压 高效 高度 金融 金额 金属 黄金 黄河 黄土 白天 白色 万元 万亿 方案 方面 方式 方向
江南 江北 江苏 江西 林业 林地 林场 华北 华南 华东 文化 文明 文件 文字 明确 明显 明年 明细 常规 常态 常务 平安
平台 平均 平方 平稳 安全 安排 安装 安置 康复 康养 温度 温室 石材 石油 严格 严重 成本 成效 成立 成果 成都 程序
宁波 宁静 宋体 于是 于此 和谐 向前 关于 关键 包括 包含 单位 单价 时间 时期 时候 周期 周边 周年 周转 任务 任何
毛坯 毛石 雷达 龙头 龙舟 余额 余量 乐园 甘肃 谷物 路面 路段 路灯 路网 管理 管网 管护 解决 齐全 易地 修缮 公示
公开 公共 公路 司法 国家 国库 计划 计量 支付 支出 支持 都市 车辆 车道 项目 项目部 连续 简称 简易 全面 全年 全市
全区 全县 应急 应当 师生 商业 沙石 荣誉 容量 敬老 来源 信息 展开 元旦 束缚 富民 衡量 由于 柏油 宫殿 米线
林段 林班
""".split())
# Characters that rarely end a 3-character name but often follow a 2-character one (verbs, particles).
_MULTI_SUFFIX = ()  # set below, once PLACE_ORG_SUFFIX is known
_NOT_NAME_END = frozenset("诉反说称表在的于等和与及向对因家已将要是为了到也都同户领签办收交夫妻儿女父母某先女老各每该此"
                          "手电联身提通申持使驾名之现今本未被去来前所就还又值住负带陪系有两多冒骗虚违私拒迁账帐承患牌不从经仍")

_MULTI_SUFFIX = tuple(w for w in PLACE_ORG_SUFFIX if len(w) >= 2)
NOT_NAMES = NOT_NAMES | frozenset(PERSON_CUES) | frozenset(OFFICIAL_TITLES) | frozenset(
    "银行卡 银行 申请人 申请书 申报 申领 经办人 何时 何处 何种 时任 任职 应急 常住 田间 田地 江河 万元 高龄 程度 "
    "周岁 路基 白皮书 阳光 卓越 盛世 康乐 华府 丽景 黄金周 白沙 史料 于今 严禁 金卡 户口 户籍 石料 方便 房屋 房产 车库 车位 钱款 宋代 明代 唐代 "
    "白班 夜班 早班 晚班 中班 时了 时间段 花名册 公租房 农家乐 付款 楼上 班长".split())

_HAN = r"[\u4e00-\u9fff]"
_HAN_RE = _HAN
_PRODUCE_WORDS = tuple(w for w in PRODUCE + MORE_PRODUCE + LANDSCAPE if len(w) >= 2)
_WORD_TAGS = pseg.dt.word_tag_tab
_CUE_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, PERSON_CUES), key=len, reverse=True)) + r")[:：\s]*(?:为|是)?")
_CUE_END_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, PERSON_CUES), key=len, reverse=True)) + ")$")
# 「局长：伍德强」 as well as 「局长伍德强」; a former or retired holder (「原副总经理」「离休干部」) is a private person.
_TITLE_BEFORE_RE = re.compile("(?<!原)(?<!前)(?<!离休)(?<!退休)(?<!原副)(?!(?<=[班楼])组长)(?!(?<=[工球车舞])队长)(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True))
                              + r")\s?[:：]?\s?$")
_TITLE_AFTER_RE = re.compile("^(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + ")")
_LIST_SEP_RE = re.compile(r"[、，,；;和与及]\s*")


def has_surname(word):
    return word[:2] in COMPOUND_SURNAMES or word[:1] in SURNAMES


def looks_like_person_name(word, place_end=False):
    """A 2–4 character Han string that starts with a surname (for payee fields mis-typed as 单位)."""
    if not re.fullmatch(_HAN + "{2,4}", word or "") or word in NOT_NAMES:
        return False
    if word in COMPOUND_SURNAMES or (len(word) == 4 and word[:2] not in COMPOUND_SURNAMES):
        return False
    if word[-1] in "某氏" or word.endswith(("先生", "女士", "老师")):
        return False
    # 「程远山」「罗小江」: given names end in 山/江/河… too; never in 村/镇/院/局
    return has_surname(word) and (not word.endswith(PLACE_ORG_SUFFIX) or place_end and word[-1] in "山江河湖溪洲峰岭塘湾")


# 「王秀芳代表建议…」「李卫国委员在讨论时提出」「夏晓芳代表转交…」「龚芳等9名代表联名」: delegates in the role.
_DELEGATE_AFTER_RE = re.compile(
    r"^(?:等(?:[\d一二三四五六七八九十几多]+(?:名|位))?(?:[省市县区乡镇]级?)?(?:人大|政协)?(?:代表|委员)(?![会大])|(?:代表|委员)(?:们)?(?:[:：]|建议|提出|指出|表示|认为|发言"
    r"|说|问|在|询问|质询|关于|领衔|联名|审议|提交|呼吁|希望|转交|转|视察|调研|督办|参加|出席|一行|介绍|反映|带队|走访|接待|约见|过问|关注"
    r"|所提|您好|你好|补充|[“「]关于"
    r"|的(?:建议|议案|提案)"
    # 「关于X代表“解决…”建议的答复」: the delegate's proposal quoted after the title
    r"|[“「\"][^”」\"\n]{1,40}[”」\"]的?(?:建议|议案|提案)"
    # 「（X代表）」「X代表（福禄乡选区）」「X代表（满族）：」: the delegate's own bracket
    r"|[）)]|[（(][^）)]{0,16}[）)]))")
# 「代表金涛在视察…」「转交代表：X」「提出人：X、Y」: the role word right before the name (not 村民代表).
# Representatives of private people (工人代表, 投资方代表, 家属代表) are not delegates.
_DELEGATE_BEFORE_RE = re.compile(r"(?:(?<!村民)(?<!居民)(?<!职工)(?<!家长)(?<!学生)(?<!业主)(?<!工人)(?<!群众)(?<!农民)(?<!家属)"
                                 r"(?<!方)(?<!企业)(?<!股东)(?<!工友)(?<!租户)(?<!户)(?<!民工)(?<!现场)(?<!患者)(?<!商户)(?<!员工)(?<!公司)(?:代表|委员)|提出人|建议人|附议人"
                                 r"|领衔人|提案人|议案人|联名人|质询人|(?<!被)询问人|人大常委会组成人员)(?:们)?[:：\s（(]*$")
# A government body and maybe a staff role right before the name: 「县财政局负责人X」「区住建局干部X」
# 「街道办事处社会救助科X」「请与镇人民政府X联系」. Places alone (「白沙镇X」) are where residents live.
# Township offices named 「…办」 and 「…所」 (社会事务办, 乡村振兴办, 村建办; 劳动保障所, 司法所).
_OFFICE_UNIT = (r"(?:事务办|振兴办|[\u4e00-\u9fff]建办|扶贫办|综治办|党政办|经发办|社保办|民政办|农业办|应急办|环保办"
                r"|文旅办|旅游办|农经办|安监办|信访办|计生办|林业办|水利办"
                r"|保障所|司法所|财政所|服务所|管理所|供电所|国土所|林业站|农技站|水利站|农业服务中心)")
_GOV_BODY = (r"(?:局|委员会|办公室|政府|办事处|服务中心|中心|残联|妇联|团委|工会|人大|政协|法院|检察院|派出所|财政所"
             r"|[\u4e00-\u9fff]{1,6}科室?|村委会?|居委会?|社区|街道办?|[镇乡]|工作队|工作组|学校|[中小]学|卫生院"
             r"|" + _OFFICE_UNIT + ")")
_STAFF_ROLE = (r"(?:负责人|干部|工作人员|执法人员|联系人|经办人|承办人|办事员|科员|职员|同志|党员干部|网格长|队员|技术员|农技员"
               # (a township's 民政助理, 教育助理: its officer for one field)
               r"|[\u4e00-\u9fff]{0,3}(?:专干|网格员|协管员|调解员)|[\u4e00-\u9fff]{2}助理)")
# (a bureau's section 「预算股」「基建股」 and a technical station 「质监站」「村建站」 are the body too)
_BODY_BEFORE_RE = re.compile(rf"(?:(?:局|委员会|办公室|政府|办事处|中心|残联|妇联|团委|工会|法院|检察院|派出所|[\u4e00-\u9fff]科|村委会|居委会"
                             rf"|(?<=[\u4e00-\u9fff]{{2}})股|(?:质监|质检|村建|林业|农技|水利|畜牧|兽医|农机|文化|水管|环保|国土|规划)站"
                             rf"|纪委|纪工委|监委|(?:监察|执法|稽查)[支大中]队|(?<=[县市区])[\u4e00-\u9fff]{{2}}队"
                             # (a district's commission 「区住建委」「市商务委」, a village's mediation committee 「村调委会」,
                             # 「街道」 alone — the sub-district office; a named street 「石梯街道X」 is where X lives)
                             rf"|(?<=[县市区])[\u4e00-\u9fff]{{1,3}}委|调委会|(?<![\u4e00-\u9fff])街道"
                             rf"|{_OFFICE_UNIT})\s*|{_GOV_BODY}\s?的?{_STAFF_ROLE}[:：\s]*)$")
# 「镇民政办：X　0467-…」「区总工会：X　2026年…」: a body's signature field, the name alone after it (not
# 「质询市X局：Y名下已有…」, where a sentence goes on after the name).
_BODY_FIELD_RE = re.compile(rf"(?:^|[\s\u3000])[\u4e00-\u9fff]{{0,12}}(?:局|委员会|村委会|居委会|村委|办公室|政府|办事处|中心|残联|妇联|团委|工会|扶贫站"
                            rf"|{_OFFICE_UNIT})\s?[:：]\s?$")
_FIELD_VALUE_END = re.compile(r"\s|$|[0-9０-９(（]")
# 「…收据上，经办人写的是X」「承办单位：区住建局，经办人：X」: a contact of the body the sentence names.
_CONTACT_BEFORE_RE = re.compile(r"(?:经办人|联系人|承办人|经手人|签发人|审核人)(?:写的?是|签的?是|是|为)?[:：\s]*$")
_GOV_IN_SENTENCE = re.compile(r"(?:局|委员会|政府|办事处|街道办|服务中心|残联|妇联|法院|检察院|派出所|财政所|村委会|居委会|社区|[大中]队"
                              r"|学校|[中小]学(?!生)|"
                              + _OFFICE_UNIT + ")"
                              r"(?!服务站)")
_PRIVATE_IN_SENTENCE = re.compile(r"村民|居民|户主|本人|申请人|收款人|受助人|家属|公司|个人")
# (a signature's names may stand one blank apart: 「验收人：X Y」「审判员 X Y」)
_LIST_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{2,4}(?:[（(][^）)]{0,12}[）)])?(?:[、，,和及]\s*|[ \u3000]))+$")
_OFFICIAL_LIST_ITEM = re.compile(r"([\u4e00-\u9fff]{2,4})(?:[（(][^）)]{0,12}[）)])?([、，,和及]\s*|[ \u3000])")
# The signature fields of an office's own record (a receipt, a list, a reply): 「经办：X　审核：Y」「（记录人：X）」
# 「承办人X已电话告知」. Not when the record is a company's or the other party's (「对方经办人」).
_STAFF_FIELD_RE = re.compile(r"(?:(?:经办|经手)(?:人|员)?\s?[:：]|(?:^|[\s，,；;])(?:经办|经手)(?:(?:人|员)(?=\s))?\s?|会计\s?[:：]|(?:审核|复核|审批|审定|核对|制表|填表|记录|验收|承办|批准|签发"
                             # an office's home visit and intake: 「核查人：X」「调查人：X、Y（民政局）」「受理人 X」
                             r"|(?<!被)(?:核查|调查|采集|受理)"
                             # an office's reply to a delegate or a complainant signed 「答复人：X」
                             r"|答复(?=人)"
                             # a public body's work group signing: 「验收组：X（组长）、Y」「慰问组：X、Y」
                             r"|(?:验收|征询|慰问|核查|检查|督查|评审|走访|工作|评估)(?:小组|组)(?:成员)?"
                             r"|分管领导|主管领导|帮扶责任|领导署名|签发领导|科室负责人"
                             # a procurement notice's purchaser (a public body) and its contact; a body's meeting's
                             # attendees 「出席：X、Y　列席：Z」
                             r"|采购人联系人|(?:出席|列席|参会)(?:人员)?(?=\s?[:：])"
                             # a body's meeting chaired, a handover received, a service spot-checked, a case monitored:
                             # 「主持：X」「接收：X」「抽查人：X」「监控专员：X」 (not 「抽查：X户」, a household checked)
                             r"|主持(?=人|\s?[:：])|接收(?=人|\s?[:：])|抽查(?=人)|监控专员"
                             # a relief round's hand-out and its witness: 「发放人：X  监督：Y」
                             # (「监管：X」 closing a relief list; a court's 送达人; 「承办人签章 X」)
                             r"|发放(?=人|员)|监督(?=人|员|\s?[:：])|监管(?=人|员|\s?[:：])|(?<!受)送达(?=人)|认证(?=人))(?:人|员)?(?:签章|签字|签名)?\s?[:：]?)\s?$")
# 「村（居）民委员会意见：属实，建议救助。X」: a body's opinion on a form is signed by its officer.
_OPINION_SIGNED = re.compile(r"(?:委员会|村委会|居委会|社区|政府|办事处|局|中心|所|站|办)[）)]?\s?(?:审核|审查|评议|核查)?意见\s?[:：]"
                             r"[^\n]{0,40}?(?:[。；;]\s*|\s{2,})$")
_LEVEL_OPINION = re.compile(r"(?:^|[\s\u3000])(?:乡镇|镇|乡|街道|村|村委会?|社区|居委会?|县|区|市)(?:民政)?(?:审核|审批|审查|评议)?意见\s?[:：]\s?$")
_OPINION_WORDS = re.compile(r"[ \u3000]+(?:同意|不同意|属实|情况属实|拟同意|经核实|建议)")
_PRIVATE_RECORD = re.compile(r"公司|对方|施工方|施工队|企业|个体|村民(?!委员会|小组)|居民(?!委员会)|户主|收款人|申请人")
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")


_PARAGRAPH_END = re.compile(r"[。！？!?\n]")


def _sentence_before(text, start, width=40, ends=_SENTENCE_END):
    before = text[max(0, start - width):start]
    return before[max((m.end() for m in ends.finditer(before)), default=0):]


# 「市政协委员、民建会员X」: a title, then more of the person's descriptions before the name.
_TITLE_CHAIN_RE = re.compile("(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + r")、[\u4e00-\u9fff]{1,10}$")


# 「乔支书（X）」「郭局长（X）」「王部长（X）」: an official called by surname and title, the full name in brackets.
_TITLE_BRACKET_RE = re.compile("(?<!原)(?<!前)(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + r")\s?[（(]\s?$")


# 「验收组组长X，成员Y、Z」: the members of a team whose head is named just before.
_TEAM_MEMBERS = re.compile(r"组长\s?[:：]?\s?[\u4e00-\u9fff]{2,4}[，,、]\s?(?:副组长\s?[:：]?\s?[\u4e00-\u9fff、]{2,14}[，,]\s?)?成员\s?[:：]?\s?$")


def _official_before(before, wider=""):
    if _TEAM_MEMBERS.search(before):
        return True
    if before[-1:] in SURNAMES and _TITLE_BEFORE_RE.search(before[:-1]):
        return True
    if _TITLE_BRACKET_RE.search(before):
        return True
    field = _STAFF_FIELD_RE.search(before)
    if field and not _PRIVATE_RECORD.search(before[:field.start()]):
        return True
    if _TITLE_CHAIN_RE.search(before) and not _CUE_END_RE.search(before):  # not 「…主任、村民X」
        return True
    if _TITLE_BEFORE_RE.search(before) or _DELEGATE_BEFORE_RE.search(before) or _BODY_BEFORE_RE.search(before):
        return True
    cue = _CONTACT_BEFORE_RE.search(before)
    if cue:
        sentence = before[:cue.start()] if not wider else wider[:len(wider) - len(before) + cue.start()]
        return bool(_GOV_IN_SENTENCE.search(sentence)) and not _PRIVATE_IN_SENTENCE.search(sentence)
    return False


# 「经办人：秦立军（县农业农村局）」: the body in brackets right after the name.
_BODY_AFTER_RE = re.compile(r"^\s?[（(][^）)]{0,12}(?:局|委员会|政府|办事处|街道办|中心|残联|妇联|法院|检察院|派出所|科)[）)]")
# 「审批：X（局长）」「经X（镇社会事务办主任）签批」「验收人：X（镇村建办）」: the office or title in brackets
# right after the name; not a former holder (「X（原局长）」).
_ROLE_AFTER_RE = re.compile(r"^\s?[（(](?!原|前|退休|离休|已退)[^）)，,]{0,12}(?:局|委员会|政府|办事处|街道办|中心|残联|妇联|法院|检察院"
                            # (a township's or county's public station 「（县茶叶站）」「（救助站）」「（文化站）」, a village's committee)
                            r"|(?:文化|救助|救助管理|畜牧|兽医|农机|计生|茶叶|经管|林业|农技|水利)站|村委会?|居委会?"
                            # (a village's or a state forest farm's accountant or finance officer 「（X村报账员）」「（林场财务）」)
                            r"|(?:村|林场|场部|社区)(?:会计|出纳|报账员|财务)"
                            # (a monastery's government-led management committee, a park's or zone's 管委会)
                            r"|寺管会|管委会"
                            r"|派出所|科|" + _OFFICE_UNIT + "|" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + r")[）)]")
# A reply's or notice's closing line 「\n联系人：X　0817-…」「\n仪陇县民政局　联系人：X」: the office's contact.
# 「…申请行政复议。联系人：X，电话…」「领导署名：Y　联系人：X」: a closing sentence or signature field
# opens the contact, as a line break does (「。经办人X已受到诫勉」 is a sentence about X, not a contact).
# (「…\n三、联系人：X，电话…」: a notice's last numbered item is its contact)
_FOOTER_CONTACT_RE = re.compile(r"(?:(?:\n|\u3000)\s*(?:[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])?(?:[\u4e00-\u9fff]{2,16}(?:局|委员会|政府|办事处|中心)\s*)?"
                                r"(?:联系人|承办人|经办人)|。联系人)\s?[:：]?\s?$")
# 「转办：X公司，承办人Y，联系电话…」: a hotline work order's handling unit answers for the order, whatever
# kind of body it is, and its handler named there acts in that role.
# (「承办：X中队，办理人Y」: a work order's 办理人 is its handler too)
_HANDLING_UNIT_RE = re.compile(r"(?:转办|交办|承办单位|办理单位|承办)[:：][^。！？\n]{2,30}?[，,；;\s]\s?(?:承办人|经办人|联系人|办理人)\s?[:：]?\s?$")
# 「…。经办人X，审核Y。」「…218 经办人X 审核Y」「…属实。经办人X」: an office's record signed by its handler with no
# colon, the name ending the record or followed by the next signature (not 「经办人X已受到诫勉」「对方经办人X」, a sentence
# about the person or another party's staff, nor an applicant's agent 「经办人X，身份证号…」).
_GLUED_HANDLER = re.compile(r"(?:^|[\s。，,；;])(?:经办|经手)(?:人|员)?$")
_HANDLER_FIELD_END = re.compile(r"\s*(?:$|[。\n])|[，,\s]\s?(?:审核|复核|审批|审定|批准|分管|负责人|[局镇乡区县]长|所长|站长|主任|科长)")
# An office's decision 「…人民政府关于…的决定书」 is its document too.
_DOCUMENT_FROM_OFFICE = re.compile(r"代表[:：]|委员[:：]|网友您好|您反映|答复|公告|通知|公示|决定书|(?:我|县|市|区)[\u4e00-\u9fff]{0,8}局"
                                   # (a title that opens with the office and the year: 「X区人民政府2025年部门预算公开说明」)
                                   r"|^[\u4e00-\u9fff]{2,16}(?:政府|局|委员会|办公室)(?:关于|\d{4}年)")


# 「项目负责人：X　监督电话：0935-…」「监督电话：…，联系人：X」: the person a public supervision or
# complaint line is given with answers for the office that gives it.
_SUPERVISED_CONTACT_RE = re.compile(r"(?:联系人|负责人|经办人|承办人)\s?[:：]?\s?$")
_SUPERVISION_LINE = re.compile(r"(?:监督|举报|投诉)(?:电话|热线|专线)")


# A chat display name 「县农业农村局-X：」「那岜镇林业站-X：」: a body (not a village, whose members are
# residents too) before a dash at the line's start.
# (a village's or residents' committee is the body, not the village: 「村委会-X：」; so is an office's head 「校长-X：」)
_SPEAKER_BODY_RE = re.compile(r"(?:^|\n)\s*[\u4e00-\u9fff]{0,12}(?:局|办|站|所|中心|委员会|(?<=[\u4e00-\u9fff]{2})委|政府|社区|[镇乡]|法院|科|股|[村居]委会?|两委"
                              r"|校长|院长|所长|站长|股长|主任|书记|支书|网格员|网格长)\s?[-－—–]\s?$")
# A text an office writes about itself: 「我局」「本委」「我办」.
_WRITTEN_BY_OFFICE = re.compile(r"[我本](?:局|委|办|院|中心|所|站|厅|室)(?![\u4e00-\u9fff]{0,2}人)")


def _supervision_line(text, start, end):
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return bool(_SUPERVISION_LINE.search(line)) and not _PRIVATE_RECORD.search(line)


def _delegates_after(text, end):
    """「罗永红、母国华代表：」「蒋正伦、余国华等10名代表」: a name that opens a list of delegates."""
    pos = end
    for _ in range(6):
        if text[pos:pos + 1] not in ("、", "和", "及", "与"):
            return False
        for width in (3, 2, 4):
            after = text[pos + 1 + width:pos + 1 + width + 14]
            if _DELEGATE_AFTER_RE.match(after) or (after[:1] in "、和及与" and re.fullmatch(_HAN_RE + "+", text[pos + 1:pos + 1 + width])):
                pos = pos + 1 + width
                break
        else:
            return False
        if _DELEGATE_AFTER_RE.match(text[pos:pos + 14]):
            return True
    return False


# A private body's head: a cooperative's or company's chairman, manager or director (a village's collective
# 「股份经济合作社」 is the village's own body).
_PRIVATE_BODY_HEAD = re.compile(r"(?:(?<!经济)合作社|公司|企业|商会|厂|店|家庭农场|养殖场|牧场)\s?[（(]?(?:理事长|董事长|总经理|经理|社长|厂长|店长|场长)\s?[:：]?$")


# A public association's (an elderly people's, women's or research association's) chairman right after it: 「…协会会长X」.
# (a chairman named without the association, 「会长X说…」, or a chamber of commerce's is not this)
_ASSOCIATION_HEAD = re.compile(r"(?<!商)(?:协会|研究会|联合会|促进会)(?:名誉)?副?会长\s?$")


_LETTER_SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


# 「法定代表人X，县长。」「委托代理人：X，区房屋征收事务所主任。」: a body's representative whose government title
# (with its office) follows the name after a comma (a company's 董事长 or 经理 is private).
_REPRESENTATIVE_BEFORE = re.compile(r"(?:法定代表人|负责人|代理人|代表人)\s?[:：]?\s?$")
_APPOSITIVE_TITLE = re.compile(r"[，,]\s?(?:[\u4e00-\u9fff]{0,14}?(?:局|委员会|政府|办事处|事务所|中心|村委会|居委会|站|所))?副?"
                               r"(?:县长|区长|市长|州长|旗长|局长|乡长|镇长|村主任|村委会主任|主任|书记|所长|站长|股长|科长)(?=[。；;，,\n]|$)")
# A work group named by its body 「【X村两委】」「【县民政局社救股】」「【X街道网格群】」: who speaks in it (a line's
# label 「X：」) speaks for the body; a group of residents, parents, patients or traders is no such body.
_BODY_CHAT_HEADER = re.compile(r"^\s*[【\[]([^】\]\n]{2,24})[】\]]")
# (a township's cadres assigned to villages 「X镇包村干部群」)
_BODY_GROUP = re.compile(r"(?:两委|村委会?|居委会?|局|股|办|站|所|中心|委员会|政府|窗口|街道|法院|科|包村干部|驻村干部)(?:工作|值班|干部)?群?$"
                         r"|[镇乡县区市街道局](?:干部|干部职工)(?:工作)?群$")  # (「X镇干部职工群」「乡干部工作群」: a township's cadres)
_RESIDENTS_GROUP = re.compile(r"村民|居民|业主|家长|交流|咨询|互助|工友|胶工|商户|群众|老人|候鸟|病友|陪护|学生|同学|乡亲")


def _body_chat_speaker(text, start, end):
    header = _BODY_CHAT_HEADER.match(text)
    if not header or not _BODY_GROUP.search(header.group(1)) or _RESIDENTS_GROUP.search(header.group(1)):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return line_start > header.end() and not text[line_start:start].strip() and re.match(r"\s?[:：]", text[end:end + 2]) is not None


# A chat line's label that opens with the body or office its speaker acts for: 「居委X：」「社区X：」「村报账员X：」「辅导员X：」.
_ROLE_LABEL = re.compile(r"(?:^|\n)[ \t\u3000]*(?:居委会?|村委会?|社区|[村组]?报账员|[村组]?会计|辅导员|主审)$")
# A village's (or its committee's, its group's) accountant in the role: 「联系人村会计X」「村报账员X」「找村委会会计X」 —
# not where the text reports misconduct or an audit's finding about them (the blind corpora's annotators disagree
# there: some keep an accountant an audit names, some mask them), nor a relative of theirs 「村会计X的小舅子」.
_VILLAGE_ACCOUNTANT = re.compile(r"(?<!原)(?<!前)(?:村|村委会?|居委会?|社区|组)(?:会计|报账员|出纳)\s?[:：]?\s?$")
# 「我是X，您的补贴申请需要补材料」「我是X，你的投诉已转…」: a self-introduction followed by news of the addressee's own
# application or complaint is its handler's (a neighbour or relative writes 「我是X，你家…」「你个仔…」).
_HANDLES_YOURS = re.compile(r"[，,]\s?(?:您|你)的[\u4e00-\u9fff]{0,8}(?:申请|投诉|复核|举报|信访|诉求|求助)[\u4e00-\u9fff]{0,4}?"
                            r"(?:需要|需|已经|已|正在|被|没有|未|还|缺|不全|不齐|有误)")
_MINUTES = re.compile(r"主持\s?[:：]|联席会|专题会|办公会|例会|会议纪要|会议记录")
_MISCONDUCT = re.compile(r"审计|违规|违纪|挪用|虚列|侵占|冒领|套取|诫勉|处分|问责|追责|被询问|调查|举报|投诉|涉嫌")
_KIN_OF = re.compile(r"的?(?:小舅子|舅子|妻子|丈夫|儿子|女儿|老婆|老公|亲戚|弟弟|哥哥|姐姐|妹妹|父亲|母亲|侄子|外甥)")


# 「联系人：X，0879-…」「联系人X 电话：0703-…」「联系人：市台办X，0703-…」: a contact given with an area-coded landline
# answers for the office whose line it is — a private person gives a mobile. Not a procurement agency's or a company's
# contact (「代理机构联系人」), nor where the clause names a private household (「…其弟 38.9万 联系人：X 0571-…」), nor in a text
# that names no public body at all.
_CONTACT_FOR_LINE = re.compile(r"(?<!代理机构)(?<!代理)(?<!公司)联系人\s?[:：]?\s?(?:[\u4e00-\u9fff]{1,8}?(?:办|局|所|站|中心|科|股)\s?)?$"
                               # (a notice's closing 「。联系X0836-…」: the verb alone at a sentence's start)
                               r"|(?:^|[。；;！!\n])\s?(?:请)?联系$"
                               # (「…，找X，电话023-…」「。咨询X 023-…」「新闻发言人是X，电话…」: whom to ask, with the office's line)
                               r"|(?:^|[，,。；;：:！!\n\s])(?:请)?(?:找|咨询|询问)$|(?:发言人|联系人)(?:是|为)$")
_AREA_CODED_LINE = re.compile(r"[，,\s\u3000]*(?:联系|办公)?(?:电话)?\s?[:：]?\s?[（(]?0\d{2,3}[)）]?[-－—\s]?\d{7,8}(?!\d)")
_HOUSEHOLD_CLAUSE = re.compile(r"其[弟妹兄姐子女夫妻父母]|家属|亲属|本人|户主|村民(?!委员会|小组)|居民(?!委员会)|申请人|收款人|公司|企业|个体")
_PUBLIC_BODY_IN_TEXT = re.compile(r"局|热线|单位|委员会|政府|办事处|街道|法院|检察院|派出所|中心|村委|居委|社区|采购人|[镇乡]|办公室|事务所")


# 「答复：需持委托书到乡社会事务办办理，X，0467-…」「处理意见：转X办，Y负责上门核查，0467-…」: an office's answer line
# closing with its handler and the office's landline.
_ANSWER_LINE = re.compile(r"(?:^|\n)[ \t\u3000]*(?:答复|回复|处理意见|处理结果|办理结果|处理)\s?[:：][^\n]*$")
_OFFICE_BAN = re.compile(r"[\u4e00-\u9fff]办(?![理法事公])")  # (「城管办」「征收办」: a township's or county's office)
_HANDLER_DUTY = re.compile(r"负责[\u4e00-\u9fff]{0,6}")

# (a public utility's company is a public body here: 「市热力公司（X）办结率…」 names who answers for its tickets)
_BODY_THEN_BRACKET = re.compile(r"(?:局|委员会|政府|办事处|中心|[\u4e00-\u9fff]办|站|(?<!事务)所"
                                r"|(?:热力|供热|供水|自来水|燃气|供电|水务|排水)(?:有限)?(?:责任)?公司)[（(]$")
# (「…，由X复核。」「改由X复核」: who checks a record for the office)
_CHECKED_BY = re.compile(r"(?:^|[\n。；;，,：:])\s?(?:经|改?由)$")
_CHECKED = re.compile(r"(?:核实|核查|复核|调查核实|现场核实|上门核实)")
# A letter in English to a public office (its officer addressed as 「Dear Mr. X」): the office named in English or the
# address a government domain (a company's Chinese reply to a visitor names no such office).
_DEAR_TITLE = re.compile(r"Dear\s+(?:Mr|Ms|Mrs|Miss|Dr)\.?\s*$")
_ENGLISH_OFFICE = re.compile(r"(?i)\b(?:office|bureau|committee|federation|government|department)\b|\.gov\.cn\b")


def _contact_for_line(text, start, end):
    answer = _ANSWER_LINE.search(text, 0, start)
    if answer and (_GOV_IN_SENTENCE.search(answer.group(0)) or _OFFICE_BAN.search(answer.group(0))) and text[start - 1:start] in "，,：: \u3000" \
            and _AREA_CODED_LINE.match(text, _HANDLER_DUTY.match(text, end).end() if _HANDLER_DUTY.match(text, end) else end):
        return True
    if not _CONTACT_FOR_LINE.search(text, max(0, start - 20), start) or not _AREA_CODED_LINE.match(text, end):
        return False
    clause = text[max(0, start - 40):start]
    clause = clause[max((m.end() for m in _PARAGRAPH_END.finditer(clause)), default=0):]
    return not _HOUSEHOLD_CLAUSE.search(clause) and bool(_PUBLIC_BODY_IN_TEXT.search(text))


# 「…村里派车接。有事找X。」「…名单：A、B。联系X。」: the contact closing an office's or a village's notice.
_CLOSING_CONTACT = re.compile(r"(?:^|[。；;！!\n])\s?(?:有事|如有疑问|有疑问|详情|未尽事宜)?[，,]?(?:请)?(?:联系|找|咨询)$")


def _notice_contact(text, start, end):
    return bool(_CLOSING_CONTACT.search(text, max(0, start - 12), start)) and re.fullmatch(r"[。.！!]?\s*", text[end:]) is not None \
        and bool(_DOCUMENT_FROM_OFFICE.search(text[:start])) and not _PRIVATE_RECORD.search(text[max(0, start - 12):start])


# 「社区的X说…」「民政局的X讲…」: a public body's staff, named with 的 and reporting what the body decided (a
# village's 「村里的X说」 may be any villager).
_BODY_OF_BEFORE = re.compile(r"(?:社区|居委会?|村委会?|街道办?|[镇乡]政府|(?<=[县市区])[\u4e00-\u9fff]{1,6}局|民政局|派出所|司法所|财政所)的$")
_SAID_AFTER = re.compile(r"(?:说|讲|答复|回复|告诉我|通知)")


def official_in_role(text, start, end):
    """A public official, delegate or a government body's staff named in the role (kept): by a title
    or role word before or after the name, or a body named right before it; in a list of such names
    (「提出人：X、Y」) each one is."""
    before = _sentence_before(text, start)
    if _PRIVATE_BODY_HEAD.search(before):
        return False  # 「X专业合作社（理事长Y）」: the head of a private body
    after = text[end:end + 24]  # 「X代表（朝鲜族，三岔口镇选区）质询」: the delegate's bracket may be long
    # 「项目单位：区交通运输局；联系人：X」: a record's fields, split by semicolons, name one office
    wider = _sentence_before(text, start, width=64, ends=_PARAGRAPH_END)
    if _official_before(before, wider) or _TITLE_AFTER_RE.match(after) or _DELEGATE_AFTER_RE.match(after):
        return True
    if _TITLE_BEFORE_RE.search(_LETTER_SPACED.sub("", before[-16:])) or _STAFF_FIELD_RE.search(_LETTER_SPACED.sub("", before[-16:]).rstrip()) \
            and not _PRIVATE_RECORD.search(before):
        return True  # 「仲 裁 员　X」「书 记 员　X」「经 办 人：  X」: a form's letter-spaced title or signature field

    if _CONTACT_BEFORE_RE.search(before) and _BODY_AFTER_RE.match(text[end:end + 16]):
        return True
    if _ROLE_AFTER_RE.match(text[end:end + 24]) or _delegates_after(text, end):
        return True
    if _SUPERVISED_CONTACT_RE.search(text[max(0, start - 8):start]) and _supervision_line(text, start, end):
        return True
    if _contact_for_line(text, start, end) or _notice_contact(text, start, end):
        return True
    if _answers_for_a_body(text, start, end, before):
        return True
    if _SPEAKER_BODY_RE.search(text[max(0, start - 20):start]) and re.match(r"\s?[:：]", text[end:end + 2]):
        return True  # 「镇应急办-X：」: a work group's member speaks for the body in the display name
    if _HANDLING_UNIT_RE.search(before) or _OPINION_SIGNED.search(text[max(0, start - 64):start]):
        return True
    if _GLUED_HANDLER.search(before) and _HANDLER_FIELD_END.match(text, end) and not _PRIVATE_RECORD.search(before):
        return True
    if _ROLE_LABEL.search(text[max(0, start - 8):start]) and re.match(r"\s?[:：]", text[end:end + 2]):
        return True  # 「居委X：」「村报账员X：」: a chat line's label gives the body or the office the speaker acts for
    if _INTRO_BEFORE.search(text[max(0, start - 16):start]):
        return True
    if _BODY_OF_BEFORE.search(text, max(0, start - 12), start) and _SAID_AFTER.match(text, end):
        return True  # 「到社区问了，社区的X说下个月发」: the body's staff answering for it
    if re.search(r"(?:我是|我系)(?:[\u4e00-\u9fff]{1,8}?[镇乡])?$", text[max(0, start - 12):start]) and _HANDLES_YOURS.match(text, end):
        return True  # 「您好，我是X，您的补贴申请需要补材料」: who handles the addressee's application
    if _MINUTES.search(text, 0, start) and not text[text.rfind("\n", 0, start) + 1:start].strip() \
            and re.match(r"汇报|发言\s?[:：]", text[end:end + 3]):
        return True  # 「…联席会⏎主持：…⏎X汇报：…」: who reports at a body's meeting reports in the role
    if _VILLAGE_ACCOUNTANT.search(before) and not _MISCONDUCT.search(text[max(0, start - 40):end + 24]) \
            and not _KIN_OF.match(text, end):
        return True
    if _BODY_FIELD_RE.search(before) and _FIELD_VALUE_END.match(text, end):
        return True
    if _LEVEL_OPINION.search(text, max(0, start - 12), start) and _OPINION_WORDS.match(text, end):
        return True  # 「乡镇意见：X 同意救助」: a level's opinion on a form, signed by its officer
    if _CONTACT_BEFORE_RE.search(before) and _WRITTEN_BY_OFFICE.search(text[:start]) \
            and not _PRIVATE_RECORD.search(before):
        return True  # 「…我局已于8月1日恢复。联系人X，0776-…」: the office writing gives its contact
    if _FOOTER_CONTACT_RE.search(text[max(0, start - 24):start]) and _DOCUMENT_FROM_OFFICE.search(text[:start]) \
            and not _PRIVATE_RECORD.search(text[max(0, start - 24):start]):
        return True
    body_minutes = _BODY_MINUTES.match(text) is not None
    if body_minutes and _ATTENDED.search(before):
        return True
    if body_minutes and not text[text.rfind("\n", 0, start) + 1:start].strip() and re.match(r"\s?[:：]", text[end:end + 2]):
        return True  # 「X局局长办公会⏎X：…」: who speaks at a body's own meeting speaks in the role
    # 「质询人：县人大代表罗永红、X」: every item of a list that follows a role word
    if not _LIST_TAIL.search(before):
        return False
    return any(_LIST_TAIL.fullmatch(before, k) and all(_listed_name(w, sep) for w, sep in _OFFICIAL_LIST_ITEM.findall(before, k))
               and (_official_before(before[:k]) or body_minutes and _ATTENDED.search(before[:k]))
               for k in range(1, len(before)))


# A public body's own minutes (「X林业局局务会纪要」「X村两委会议记录」): who attends (「参加：X、Y」) attends in the role.
# (also a Party committee's 「X乡党委会议记录」 and an office meeting 「X局局长办公会（12月4日）」; not a meeting of
# villagers, residents or owners)
_BODY_MINUTES = re.compile(r"^(?![^\n]*(?:村民|居民|群众|业主))[^\n]{0,30}?(?:局|委员会|政府|两委|村委会?|居委会?|社区|街道|[\u4e00-\u9fff]办|站"
                           r"|(?<!事务)所|中心|法院|党委|党组|党支部)"
                           r"[\u4e00-\u9fff]{0,4}?(?:会(?:议)?(?:纪要|记录)|办公会(?:议)?(?=[（(\s]|$))")
_ATTENDED = re.compile(r"参加(?:人员)?\s?[:：]\s?$")


def _listed_name(word, sep):
    """An earlier item of a list of officials: a name with a surname; in a list split by 、 or a comma also a name
    without one (「出席：X（书记）、Y、Z」 where Y is a Dai, Uyghur or Korean name the surname list lacks) —
    not a common word or a person cue. Blank-split items must have a surname (ASR text splits every word); no part of a
    non-surname item may be a dictionary word other than a name (「核查中发现，X」 is no list)."""
    if has_surname(word):
        return True
    return not sep.isspace() and word not in NOT_NAMES and not _CUE_RE.search(word) \
        and all(_WORD_TAGS.get(word[i:j], "nr").startswith("nr") for i in range(len(word)) for j in range(i + 2, len(word) + 1))


def _answers_for_a_body(text, start, end, before):
    """The person answers for a public body named beside them: in brackets after it, checking or replying for it,
    a letter to its officer, a representative's title, a body's chat, a public association's head."""
    if _BODY_THEN_BRACKET.search(text, max(0, start - 12), start) and re.match(r"[）)]", text[end:end + 1]):
        return True  # 「建设单位：X林业局（Y）」: a public body with the person answering for it in brackets
    if _CHECKED_BY.search(text, max(0, start - 12), start) and _CHECKED.match(text, end):
        return True  # 「承办单位回复：经X核实，已联系来电人…」: who checked the matter for the answering office
    if _DEAR_TITLE.search(text, max(0, start - 12), start) and _ENGLISH_OFFICE.search(text):
        return True  # 「Dear Ms. X, … could your bureau forward…」: an English letter to a public office's officer
    if _REPRESENTATIVE_BEFORE.search(before) and _APPOSITIVE_TITLE.match(text, end):
        return True
    if _body_chat_speaker(text, start, end):
        return True
    if _ASSOCIATION_HEAD.search(before):
        return True  # 「X老人协会会长Y介绍」: a public association's chairman speaking for it
    return False


# A known payee name that is also a common word (「高峰」「建国」「文明」) is that person only where
# the text presents a person: a cue before it or a person's action / possession after it.
_WORD_LIKE_FREQ = 50


def person_context(text, start, end):
    before = text[max(0, start - 8):start]
    if re.search("(?:" + "|".join(sorted(map(re.escape, PERSON_CUES), key=len, reverse=True)) + r")[:：\s]*$", before):
        return True
    return bool(re.match(_WEAK_RIGHT, text[end:])) or list_cell(text, start, end)


# A list row's or payment memo's first cells: 「关山（见习补贴）1500元」「夏天：800元」「1 白云 保洁员 2400.00」.
# (cells also end at a bar, a comma or a semicolon, and start after a blank: 「3|X|2310…」「X，阳光新城…；Y，…」
# 「…） X 1,860 Y 1,860」)
# (also a bracketed cell 「2【X】【…」, a numbered row with commas 「2，X，…」, cells split by 「=」)
_CELL_BEFORE = re.compile(r"(?:^|[\n\t|｜、；;：:\s【=]|^\s*\d{1,4}[\s.、，,]+|[\n\t]\s*\d{1,4}[\s.、，,]+)\s*$")
_CELL_AFTER = re.compile(r"\s*[（(：:|｜，,；;】=]|\t|\s+\S|\s*\d|\s*$")


def list_cell(text, start, end):
    """The name fills a cell of its own: a row start or separator before it, and a colon, a bracket,
    a blank or tab before the next cell, or a number, right after it."""
    return bool(_CELL_BEFORE.search(text[max(0, start - 8):start]) and _CELL_AFTER.match(text, end))


def word_like(name):
    jieba.dt.check_initialized()  # (the dictionary loads lazily: read before any cut, every word would be rare)
    return jieba.dt.FREQ.get(name, 0) >= _WORD_LIKE_FREQ


class KnownNames:
    """The data's own person names, found as one alternation regex would (longest first; literals.py). A match must sit on
    a word boundary: one that starts inside a common word (「位于桂岭县」 holds 「于桂」) or ends inside
    a place / organisation word is not that person."""

    def __init__(self, names):
        names = sorted({n for n in names if n and len(n) >= 2}, key=len, reverse=True)
        self.names = frozenset(names)
        self.pattern = LiteralAlternation(names) if names else None  # the regex's matches, in time per text only

    def find(self, text):
        """Spans of known names. A match that jieba reads as the start of a longer name (「局长朱建宇」:
        朱|建宇 holds the known 「朱建」) becomes that longer name with source "cue": an official in
        role is kept, anybody else masked (never the known person's pseudonym)."""
        if not self.pattern:
            return []
        matches = list(self.pattern.finditer(text))
        if not matches:
            return []
        tokens = _tokens(text)
        out = []
        for m in matches:
            start, end = m.start(), m.end()
            if not _on_word_boundary(tokens, start, end):
                continue
            longer = end if word_like(m.group(0)) else _longer_name_end(text, tokens, start, end)
            if longer > end and text[start:longer] not in self.names:
                kind = "official" if official_in_role(text, start, longer) else "person_name"
                out.append(Span(start, longer, kind, text[start:longer], "cue"))
            else:
                out.append(Span(start, end, "person_name", m.group(0), "known"))
        return out


def is_name_occurrence(text, start, end):
    """Whether ``text[start:end]`` (a person's name found by substring search) reads as that name:
    not inside a common word (「位于桂岭县」 holds 「于桂」) and not the start of a longer official's
    name in role (「局长杨红荣」 holds 「杨红」). The leak scanner applies the same word boundary."""
    tokens = _tokens(text)
    if not _on_word_boundary(tokens, start, end):
        return False
    longer = _longer_name_end(text, tokens, start, end)
    return not (longer > end and official_in_role(text, start, longer))


def _dictionary_word(word, flag):
    return len(word) >= 2 and not flag.startswith("nr") and jieba.dt.FREQ.get(word, 0) > 0


def _on_word_boundary(tokens, start, end):
    for pos, word, flag in tokens:
        if pos >= end:
            break
        stop = pos + len(word)
        if pos < start < stop and _dictionary_word(word, flag):
            return False  # starts inside 「位于」「关于」…
        if pos < end < stop and flag[:2] in ("ns", "nt") and _dictionary_word(word, flag):
            return False  # ends inside a place or organisation word
    return True


def _longer_name_end(text, tokens, start, end):
    """End of the longer name a two-character match begins, or ``end``: the match ends inside a
    token (朱|建宇, 胡|阳春) or is followed by a lone given-name character (王国|飞|带队)."""
    if end - start != 2:
        return end
    for pos, word, _flag in tokens:
        stop = pos + len(word)
        if pos < end < stop and stop - start <= 3 and re.fullmatch(_HAN + "+", word):
            return stop
        if pos == end:
            after = text[stop:stop + 1]
            if (len(word) == 1 and re.match(_HAN, word) and word not in _NOT_NAME_END
                    and not text[end:].startswith(PLACE_ORG_SUFFIX) and (not after or re.match(_HAN, after) or after in "。，；、")):
                return stop
            break
        if pos > end:
            break
    return end


# jieba dictionary frequency from which a two-character nr word is read as an ordinary word / place.
_COMMON_WORD_FREQ = 50

_CLAUSE_RE = re.compile(r"[^。！？；，、\n]+|[。！？；，、\n]+")


@lru_cache(maxsize=200_000)
def _clause_tokens(clause):
    """jieba tags one clause; clauses repeat a lot in budget texts, so they are cached. jieba
    itself cuts at every non-Han character, so tagging clause by clause changes nothing."""
    out, pos = [], 0
    for pair in pseg.cut(clause):
        out.append((pos, pair.word, pair.flag))
        pos += len(pair.word)
    return tuple(out)


def _tokens(text):
    """(start, word, flag) triples from jieba part-of-speech tagging."""
    out = []
    for m in _CLAUSE_RE.finditer(text):
        base = m.start()
        if re.search(_HAN, m.group(0)):
            out.extend((base + start, word, flag) for start, word, flag in _clause_tokens(m.group(0)))
        else:
            out.append((base, m.group(0), "x"))
    return out


def _household(text, pos):
    """「赵伟东家的」: the character at ``pos`` ends the name and 家 is the household, unless it
    counts households (「乔思一家五口」「全家」)."""
    return text[pos + 1:pos + 2] == "家" and text[pos] not in "一二两三四五六七八九十全整大每各"


# 「孟庆和（…）」「韦仁和已退回」「X仁和可提供」: 和 joins two nouns; before a stop, a bracket or an adverb it
# ends a given name (庆和, 仁和, 春和 are common ones).
_AFTER_FINAL_HE = re.compile(r"[ \t\u3000\n，,。；;、（(）)：:]|$|[已可未曾也都还又正均亦仍却便就才]")


def _name_final_he(text, pos):
    return text[pos:pos + 1] == "和" and bool(_AFTER_FINAL_HE.match(text, pos + 1))


def _extend(text, start, word, by_start=None):
    """A two-character surname+given reading becomes three characters when the next character is
    Han and unlikely to start the following word, and the one after it ends the name: not Han, a
    stop character, or the start of a dictionary word (「刘海梓440103…」「联系人曹梅爱，」「姚建萱介绍」)."""
    surname_len = 2 if word[:2] in COMPOUND_SURNAMES else 1
    if len(word) - surname_len != 1:
        return word
    end = start + len(word)
    nxt = text[end:end + 1]
    # 「赵伟东家的」: the word 东家 there is the name's last character and the household's 家.
    household = _household(text, end)
    if by_start is not None and _word_starts_at(by_start, end) and not household:
        return word
    if _TITLE_AFTER_RE.match(text[end:end + 8]):
        return word  # 「孟和|嘎查长」: a title follows the name
    if _name_final_he(text, end):
        return word + nxt
    if nxt and re.match(_HAN, nxt) and nxt not in _NOT_NAME_END and not text[end:].startswith(PLACE_ORG_SUFFIX):
        after = text[end + 1:end + 2]
        if not after or not re.match(_HAN, after) or after in _NOT_NAME_END or (
                by_start is not None and _word_starts_at(by_start, end + 1)):
            return word + nxt
    return word


# What must follow a name that is also a common word (「写信人甘露反映」「村民程序的房屋」): a person's
# speech, household or signature, never just any verb (「申请人申请已受理」 is no person 申请).
_WORD_NAME_RIGHT = re.compile(r"反映|来信|来电|来访|称|表示|说|介绍|家|名下|身份证|之(?:妻|夫|子|女|母|父)|的(?:房|家|低保|补助|儿|女|妻|丈|父|母|户)|获得|签字|已签|由(?!于)"
                              r"|今年|现年|[，,（(]\s?(?:男|女|\d)")
def _cued_word_ends(text, end):
    """After a person cue, a common word is a name when a person's action, household or speech
    follows it, or the clause ends with it (「承包户X、Y」「工人X未系安全带」「评估师X，」)."""
    return bool(_WORD_NAME_RIGHT.match(text, end) or re.match(r"[，,。；;、（(\s）)]|$", text[end:end + 1])
                or re.match(_WEAK_RIGHT, text[end:end + 12]))


# 「联系人：区农业农村局…」: a "name" that runs into an organisation's name is the organisation's start.
_ORG_RIGHT = re.compile(r"(?:(?![等和及与、在于到从的是为])[\u4e00-\u9fff]){0,6}?(?:局|委员会|政府|办事处|中心|公司|银行|医院|学校|合作社)")


def _name_at(text, start, tokens_by_start):
    """The person name beginning at ``start`` (after a cue), or None."""
    word = _name_candidate(text, start, tokens_by_start)
    if word and (_ORG_RIGHT.match(text, start + len(word)) or _place_follows(text, start + len(word), tokens_by_start)):
        return None
    return word


def _place_follows(text, end, tokens_by_start):
    """「我是马鞍|镇…」: a place or organisation suffix follows as a word of its own (not 「所有」)."""
    if text[end:end + 4].startswith(_MULTI_SUFFIX):
        return True
    token = tokens_by_start.get(end)
    return bool(token and token[0] in PLACE_ORG_SUFFIX)


def _name_candidate(text, start, tokens_by_start):
    head = text[start:start + 4]
    if not re.match(_HAN + "{2}", head) or not has_surname(head):
        return None
    surname_len = 2 if head[:2] in COMPOUND_SURNAMES else 1
    token = tokens_by_start.get(start)
    if token and 2 <= len(token[0]) <= 4 and token[1].startswith("nr") and looks_like_person_name(token[0]):
        return _extend(text, start, token[0])
    if token and len(token[0]) == surname_len:  # jieba split surname from given name
        nxt = tokens_by_start.get(start + surname_len)
        # (a common pronoun or conjunction is no given name: 「居民李|有些不满」)
        function = len(nxt[0]) == 2 and nxt[1][:1] in "rcpu" and jieba.dt.FREQ.get(nxt[0], 0) >= 1000 if nxt else False
        if nxt and 1 <= len(nxt[0]) <= 2 and re.fullmatch(_HAN + "+", nxt[0]) and nxt[0] not in ("某", "某某") and not function:
            word = text[start:start + surname_len + len(nxt[0])]
            # 「蓝金收反映」: a person's verb right after the whole reading keeps its last character
            if word[-1] in _NOT_NAME_END and not _reduplicated(word, surname_len) \
                    and not (len(word) == 3 and _SPEECH_AFTER.match(text, start + len(word))):
                word = word[:-1]
            return _extend(text, start, word) if len(word) > surname_len else None
    if token and len(token[0]) >= 2 and not token[1].startswith("nr") and jieba.dt.FREQ.get(token[0], 0) >= 100:
        # A common word (「业主单位正在…」), not a name, unless a person's action follows it
        # (「写信人甘露反映」「村民程序的房屋」「申请人包容称」).
        word = token[0]
        # (an adverb, a time or a number word is how the person did it: 「本人常年在外」「本人平时在家」)
        # and the given name must be made of given-name characters (「本人信息」「收款人 金额」 are no names)
        loose = token[1][:1] not in "dcmpruftq" and word not in NOT_NAMES \
            and min(given_log_ratio(ch) for ch in word[1:]) > -1.0
        end = start + len(word)
        return word if len(word) <= 3 and (_WORD_NAME_RIGHT.match(text, end) or loose and _cued_word_ends(text, end)) else None
    # Fallback: two or three characters, by the character after the given name.
    given = re.match(_HAN + "{1,2}", text[start + surname_len:])
    if not given or given.group(0)[0] in "某氏":
        return None
    word = text[start:start + surname_len] + given.group(0)
    if len(given.group(0)) == 2 and word[-1] in _NOT_NAME_END:
        word = word[:-1]
    # 「村民储有田家有…」: 有 opens many rural given names (有田, 有福, 有才) before a household or a stop
    opens_with_you = word[surname_len:][:1] == "有" and len(word) - surname_len == 2 \
        and jieba.dt.FREQ.get(word[surname_len:], 0) < _COMMON_WORD_FREQ and given_log_ratio(word[-1]) > 0 and (_household(text, start + len(word) - 1)
                                               or re.match(r"[（(，,。；;、\s]|$", text[start + len(word):start + len(word) + 1]))
    if word[surname_len:][:1] in _NOT_NAME_END and not opens_with_you:
        return None
    return word if word not in NOT_NAMES and not text[start + len(word):].startswith(PLACE_ORG_SUFFIX) else None


# Weak evidence on both sides: 「因魏国未提供」「今日蒋国淑到镇政府」「丁丹凤表示」「本月向吕兰丹发放」.
_WEAK_LEFT = r"(?:^|(?<=[，。；：:、（(\s|])|(?<=\d号)|(?<=\d室)|(?<=\d户)|(?<=组)|(?<=\d社)|(?<=[镇乡])|(?<=村)(?!民)|" + "|".join(f"(?<={w})" for w in (
    "社区", "街道", "问", "例如", "比如", "其中", "包括", "减少", "增加", "新增", "取消", "停发", "有", "反映",
    "向", "与", "据", "因", "给", "对", "由", "今日", "昨日", "慰问", "走访", "陪同", "协调", "通知", "告知", "帮助", "联系",
    "我", "室的", "号的", "经查", "查实", "发现", "至", "打入", "转入", "汇入", "支付给", "发放给", "找", "请", "叫", "让", "把", "将",
    # 「判决…支付X73212元」, a news report's 「65岁的X拿到了…」, a chat's 「…这是X的」 after a number
    "支付", "岁的", "这是")) + ")"
# (a judgment's parties: 「X诉称」「X欠其…」「X于判决生效之日起…」「由X负担」「支付X73212元」)
_WEAK_RIGHT = (r"(?=反映|表示|称|介绍|说|到|于\d|未|领取|签订|签字|签收|同意|家(?![庭具])|老人|夫妇|一家|本人|两户|"
               r"诉称|辩称|述称|欠(?:其|款|付)|于(?:本)?判决|负担|\d[\d,.]*元|拿到|的(?=\s*\n|\s*$)|"
               # 「X、Y兄弟对地块有异议」「X与Y系夫妻」: a pair of relatives
               r"(?:兄弟|姐妹|兄妹|姐弟|父子|母子|父女|母女|婆媳|叔侄|夫妻)(?!们)|等[人一二三四五六七八九十\d]"
               r"|发放|提出|来电|来访|申请|咨询|因|已|现年|现住|今年\d|被|冒领|骗取|虚报|违规|私自|拒不|多次|去世|病故|迁出|在外|是本|有[一两二三四五六\d]"
               r"|承诺|保证|自愿|声明|患|系|名下|账户|帐户|户(?![籍口])|[，,]\s?[男女][，,；;。\s]|\s?[（(]?\d{6}"
               r"|[（(](?:[男女]|住|家住|身份证|公民身份|电话|手机|联系|银行|卡号|\d)"
               r"|的(?:联系|银行|账户|手机|电话|身份|家|危房|补|申请|低保|儿|女|妻|丈|父|母|房|存折|户籍|户口|车|卡|名字)|）"
               r"|\s\d{4}\s?\d{4}|经(?=[入核调查审走])"
               # 「发现X在河道内采砂」「X代其母领取」「X获得临时救助」「X由奶奶照顾」「X，证号：…」
               r"|在(?!于)|代(?:其|为|领|签|办)|获得|由(?!于)|[，,]\s?(?:证号|证件|护照|医保|社保|残疾|身份|电话|手机|住址|家住|现住)"
               # 「X（74岁）」「X（碑垭村4组6号）」「X（副食店，座机…）」「X身份证号…」「X之妻」「X保存有照片」「X，他…」
               r"|[（(]\d{1,3}岁|[（(][^）)，,]{0,10}(?:村|社区|小区|[组号室]|座机|家庭|店|户)[^）)]{0,12}[）)，,]|身份证|之(?:妻|夫|子|女|母|父|孙)"
               r"|保存|提供|要求|认为|承认|举报|投诉|报名|办理|购买|使用|经营|种植|养殖|租赁|居住|务工|打工|长期|一直|同时|连续|个人"
               r"|[，,]\s?(?:他|她)(?!们)|这个人|此人|一户|对(?=处理|答复|结果|此事)|[，,]\s?(?:经营|从事|种植|养殖|务工|贷款|承包)"
               r"|等(?:[\u4e00-\u9fff]{0,4}(?:户|人|居民|村民|群众|工友|学生|农户|老人)))")
# Right contexts that make even a common word a person (「黎明家经营农家乐」「文静家那个事」「光荣，他…」).
_STRONG_RIGHT = re.compile(r"家(?:那|这|的|里|中|享受|经营|开|住|人|属)|身份证|之(?:妻|夫|子|女|母|父)|[（(]\d{1,3}岁"
                           r"|[，,]\s?[男女][，,；;。\s]|[，,]\s?(?:他|她)(?!们)|这个人|此人|名下")
_WEAK_RE = re.compile(_WEAK_LEFT + "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])" + _HAN
                      + "{1,2}?" + _WEAK_RIGHT)
# A former holder of an office is a private person now: 「原副局长X个人使用」.
_FORMER_RE = re.compile("(?:原|前)副?(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + ")((?:"
                        + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])" + _HAN + "{1,2}?" + _WEAK_RIGHT + ")")
_NO_LEFT_EXTEND = frozenset("向于和同由将从自为给把被对区县市镇乡村省")
# A tagged word directly followed by these is a brand / estate inside an organisation or project name.
# (a government bureau named after its place 「X林业局」「X应急管理局」: the reading is the place's name)
_ORG_AFTER = re.compile(_HAN + r"{0,10}?(?:公司|集团|合作社|事务所|研究院|设计院)|(?:保障性|安置|租赁|小区|花园|家园|牌|品牌|商标)"
                        r"|(?:林业|财政|民政|公安|水利|应急管理|自然资源|生态环境|住建|交通运输|教育|卫生健康|卫健|农业农村|人社"
                        r"|统计|审计|税务|市场监管|文旅|文化旅游|退役军人事务|医保|林草|农机|畜牧)局")
_COMPOUND_RE = re.compile("|".join(c for c in COMPOUND_SURNAMES if c not in AMBIGUOUS_COMPOUNDS))


def _word_starts_at(by_start, pos):
    """A dictionary word of two or more characters (not a name) begins at ``pos``: the name before
    it ends there (「皇甫海|账户」「乔思|一家」)."""
    token = by_start.get(pos)
    return bool(token and len(token[0]) >= 2 and not token[1].startswith("nr") and jieba.dt.FREQ.get(token[0], 0) > 0)


def given_end(text, start, by_start):
    """End of a given name that begins at ``start``: two characters unless the second one starts
    the next word (a stop character such as 有/在/多, or a dictionary word: 「冒领」「账户」「一家」)."""
    if not re.match(_HAN, text[start:start + 1]) or text[start] in "某氏":
        return start
    second = text[start + 1:start + 2]
    if not re.match(_HAN, second) or second in _NOT_NAME_END or _word_starts_at(by_start, start + 1):
        return start + 1
    if text[start + 1] in "村镇乡路街":
        return start + 1  # 「欧阳|村」「司马|路」: a place after a one-character given name
    return start + 2


def _reduplicated(word, surname_len):
    """「钱多多」「李婷婷」: a doubled given name, so its last character is not the next word's."""
    return len(word) - surname_len == 2 and word[-1] == word[-2]


_SPEECH_AFTER = re.compile(r"反映|表示|来信|来电|称|说")
# A modal particle ends a sentence's word, never a given name (「喂，我系X啊，住…」).
_MODAL_PARTICLES = frozenset("啊呀吗呢吧嘛哦")


def _trim(text, span, by_start):
    """Cut a name that swallowed the first character of the next word (「耿兰多|领」「阮翠持|健康证」)."""
    surname = 2 if span.value[:2] in COMPOUND_SURNAMES else 1
    if _SURNAMED_NICKNAME.fullmatch(span.value):
        return span  # 「符阿七|等」: a familiar form ends where it ends
    if len(span.value) - surname >= 2 and span.value[-1] in _MODAL_PARTICLES:
        return Span(span.start, span.end - 1, span.kind, span.value[:-1], span.source)  # 「我是X|啊，住…」
    if len(span.value) - surname == 2 and not _reduplicated(span.value, surname):
        last = span.end - 1
        if _SPEECH_AFTER.match(text, span.end):
            return span  # 「蓝金收反映」: the reading ends before a person's verb, not inside a word
        if span.source == "cue" and re.match(r"[ \t\u3000\n，,。；;）)：:]|$", text[span.end:span.end + 1]):
            return span  # 「联系人：钱立本　电话」「老蔫儿：」: a field's last character before its end starts no word
        if (text[last] in _NOT_NAME_END and not _name_final_he(text, last)) \
                or (_word_starts_at(by_start, last) and not _household(text, last)):
            return Span(span.start, last, span.kind, text[span.start:last], span.source)
    return span


def _jieba_names(text, tokens, spans):
    """1. jieba nr tags that start with a surname and are not part of a place/organisation."""
    by_start = {start: (word, flag) for start, word, flag in tokens}
    for start, word, flag in tokens:
        if word in COMPOUND_SURNAMES and flag.startswith("nr"):
            given = re.match(_HAN + "{1,2}", text[start + 2:])
            if not given:
                continue
            word = _extend(text, start, word + given.group(0)[:1], by_start)
        if flag.startswith("nr") and _CUE_END_RE.search(text, max(0, start - 3), start + 1):
            start, word = start + 1, word[1:]  # 「其|母柯红」: 其母 is the cue, 柯红 the name
        if flag.startswith("nr"):
            # 「孟和嘎|查长」: a tagged word that swallowed the first character of a title ends before it
            word = next((word[:k] for k in range(2, len(word)) if _TITLE_AFTER_RE.match(text[start + k:start + k + 8])), word)
        if flag.startswith("nr") and looks_like_person_name(word):
            extended = _extend(text, start, word, by_start)
            if extended == word and len(word) == 2 and jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ:
                continue  # 「惠民」「白沙」「文昌」: a dictionary word too; only a cue makes it a name
            if extended == word and len(word) == 2 and word[0] in _WORD_SURNAMES and jieba.dt.FREQ.get(word, 0) > 0:
                continue  # 「撒播」「虎口」: a surname that is an everyday character, in a dictionary word
            word = extended
            end = start + len(word)
            if _suffix_follows(text, end, by_start) or text[end:end + 1] in "某" or _org_follows(text, end, by_start):
                continue
            if flag == "nrfg" and len(word) == 2 and word[1] in "家氏":  # 李家(村), 王氏(宗祠)
                continue
            if _phrase_not_name(word) or not_a_name(text, start, end, by_start):
                continue
            if len(word) == 3 and jieba.dt.FREQ.get(word[:2], 0) >= 100:
                continue  # 「黄金|梨」「宿舍|楼」「孔明|灯」「支付|宝」: a word and one more character
            spans[start] = Span(start, end, "person_name", word, "jieba")


# Characters no given name is made of: particles and modal words (「修得真好」「何时能」).
_PARTICLES = frozenset("得了着过吗呢吧啊么嘛哦呀能会该要想")


def _phrase_not_name(word):
    """A jieba nr guess that reads as an ordinary phrase: it holds a particle or modal word
    (「修得真好」「何时能」) or is a verb said twice around 一 (「查一查」)."""
    return any(c in _PARTICLES for c in word[1:]) or (len(word) == 3 and word[1] == "一" and (word[0] == word[2] or word[2] in "下哈番遍次"))


def _starts_a_token(by_start, start):
    """A cue word begins a word of its own, not the inside of another (「护工」 in 「防护工程」), or
    the inside of a word jieba took for a name (「代其母」 holds the cue 其母)."""
    if start == 0 or start in by_start:
        return True
    pos = _token_start(by_start, start)
    return pos is not None and pos + len(by_start[pos][0]) > start and by_start[pos][1].startswith("nr")


def _cue_matches(text):
    """Cue words, overlapping ones too (「由其侄子」: 其侄子 inside the word 由其 fails, 侄子 holds)."""
    pos = 0
    while True:
        m = _CUE_RE.search(text, pos)
        if not m:
            return
        yield m
        pos = m.start() + 1


_LIST_ITEM = re.compile(r"([\u4e00-\u9fff]{2,3})[、及和]")


def _listed_word_at(text, pos, by_start):
    """「签到：甘露、殳海潮及…」: after a cue, a common word that opens a list whose next item is a
    name is a name too."""
    m = _LIST_ITEM.match(text, pos)
    if not m or not has_surname(m.group(1)) or m.group(1) in NOT_NAMES:
        return None
    following = _name_at(text, m.end(), by_start) or unsurnamed_name_at(text, m.end())
    return m.group(1) if following else None


def _word_and_one_more(text, pos, by_start):
    """「居民韩国庆（…」: a common word (韩国) and one more character that ends at a stop is a
    three-character name after a cue."""
    token = by_start.get(pos)
    if not token or len(token[0]) != 2 or not has_surname(token[0]) or token[0][:2] in COMPOUND_SURNAMES:
        return None
    third = text[pos + 2:pos + 3]
    if not (re.match(_HAN, third) and third not in _NOT_NAME_END and by_start.get(pos + 2, ("", ""))[0] == third):
        return None
    if token[1] in ("nr", "ns", "nz", "nrt", "nrfg") and re.match(r"[（(，,。；;、\s]|$", text[pos + 3:pos + 4]):
        return text[pos:pos + 3]
    # 「项目经理何必成⏎」「法定代表人何必成，」: an adverb or a numeral word (何必, 万里) and a given-name
    # character standing alone before a stop
    if token[1][:1] in "dm" and given_log_ratio(third) > 0.0 and re.match(r"[（(，,。；;、\s]|$", text[pos + 3:pos + 4]):
        return text[pos:pos + 3]
    # 「信访人许多福反映」: any word, when the third character is a given-name one and speech follows
    # (or the household follows: 「群众举报包金土家长期出租…」)
    if given_log_ratio(third) > 1.0 and (_SPEECH_AFTER.match(text, pos + 3) or _household(text, pos + 2)):
        return text[pos:pos + 3]
    return None


def _cue_inside_word(by_start, m):
    """「群众满意」「业主委员会」: the cue is the start of a longer dictionary word, not a label."""
    token, flag = by_start.get(m.start(), ("", ""))
    cue_end = m.start() + len(m.group(0).rstrip("：: \u3000为是"))
    return m.start() + len(token) > cue_end and not flag.startswith("nr") and jieba.dt.FREQ.get(token, 0) > 0


# 「我是居委X」「我系乡民政X」「我是区房屋征收事务所X」: who introduces themself by a public body, with no 的 between,
# speaks for it (a resident writes 「我是X村的Y」).
_INTRO_BODY_WORD = r"(?:居委会?|村委会?|社区|[\u4e00-\u9fff]{0,10}?(?:局|事务所|管理所|服务所|服务中心|民政办?|社会事务办|政府|街道办?))"
_INTRO_BODY = re.compile(_INTRO_BODY_WORD + r"(?=[\u4e00-\u9fff]{2,4}(?:[，,。；;！!\s]|$))|")
_INTRO_BEFORE = re.compile(r"(?:我是|我系)" + _INTRO_BODY_WORD + "$"
                           # (「我是区移民事务中心的X」: a bureau's, centre's or commission's staff with 的 — a resident
                           # writes 「我是X村的Y」, so no village, community or street here)
                           r"|(?:我是|我系)[\u4e00-\u9fff]{1,10}?(?:局|事务所|管理所|服务所|中心|政府|(?<=[县市区])[\u4e00-\u9fff]{1,3}委)的$")


_NAMING_ONLY_CUE = re.compile(r"(?:我叫|名叫|叫做|就叫|真名叫|名字叫|名字是|姓名是|(?<![\u4e00-\u9fff])叫)[:：]?$")
_INTRO_BODY_ALONE = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:局|委|中心|政府|事务所)(?:的|[，,。！!\s]|$)")


def _cue_names(text, by_start, spans):
    """2. Context cues: 「村民王建国」「联系人：张晓燕」, and lists after them 「村民王强、李秀英等」."""
    for m in _cue_matches(text):
        if not _starts_a_token(by_start, m.start()) or _cue_inside_word(by_start, m):
            continue
        pos = m.end()
        pos += len(re.match(r"[（(][^）)]{0,4}[）)]\s*[:：]?\s*|[“\"]|", text[pos:]).group(0))  # 申请人（签字）：, 网友“…”
        if m.group(0) in ("我是", "我系"):
            if _INTRO_BODY_ALONE.match(text, pos):
                continue  # 「我是区文旅委的，…」: the writer names only the body they speak for
            pos += len(_INTRO_BODY.match(text, pos).group(0))  # 「我是居委X」: the body is no part of the name
        while pos < len(text):
            again = _CUE_RE.match(text, pos)  # 「夜班陆兰、白班秦亮丽」: the next item has its own cue
            if again and again.end() > pos and _starts_a_token(by_start, pos):
                pos = again.end()
            word = _nickname_at(text, pos, m.group(0)) or _named_at(text, pos, m.group(0)) or _name_at(text, pos, by_start) \
                or _listed_word_at(text, pos, by_start) or _word_and_one_more(text, pos, by_start)
            word = word or _spaced_name_at(text, pos)
            field = _field_word_at(text, pos, m.group(0))
            if field and (not word or len(field) > len(word) and field.startswith(word)):
                word = field  # 「乙方：马乙卜拉」: the whole field, not the reading 马乙卜
            # a produce word is a name with context on both sides (「项目经理柳絮介绍」「收款人：黄桃」)
            both_sides = word and (word == field or _cued_word_ends(text, pos + len(word)))
            # (「我叫向X」: after a naming cue 向/于/和 open a surname, never a preposition)
            if not word or not_a_name(text, pos, pos + len(word), by_start, crossing=False, produce=not both_sides,
                                      function_word=not _NAMING_ONLY_CUE.search(m.group(0))) \
                    or word.endswith("族"):
                break  # (「被告人：X，苗族，…」: a people's name after the person is no second person)
            quoted = pos and text[pos - 1] in "“\"" and text[pos + len(word):pos + len(word) + 1] in "”\""
            spans[pos] = Span(pos, pos + len(word), "person_name", word, "nick" if quoted else "cue")
            sep = _LIST_SEP_RE.match(text, pos + len(word))
            if not sep:
                break
            pos = sep.end()


# Names with no Han surname in front: Yi clan names (吉克, 沙马, 阿苦…), Tibetan names made of the
# common name words (扎西, 次仁, 卓玛, 拉姆…), and transliterations with a middle dot (「艾力·买买提」).
YI_CLANS = ("吉克", "沙马", "阿苦", "阿说", "吉木", "俄木", "曲比", "马海", "阿力", "吉伍", "勒格", "海来", "日火", "瓦扎", "阿尔",
            "的日", "加拉", "阿西", "阿约", "苏呷", "俄底", "吉吉", "洛古", "巴莫", "阿牛", "阿史", "阿侯", "吉尔", "俄狄", "木乃",
            "沙玛", "阿且", "阿木", "吉地", "马黑", "阿吉", "尔古", "俄的", "阿土", "比曲", "吉夫", "阿都", "黑尔",
            "阿苏", "阿鲁", "阿克", "阿的", "阿加", "阿布", "阿合", "阿硕", "阿卓", "俄底", "阿比", "吉史", "莫色", "瓦渣")
TIBETAN_PARTS = ("扎西", "次仁", "卓玛", "拉姆", "泽仁", "格桑", "多吉", "央金", "措姆", "达瓦", "旦增", "尼玛", "顿珠", "平措",
                 "巴桑", "次旦", "德吉", "益西", "洛桑", "索朗", "群培", "桑吉", "白玛", "强巴", "仁增", "曲珍", "嘎玛", "降措",
                 "拉巴", "边巴", "普布", "贡布", "丹增", "罗布", "次珠", "卓嘎", "央宗", "旺姆", "仁青", "才让", "拉毛", "卓玛措",
                 "多杰", "格勒", "尼玛次仁", "斯朗", "曲措", "泽旺", "则让", "贡嘎", "仁措", "巴姆", "永措", "志玛",
                 # more of the commonest Tibetan name words, in their Lhasa and Kham (Garzê, Yushu) spellings, from general
                 # knowledge of how they are transliterated (issue #19): 四郎 = 索朗, 洛绒, 呷绒 and 格绒 = -rong, 降央 =
                 # 江央, 根秋 = 贡秋, 昂翁 = 昂旺 = 阿旺, 邓珠 = 顿珠, 彭措 = 平措, 翁姆 = 旺姆, 松吉 = 桑吉 …
                 "才旦", "次旺", "旺堆", "旺加", "旺久", "阿旺", "昂旺", "昂翁", "土登", "图登", "登巴", "洛绒", "呷绒", "格绒",
                 "泽郎", "降央", "江央", "降泽", "根秋", "贡秋", "秋吉", "曲吉", "确吉", "曲扎", "桑珠", "欧珠", "米玛", "次吉",
                 "央拉", "拉珍", "仓决", "琼达", "扎巴", "扎拉", "达娃", "尼珍", "玉珍", "央珍", "措吉", "吉美", "晋美", "坚赞",
                 "坚参", "嘉措", "江措", "加措", "洛松", "向秋", "泽登", "多登", "索南", "四郎", "邓珠", "东珠", "彭措", "翁姆",
                 "松吉", "桑杰", "贝玛", "降巴", "向巴", "仁钦", "卓姆", "拉措", "班觉", "边觉", "伦珠", "赤列", "赤烈", "土旦",
                 "雍措", "达杰", "才仁", "泽绒", "仁真", "巴登", "班登", "根登", "更登", "嘎绒", "四朗", "罗桑", "意西", "呷玛",
                 "噶玛", "朵杰", "德央", "益珍", "群宗", "次央", "白珍", "单增", "丹珠", "泽珍", "旦巴", "多布杰", "雍珍", "巴珠",
                 "贡觉", "秋英", "曲英", "仁青措", "拉姆措")
# Mongolian given names (no surname in front): the common name words, alone when they hold three or
# more characters (巴特尔, 其其格), or two of them together (斯琴高娃, 乌云其其格). A two-character one
# alone (乌云, 巴图) is an everyday word or place too often to stand without a cue.
MONGOLIAN_PARTS = ("巴特尔", "那日苏", "其其格", "格日勒", "格日乐", "阿拉坦", "额尔敦", "毕力格", "特木尔", "吉日嘎拉",
                   "其木格", "苏日娜", "乌日娜", "额尔德尼", "巴雅尔", "满都拉", "德力格尔", "阿古拉", "宝力道", "乌力吉",
                   "敖其尔", "朝克图", "呼斯楞", "朝格图", "道尔吉", "阿木古楞", "特古斯", "额日和", "格根", "巴图",
                   "苏和", "乌云", "图雅", "斯琴", "高娃", "萨仁", "乌兰", "敖登", "朝鲁", "宝音", "孟和", "哈斯", "布和",
                   "达来", "娜仁", "那仁", "塔娜", "托娅", "那顺", "白音", "吉雅", "赛罕", "图门", "巴根", "乌恩", "朝格")
_MONGOLIAN_PART = "(?:" + "|".join(sorted(MONGOLIAN_PARTS, key=len, reverse=True)) + ")"
_MONGOLIAN_NAME = re.compile(_MONGOLIAN_PART + "{2}|(?:" + "|".join(p for p in MONGOLIAN_PARTS if len(p) >= 3) + ")")
_YI_NAME = re.compile("(?:" + "|".join(YI_CLANS) + r")[\u4e00-\u9fff]{2}")
_TIBETAN_PART = "(?:" + "|".join(sorted(TIBETAN_PARTS, key=len, reverse=True)) + ")"
_TIBETAN_NAME = re.compile(_TIBETAN_PART + _TIBETAN_PART)
# (a disambiguating 大/小/二 in front is part of it: 「小次仁」「二阿旺」)
# (a woman's name closed by 措: 「泽仁措」)
_TIBETAN_ONE = re.compile("[大小二]?" + _TIBETAN_PART + "措?")
_TIBETAN_PART_RE = re.compile(_TIBETAN_PART)
_TIBETAN_HOUSEHOLD = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[的号户是和与及]))" + _TIBETAN_ONE.pattern + r"(?=家(?![庭具乡园属长]))")
_NAME_STOP = re.compile(r"(?=[，,。；;、：:！!？?\s”\"）)（(】》」』|｜0-9０-９]|等|和|及|$|反映|说|的|是|在|已|家|代表|[\u4e00-\u9fff]{1,3}族)")


def _long_right_half(part):
    """Five or six characters after the dot are one name (「阿不都热合曼」), not a shorter one and a verb
    phrase (「吐尔逊来了」): the run does not end in a particle or a dictionary word."""
    return part[-1] not in _PARTICLES and jieba.dt.FREQ.get(part[-2:], 0) < _COMMON_WORD_FREQ


# The characters Uyghur, Kazakh and other Turkic names are transliterated with: a name written with a
# full stop for its middle dot (「古丽扎尔.依明」) is told from two sentences by being made of them only.
_TRANSLITERATION = frozenset("阿艾爱安奥巴拜白贝比别波布达迪丁都杜多俄额尔法帕佩甫古哈海罕汗合赫胡吉加江杰卡开坎克库"
                             "拉莱兰勒雷丽力莉林琳娜玛买麦曼米敏明木穆纳乃尼妮努其恰热日茹萨赛沙莎山尚舍什斯苏索塔坦"
                             "提图吐托瓦万维乌吾西希夏肖辛亚雅伊依尤玉扎孜祖则尕逊孙奴普库克"
                             "素森德肉再宛义叶肯列洪留波凯兹耶娅班地")  # (「玉素甫」「亚森」「卡德尔」「肉孜」「再努尔」「热孜宛」「司马义」)


def _completing_characters(least=100):
    """The characters the dictionary's transliterated names (tag nrt) use to complete a name otherwise written
    with the set above, in at least ``least`` entries (「伊德里斯」「亚特尔」: 里, 特): read from data, so a name
    like 「…克里木」 is not cut at a character one hand-written list left out."""
    counts = Counter()
    for word, tag in _WORD_TAGS.items():
        if tag == "nrt" and len(word) >= 3:
            outside = [ch for ch in word if ch not in _TRANSLITERATION]
            if len(outside) == 1:
                counts[outside[0]] += 1
    return frozenset(ch for ch, n in counts.items() if n >= least)


_TRANSLITERATION = _TRANSLITERATION | _completing_characters()


_TRANSLIT_RUN = re.compile("[" + "".join(sorted(_TRANSLITERATION)) + "]{0,6}")
_DOTTED_ROLE = re.compile("|".join(sorted((t for t in OFFICIAL_TITLES if len(t) >= 2), key=len, reverse=True))
                          + r"|专干|[审判调解议委专社会协警干职店学]员|[县乡镇村组队院庭科局站所]长")
# (a bare 代表 is no cut: 「村民代表X·Y」 attends as a resident, not in an office)
_DOTTED_PLACE_AFTER = re.compile(_HAN + r"{1,4}?(?:景区|风景区|草原|公司|合作社|景点|酒店|宾馆|集团|[乡镇县](?!长)|湖)")


def dotted_names(text):
    """「艾力·买买提」「阿依古丽·吐尔逊」: the Han run around a middle dot, cut after a cue word on the
    left and before a stop on the right (two to four characters each side). A full stop in the dot's
    place counts when both sides are made of transliteration characters only."""
    for dot in re.finditer(r"(?<=[\u4e00-\u9fff])[·•・.．](?=[\u4e00-\u9fff])", text):
        run = re.search(_HAN + "{2,}$", text[max(0, dot.start() - 12):dot.start()])
        if not run:
            continue
        left = run.group(0)
        # (a conjunction that leaves less than two characters is inside the name: 「苏和·巴特尔」)
        cuts = [m.end() for m in _CUE_RE.finditer(left)] + [m.end() for m in re.finditer("的|是|叫|和|与|及|为|[省市州县区镇乡村]", left)
                                                            if len(left) - m.end() >= 2]
        # (a title or a role word before the given name is no part of it: 「副县长|努尔兰·X」「调解员|阿曼古丽·X」)
        cuts += [m.end() for m in _DOTTED_ROLE.finditer(left) if len(left) - m.end() >= 2]
        if cuts:
            left = left[max(cuts):]
        left = left[-6:]  # (Uyghur and Kazakh names run to five or six characters a side: 「艾合买提江·阿不都热合曼」)
        right = next((k for k in (2, 3, 4, 5, 6) if _NAME_STOP.match(text, dot.end() + k)
                      and (k <= 4 or (len(left) >= 4 or set(text[dot.end():dot.end() + k]) <= _TRANSLITERATION)
                           and _long_right_half(text[dot.end():dot.end() + k]))
                      and re.fullmatch(_HAN + "+", text[dot.end():dot.end() + k])), None)
        if right is None:  # no stop after it: the transliteration characters' run (「X·肉孜|主持」), else three
            run = len(_TRANSLIT_RUN.match(text, dot.end()).group(0))
            right = run if run >= 2 else 3
        # the given name ends before a verb, a preposition or a function word that follows it with no stop
        # (「X·Y|负责」「X·Y|就…」「X·Y|您好」), never inside the two characters it needs
        right = next((j for j in range(2, right) if _word_after_name(text, dot.end() + j)), right)
        if dot.group(0) in ".．" and not set(left + text[dot.end():dot.end() + right]) <= _TRANSLITERATION:
            continue
        # a place's or a body's name with a dot (「X·Y景区」「伊犁·X」): a place before the dot or a place's or
        # body's word after the run stays public
        if str(_WORD_TAGS.get(left, "")).startswith(("ns", "nt")) and jieba.dt.FREQ.get(left, 0) >= _COMMON_WORD_FREQ \
                or _DOTTED_PLACE_AFTER.match(text, dot.end()):
            continue
        if len(left) >= 2 and re.fullmatch(_HAN + "+", text[dot.end():dot.end() + right]) \
                and not (_dictionary_run(left) and _dictionary_run(text[dot.end():dot.end() + right])):
            yield dot.start() - len(left), text[dot.start() - len(left):dot.end() + right]


# Words that start after a name with no stop between: function words and the verbs and prepositions
# that most often follow a person (说、就、在、被、给、领…), by character, and any dictionary word that jieba
# tags as a verb, preposition, adverb, conjunction, particle, pronoun, idiom or common noun.
_AFTER_NAME_CHARS = frozenset("就说在把被和的是要已于向对给领称也用由将与同跟从因还都又才便即您你我他她拿着了过诉辩之系为均啊呀吗呢吧嘛哦")
_AFTER_NAME_TAGS = ("v", "p", "d", "c", "u", "r", "l", "n")


def _word_after_name(text, pos):
    """Whether a word that is no part of a name starts at pos: its first character is none a
    transliterated name is written with, and it is a function word or a dictionary verb, preposition…"""
    if pos >= len(text) or text[pos] in _TRANSLITERATION or not re.match(_HAN, text[pos]):
        return False
    if text[pos] in _AFTER_NAME_CHARS:
        return True
    return any(str(_WORD_TAGS.get(text[pos:pos + n], "")) in _AFTER_NAME_TAGS
               or str(_WORD_TAGS.get(text[pos:pos + n], "")).startswith(("v", "p"))
               for n in (2, 3) if pos + n <= len(text))


def _tibetan_name_ends(text, pos):
    """A Tibetan name's two words end before a verb, a function word or a noun that starts at pos (「原告X与被告Y」
    「X您好」「X巡查」「X转账」「X老人」), not before a third name word. (Tibetan names share characters with Turkic
    transliterations, so the transliteration test of _word_after_name does not apply.)"""
    if pos >= len(text) or not re.match(_HAN, text[pos]) or _TIBETAN_PART_RE.match(text, pos):
        return False
    if text[pos] in _AFTER_NAME_CHARS:
        return True
    return any(str(_WORD_TAGS.get(text[pos:pos + n], "")).startswith(("v", "p", "d", "c", "u", "r", "n", "m"))
               for n in (2, 3) if pos + n <= len(text))


def _dictionary_run(part):
    """「便民热线·通话记录」: both sides made of dictionary words (not names) are a title's, not a name's."""
    words = jieba.lcut(part, HMM=False)
    return all(len(w) >= 2 and jieba.dt.FREQ.get(w, 0) > 0 and not str(_WORD_TAGS.get(w, "")).startswith("nr")
               for w in words)


# Dai names have no surname: a personal name follows a prefix of sex and standing (岩 for men, 玉 / 依 /
# 咪 for women, 艾 in some areas; 波 / 咪 before a child's name for its father or mother: 「波岩温」).
# Read only where a cue or a structure stands for a person, and only when no dictionary word is inside
# (玉米, 岩层, 依法, 波涛).
_DAI_NAME = re.compile(r"(?:[波咪](?=[岩玉]))?[岩玉依咪艾]")
_KIN_AFTER = re.compile(r"(?:大?哥|大?姐|叔|婶|伯|嫂|阿?妹|弟|爷|奶|大爹|大妈)(?:[，,。：:！!？?\s]|你|$)")


def _dai_name_at(text, pos):
    m = _DAI_NAME.match(text, pos)
    if not m:
        return None
    for given in (1, 2):
        end = m.end() + given
        word = text[pos:end]
        if end > len(text) or not re.fullmatch(_HAN + "+", word) or word[-1] in _NOT_NAME_END:
            return None
        if any(len(t) >= 2 and jieba.dt.FREQ.get(t, 0) >= _COMMON_WORD_FREQ for t in jieba.lcut(word, cut_all=True)):
            return None
        if _NAME_STOP.match(text, end) or re.match(_WEAK_RIGHT, text[end:end + 12]) or _KIN_AFTER.match(text, end) \
                or _TITLE_AFTER_RE.match(text[end:end + 8]):
            return word
    return None


# In a text that names a Dai person where a cue or a label says so (or says 傣, or names a 勐 place), the other Dai-shaped names stand
# for persons too, cue or none (「舵手X帕」「工资 X香」「X温大哥你好」): a name that opens a word or follows a blank or a
# punctuation mark, no dictionary word inside, a name's stop after it (as _dai_name_at reads it). The men's 岩 and
# the women's 玉 open them; 依, 咪, 艾 alone are too often words' first characters.
_DAI_OPEN = re.compile(r"(?:波(?=岩))?[岩玉]")


def _dai_names_alone(text, by_start, spans):
    dai = "傣" in text or "勐" in text or any(_dai_name_at(text, s.start) == s.value for s in spans.values())
    if not dai:
        return
    for m in _DAI_OPEN.finditer(text):
        pos = m.start()
        if pos and not re.match(r"[\s，,。；;：:、“\"‘'（(】「]", text[pos - 1]) and pos not in by_start:
            continue
        word = _dai_name_at(text, pos)
        if not word or pos in spans or "丨" in word or word[-1] in "你我他她" or _inside_title(text, pos) \
                or word.endswith(PLACE_ORG_SUFFIX) \
                or any(_TRANSLIT_PLACE_AFTER.match(text, k.end()) for k in re.finditer(re.escape(word), text)):
            continue  # (「X泉山」 anywhere in the text: a place's name)
        sentence = _sentence_before(text, pos) + text[pos:pos + 24].split("。")[0]
        if re.search(_STAFF_ROLE + r"|负责|[镇乡县](?:上|里)的?$", sentence) or re.search(r"[镇乡县](?:上|里)的?$", text[:pos]):
            continue  # an office's staff member: the official rules read them
        _claim(spans, pos, word, "cue")


def transliterated_word(word):
    """「艾尼瓦尔」「古再丽努尔」「阿斯卡尔」: three to six transliteration characters that are no dictionary
    word (other than a person's) — a Uyghur or Kazakh given name written without its father's name."""
    tag = str(_WORD_TAGS.get(word, ""))
    return 3 <= len(word) <= 6 and set(word) <= _TRANSLITERATION \
        and (jieba.dt.FREQ.get(word, 0) < _COMMON_WORD_FREQ and tag[:2] not in ("ns", "nt", "nz") or tag.startswith("nr"))


_TRANSLIT_CLASS = "".join(sorted(_TRANSLITERATION))
_TRANSLIT_WORD = re.compile(f"(?<![{_TRANSLIT_CLASS}·•・.．])[{_TRANSLIT_CLASS}]{{4,6}}(?![{_TRANSLIT_CLASS}·•・.．])")
_TRANSLIT_PLACE_AFTER = re.compile(r"[省市州县区旗镇乡村屯沟河湖山江湾岭滩泉口](?!长)|嘎查|苏木|牧场|草原|景区|农场|公司|合作社|街|路|巷|[团连]")


def _transliterated_runs(text, spans):
    """Four to six transliteration characters standing alone, no dictionary word nor made of dictionary
    words (「古再丽努尔」「巴合提别克」「艾克拜尔」): a Uyghur or Kazakh given name where it stands, cue or none
    (chat labels, ledgers, quotes). A place's or body's head (「X县」「X镇」, here or elsewhere in the text) is
    dropped after, as for any guess; three characters (「努尔兰」) are too often part of a place to stand alone."""
    for m in _TRANSLIT_WORD.finditer(text):
        word = m.group(0)
        if not transliterated_word(word) or _dictionary_run(word) or _inside_title(text, m.start()):
            continue
        tail = word[-2:]  # (「…林地」: a run ending in a common word is a phrase's)
        if jieba.dt.FREQ.get(tail, 0) >= _COMMON_WORD_FREQ and not str(_WORD_TAGS.get(tail, "")).startswith("nr"):
            continue
        if any(_TRANSLIT_PLACE_AFTER.match(text, k.end()) for k in re.finditer(re.escape(word), text)):
            continue  # 「X县」「X镇」 anywhere in the text: the place's name
        if _cuts_a_word(text, m.start(), m.end()):
            continue  # 「海兰江林业局」: the run's edge is inside a word (林业), so it is no name standing alone
        _claim(spans, m.start(), word, "weak")


def _cuts_a_word(text, start, end):
    """A common word (not a name) across the run's first or last character and its neighbour outside it."""
    edges = (text[max(0, start - 1):start + 1], text[end - 1:end + 1])
    return any(len(pair) == 2 and jieba.dt.FREQ.get(pair, 0) >= _COMMON_WORD_FREQ
               and not str(_WORD_TAGS.get(pair, "")).startswith("nr") for pair in edges)


def unsurnamed_name_at(text, pos):
    """A minority or transliterated name beginning at ``pos`` (it must end where the name ends)."""
    for start, name in dotted_names(text[pos:pos + 12]):
        if start == 0:
            return name
    for pattern in (_YI_NAME, _TIBETAN_NAME, _MONGOLIAN_NAME):
        m = pattern.match(text, pos)
        if m and (_NAME_STOP.match(text, m.end()) or re.match(_WEAK_RIGHT, text[m.end():m.end() + 12])
                  or _TITLE_AFTER_RE.match(text[m.end():m.end() + 8])  # 「X委员：」: a title ends the name
                  # (a Tibetan name's two words end before a verb or function word: 「原告X与被告Y」「X您好」「X巡查」)
                  or pattern is _TIBETAN_NAME and _tibetan_name_ends(text, m.end())):
            return m.group(0)
    # one Tibetan name word alone (「次仁」「小扎西」), asked for by the slot (a cue, a list, a label, a speaker):
    # herders in the pastoral counties go by it, with no surname (issue #19)
    m = _TIBETAN_ONE.match(text, pos)
    if m and (_NAME_STOP.match(text, m.end()) or re.match(_WEAK_RIGHT, text[m.end():m.end() + 12])
              or _TITLE_AFTER_RE.match(text[m.end():m.end() + 8]) or _word_after_name(text, m.end())) \
            and not _TIBETAN_PART_RE.match(text, m.end()):
        return m.group(0)
    # a Uyghur or Kazakh given name alone (the slot that asked stands for a person: a cue, a list, a label)
    for k in (6, 5, 4, 3):
        word = text[pos:pos + k]
        end = pos + k
        if len(word) == k and transliterated_word(word) and (end >= len(text) or text[end] not in _TRANSLITERATION) \
                and (_NAME_STOP.match(text, end) or re.match(_WEAK_RIGHT, text[end:end + 12])
                     or _TITLE_AFTER_RE.match(text[end:end + 8])):
            return word
    return _dai_name_at(text, pos)


# 「我叫X，」「名叫X」「网友“X”」: what follows a naming verb up to the punctuation is the name, whatever it
# looks like (「我叫吉克阿呷，」「我是泽仁拉姆，」).
_NAMING_CUE = re.compile(r"(?:我叫|名叫|叫做|我是|我系|网友[“\"]?|本人姓名[:：]?|就叫|真名叫|名字叫|名字是|姓名是)$")
_WHOLE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}(?=[，,。；;！!？?\s”\"）)]|$)")


def _named_at(text, pos, cue):
    name = unsurnamed_name_at(text, pos)
    if name:
        return name
    if not _NAMING_CUE.search(cue.rstrip("：: ")):
        return None
    m = _WHOLE_NAME.match(text, pos)
    if not m or m.group(0) in NOT_NAMES or "的" in m.group(0) or m.group(0).endswith(PLACE_ORG_SUFFIX):
        return None
    return m.group(0) if has_surname(m.group(0)) or cue.startswith(("我叫", "名叫", "叫做", "网友", "就叫", "名字叫")) else None


_NICKNAME = re.compile(r"[小阿][\u4e00-\u9fff](?=[，。、,；;\s）)]|$)")
# 「包工头“七哥”」: a nickname in quotes after a cue — a numeral or a character and 哥/姐/嫂/叔, or 小/阿/老X.
_QUOTED_NICKNAME = re.compile(r"[“\"]((?:[\u4e00-\u9fff]{1,2}(?:哥|姐|嫂|叔|婶)|[小阿老][\u4e00-\u9fff]))(?=[”\"])")


def _nickname_at(text, pos, cue):
    """「孩子叫小芳，」: after 叫 a child's or a familiar name (小X, 阿X) is the person; after any cue, a
    quoted nickname (「包工头“七哥”」) is."""
    quoted = _QUOTED_NICKNAME.match(text, pos - 1) if pos and text[pos - 1] in "“\"" else None
    if quoted:
        return quoted.group(1)
    m = _NICKNAME.match(text, pos) if cue.rstrip("：: ").endswith("叫") else None
    return m.group(0) if m else None


# What a form's label announces fills its field up to the field's end: 「来电人：云朵 电话…」
# 「项目经理杨梅。」「信访人贡觉（青海籍）」. Words a field holds when no name is given are not names.
_FIELD_END = re.compile(r"[ \t\u3000\n，,。；;（(）)]|$")
_FIELD_LABELS = ("来电人", "信访人", "来访人", "来信人", "写信人", "投诉人", "举报人", "申请人", "被询问人", "申请执行人",
                 "被申请人", "被执行人", "持证人", "项目经理", "监理员", "施工员", "班组长", "包工头", "乙方", "户主", "收款人")
_FIELD_FILLERS = frozenset(("本人", "同上", "匿名", "不详", "未知", "未留", "未填", "暂无", "见附件", "双方", "其他", "多人",
                            "若干", "家属", "代理", "委托", "签字", "盖章", "空缺", "待定"))


# 「申请人姓名 岑 桂香  性别」「村民黎 强，」: a scanned form spaces a name out; the blank after the surname is
# not the field's end.
# (「白 彦 虎」: each character of the given name spaced too)
# (a narrow form's field may break a compound surname's name over a line: 「申请人：宇文⏎淑芬」)
_SPACED_NAME = re.compile("(?:(?:" + "|".join(COMPOUND_SURNAMES) + r")\n|(?:" + "|".join(COMPOUND_SURNAMES) + "|["
                          + "".join(sorted(SURNAMES)) + "])" + r"[ \u3000]{1,2})(" + _HAN + r"[ \u3000]{1,2}" + _HAN + "|" + _HAN + r"{1,2})(?=[ \t\u3000\n，,。；;（(、]|$)")


def _spaced_name_at(text, pos):
    """A surname, one or two blanks, and a given name of one or two characters that is no common
    word (「联系人 张 电话」 is a label) and no sex (「男」)."""
    m = _SPACED_NAME.match(text, pos)
    if not m or m.group(0)[0] in _FUNCTION_SURNAMES:
        return None
    given = re.sub(r"[ \u3000]", "", m.group(1))
    spaced = given != m.group(1)  # every character spaced out: a scanned name, not a label and a word
    if "某" in given or given in "男女" or given[-1] in _NOT_NAME_END or given in NOT_NAMES \
            or len(given) == 2 and not spaced and jieba.dt.FREQ.get(given, 0) >= 100:
        return None
    return m.group(0)


_HEADER_WORD = re.compile(r"(?:号|证|码|额|名|期|址|别|龄|数|量|间|称|类|级)$")


def _field_word_at(text, pos, cue):
    """The two to four characters a label cue (followed by a colon or a blank, or one of the form
    labels right before the name) announces, when they end where the field ends: a common word
    (云朵, 杨梅) with a Han surname, or a transliteration (贡觉, 马乙卜拉) that holds no dictionary word."""
    label = cue.rstrip("：: \u3000“\"")
    if not (cue != label or label.endswith(_FIELD_LABELS)):
        return None
    m = re.match(_HAN + "{2,4}", text[pos:pos + 5])
    if not m or not _FIELD_END.match(text, pos + len(m.group(0))) or m.group(0)[-1] in "等和与及的了在是":
        return None  # 「符阿七等 5 人」: a list goes on
    word = m.group(0)
    if word[0] in "不未无没" or _HEADER_WORD.search(word) or "某" in word:
        return None  # 「来电人不愿留名」, a table header 「户主 身份证号」, a name already masked 「张某某」
    if word in NOT_NAMES or word in _FIELD_FILLERS or word.endswith(PLACE_ORG_SUFFIX) or word[0] in _FUNCTION_SURNAMES \
            or _CUE_RE.match(word) or any(title in word for title in OFFICIAL_TITLES):
        return None
    if label.endswith(("姓名", "名字")) and not _dictionary_cell(word):
        return word  # 「申请人姓名 X  性别」: the name field holds a name, whatever words it holds (not a header's next column)
    parts = jieba.lcut(word, HMM=False)
    if has_surname(word):
        # 「申请人家庭收入」: a longer run that opens with a dictionary word holding the "surname" is that word
        opens_word = len(word) >= 3 and len(parts[0]) >= 2 and jieba.dt.FREQ.get(parts[0], 0) >= _COMMON_WORD_FREQ \
            and word[:2] not in COMPOUND_SURNAMES
        return None if opens_word else word
    inside = jieba.lcut(word, cut_all=True)  # every dictionary word inside: 「家庭收入」 holds 家庭
    return word if not any(len(t) >= 2 and jieba.dt.FREQ.get(t, 0) >= _COMMON_WORD_FREQ for t in inside) else None


# Surname characters that are also function or time words: 「走访时了解到」 holds 时+了解, not a name.
_FUNCTION_SURNAMES = frozenset("时和于向将从同把被对给以为与及在之其原由来都公管应但")  # (把: also a Hui surname)
# 「…四楼的应卫一家三口」: after 的 only a person's household or speech marks a name.
_OF_RE = re.compile(r"(?<=的)(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])" + _HAN
                    + r"{1,2}?(?=一家|夫妇|老人|家(?:的|中|里|那|这|享受|经营|开|住)|一户|等\d|反映|表示|介绍|说|称)")


_HONORIFIC = re.compile(r"(?:大爷|大妈|大娘|大姐|大哥|大叔|大婶|阿姨|师傅|老师|老板|叔|婶|姨|伯|工|总|姓)")
_CAPITAL_NUMERALS = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
_NUMERALS = frozenset("一二三四五六七八九十两")


def not_a_name(text, start, end, by_start, crossing=True, produce=True, function_word=True):
    """A guessed name that reads as something else: a surname plus an honorific or form of address
    (「马大爷」「张工」「顾姓」), a grade or count (「高二」), an amount in capital numerals (「伍佰元」),
    a two-character guess whose second character starts the next word (「金未|停发」「都是」), a produce
    or landscape word with a suffix (「杨梅苗」「田野里」), or a surname that is the end of the word
    before it (「对公|代发」)."""
    word = text[start:end]
    surname = 2 if word[:2] in COMPOUND_SURNAMES else 1
    given = word[surname:]
    # 「司机卢二。」: after a cue, a surname and one numeral that ends there is how people are called
    # (a school grade 「高二」「初三」 never is)
    called = not crossing and len(given) == 1 and word[0] not in "高初大" \
        and not re.match(_HAN, text[end:end + 1])
    if not given or _HONORIFIC.match(given) or all(c in _NUMERALS for c in given) and not called \
            or sum(c in _CAPITAL_NUMERALS for c in word) >= 2:  # 陆/伍 are surnames too; 「伍佰」 is an amount
        return True
    if len(word) == 2 and (given in _NOT_NAME_END or given in "里上下内外边"):
        return True
    if given[:1] in "镇村乡组区县市省其此该每各" or given in NOT_NAMES or given.startswith(_MULTI_SUFFIX) \
            or word[-1] in "镇乡村县市省区":
        return True  # 「和|镇村两级」「由|其子」「村民|宿项目」
    if word[0] == "系" and jieba.dt.FREQ.get(given, 0) > 0 and not str(_WORD_TAGS.get(given, "")).startswith("nr"):
        return True  # 「与收款人系远亲」: the copula 系 (is) before a relation, not the rare surname
    if function_word and word[0] in _FUNCTION_SURNAMES and jieba.dt.FREQ.get(given, 0) >= 100:
        return True  # 「原|账号」「公|租房」 (not a reading with a person on both sides: 「其女儿向小雨（12岁」)
    if produce and word.startswith(_PRODUCE_WORDS):
        return True
    if not crossing:
        return False
    pos = _token_start(by_start, start)
    if pos is None or pos == start:
        return False
    token, flag = by_start[pos]
    return pos + len(token) > start and len(token) >= 2 and not flag.startswith("nr") and jieba.dt.FREQ.get(token, 0) >= 10


def _token_start(by_start, pos, reach=12):
    """Start of the token that holds ``pos`` (tokens are contiguous; none is longer than ``reach``)."""
    for p in range(pos, max(-1, pos - reach), -1):
        if p in by_start:
            return p
    return None


class _Group:
    """A match's first group seen as a match (start, end, group(0))."""

    def __init__(self, m):
        self._m = m

    def start(self):
        return self._m.start(1)

    def end(self):
        return self._m.end(1)

    def group(self, _index=0):
        return self._m.group(1)


def _weak_names(text, by_start, spans):
    """3. Weak cues on both sides, for names jieba does not tag."""
    former = [_Group(m) for m in _FORMER_RE.finditer(text)] if "原" in text or "前" in text else []
    for m in list(_WEAK_RE.finditer(text)) + list(_OF_RE.finditer(text)) + former:
        word = m.group(0)
        if m.start() in spans or any(s.start <= m.start() < s.end for s in spans.values()):
            continue
        if word[0] in _FUNCTION_SURNAMES and jieba.dt.FREQ.get(word[1:], 0) >= 100:
            continue
        if not_a_name(text, m.start(), m.end(), by_start):
            continue
        compound = word[:2] in COMPOUND_SURNAMES
        # a common word is a name only as a two-character name the dictionary also knows as one, or
        # with a household or possession after it (「黎明家经营农家乐」)
        name_word = len(word) == 2 and str(_WORD_TAGS.get(word, "")).startswith("nr") and jieba.dt.FREQ.get(word, 0) < 500
        # (「信访|件办理」: two characters the dictionary knows as a word, and one more, are not a name)
        prefix_word = len(word) == 3 and jieba.dt.FREQ.get(word[:2], 0) >= _COMMON_WORD_FREQ and not str(_WORD_TAGS.get(word[:2], "")).startswith("nr")
        common = (jieba.dt.FREQ.get(word[:2], 0) >= 100 or prefix_word or jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ) \
            and not name_word \
            and not (len(word) == 2 and _STRONG_RIGHT.match(text, m.end()) and text[m.end():m.end() + 1] in "家之名")
        if compound or (looks_like_person_name(word, len(word) == 3) and not common):
            spans[m.start()] = Span(m.start(), m.end(), "person_name", word, "weak")


def _compound_names(text, by_start, spans):
    """4. Compound surnames that are not ordinary words (欧阳, 司马, 诸葛…) begin a name anywhere."""
    for m in _COMPOUND_RE.finditer(text):
        if text[m.end():m.end() + 1] in "村镇乡路街道桥巷区县市":
            continue  # 「欧阳路」「司马村」: a place named after a family
        end = given_end(text, m.end(), by_start)
        if end == m.end() or _suffix_follows(text, end, by_start) or _org_follows(text, end, by_start):
            continue
        if any(s.start < end and m.start() < s.end for s in spans.values()):
            old = [k for k, s in spans.items() if s.start < end and m.start() < s.end]
            for k in old:
                del spans[k]
        spans[m.start()] = Span(m.start(), end, "person_name", text[m.start():end], "cue")


_HEADER_RE = re.compile(r"姓\s?名|户\s?主|收款人|申请人|领取人|补助对象")
_CELL_SPLIT = re.compile(r"[\s|｜,，;；]+")
_LIST_LINE_CUE = re.compile(r"(?:名单|对象|人员|如下|户主|姓名)\s*[:：]\s*$")


def _list_names(text, spans):
    """5. Notices' list structures: the rows under a 序号/姓名/户主 header, one name per line after
    「名单：」「对象：」, and enumerations 「一、王某，男，…」."""
    lines, pos, header, listing = text.split("\n"), 0, False, False
    for line in lines:
        if header or listing:
            _names_in_cells(text, line, pos, spans, whole_line=listing and not header)
        header = header or (bool(_HEADER_RE.search(line)) and len(_CELL_SPLIT.split(line.strip())) >= 2)
        listing = bool(_LIST_LINE_CUE.search(line)) or (listing and bool(line.strip()))
        pos += len(line) + 1
    for m in re.finditer(r"(?:^|(?<=[\n。；;]))\s*[一二三四五六七八九十\d]+[、.．]\s*", text):
        end = m.end()
        word = text[end:end + 4]
        name = re.match(_HAN + "{2,4}?(?=[，,（(]\\s?[男女])", word + text[end + 4:end + 7])
        if name and has_surname(name.group(0)):
            spans.setdefault(end, Span(end, end + len(name.group(0)), "person_name", name.group(0), "cue"))


_AMOUNT_CELL = re.compile(r"[\d,，.]{3,}(?:元)?|[\d.]+万元?")


def _row_names(text, spans):
    """Rows of a list written without a header (「27\t仉光涛\t6225… 800.00」「1 王强 保洁员 2400」):
    a line of blank-, tab- or bar-separated cells, one of them a number, another a surname-initial name."""
    pos = 0
    for line in re.split(r"[\n；;]", text):  # 「X 拖拉机一台 1.2万元；Y 插秧机一台 8400元」: records split by ；
        cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
        if len(cells) >= 3 and any(_AMOUNT_CELL.fullmatch(c) for c in cells) and not re.search(r"[，。；]", line):
            _names_in_cells(text, line, pos, spans, whole_line=False)
        pos += len(line) + 1


def _dictionary_cell(cell):
    freq = jieba.dt.FREQ.get(cell, 0)
    return freq >= _COMMON_WORD_FREQ or (freq > 0 and not str(_WORD_TAGS.get(cell, "")).startswith("nr"))


def _names_in_cells(text, line, offset, spans, whole_line):
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
    if whole_line and len(cells) != 1:
        return
    for cell in cells:
        if re.fullmatch(_HAN + "{2,4}", cell) and has_surname(cell) and cell not in NOT_NAMES and looks_like_person_name(cell) \
                and not (cell[0] in "高初大" and all(c in _NUMERALS for c in cell[1:])):  # 「高二」: a grade column
            if _dictionary_cell(cell):
                continue  # 「农艺师」「牛羊」: an occupation or a commodity column, not a name
            start = offset + line.index(cell)
            spans.setdefault(start, Span(start, start + len(cell), "person_name", cell, "cue"))


# (a notice's list may open right after 请: 「通知：请X、Y、Z于…前」)
_SIBLING_LEFT = re.compile(r"(?:^|(?<=[，。；：:\s、（(])|(?<=[，。；：:\s]请))(?!请)(" + _HAN + r"{2,4})、$")
_SIBLING_RIGHT = re.compile(r"、(" + _HAN + r"{2,4}?)(?=[、，。；\s）)]|等|和|及|[一二三四五六七八九十两\d]+(?:人|户|名)|$)")


def _list_siblings(text, spans):
    """「卢振华、鲁家栋、詹丽萍三人获评…」: the other items of an enumeration a detected name belongs to
    (each new item's neighbours too, so a whole list is found from any one of its names)."""
    todo = sorted(spans.values(), key=lambda s: s.start)
    while todo:
        span = todo.pop()
        left = _SIBLING_LEFT.search(text, max(0, span.start - 5), span.start)
        right = _SIBLING_RIGHT.match(text, span.end)
        for m in (left, right):
            word = m.group(1) if m else None
            if m and (unsurnamed_name_at(text, m.start(1)) or "")[:4] in (word, word + text[m.end(1):m.end(1) + 1]):
                word = unsurnamed_name_at(text, m.start(1))
            elif not (word and looks_like_person_name(word) and jieba.dt.FREQ.get(word, 0) < _COMMON_WORD_FREQ):
                continue
            if m.start(1) not in spans:
                spans[m.start(1)] = Span(m.start(1), m.start(1) + len(word), "person_name", word, "weak")
                todo.append(spans[m.start(1)])


# 「……明天去收茶——X」: a message signed after a dash at the end of a line.
_DASH_SIGNATURE = re.compile(r"(?:——|—|--|－－)[ \u3000]*(" + _HAN + r"{2,4})[ \u3000]*(?=\n|$)")
# A line that opens with a short label before a bracket or a colon: a chat's speaker, a list's item
# 「X（三组）」, a minute's 「X汇报：」.
_LINE_LABEL = re.compile(r"(?m)^[ \t\u3000]*(" + _HAN + r"{2,5})(?=[（(：:])")


def _label_word(word):
    """A label that could be a person's: no role, field, header, place or body, no dictionary words only."""
    return not (word in PERSON_CUES or word in OFFICIAL_TITLES or word in _FIELD_LABELS or word in NOT_NAMES
                or word in _FIELD_FILLERS or _HEADER_WORD.search(word) or word.endswith(PLACE_ORG_SUFFIX)
                or "某" in word or len(word) >= 3 and word[-1] == "人" or _CUE_RE.match(word)
                or any(title in word for title in OFFICIAL_TITLES)
                or _dictionary_cell(word) and not has_surname(word)
                or len(word) >= 3 and (_role_word_head(word) or _dictionary_run(word) and word[:2] not in COMPOUND_SURNAMES)
                or _SURNAME_KIN.fullmatch(word))


# 「钟家阿嫂」「陶姐」「龙大叔」: a surname and a kinship word call a person but name no one.
_SURNAME_KIN = re.compile("(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])家?[阿大老小]?"
                          "(?:嫂|姐|叔|婶|哥|伯|姨|妈|爸|公|婆|奶|爷|娘|妹|弟)")


def _role_word_head(word):
    """「物业小普」「村委小杨」: a body's or a trade's word and a call name, not a name."""
    head = jieba.lcut(word, HMM=False)[0]
    return len(head) >= 2 and jieba.dt.FREQ.get(head, 0) >= _COMMON_WORD_FREQ \
        and not str(_WORD_TAGS.get(head, "")).startswith("nr") and not has_surname(head)


def _slot_names(text, by_start, spans):
    """Names by the slot they stand in rather than by how they look (a Dai or Hani name has no
    surname, a nickname no given-name characters): a message's dash signature, and the labels of
    lines that open the same way (before 「：」 or 「（」) when most of the others are names found."""
    for m in _DASH_SIGNATURE.finditer(text):
        word = m.group(1)
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if re.search("——|—|--|－－", line):
            continue  # 「2——曹X——…——已缴」: a table's cells split by dashes
        if _label_word(word) and (has_surname(word) or unsurnamed_name_at(text, m.start(1)) == word
                                  or re.fullmatch(r"[小阿老]" + _HAN + "{1,2}", word)
                                  or jieba.dt.FREQ.get(word, 0) < _COMMON_WORD_FREQ):
            _claim(spans, m.start(1), word, "cue")
    groups = defaultdict(list)
    for m in _LINE_LABEL.finditer(text):
        groups[text[m.end(1)] in "：:"].append(m)
    for labels in groups.values():
        words = {m.group(1) for m in labels}
        named = {m.group(1) for m in labels if any(s.start == m.start(1) and s.end == m.end(1) for s in spans.values())}
        if len(named) < 2 or 2 * len(named) < len(words):
            continue
        for m in labels:
            word = m.group(1)
            if word not in named and _label_word(word) and not not_a_name(text, m.start(1), m.end(1), by_start, crossing=False):
                _claim(spans, m.start(1), word, "cue")


# 「乔 鹏：…」「、贺 丽、」「｜慕 刚｜」「上官 燕子：」「寇存旺｜寇 瑞｜」: a form, a table or a chat pads a two-character
# name to the width of three with one blank after the surname. Such a pair standing alone is a name without any cue:
# the character before the surname is no Han character (a line's start, a separator, a digit), or a blank after a
# word; and after the given name a separator, a digit, a blank before a word, or what follows a person
# (「之母」「家」「兄弟」「你好」「等」). A pair inside a run of single characters is speech-to-text with a blank after
# each character (「反映 公 租 房」), which _spaced_out_names reads.
_PAIR_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])"
_SPACED_PAIR_NAME = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff \u3000])|(?<=[^\u4e00-\u9fff \u3000][ \u3000])|(?<=[\u4e00-\u9fff]{2}[ \u3000]))"
    "(" + _PAIR_SURNAME + r")[ \u3000](" + _HAN + "{1,2}?)"
    r"(?=[：:（(、，,。；;|｜\t\n@]|[ \u3000]{2}|[ \u3000]?[0-9０-９]|$|[ \u3000][\u4e00-\u9fff]{2}"
    r"|之[妻夫子女母父]|家(?![庭具乡])|兄弟|姐妹|你好|等[\d一二三四五六七八九十两]?[人户名])", re.M)


def _spaced_pair_names(text, spans):
    for m in _SPACED_PAIR_NAME.finditer(text):
        surname, given = m.group(1), m.group(2)
        word = surname + given
        if surname in _FUNCTION_SURNAMES or "某" in given or given in "男女" or given[-1] in _NOT_NAME_END \
                or word in NOT_NAMES or _HEADER_WORD.search(word) \
                or (len(surname) == 1 or surname in AMBIGUOUS_COMPOUNDS) and given_log_ratio(given[-1]) <= 0.0 \
                or len(surname) == 1 and (len(given) == 2 and jieba.dt.FREQ.get(given, 0) >= _COMMON_WORD_FREQ):
            continue
        _claim(spans, m.start(1), m.group(0), "cue")


def _title_before(text, start):
    """An official title ends right before ``start`` (「副局长|孙立平」: 长孙 is not the surname)."""
    return bool(_TITLE_BEFORE_RE.search(text[max(0, start - 12):start]))


def _widen_left(text, span, by_start):
    """「向上官强玉」「周海涛」: a compound surname or a lone surname split off by jieba."""
    start = span.start
    if text[start - 2:start] in COMPOUND_SURNAMES and not _title_before(text, start):
        start -= 2
    elif text[start - 1:start + 1] in COMPOUND_SURNAMES and not _title_before(text, start):
        start -= 1
    elif (span.end - span.start == 2 and text[start - 1:start] in SURNAMES
          and text[start - 1:start] not in _NO_LEFT_EXTEND and by_start.get(start - 1, ("", ""))[0] == text[start - 1:start]
          and jieba.dt.FREQ.get(text[start - 1:start + 1], 0) < 100 and not _title_before(text, start)):
        start -= 1
    if start == span.start:
        return span
    return Span(start, span.end, span.kind, text[start:span.end], span.source)


def _before_role(text, span):
    """「邹晓|军代表」「毛丽|君主任」: a two-character reading that leaves one given-name character in
    front of a role word takes it (a name never ends right before 代表 with its last character cut)."""
    end = span.end
    nxt = text[end:end + 1]
    if end - span.start != 2 or span.value[:2] in COMPOUND_SURNAMES or not re.match(_HAN, nxt) \
            or nxt in _NOT_NAME_END or nxt in "副总正常原老前大小":
        return span
    if _DELEGATE_AFTER_RE.match(text[end + 1:end + 15]) or _TITLE_AFTER_RE.match(text[end + 1:end + 8]):
        return Span(span.start, end + 1, span.kind, text[span.start:end + 1], span.source)
    return span


def find_names(text):
    """Person-name spans (free text). Officials in role are returned with kind 'official'.
    Traditional characters are read through a simplified view (「陳秀蘭」 as 陈秀兰); spans keep
    the original characters."""
    jieba.dt.check_initialized()  # every rule reads the dictionary's frequencies, which load lazily (on the first cut)
    view = simplified(text).translate(_CANTONESE)
    if _SPACED_LABEL.search(view):
        view = _SPACED_LABEL.sub(_close_label, view)
    found = _find_names(view)
    if _SPACED_OUT.search(view):
        found = sorted(found + _spaced_out_names(view, found), key=lambda s: s.start)
    if view == text:
        return found
    return [Span(s.start, s.end, s.kind, text[s.start:s.end], s.source) for s in found]


# A form's field label spaced out to the width of its column (「姓 名：朱红」「住    址：」): read as the label
# (「姓名：」, the blanks moved after the colon, so the name after it keeps its place).
_SPACED_LABEL = re.compile(r"(?m)(?:^|(?<=[ \t\u3000]))(" + _HAN + r")([ \u3000]{1,4})(" + _HAN + r")(?:([ \u3000]{1,4})(" + _HAN
                           + r"))?([:：])(?=[ \t\u3000]*" + _HAN + "{2})")  # (a spaced-out value is _spaced_out_names')


def _close_label(m):
    label = m.group(1) + m.group(3) + (m.group(5) or "")
    if not m.group(5) and m.group(1) in SURNAMES and m.group(1) not in _FUNCTION_SURNAMES and given_log_ratio(m.group(3)) > 1.0:
        return m.group(0)  # 「乔 鹏：」: a speaker's two-character name padded to three (_spaced_pair_names), no label
    return label + m.group(6) + m.group(2) + (m.group(4) or "")


# Cantonese function characters read as their Mandarin equivalents, one for one (the tagger and the
# cue rules know 的/他/了/在, not 嘅/佢/咗/喺); none of them is a surname or in a given name.
_CANTONESE = str.maketrans("嘅佢咗喺啲冇揾睇嚟攞畀唔嗰哋", "的他了在些没找看来拿给不那们")


# A scanned form or a typist spaces every character out (「申 请 人：黄 海 耀  性别：男」): a single blank
# between two Han characters, three or more in a row. Names are then also read on a copy without those
# blanks (a run of two or more blanks still ends a cell), and mapped back.
# (single characters each: 「联系人 张 电话」 is words with blanks between, not a spaced-out run)
_SPACED_RUN = r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff](?![\u4e00-\u9fff])){%d,}"
_SPACED_OUT = re.compile(_SPACED_RUN % 2)
_SPACED_PAIR = re.compile(_SPACED_RUN % 1)


def _spaced_out_names(text, found):
    """Names read on the copy without the blanks inside spaced-out runs (two characters or more
    once the text has one of three) that overlap nothing found on the text itself; their spans
    cover the blanks."""
    blanks = {i for m in _SPACED_PAIR.finditer(text) for i in range(m.start(), m.end()) if text[i] in " \u3000"}
    index = [i for i in range(len(text)) if i not in blanks]
    compact = "".join(text[i] for i in index)
    out = []
    for span in _find_names(compact):
        start, end = index[span.start], index[span.end - 1] + 1
        # (a span with no blank inside counts when its cue right before was spaced out: 「申 请 人：黄  欣」)
        if not any(start - 8 < b < end for b in blanks) or any(s.start < end and start < s.end for s in found + out):
            continue
        out.append(Span(start, end, span.kind, text[start:end], span.source))
    return out


# 「我是三河镇的吴大国，」「我是琳琅村的X」: a self-introduction names the writer after 的.
_SELF_INTRO = re.compile(r"(?:我是|我叫|本人是)[^，。；！？,\n]{1,12}的(?=[\u4e00-\u9fff]{2,4}(?:[，,。；！？\s]|$))")
# 「来自临夏的X拿到了…」「同是临夏来的X」: a person introduced by where they come from.
_FROM_PLACE = re.compile(r"(?:来自[^，。；！？,\n]{1,10}的|[^，。；！？,\n]{1,8}(?:过来|来)的)(?=[\u4e00-\u9fff]{2,4})")
# 「此致⏎敬礼⏎X⏎手机：…」: the line after a letter's closing is its writer's signature.
# (an e-mail may close 「此致⏎X」 with no 敬礼)
_SIGNATURE = re.compile(r"(?:此致\s*敬礼|敬礼|此致)[！!。，,]?\s*\n\s*(?!敬礼)([\u4e00-\u9fff]{2,4})\s*(?=\n|$)")
# 「五星村1组9号程功、…」: a name right after a house number or group, before a separator.
_AFTER_ADDRESS = re.compile(r"(?<=\d号|\d组|\d户|\d室|\d社)[\u4e00-\u9fff]{2,3}?(?=[、，,；;\s（(]|$)")
# 「家庭成员：X 母亲 1948.1；Y 次女 1984.2」「X｜外婆卓玛｜6228…」: a household member's cell, then a
# relation cell (a kinship word, maybe with a name after it), then a date, a number or another cell.
_KIN_WORDS = ("母亲|父亲|妻子|丈夫|配偶|儿子|女儿|长子|次子|三子|长女|次女|三女|孙子|孙女|外孙|外孙女|儿媳|女婿|兄弟|姐妹|"
              "哥哥|姐姐|弟弟|妹妹|祖父|祖母|外公|外婆|爷爷|奶奶|户主|本人|侄子|侄女")
_MEMBER_CELL = re.compile(r"(?:^|(?<=[\n：:；;｜|\t]))[ \u3000]*(" + _HAN + r"{2,5}(?:[·•・]" + _HAN + r"{2,8})?)"
                          r"[ \u3000\t]*[ \u3000\t｜|]+[ \u3000]*(?:" + _KIN_WORDS + r")(?=[ \u3000\t｜|\d]|" + _HAN + r"{2,4}[ \u3000\t｜|])")
# 「家庭成员 X（配偶）」「Y（子女）23040…」: a name with its relation to the applicant in brackets after it.
_KIN_BRACKET = re.compile(r"(?:^|(?<=[\s：:；;，,、｜|]))(" + _HAN + r"{2,4})[（(](?:" + _KIN_WORDS + r"|父母|子女|儿女|孙辈)[）)]")
# 「…139 0453 8126 找X」「电话7283516，联系X」: the person to ask for after a phone number.
_ASK_FOR = re.compile(r"[\d〇○零一二三四五六七八九幺两洞][ \u3000]?[，,]?\s*(?:找|联系|转|打给)\s*(" + _HAN
                      + r"{2,3}?)(?=[\s，,。.！!；;）)]|$|(?:接|就行|即可|收|转交))")
# 「夏X与夏Y系夫妻」「满X、满Y兄弟对地块…」: two persons named as a pair of relatives.
_KIN_PAIR = re.compile(r"(" + _HAN + r"{2,3})[与和、及跟](" + _HAN + r"{2,3}?)(?:系|是|为|俩|两人)?"
                       r"(?:兄弟|姐妹|兄妹|姐弟|父子|母子|父女|母女|婆媳|叔侄|夫妻)(?!们)")
# 「发现罗小兵、税永强、母光华等3人…」: an enumeration that ends by counting people.
_COUNTED_LIST = re.compile(r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})等[\d一二三四五六七八九十两]+(?:人|名|户|位)")
# 「…13906832044 羅志偉」: a name cell after a number cell at the end of a line.
_AFTER_NUMBER = re.compile(r"(?<=\d[ \t\u3000])[\u4e00-\u9fff]{2,3}(?=\s*(?:\n|$))")


def _structural_names(text, by_start, spans):
    """6. Names by their place in the text rather than a cue word: unsurnamed (minority) names
    anywhere, self-introductions, a name after a house number, counted enumerations, a name cell
    after a number at the end of a line."""
    for start, name in dotted_names(text):
        if not _inside_title(text, start):
            _claim(spans, start, name, "cue")
    for pattern in (_YI_NAME, _TIBETAN_NAME, _MONGOLIAN_NAME):
        for m in pattern.finditer(text):
            name = unsurnamed_name_at(text, m.start())
            if name and not _inside_title(text, m.start()):
                _claim(spans, m.start(), name, "cue")
    # 「…。X家去年的理赔款已到」「X家、Y家还没交」: one Tibetan name word before the household it heads
    for m in _TIBETAN_HOUSEHOLD.finditer(text):
        if not _inside_title(text, m.start()):
            _claim(spans, m.start(), m.group(0), "cue")
    for m in _SELF_INTRO.finditer(text):
        word = _named_at(text, m.end(), "我叫") if not unsurnamed_name_at(text, m.end()) else unsurnamed_name_at(text, m.end())
        if word and has_surname(word) or word and unsurnamed_name_at(text, m.end()):
            _claim(spans, m.end(), word, "cue")
    for pattern in (_AFTER_ADDRESS, _AFTER_NUMBER):
        for m in pattern.finditer(text):
            word = m.group(0)
            if looks_like_person_name(word) and jieba.dt.FREQ.get(word, 0) < _COMMON_WORD_FREQ \
                    and jieba.dt.FREQ.get(word[:2], 0) < 100 and not not_a_name(text, m.start(), m.end(), by_start):
                _claim(spans, m.start(), word, "weak")
    for m in _ASK_FOR.finditer(text):
        word, start = m.group(1), m.start(1)
        if (has_surname(word) or unsurnamed_name_at(text, start)) and word not in NOT_NAMES \
                and not word.endswith(PLACE_ORG_SUFFIX) and word[0] not in _FUNCTION_SURNAMES \
                and not _CUE_RE.match(word) and not any(t in word for t in OFFICIAL_TITLES):
            _claim(spans, start, word, "cue")
    for m in _FROM_PLACE.finditer(text):
        word = _name_at(text, m.end(), by_start) or unsurnamed_name_at(text, m.end())
        if word and not not_a_name(text, m.end(), m.end() + len(word), by_start, crossing=False):
            _claim(spans, m.end(), word, "cue")
    for m in _SIGNATURE.finditer(text):
        word = m.group(1)
        if (has_surname(word) or unsurnamed_name_at(text, m.start(1))) and not word.endswith(PLACE_ORG_SUFFIX) \
                and not _dictionary_cell(word):
            _claim(spans, m.start(1), word, "cue")
    for m in _MEMBER_CELL.finditer(text):
        word = m.group(1)
        if not (_dictionary_cell(word) and not has_surname(word)) and word not in _FIELD_FILLERS \
                and not _HEADER_WORD.search(word) and not word.endswith(PLACE_ORG_SUFFIX) and "某" not in word \
                and word not in PERSON_CUES and not _NAME_HEADER.fullmatch(word):
            _claim(spans, m.start(1), word, "cue")
    _related_and_counted_names(text, by_start, spans)


def _related_and_counted_names(text, by_start, spans):
    """Names in relatives' pairs (「满福全、满福财兄弟」), a relative with the relation in brackets and counted
    enumerations (「发现罗小兵、…等3人」)."""
    for m in _KIN_PAIR.finditer(text):
        _kin_pair(text, m, by_start, spans)
    for m in _KIN_BRACKET.finditer(text):
        word = m.group(1)
        if (has_surname(word) or unsurnamed_name_at(text, m.start(1)) == word) and word not in NOT_NAMES \
                and not word.endswith(PLACE_ORG_SUFFIX) and not _CUE_END_RE.search(word):
            _claim(spans, m.start(1), word, "cue")
    for m in _COUNTED_LIST.finditer(text):
        pos = m.start(1)
        for index, item in enumerate(m.group(1).split("、")):
            start = pos
            pos += len(item) + 1
            if index == 0:  # 「发现罗小兵、…」: the first item is the name at the end of what the match began with
                cut = next((k for k in range(max(0, len(item) - 3), len(item) - 1) if looks_like_person_name(item[k:])), 0)
                start, item = start + cut, item[cut:]
            if (looks_like_person_name(item) and jieba.dt.FREQ.get(item, 0) < _COMMON_WORD_FREQ) or unsurnamed_name_at(text, start) == item:
                _claim(spans, start, item, "weak")


def _kin_pair(text, m, by_start, spans):
    """Both items of a relatives' pair, when each reads as a surname and a given name; the first is
    cut to the second's length when they share the surname (「流转户满福全、满福财兄弟」)."""
    second, first = m.group(2), m.group(1)
    if second[0] == first[-len(second)] and len(first) > len(second):
        first = first[-len(second):]
    elif len(first) == 3 and not looks_like_person_name(first):
        first = first[-2:]
    start = m.end(1) - len(first)
    kin = first[0] == second[0]  # a common word (「夏天」) is a name here only beside one of the same surname
    for pos, word in ((start, first), (m.start(2), second)):
        if looks_like_person_name(word) and word[0] not in _FUNCTION_SURNAMES \
                and (kin or jieba.dt.FREQ.get(word, 0) < _COMMON_WORD_FREQ) \
                and not not_a_name(text, pos, pos + len(word), by_start, crossing=False, produce=False):
            _claim(spans, pos, word, "weak")


# A surname and a familiar form people are called by (issue #19): 「龙老六」「符阿七」「潘三嫂」「莫二狗」「黄妹仔」.
_FAMILIAR = (r"(?:老[大二三四五六七八九十幺]|阿[大一二三四五六七八九十幺]|[二三四五六七八九十幺](?:嫂|哥|姐|妹|叔|婶|娃|狗|伢|仔|毛)"
             r"|妹仔|细妹|满仔)")
_SURNAMED_NICKNAME = re.compile("(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])" + _FAMILIAR)


def _nicknames(text, by_start, spans):
    """Surname + familiar form, where the surname starts a word (after a stop, a cue, or on a jieba
    token start) and the form does not run on into a longer word (「老大难」)."""
    for m in _SURNAMED_NICKNAME.finditer(text):
        start, end = m.start(), m.end()
        if text[start] in _FUNCTION_SURNAMES or _inside_title(text, start):
            continue
        left_ok = start == 0 or not re.match(_HAN, text[start - 1]) or start in by_start \
            or _CUE_END_RE.search(text[max(0, start - 8):start])
        form = text[start + (2 if text[start:start + 2] in COMPOUND_SURNAMES else 1):end]
        runs_on = any(jieba.dt.FREQ.get(form + text[end:end + k], 0) for k in (1, 2) if end + k <= len(text))
        if left_ok and not runs_on:
            _claim(spans, start, m.group(0), "cue")


# 「找老晁，他冷库在…」「（老拓）」「我老公老雒，」: 老 and a surname is how people call an older man.
_OLD_SURNAME = re.compile("老([" + "".join(sorted(SURNAMES)) + "])(?=[，,。；;：:！!？?\\s）)（(”\"」]|$|他|她|的|家|说|那|这|我|是)")


def _old_surnames(text, by_start, spans):
    """老 + surname where 老 starts a word (not 养老, 敬老) and the pair is no dictionary word (老师,
    老公, 老乡) nor a surname that is a common character in such words."""
    for m in _OLD_SURNAME.finditer(text):
        start, word = m.start(), m.group(0)
        if m.group(1) in _FUNCTION_SURNAMES or m.group(1) in "师公大小少年人家板汉伴乡" \
                or jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ or _inside_title(text, start) \
                or start and jieba.dt.FREQ.get(text[start - 1:start + 1], 0) >= _COMMON_WORD_FREQ:
            continue
        _claim(spans, start, word, "cue")


def _repeat_nicknames(text, spans):
    """A nickname found once (「包工头“七哥”」) is that person wherever the text calls them so."""
    for value in {s.value for s in spans.values() if s.source == "nick"}:
        for m in re.finditer(re.escape(value), text):
            if not any(s.start <= m.start() < s.end for s in spans.values()):
                spans[m.start()] = Span(m.start(), m.end(), "person_name", value, "cue")
    for key, span in list(spans.items()):
        if span.source == "nick":
            spans[key] = Span(span.start, span.end, span.kind, span.value, "cue")


def _inside_title(text, pos):
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _claim(spans, start, word, source):
    """Add a name unless a detected one already covers its start; a longer reading replaces a
    shorter one that begins at the same place."""
    end = start + len(word)
    if any(s.start <= start < s.end and s.start != start for s in spans.values()):
        return
    if start in spans and spans[start].end >= end:
        return
    for key in [k for k, s in spans.items() if start < s.start < end]:
        del spans[key]
    spans[start] = Span(start, end, "person_name", word, source)


# A table's cell separators: bars, tabs, semicolons, commas, slashes, dashes or runs of blanks.
_TABLE_SEP = re.compile(r"\s*(?:[|｜丨¦;；,，/⁄=\t]+|——+|\s{2,})\s*")
# The column of an office's own staff in its accounts (村务公开: 「日期丨摘要丨金额丨经办人」).
_STAFF_HEADER = re.compile(r"(?:经办|经手|审核|审批|报账|记账|验收)(?:人|员)|出纳")
# The column of the persons a list is about: 「序号|户主|组别|人口」「学生姓名\t年级」「签字」.
_NAME_HEADER = re.compile(r"(?:学生|申请人|户主|收款人|领款人|监护人)?姓\s?名|户\s?主|收款人|领款人|领取人|监护人(?:[（(]收款人[）)])?"
                          r"|申请人|补助对象|救助对象|签字|签名")


def _cells(line, offset):
    """(start, end, text) of each cell of a line, empty cells included."""
    out, pos = [], 0
    for m in list(_TABLE_SEP.finditer(line)) + [None]:
        stop = m.start() if m else len(line)
        raw = line[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        out.append((offset + pos + lead, offset + pos + lead + len(raw.strip()), raw.strip()))
        pos = m.end() if m else stop
    return out


def _column_cells(text, header):
    """(start, end, text) of the cells under a column whose header matches ``header``: the rows that
    follow the header line with about as many cells (a row may drop an empty last cell)."""
    out, pos, column, width = [], 0, None, 0
    for line in text.split("\n"):
        cells = _cells(line, pos)
        if column is not None and column < len(cells) and abs(len(cells) - width) <= 1 and len(cells) >= 3:
            # 「户主——组别…⏎1——X——…」: rows numbered under a header that has no 序号 cell
            shift = len(cells) == width + 1 and cells[0][2].isdigit() and column + 1 < len(cells)
            out.append(cells[column + shift])
        else:
            column = None
            heads = [i for i, c in enumerate(cells) if header.fullmatch(c[2])]
            if len(cells) >= 3 and heads:
                column, width = heads[0], len(cells)
        pos += len(line) + 1
    return out


def _staff_cells(text):
    """(start, end) of the cells under a staff column in a public body's table; not in a company's
    table (its staff are private)."""
    return [c[:2] for c in _column_cells(text, _STAFF_HEADER)
            if not re.search(r"公司|企业|施工", text[:c[0]])]


# A name cell: Han characters (a middle dot inside), maybe a relation in brackets after it.
_NAME_CELL = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[·•・][\u4e00-\u9fff]{2,8})?(?=$|[（(])")


def _column_names(text, spans):
    """5b. The cells under a name column (户主, 姓名, 收款人, 签字…) are persons, whatever they look
    like (「明月」「乔木」「索南卓玛」), unless a placeholder, a masked name or a place."""
    for start, _end, cell in _column_cells(text, _NAME_HEADER):
        m = _NAME_CELL.match(cell)
        if not m:
            continue
        word = m.group(0)
        if "某" in word or word in _FIELD_FILLERS or word in PERSON_CUES or word in OFFICIAL_TITLES or word.endswith(PLACE_ORG_SUFFIX) \
                or _HEADER_WORD.search(word) or _NAME_HEADER.fullmatch(word):
            continue
        _claim(spans, start, word, "cue")


# What follows the head of a place or an organisation's name: 「马莲|滩镇」「沙棠|县」「甘肃沙棠|农村商业银行」
# 「祁峪瑞|丰农业科技有限公司」. Not a verb or preposition before the unit (「回乡」「到县里」), nor a word
# the unit starts (县长, 村民, 乡亲, 镇上).
_PLACE_TAIL = re.compile(r"(?:(?![到在回去来赴驻进返离下上入出住和与及的是为从向往全本该同各每老外其])[\u4e00-\u9fff]){0,2}?"
                         r"(?:县|镇|乡|旗|苏木|嘎查|村|屯)(?![长民里上下内外亲城])"
                         # 「麻阳|苗族自治县」「X|瑶族自治县」: an autonomous county's name before its peoples
                         r"|(?:[\u4e00-\u9fff]{1,3}族){1,3}自治(?:县|州|旗|区)")
_ORG_TAIL = re.compile(r"(?:(?![的是在和与及等名人一二三四五六七八九十两])[\u4e00-\u9fff]){0,10}?"
                       r"(?:有限公司|分公司|公司|集团|合作社|农村商业银行|银行|分行|支行|营业部|信用社"
                       r"|(?:铅锌|煤|铁|铜|金|锡|锰|磷|铝|锑|钨|钼|稀土|石灰石)矿)")  # (「X铅锌矿」「X煤矿」: a mine by its mineral)
# 「沙政征〔2024〕21号」「甘（2018）…」: a document or certificate number's prefix.
_DOCUMENT_NUMBER = re.compile(r"\s?[〔\[［(（]\s?\d{4}\s?[〕\]］)）]")
# A hamlet named by a family and its landform (「杨家畔」「拓家川」「马家坬」「何家营」): a surname, 家 and the
# landform; a guess that is one, or that ends in the surname of one (「南至张|家坡」), is the place.
_LANDFORM = "畔川箐坡坬塬峁山沟湾营庄寨岭坪梁洼岔坝塘峪垴台堡店屯集窑"
_HAMLET = re.compile("[" + "".join(sorted(SURNAMES)) + "]家[" + _LANDFORM + "]")
# An old town's lane 「X里」「X坊」 where the text writes its alleys, houses or plot after it
# (「X里6支弄8号」「X里地块」「X坊30号」): the lane (kept by the address policy), not a person.
_LANE_AFTER = re.compile(r"\s*(?:[0-9０-９一二三四五六七八九十]+\s*(?:支弄|弄|号)|地块|片区|弄堂)")


def _hamlet_or_lane(text, span):
    """A guess (no cue) that is a hamlet or an old lane's name (see _HAMLET, _LANE_AFTER), here or where
    the text writes it again."""
    if span.source not in ("jieba", "stat", "weak"):
        return False
    value = span.value
    if _HAMLET.fullmatch(value) or _HAMLET.match(text, span.end - 1):
        return True
    for m in re.finditer(re.escape(value), text):
        end = m.end()
        if value[-1] in "里坊" and len(value) == 3 and _LANE_AFTER.match(text, end):
            return True
        if text[end:end + 1] in ("里", "坊") and _LANE_AFTER.match(text, end + 1):
            return True
    return False


def _place_or_org_head(text, span, by_start):
    """A guessed name the text also writes as the head of a place or organisation name, here or
    elsewhere (「走进马莲滩镇」 makes every 「马莲」 of the text that place). The words between the
    head and the unit are nouns (「因X未提供银行账户」「X反映村道…」 are a person's verbs)."""
    if _DOCUMENT_NUMBER.match(text, span.end) or _hamlet_or_lane(text, span):
        return True
    # a name a cue announces (「被告X…」) or one filling a list cell is only that place or body where it stands
    alone = span.source == "cue" or list_cell(text, span.start, span.end)
    starts = [span.start] if alone else [m.start() for m in re.finditer(re.escape(span.value), text)]
    for start in starts:
        end = start + len(span.value)
        place = _PLACE_TAIL.match(text, end)
        if place and jieba.dt.FREQ.get(text[place.end() - 2:place.end()], 0) >= _COMMON_WORD_FREQ:
            place = None  # 「取消X农村低保」: 农村 is a word, not a place's unit
        for tail in (place, _ORG_TAIL.match(text, end)):
            # nouns between (one character may finish the head's token: 「马莲|滩镇」「祁峪瑞|丰…」)
            # (the unit itself may be tagged a verb: 「南溟|分行」)
            if tail and all(by_start[p][1][:1] in "nj" or by_start[p][1] == "vn" or p == end and len(by_start[p][0]) == 1
                            or p + len(by_start[p][0]) == tail.end() and len(by_start[p][0]) >= 2
                            for p in range(end, tail.end()) if p in by_start):
                return True
    return False


# The head characters of produce and foods (瓜, 杏, 桔…): a guess ending in one, or followed by one, is a
# variety (「白兰瓜」「沙糖桔」「李广|杏」「高原夏菜」), not a person; not 梅/兰/菊/桃/梨, which end given names.
_PRODUCE_HEADS = frozenset("瓜杏桔橘柑橙柚椒薯芋笋菇菌枣糖菜茶麦稻粟耳")


# Ordinary words that read as a transliterated or surname-initial name: loanwords of the north-west's Mandarin (a
# market, a boy, a bard, onions) and crafts named by their people (the Li's brocade). The word alone, or with a
# locative glued on by the tagger (「巴扎上」); a full name that holds one (「阿肯·X」) is still a name.
# (and the Tibetan greetings and thanks 「扎西德勒」「吐吉其」「卡卓」, written with a name's characters)
_ORDINARY_WORDS = frozenset(("巴扎", "巴郎", "巴郎子", "阿肯", "皮牙子", "黎锦", "扎西德勒", "吐吉其", "突及其", "卡卓"))


def _ordinary_word(value):
    return value in _ORDINARY_WORDS or value[-1:] in "上里" and value[:-1] in _ORDINARY_WORDS


_PROJECT_AFTER = re.compile(r"(?:(?![户家诉的是在和与及等对说称表])[\u4e00-\u9fff]){2,8}?(?:项目|工程)(?![款部队师])")


def _term_not_person(text, span, by_start):
    """A guess no cue announced that is a term: a produce variety by its head character, or a word
    standing alone in quotes (「“X贷”贴息政策」「打造“X”品牌」) with no person's action after it."""
    if span.source not in ("jieba", "stat", "weak"):
        return False
    nxt = text[span.end:span.end + 1]
    if len(span.value) == 3 and span.value[-1] in "里坊" and span.value[1:] not in ("万里", "千里"):
        return True  # 「余庆里」「宝善坊」: an old lane's name (a given name ending in 里 is 万里 or 千里), no person
    if _PROJECT_AFTER.match(text, span.end) and re.search(r"(?:^|[\n|｜\t])\s*$", text[max(0, span.start - 4):span.start]):
        # 「X生态修复项目竣工验收」「| X饮水工程 |」: a project's name heading a line or a cell
        # (not 「X工程款」, 「X户…工程」, 「X表示对…工程很满意」)
        return True
    if span.value[-1] in _PRODUCE_HEADS or nxt and nxt in _PRODUCE_HEADS and not _word_starts_at(by_start, span.end):
        return True  # (「X柑橘奖补」: a word after the name is no variety's head)
    if _BRAND_AFTER.match(text, span.end) or _BRAND_LIST.match(text, span.end):
        return True  # (every item of 「X、Y等品牌」「冒用X、Y名义」)
    quoted = span.start and text[span.start - 1] in "“\"" and nxt in ("”", "\"")
    return bool(quoted and not re.match(r"[:：]|" + _WEAK_RIGHT, text[span.end + 1:span.end + 13]))


# 「店里的X销量翻了一倍」「冒用X、Y名义」「X金铺旁边」: a guess followed by sales, a brand's name or
# a shop's kind is a brand (王老吉-like), not a person.
# (also a farm machine's make 「雷沃拖拉机」「X谷神收割机」 and a food's or eatery's 「X熏肉大饼」「X冰棍」「X饺子馆」)
_BRAND_AFTER = re.compile(r"(?:销量|卖得|等品牌|品牌|名义|金铺|药店|药业|剪刀|刀剪|老字号|铺面|凉茶|雪糕|调味品|首饰|专卖店|专柜"
                          r"|[\u4e00-\u9fff]{0,2}(?:拖拉机|收割机|播种机|插秧机|旋耕机)|熏肉|大饼|冰棍|饺子馆|饭店|酒家|餐馆|菜馆|面馆)")
_BRAND_LIST = re.compile(r"(?:[、和及][\u4e00-\u9fff]{2,4}?){1,4}(?:等品牌|等老字号|名义|品牌|老字号)")


# Names in Latin letters (「原告：Kevin Zhao」「共有人Jenny Wang」「委托代理人Mike张」): after a person cue, a
# self-introduction or a letter's salutation, then wherever the text repeats them.
# (romanised Cantonese and Hokkien names run to three words 「Chan Kwok Keung」「Tan Ah Kow」; a passport
# writes them in capitals 「CHENG KA FAI」)
# (a romanised Korean given name is hyphenated: 「Park Sun-hee」)
# (a European name may carry letters with diacritics: 「Emma Sørensen」)
_LATIN_NAME = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-zà-öø-ÿ]{1,12}(?:-[a-z]{2,6})?(?: [A-Z][a-zà-öø-ÿ]{1,12}(?:-[a-z]{2,6})?){0,2}(?![A-Za-zà-öø-ÿ-])(?: ?[" + "".join(sorted(SURNAMES))
                         + r"](?![\u4e00-\u9fff]))?|[A-Z]{2,12}(?: [A-Z]{2,12}){1,2}(?![A-Za-z]))")
_LATIN_CUE = re.compile("(?:" + "|".join(sorted(map(re.escape, PERSON_CUES), key=len, reverse=True))
                        + r"|我是|我叫|我系|名叫|同村的|发件人|英文名|英文姓名|姓名[（(]英文[）)]|中文名|(?i:my name is|this is)"
                        + r"|(?i:(?:best |kind |warm )?regards|sincerely|yours),?\s*"
                        + r"|(?i:i am|i'm)|(?:Dear )?(?:Mr|Ms|Mrs|Dr)\.?|Dear|From:?|Best,"
                        # 「My wife X」「our neighbour X」, 「Hi X,」 and a closing 「Thanks,⏎X」 (issue #19)
                        + r"|(?i:my|our|his|her) (?:wife|husband|son|daughter|mother|father|mum|mom|dad|brother|sister|friend|neighbou?r|colleague|partner)"
                        + r"|Hi|Hello|(?i:thanks|thank you|many thanks|cheers|best wishes),?\s*)[:：\s]*$")


def _latin_names(text, spans):
    """5c. Latin-letter names after a cue, and their repeats."""
    found = {m.group(0) for m in _LATIN_NAME.finditer(text) if _LATIN_CUE.search(text, max(0, m.start() - 12), m.start())}
    for name in sorted(found, key=lambda n: (-len(n), n)):  # a whole name before its first word alone
        for m in re.finditer(r"(?<![A-Za-z])" + re.escape(name) + r"(?![A-Za-z])", text):
            spans.setdefault(m.start(), Span(m.start(), m.end(), "person_name", name, "cue"))


# A chat export's speaker at a line's start (「索南卓玛：加不上…」「第五春生：钱是到了」): a name-shaped label.
# (a chat export may put the time before it and a role or a building in brackets after it:
# 「2025/5/6 09:12 X(总监)：」「X（7栋）：」)
_SPEAKER = re.compile(r"(?:^|\n)[ \t]*(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s+)?(?:「)?"
                      r"([\u4e00-\u9fff]{2,4}(?:[·•・][\u4e00-\u9fff]{2,8})?)(?:」)?(?:[（(][^）)\n]{1,12}[）)])?(?:[:：](?=\S)|: (?=\S))")


# A chat member's call name as a display name: 「大胖：」「小马哥：」「二驴子：」「老蔫儿：」「关二：」「马三：」「柱子：」
# (a size, age or birth-order word and one or two characters, a surname and a birth order, or a diminutive
# ending); the words of that shape that name no one (「大家」「老师」「小区」) are dictionary words with no name tag.
# (Hainan's Li call names on 亚 「亚龙：」「亚英：」 too)
_CALL_NAME_LABEL = re.compile(r"(?:[大小老亚][\u4e00-\u9fff]{1,2}|[二三四五六七八九][\u4e00-\u9fff]{1,2}"
                              r"|[\u4e00-\u9fff]{1,2}(?:子|儿|蛋|丫|妞|柱|哥)|[" + "".join(sorted(SURNAMES)) + r"][二三四五六七八九])")
_NOT_CALL_NAMES = frozenset("大家 大伙 大伙儿 老师 老板 小区 小组 大队 老人 小孩 孩子 儿子 大哥 大姐 老哥 老弟 二组 三组 三社 老乡 "
                            "大爷 大妈 大娘 大叔 大婶 老头 老太 小伙子 大夫 老公 老婆 儿子 小子 二哥 三哥 二姐 三姐 亚洲 亚军".split())


def _call_name_label(word):
    return bool(_CALL_NAME_LABEL.fullmatch(word)) and word not in _NOT_CALL_NAMES and word not in PERSON_CUES \
        and word not in OFFICIAL_TITLES and not word.endswith(PLACE_ORG_SUFFIX) and not _HEADER_WORD.search(word)


def _speaker_names(text, by_start, spans):
    """5d. Speaker labels of a conversation (two or more lines open with a label and a colon): a
    label that is a surname-initial name or a minority name, not a form field or a role."""
    labels = list(_SPEAKER.finditer(text))
    # a chat whose other speakers' labels are no bare name (「班长X：」「物业-X：」「64号-X：」): a name-shaped label
    # that speaks twice there is a member too, the turns counted over every labelled line
    turns = sum(1 for _ in _CHAT_LINE.finditer(text))
    spoke = Counter(m.group(1) for m in labels)
    repeated = {word for word, count in spoke.items() if count >= 2} if turns >= 3 and turns > len(labels) else set()
    if len(spoke) < 2 and not repeated:
        return
    # a chat among persons: two or more other labels are plain names (not dictionary words); a word-shaped
    # label with a surname speaks there too (「陆地：」「简单：」 beside 「蓝婷芳：」「司马雄：」)
    plain = {m.group(1) for m in labels if looks_like_person_name(m.group(1)) and not jieba.dt.FREQ.get(m.group(1), 0)
             and not _dictionary_run(m.group(1))}
    for m in labels:
        word, start = m.group(1), m.start(1)
        if word in PERSON_CUES or word in OFFICIAL_TITLES or word in _FIELD_LABELS or _HEADER_WORD.search(word) \
                or word.endswith(PLACE_ORG_SUFFIX) and not (word[-1] == "江" and transliterated_word(word)) \
                or "某" in word or len(word) >= 3 and word[-1] == "人":
            continue  # 「权利人：」「代写人：」: a form's role label (「X江」 a Uyghur name's -jan, no river)
        compound = len(word) >= 3 and word[:2] in COMPOUND_SURNAMES  # 「第五|春生」 reads as two words
        dictionary = jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ or (_dictionary_run(word) and not compound)
        # a transliteration of three or more characters that holds no common word (「尕藏措」「才让东珠」)
        foreign = len(word) >= 3 and not has_surname(word) and word[-1] not in "妈爸哥姐嫂叔婶娃" \
            and not jieba.dt.FREQ.get(word, 0) \
            and not any(len(t) >= 2 and jieba.dt.FREQ.get(t, 0) >= _COMMON_WORD_FREQ for t in jieba.lcut(word, HMM=False)) \
            and not any(len(t) >= 2 and jieba.dt.FREQ.get(t, 0) >= 500 for t in jieba.lcut(word, cut_all=True))
        foreign = foreign or transliterated_word(word)
        # a word with a surname whose given part is made of given-name characters (「石榴：」「海燕：」) speaks
        # too, in a conversation of three or more turns
        word_name = dictionary and len(labels) >= 3 and looks_like_person_name(word) \
            and str(_WORD_TAGS.get(word, "n"))[:1] in "nat" \
            and (min(given_log_ratio(ch) for ch in word[1:]) > -1.0 or len(plain - {word}) >= 2)
        if (len(labels) >= 3 or word in repeated) and _call_name_label(word):
            _claim(spans, start, word, "nick")
            continue
        # two characters that are no word and both a given name's (「X霞：」 twice): a member's given name as a handle
        if word in spoke and spoke[word] >= 2 and len(labels) >= 3 and len(word) == 2 and not dictionary \
                and not jieba.dt.FREQ.get(word, 0) and min(given_log_ratio(ch) for ch in word) > 1.0 \
                and _call_name(word, "text"):
            _claim(spans, start, word, "cue")
            continue
        if unsurnamed_name_at(text, start) == word or foreign or (looks_like_person_name(word) and (not dictionary or word_name)
                                                                  and not not_a_name(text, start, start + len(word), by_start,
                                                                                     produce=not word_name,
                                                                                     function_word=jieba.dt.FREQ.get(word, 0) > 0)):
            _claim(spans, start, word, "cue")


# A chat label that puts where a member is from or what they do before a dash and their call name (「物业-小X：」
# 「5号-老X头：」「X号茶庄-X老板：」, X a surname): the call name is the member's. A public body before the dash
# (「征收中心-」「村委-」) makes the speaker its staff, who stays.
_ONE_SURNAME = "[" + "".join(sorted(SURNAMES)) + "]"
_DASHED_LABEL = re.compile(r"(?m)^[ \t\u3000]*([^\n:：\-－—]{1,10}?)[ \t]?[-－—][ \t]?((?:[小老]" + _ONE_SURNAME + "|老" + _ONE_SURNAME
                           + "头|" + _ONE_SURNAME + r"老板))[ \t]?[:：](?=\S)")
_PUBLIC_PREFIX = re.compile(r"局|委|政府|办|站|所|中心|社区|街道|法院|检察院|派出所|[镇乡村组]|大队|支部|党|网格|民警|书记|[主组队科处局院所站]长"
                            r"|干部|工作人员|专干|民政|医院|学校|小学|中学")


def _dashed_label_names(text, spans):
    """5d′. A call name after a dash in a chat label, where the label's head names no public body."""
    if len(re.findall(r"(?m)^[^\n:：]{1,16}[:：]", text)) < 2:
        return  # (one line with a dash and a colon is a form's or a title's)
    for m in _DASHED_LABEL.finditer(text):
        if not _PUBLIC_PREFIX.search(m.group(1)):
            _claim(spans, m.start(2), m.group(2), "cue")


# How people address or label one another by a call name and a kinship or role word: 「X爷叔」「X伯伯」
# 「X阿姨」「X老师」, and in a parents' chat 「X妈妈」「X爸爸」 (X the child's name). The span is X only.
_ADDRESS_WORDS = ("爷叔", "伯伯", "阿姨", "老师", "妈妈", "爸爸", "姆妈", "阿哥", "阿姐", "阿婆", "阿公", "娘舅", "嬢嬢",
                  "叔叔", "婶婶", "哥", "姐", "叔", "妈", "爸")
_ADDRESS_WORD = "(?:" + "|".join(_ADDRESS_WORDS) + ")"
# a chat line's label: the call name, maybe its address word, maybe the full name in brackets, then a colon
_HANDLE_LABEL = re.compile(r"(?m)^[ \t\u3000]*(" + _HAN + r"{2,3}?)(" + _ADDRESS_WORD + r")?"
                           r"(?:[（(](" + _HAN + r"{2,5})[）)])?[ \t]?[:：]")
# in running text: a call name right before its address word, after a clause start or a verb of address
_ADDRESSED = re.compile(r"(?:^|(?<=[\n，,。！!？?；;：:、 “\"（(])|(?<=谢谢)|(?<=交给)|(?<=告诉)|(?<=转给)|(?<=通知)"
                        r"|(?<=叫)|(?<=找)|(?<=问)|(?<=请))(" + _HAN + r"{2})(?=" + _ADDRESS_WORD + r"(?!们))")
# words that call no one in particular before an address word (「宝宝妈妈」「阿拉姆妈」「伊拉爸爸」)
_GENERIC_CALLERS = frozenset("宝宝 孩子 小孩 娃娃 小囡 学生 同学 新生 大家 阿拉 伊拉 侬拉 我伲 自家 人家 别人 各位 其他 "
                             "隔壁 楼下 楼上 对门 邻居 亲家 本家 表叔 堂叔 家长 班级 全体".split())


def _call_name(word, slot="text"):
    """A call name of two or three characters: no role, cue, kinship, generic or household word (「钟家」「李阿」
    call a household or stand before a title). ``slot`` "given": the text gives the full name that ends in it
    (「X（金X）：」); "address": a chat label with an address word says person (「何必妈妈：」), so a dictionary
    word that is no noun, pronoun or verb is a name there; otherwise a name made of given-name characters."""
    if word in _GENERIC_CALLERS or word in PERSON_CUES or word in OFFICIAL_TITLES or word in _FIELD_LABELS \
            or word in _NOT_CALL_NAMES or word in NOT_NAMES or word in COMPOUND_SURNAMES or "某" in word \
            or _HEADER_WORD.search(word) or word[-1] in "阿老大小家的了们":
        return False
    if slot == "given":
        return True
    if slot == "text" and word.endswith(PLACE_ORG_SUFFIX) or _role_word_head(word):
        return False
    tag = str(_WORD_TAGS.get(word, ""))
    if jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ:  # (a word tagged a name too: 「波涛」 is waves)
        return slot == "address" and (tag.startswith("nr") or tag[:1] not in "nrvu")
    ratios = [given_log_ratio(ch) for ch in word]
    return slot == "address" or min(ratios) > -1.0 and max(ratios) > 0.0


def _person_label(word):
    """A bracketed full name after a chat handle: a surname and a given name."""
    return 2 <= len(word) <= 5 and has_surname(word) and word not in NOT_NAMES and not word.endswith(PLACE_ORG_SUFFIX) \
        and (len(word) <= 3 or word[:2] in COMPOUND_SURNAMES)


def _address_form_names(text, by_start, spans):
    """5e. Call names in how people address one another: a chat label with an address word (「X妈妈：」
    「X老师：」) or with the full name in brackets (「X（金X）：」), a bare call name labelling the lines of a
    chat among persons, and a call name before its address word in running text (「谢谢X阿姨」)."""
    labels = list(_HANDLE_LABEL.finditer(text))
    for m in labels:
        word, address, full = m.group(1), m.group(2), m.group(3)
        if address in ("妈", "爸") or address in ("哥", "姐", "叔") and len(word) == 3:
            continue  # 「X妈：」 is a generic handle as often as a name; 「雅琴姐」 reads with the two-character name
        if address:
            ok = _call_name(word, "address")
        elif full:
            ok = _person_label(full) and _call_name(word, "given" if full.endswith(word) else "text")
        else:
            continue
        if ok and not (full and full.endswith(word) and len(full) == len(word)):
            _claim(spans, m.start(1), word, "cue")
    # a bare call name labels a chat among persons: three turns or more, and some other label is a name found
    # (a form's 「微信：」「电邮：」 labels stand among field names)
    named = {m.group(1) for m in labels if m.start(1) in spans and spans[m.start(1)].end == m.end(1)}
    if len(labels) >= 3 and len({m.group(1) + (m.group(2) or "") for m in labels}) >= 2:
        for m in labels:
            word = m.group(1)
            if not m.group(2) and not m.group(3) and len(word) == 2 and named - {word} and _call_name(word):
                _claim(spans, m.start(1), word, "cue")
    for m in _ADDRESSED.finditer(text):
        word = m.group(1)
        if re.match("[妈爸](?![妈爸])", text[m.end(1):m.end(1) + 2]):
            continue  # (「X妈」 alone, as a label above)
        if _call_name(word) and not not_a_name(text, m.start(1), m.end(1), by_start, crossing=False):
            _claim(spans, m.start(1), word, "cue")


# A message's or letter's salutation 「【某所】X先生，您的…」「X您好：」「X：⏎您反映的…」 and a letter's signature
# before 「敬上」: the slot says person, even for a name that is also a word.
_SALUTATION = re.compile(r"(?:^|(?<=[\n】]))[ \t\u3000]*((?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES))
                         + r"])" + _HAN + r"{1,2}?)(先生|女士)?(?=您好|你好|[:：，,][ \t\u3000]*\n?[ \t\u3000]*(?:您|你)(?!们))")
_LETTER_CLOSING = re.compile(r"(?m)^[ \t\u3000]*(" + _HAN + r"{2,4}?)[ \t\u3000]*(?:敬上|谨上|拜上|谨启|敬启)[ \t\u3000。]*$")
# the answer to 「您叫什么？」: the next speaker's whole turn is the name (「来电：X。」), and so is the echo of it
_NAME_QUESTION = re.compile(r"(?:您叫|你叫|叫什么|贵姓|怎么称呼|您的姓名|你的姓名|名字是)[^\n]{0,8}\n[ \t]*[^\n：:]{1,6}[：:][ \t]*"
                            r"(" + _HAN + r"{2,4}?)(?=[。，,！!？?\s]|$)")


def _salutation_names(text, by_start, spans):
    """5f. Names in a salutation, a letter's signature and the answer to a question for the name."""
    for m in _SALUTATION.finditer(text):
        word = m.group(1)
        if word in NOT_NAMES or word in PERSON_CUES or word.endswith(PLACE_ORG_SUFFIX) \
                or "先生" in word or "女士" in word \
                or not m.group(2) and not_a_name(text, m.start(1), m.end(1), by_start, crossing=False, produce=False):
            continue  # (「王先生，您…」: a surname and a title name no one)
        if not m.group(2) and jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ and not text.startswith("您好", m.end(1)) \
                and not str(_WORD_TAGS.get(word, "")).startswith("nr"):
            continue  # 「大家：」「同时，您…」: a word before a comma; a word is a name only before 先生/女士/您好
        _claim(spans, m.start(1), word, "cue")
    for m in _LETTER_CLOSING.finditer(text):
        word = m.group(1)
        if word not in PERSON_CUES and word not in OFFICIAL_TITLES and not word.endswith(PLACE_ORG_SUFFIX) \
                and not _HEADER_WORD.search(word):
            _claim(spans, m.start(1), word, "cue")
    for m in _NAME_QUESTION.finditer(text):
        word = m.group(1)
        if word in PERSON_CUES or word in _FIELD_FILLERS or word.endswith(("局", "委", "办", "中心", "公司", "政府")) \
                or word[0] in "我免不" or "姓" in word or "匿名" in word:
            continue  # 「我姓X」「免贵姓X」「我匿名」: a surname or a refusal, not the name
        _claim(spans, m.start(1), word, "cue")
        for echo in re.finditer(r"(?<=[:：])[ \t]*(" + re.escape(word) + r")(?=[。，,！!？?]?[ \t]*(?:\n|$))", text):
            _claim(spans, echo.start(1), word, "cue")


# 「我老爸叫X」「我爷爷叫X」: a relative named after 叫 is that person, whatever word the name also is.
_KIN_NAMED = re.compile(r"(?:我|俺|咱)(?:家)?(?:老)?(?:爸爸|妈妈|爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|阿公|阿婆|阿爸|阿妈|老公|老婆|丈夫"
                        r"|妻子|爱人|儿子|女儿|哥哥|姐姐|弟弟|妹妹|哥|姐|弟|妹|叔叔|伯伯|舅舅)(?:的名字|名字)?叫(?:做)?[ \u3000]?"
                        r"([\u4e00-\u9fff]{2,4}?)(?=[，,。；;！!？?\s”\"）)]|$)")
# 「东北老周（X）：」「老潘（X）：」: a chat member's handle with the real name in brackets — both name the member.
_BRACKET_HANDLE = re.compile(r"(?m)^[ \t]*([\u4e00-\u9fff]{2,6})[（(]([\u4e00-\u9fff]{2,4})[）)][:：]")
_HANDLE_NOT_PERSON = re.compile(r"(?:老板|老师|师傅|医生|护士|科|工|总|哥|姐|叔|婶|姨|伯|爸|妈|爷|婆|公)$|局|办|村|委|站|所|中心|社区|政府|群")
_KIN_TAIL = re.compile(r"(?:爸爸|妈妈|爸|妈|哥|姐)$")
# 「X老太（X玉珍）」「X老疙瘩（本名X喜贵）」「东北老X（X德山）」: a 老 nickname on the real name's surname, with that real
# name in brackets right after it, is the same person (the nickname alone would name them to every neighbour).
_NICK_BEFORE_REAL = re.compile(r"(?m)(?:^|(?<=[^\u4e00-\u9fff]))?([\u4e00-\u9fff]{2,6})[（(](?:本名|真名|原名|大名)?[:：]?"
                               r"([\u4e00-\u9fff]{2,4})[）)]")


def _kin_named_and_handles(text, spans):
    for m in _KIN_NAMED.finditer(text):
        if has_surname(m.group(1)) and m.group(1) not in NOT_NAMES and "某" not in m.group(1):  # 「张某某」 names no one
            _claim(spans, m.start(1), m.group(1), "cue")
    for m in _BRACKET_HANDLE.finditer(text):
        handle, real = m.group(1), m.group(2)
        if any(t in handle or t in real for t in OFFICIAL_TITLES) or handle in PERSON_CUES or handle in _FIELD_LABELS \
                or "代表" in handle or real.endswith(PLACE_ORG_SUFFIX) or real.endswith("族") \
                or not (has_surname(handle) or _call_name_label(handle) or re.search(r"[老小阿][\u4e00-\u9fff]$", handle)):
            continue  # 「X代表（满族）：」「调解记录（X村）：」
        given = _KIN_TAIL.sub("", real)
        if (has_surname(given) or given[:1] in "阿小老") and len(given) >= 2 and "某" not in given:
            _claim(spans, m.start(2), given, "cue")
        if not _HANDLE_NOT_PERSON.search(handle) and (has_surname(given) or _call_name_label(handle)):
            _claim(spans, m.start(1), handle, "nick")
    for m in _NICK_BEFORE_REAL.finditer(text):
        run, real = m.group(1), m.group(2)
        if not has_surname(real) or real in NOT_NAMES or "某" in real or real[-1] in "村镇乡县区市局所站委办族段组":
            continue  # (a name may end in 山 or 林, place characters: 「X德山」; the shared surname vouches for it)
        surname = real[:2] if real[:2] in COMPOUND_SURNAMES else real[0]
        at = run.rfind(surname + "老")
        if at >= 0 and len(run) - at - len(surname) >= 2:
            start = at  # 「…的X老太（X玉珍）」
        elif run.endswith("老" + surname):
            # a region before the 老 nickname is part of it when the run opens at a line's or cell's start (「东北老X」)
            opens = m.start(1) == 0 or not re.match(_HAN, text[m.start(1) - 1])
            start = 0 if opens and len(run) <= 4 + len(surname) else len(run) - 1 - len(surname)
        else:
            continue
        if not _HANDLE_NOT_PERSON.search(run[start:]) and not official_in_role(text, m.start(1) + start, m.end(1)):
            _claim(spans, m.start(1) + start, run[start:], "nick")  # (「X老师（X丽）」 is a teacher in role)


# 「@X 明天来看」: a chat's mention names a member, whatever word the name is (「@金星」「@党建」); not a role,
# a body or the whole group (「@所有人」「@物业」「@孙书记」).
_MENTION = re.compile(r"[@＠](" + _HAN + r"{2,6}?)(?=[ \t\u3000\n，,：:。！!？?]|$|(?:叔|婶|哥|姐|嫂|姨|伯|爷|奶|妈|爸|老师|师傅)[ \t\u3000\n，,：:。！!？?])")
_NOT_MENTIONED = re.compile(r"所有|全体|大家|各位|群主|管理|客服|物业|网格|村委|居委|两委|社区|[局办站所院科股队组群]$")


def _mentioned_names(text, spans):
    for m in _MENTION.finditer(text):
        word = m.group(1)
        if word in NOT_NAMES or word in PERSON_CUES or _NOT_MENTIONED.search(word) or word.endswith(PLACE_ORG_SUFFIX) \
                or any(t in word for t in OFFICIAL_TITLES if len(t) >= 2):
            continue
        if has_surname(word) and len(word) <= 4 or unsurnamed_name_at(text, m.start(1)) == word:
            _claim(spans, m.start(1), word, "cue")


# 「公示：A、B、C、D」: in an enumeration most of whose items are names already found, an item with a surname is a
# name too, even one that is a dictionary word (「…、夏天、…」「…、程序」): the list is of persons.
_ENUMERATION = re.compile(r"(?:^|(?<=[\n：:，,；;。\s（(]))(" + _HAN + r"{2,4}(?:[（(][^）)\n]{1,12}[）)]|户)?"
                          r"(?:、" + _HAN + r"{2,4}(?:[（(][^）)\n]{1,12}[）)]|户)?)+)")
_ENUMERATION_ITEM = re.compile(r"(" + _HAN + r"{2,4}?)(?:[（(][^）)\n]{1,12}[）)]|户)?(?=、|$)")


def _names_in_name_lists(text, spans):
    for m in _ENUMERATION.finditer(text):
        items = [(m.start(1) + k.start(1), k.group(1)) for k in _ENUMERATION_ITEM.finditer(m.group(1))]
        if len(items) < 3:
            continue
        found = [start for start, word in items if start in spans and spans[start].end == start + len(word)]
        if len(found) < 2 or len(found) * 2 < len(items):
            continue
        for start, word in items:
            if start not in found and looks_like_person_name(word) and word not in NOT_NAMES \
                    and not word.endswith(PLACE_ORG_SUFFIX) and not any(s.start < start + len(word) and start < s.end
                                                                         for s in spans.values()):
                spans[start] = Span(start, start + len(word), "person_name", word, "weak")


def _find_names(text):
    tokens = _tokens(text)
    by_start = {start: (word, flag) for start, word, flag in tokens}
    spans = {}
    _jieba_names(text, tokens, spans)
    _cue_names(text, by_start, spans)
    _weak_names(text, by_start, spans)
    _compound_names(text, by_start, spans)
    _transliterated_runs(text, spans)
    if "\n" in text or re.search(r"[一二三四五六七八九十\d][、.．]", text):
        _list_names(text, spans)
    _row_names(text, spans)
    if _NAME_HEADER.search(text):
        _column_names(text, spans)
    if re.search("[A-Z][A-Za-z]", text):
        _latin_names(text, spans)
    _speaker_names(text, by_start, spans)
    if "-" in text or "－" in text or "—" in text:
        _dashed_label_names(text, spans)
    if re.search("[:：]|" + _ADDRESS_WORD, text):
        _address_form_names(text, by_start, spans)
    if re.search("您|你|敬上|谨上|拜上|谨启|敬启", text):
        _salutation_names(text, by_start, spans)
    _structural_names(text, by_start, spans)
    _nicknames(text, by_start, spans)
    if re.search(r"叫|[（(：:]", text):
        _kin_named_and_handles(text, spans)
    if "老" in text:
        _old_surnames(text, by_start, spans)
    for start, word in familiar_forms(text, SURNAMES, COMPOUND_SURNAMES):
        _claim(spans, start, word, "cue")
    _repeat_nicknames(text, spans)
    _scored_names(text, by_start, spans)
    _list_siblings(text, spans)
    if "@" in text or "＠" in text:
        _mentioned_names(text, spans)
    if "、" in text:
        _names_in_name_lists(text, spans)
    _slot_names(text, by_start, spans)
    if re.search("[岩玉]", text):
        _dai_names_alone(text, by_start, spans)
    if " " in text or "\u3000" in text:
        _spaced_pair_names(text, spans)
    out = []
    staff = _staff_cells(text) if _STAFF_HEADER.search(text) else ()
    for span in sorted(spans.values(), key=lambda s: s.start):
        span = _before_role(text, _trim(text, _widen_left(text, span, by_start), by_start))
        span = _third_given(text, span, by_start)
        if span.source != "known" and (_ordinary_word(span.value) or len(span.value) >= 3 and span.value[-1] in "村乡"):
            continue  # 「在镇巴扎上」「是一位阿肯」「阿克齐乡」: a loanword or a village or township, no person
        if _in_capital_amount(text, span):
            continue  # 「肆拾伍万叁仟…元整」: 伍 and 陆 are surnames, but a run of capital numerals is an amount
        if span.value[:2] in ("居委", "村委") and len(span.value) >= 4:
            # 「居委小韩：」: the committee the speaker acts for, read as the surname 居 or 村 — the name is after it
            span = Span(span.start + 2, span.end, span.kind, span.value[2:], span.source)
        if out and span.start < out[-1].end:
            continue
        if _place_or_org_head(text, span, by_start) or _term_not_person(text, span, by_start):
            continue
        if official_in_role(text, span.start, span.end) or any(a <= span.start and span.end <= b for a, b in staff):
            span = Span(span.start, span.end, "official", span.value, span.source)
        out.append(span)
    out = _repeated_names(text, tokens, by_start, out)
    out = _given_name_repeats(text, tokens, by_start, out)
    if re.search("[·•・.．]", text):
        out = _dotted_given_repeats(text, by_start, out)
    # 「村主任税德华……要求税德华回避」: an official named in role once is that official where the
    # text names them again; so is who answers a question for an office's number with a line
    officials = {s.value for s in out if s.kind == "official"} | {m.group(1) for m in _OFFICE_NUMBER_ANSWER.finditer(text)}
    if _BODY_CHAT_HEADER.match(text):
        officials |= _chat_staff(text, out)
    officials |= _answering_staff(text, out)
    return [Span(s.start, s.end, "official", s.value, s.source) if s.kind == "person_name" and s.value in officials
            else s for s in out]


_CAPITAL_AMOUNT = re.compile(r"[壹贰叁肆伍陆柒捌玖拾佰仟万亿零圆元整角分]{4,}")


def _in_capital_amount(text, span):
    """The span lies inside an amount written in capital numerals (「人民币壹拾伍万…元整」)."""
    return any(m.start() <= span.start and span.end <= m.end()
               for m in _CAPITAL_AMOUNT.finditer(text, max(0, span.start - 12), span.end + 12))


# A group chat's notice to its members, as who runs the hand-out or the check writes it: 「通知：…」「请各户…」, members
# told to bring their papers (「明天发放冬季物资，带身份证」) at the chat's opening or in a reply, and a reply to a member's
# question with where the matter stands (「@X 明天来看」「@X 已经报上去了」「@X 下礼拜发」). Who writes it speaks for the
# office running the chat, and is that official wherever the chat names them. (A member's own news to the others —
# 「大家早点到」「各家门口收拾一下」「每户出一个人」 — says nothing of the kind.)
_CHAT_LINE = re.compile(r"(?m)^[ \t\u3000]*([^\n:：]{1,14}?)[ \t]?[:：][ \t]?([^\n]*)")
_BRING_PAPERS = re.compile(r"带(?:上|好|齐)?[\u4e00-\u9fff]{0,4}?(?:身份证|户口本|户卡|证件)")
_NOTICE_OPENING = re.compile(r"(?:通知\s?[:：]|请(?:各户|各家|大家|各位))")
_STATUS_REPLY = re.compile(r"(?:今天|昨天|前天|已经?|都)?(?:乡|县|镇|村)(?:上|里)(?:已经?)?(?:打|发|拨|转)了|"
                           r"@\S{1,10}\s+(?:(?:明天|后天|下礼拜|下周|下个月|月底)(?:来看|发|到账|办)|已经?(?:报上去|上报|转|登记|处理)"
                           r"|" + _BRING_PAPERS.pattern + ")")

# (「我在外地，让X帮我领可以吗」⏎「Y：可以」: who grants a member's proxy collection hands the thing out)
_PROXY_ASKED = re.compile(r"(?:帮我|替我|代我|代)领[^\n]{0,8}(?:吗|嘛|好伐|行不|[？?])")
_GRANTED = re.compile(r"(?:可以|行|能)(?:[，,。!！ ]|$)")
# (「…，X还差」「好，X家还没交」: who keeps the tally of members' dues collects them for the village, not a member
# speaking of their own 「我家还差」)
_DUES_OWED = re.compile(r"还差|还没交|还没缴|没交齐")
_FIRST_PERSON = re.compile(r"[我俺咱]")
# (those two, and an announcement to everyone 「@所有人 明天打疫苗」, in a village's or a community's own chat, which its
# cadres run; a school's parents' committee or an estate's owners collect and announce among themselves)
_TO_EVERYONE = re.compile(r"[@＠](?:所有人|全体成员)")
_VILLAGE_CHAT = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:村|社区|嘎查)(?:村民|居民)?群?$")


def _chat_staff(text, found):
    header = _BODY_CHAT_HEADER.match(text)
    labels = set()
    asked = ""
    village = _VILLAGE_CHAT.match(header.group(1).strip()) is not None
    for m in _CHAT_LINE.finditer(text, header.end()):
        message = m.group(2)
        first = not text[header.end():m.start()].strip()
        if first and (_BRING_PAPERS.search(message) or _NOTICE_OPENING.match(message)) \
                or _STATUS_REPLY.match(message) or _PROXY_ASKED.search(asked) and _GRANTED.match(message) \
                or village and (_TO_EVERYONE.match(message) and first
                                or _DUES_OWED.search(message) and not _FIRST_PERSON.search(message)):
            labels.add((m.start(1), m.end(1)))
        asked = message
    return {s.value for s in found if s.kind == "person_name" and any(a <= s.start and s.end == b for a, b in labels)}


# A chat line that calls its addressee by their office (「孙书记，…」「队长，…」) is answered on the next line by that
# official (whose name has the surname called, if one was); and where a township's cadre asks every village for
# something (「请各村周五前报送…」), who answers under a village's label (「X村-Y：收到」) answers for the village.
_CALLED_BY_TITLE = re.compile(r"\s?(?:@\S{1,8}\s)?(" + _HAN + r"?)(?:书记|支书|主任|村长|队长|场长|站长|所长|乡长|镇长|局长|科长|股长|网格员)"
                              r"(?:[，,：:！!。\s]|你好|您好)")
_VILLAGE_LABEL = re.compile(r"[\u4e00-\u9fff]{1,6}村(?:委会?)?\s?[-－—–]\s?(" + _HAN + r"{2,5})$")
_EVERY_VILLAGE = re.compile(r"请各村|各村(?:于|在)?[\u4e00-\u9fff]{0,6}前")
# (a reply in a member's own voice — asking too, or about their own household — is another member's, not the official's)
_MEMBER_VOICE = re.compile(r"我也|我们也|我家|俺家|我们家|我的|咱家|[？?]")


def _answering_staff(text, found):
    names = set()
    lines = list(_CHAT_LINE.finditer(text))
    for a, b in zip(lines, lines[1:]):
        called = _CALLED_BY_TITLE.match(a.group(2))
        speaker = b.group(1).strip()
        if called and speaker != a.group(1).strip() and b.start() == a.end() + 1 and speaker.startswith(called.group(1)) \
                and not _MEMBER_VOICE.search(b.group(2)):
            names.add(speaker)
    asked = _EVERY_VILLAGE.search(text)
    if asked:
        names |= {m.group(1) for m in (_VILLAGE_LABEL.search(line.group(1).strip()) for line in lines
                                       if line.start() > asked.end()) if m}
    return {s.value for s in found if s.kind == "person_name" and s.value in names}


# 「A：社区电话是多少　B：0879-…」: who gives an office's number when asked for it speaks for the office.
_OFFICE_NUMBER_ANSWER = re.compile(r"(?:社区|村委会|居委会|村委|局|办|站|所|中心|政府|镇|乡|物业|法院)的?(?:办公|值班)?电话(?:号码)?"
                                   r"(?:是)?多少[？?]?[ \t\u3000]*\n?[ \t\u3000]*(" + _HAN + r"{2,5})[:：][ \t\u3000]?"
                                   r"(?=[0０零][0-9０-９一二三四五六七八九幺〇零]{2,3}[-－—\s]?[0-9０-９一二三四五六七八九幺〇零]{7,8}(?![0-9０-９]))")


def _third_given(text, span, by_start):
    """A cued two-character name cut before a third given-name character the tagger split off (a rare
    surname: 「检测员禤志|坚出具」) takes it: a partial name would leave the rest of the name readable.
    The third character is a given-name one, no dictionary word runs on from it, and a word starts after it."""
    end = span.end
    # 「邓亚四、蒋亚三等人」「王阿二」: a surname and 亚/阿 before a birth-order numeral is one name (Hainan's Li and
    # Miao birth-order names), however the numeral is read after it
    if span.kind == "person_name" and len(span.value) == 2 and span.value[0] in SURNAMES and span.value[1] in "亚阿" \
            and text[end:end + 1] and text[end] in "一二三四五六七八九十幺":
        return Span(span.start, end + 1, span.kind, text[span.start:end + 1], span.source)
    if span.kind != "person_name" or span.source != "cue" or len(span.value) != 2 or span.value[:2] in COMPOUND_SURNAMES \
            or span.value[0] not in SURNAMES or end >= len(text) or not re.match(_HAN, text[end]):
        return span
    if given_log_ratio(text[end]) < 1.0 or (end + 1 < len(text) and end + 1 not in by_start) \
            or jieba.dt.FREQ.get(text[end - 1:end + 1], 0) >= _COMMON_WORD_FREQ and by_start.get(end - 1, ("",))[0] == text[end - 1:end + 1]:
        return span
    return Span(span.start, end + 1, span.kind, text[span.start:end + 1], span.source)


def _function_word_at(by_start, pos):
    token = by_start.get(pos, ("", ""))
    return len(token[0]) >= 2 and token[1][:1] in "bcdprvu"


def _suffix_follows(text, end, by_start):
    """A place or body's last character follows, not as the start of a function word (「X所在公司」
    「X所说属实」: 所 there is no 派出所)."""
    return not _function_word_at(by_start, end) and text[end:end + 4].startswith(PLACE_ORG_SUFFIX)


def _org_follows(text, end, by_start):
    """The reading is the head of a company's or brand's name, not a person 「所在公司」 works for."""
    return not _function_word_at(by_start, end) and bool(_ORG_AFTER.match(text, end))


def _repeated_names(text, tokens, by_start, found):
    """「以富X名义出具…但富X当期同时…」: a person a rule found by context is that person where the
    text names them again, on a word boundary and not as the head of a place or body."""
    taken = [(s.start, s.end) for s in found]
    extra = []
    dropped = set()
    cued = {s.value for s in found if s.kind == "person_name" and s.source == "cue"}
    for value in sorted({s.value for s in found if s.kind == "person_name" and s.source in _REPEAT_SOURCES
                         and len(s.value) >= 2}, key=lambda v: (-len(v), v)):
        occurrences = list(re.finditer(re.escape(value), text))
        if value not in cued and any(_suffix_follows(text, m.end(), by_start) for m in occurrences):
            continue  # 「白岩县…白岩二小」: the text uses the reading as a place's head
        if len(occurrences) < 2:
            continue  # the span found is the only one (most texts): nothing to repeat
        for m in occurrences:
            start, end = m.start(), m.end()
            inside = [s for s in found if s.start < end and start < s.end and (s.start, s.end) not in dropped]
            # 「原告阿苦子|洛与被告」: a shorter reading of a name the text gives whole elsewhere is that name
            shorter = inside and all(s.kind == "person_name" and start <= s.start and s.end <= end
                                     and s.end - s.start < len(value) for s in inside) \
                and not any(a < end and start < b for a, b in taken if (a, b) not in {(s.start, s.end) for s in inside})
            if shorter and inside[0].start == start:
                span = Span(start, end, "person_name", value, "cue")
                if not _place_or_org_head(text, span, by_start) and not _suffix_follows(text, end, by_start) \
                        and not official_in_role(text, start, end):
                    dropped.update((s.start, s.end) for s in inside)
                    taken = [t for t in taken if t not in dropped] + [(start, end)]
                    extra.append(span)
                continue
            if any(a < end and start < b for a, b in taken) or not _on_word_boundary(tokens, start, end) \
                    or (end < len(text) and end not in by_start and not _word_starts(text, end)):
                continue  # overlaps a detection, starts inside a word, or ends inside one (「白云|飞」)
            wordy = jieba.dt.FREQ.get(value, 0) > 0 or value.startswith(_PRODUCE_WORDS) \
                or value[:2] in AMBIGUOUS_COMPOUNDS or text[start - 1:start] in "“\""
            # (a chat's speaker label 「⏎X：」 or a mention 「@X」 is the member again)
            slot = (start == 0 or text[start - 1] == "\n") and text[end:end + 1] in "：:" or text[start - 1:start] in "@＠"
            if wordy and not (_CUE_END_RE.search(text[max(0, start - 8):start].rstrip("：: "))
                              or re.match(_WEAK_RIGHT, text[end:end + 12]) or slot):
                continue  # 「胡杨、梭梭」「“东方红”品牌」: the word again, not the person
            span = Span(start, end, "person_name", value, "cue")
            if _place_or_org_head(text, span, by_start) or _suffix_follows(text, end, by_start) \
                    or official_in_role(text, start, end):
                continue  # (「出席：…、华旦⏎记录人：华旦」: the same person signing in role)
            extra.append(span)
            taken.append((start, end))
    return sorted([s for s in found if (s.start, s.end) not in dropped] + extra, key=lambda s: s.start)


_REPEAT_SOURCES = frozenset(("cue", "weak", "jieba", "nick"))


def _given_name_repeats(text, tokens, by_start, found):
    """「廖德昌……德昌：各位叔伯」「蓝秀英：…… 秀英你把样品带来」: a person found under a full name
    (one-character surname, two-character given name) is called by the given name alone elsewhere
    in the same text (chats, letters among relatives, minutes). Taken where the given name stands
    alone: no Han character glued before it unless a separator, not inside a detection, not a
    dictionary word (「海洋」「白云」 stay words), not a place's or body's head, not an official's."""
    officials = {s.value[1:] for s in found if s.kind == "official" and len(s.value) == 3}
    givens = sorted({s.value[1:] for s in found if s.kind == "person_name" and len(s.value) == 3
                     and s.value[0] in SURNAMES and s.value[:2] not in COMPOUND_SURNAMES
                     and re.fullmatch(_HAN + "{3}", s.value)} - officials)
    extra, taken = [], [(s.start, s.end) for s in found]
    for given in givens:
        if jieba.dt.FREQ.get(given, 0) > 0 and not str(_WORD_TAGS.get(given, "")).startswith("nr") \
                or given[0] in "某氏阿小老" or given[-1] in _NOT_NAME_END:
            continue
        for m in re.finditer(re.escape(given), text):
            start, end = m.start(), m.end()
            if any(a < end and start < b for a, b in taken):
                continue
            before = text[start - 1:start]
            if before and re.match(_HAN, before) and not _LEFT_CUE_RE.match(text, start) \
                    and not _CUE_END_RE.search(text[max(0, start - 8):start]):
                continue  # 「雷德昌」「品德昌盛」: another name or a word
            if end < len(text) and re.match(_HAN, text[end]) and end not in by_start and not _word_starts(text, end):
                continue  # ends inside a word
            span = Span(start, end, "person_name", given, "cue")
            if _suffix_follows(text, end, by_start) or _org_follows(text, end, by_start) \
                    or _place_or_org_head(text, span, by_start) or official_in_role(text, start, end):
                continue
            extra.append(span)
            taken.append((start, end))
    return sorted(found + extra, key=lambda s: s.start) if extra else found


def _dotted_given_repeats(text, by_start, found):
    """「艾合买提·吐尔逊……艾合买提说」: a person named in full with a middle dot (given name, father's name) is
    called by the given name alone elsewhere in the text. Taken where it stands alone: not inside a detection,
    no transliteration character glued on either side (「阿力木」 in 「阿力木江」 is another name), no middle dot
    after it (another person's full name), not an official's; a 老 or 小 before it is part of the call name."""
    officials = {re.split("[·•・.．]", s.value)[0] for s in found if s.kind == "official"}
    givens = {re.split("[·•・.．]", s.value)[0] for s in found if s.kind == "person_name"
              and re.fullmatch(_HAN + r"{2,6}[·•・.．]" + _HAN + "{2,8}", s.value)} - officials
    givens = sorted((g for g in givens if len(g) >= 2 and (len(g) >= 3 or g not in jieba.dt.FREQ)), key=len, reverse=True)
    extra, taken = [], [(s.start, s.end) for s in found]
    for given in givens:
        for m in re.finditer(re.escape(given), text):
            start, end = m.start(), m.end()
            if any(a < end and start < b for a, b in taken) or text[start - 1:start] in _TRANSLITERATION and start \
                    or end < len(text) and (text[end] in _TRANSLITERATION or text[end] in "·•・.．"):
                continue
            if start and text[start - 1] in "老小" and not any(a < start and start - 1 < b for a, b in taken):
                start -= 1
            span = Span(start, end, "person_name", text[start:end], "cue")
            if _place_or_org_head(text, span, by_start) or official_in_role(text, start, end):
                continue
            extra.append(span)
            taken.append((start, end))
    return sorted(found + extra, key=lambda s: s.start) if extra else found


def _word_starts(text, pos):
    """A common word of two characters or more begins at ``pos`` (「王平|安排」「陶成|立即」): the
    tagger's token across it is a misreading, and a name found elsewhere may end there."""
    head = jieba.lcut(text[pos:pos + 6], HMM=False)
    return bool(head) and len(head[0]) >= 2 and jieba.dt.FREQ.get(head[0], 0) >= _COMMON_WORD_FREQ


_LEFT_CUE_RE = re.compile(_WEAK_LEFT)  # lookbehinds only: .match(text, pos) reads what stands before pos
_COMPOUND_AT = re.compile("|".join(COMPOUND_SURNAMES))


def scored_readings(text, by_start):
    """7. Every reading surname + one or two given characters that starts and ends on a jieba token
    boundary (so it never takes the first character of the next word), with its features
    (namescore.features): (start, end, features)."""
    for start in _reading_starts(text, by_start):
        head = text[start:start + 2]
        compound = bool(_COMPOUND_AT.match(head))
        if not compound and head[:1] not in SURNAMES:
            continue
        surname_len = 2 if compound else 1
        rank = 200 if compound else SURNAME_RANK[head[0]]
        for given_len in (1, 2):
            end = start + surname_len + given_len
            if end > len(text) or not re.fullmatch(_HAN + "+", text[start:end]):
                break
            if end != len(text) and end not in by_start:
                continue
            if text[start + surname_len] in "某氏" or text[end - 1] in _NOT_NAME_END and given_len == 2:
                continue
            left = text[max(0, start - 12):start]
            left_cue = bool(_CUE_END_RE.search(left) or _LEFT_CUE_RE.match(text, start))
            right_cue = bool(re.match(_WEAK_RIGHT, text[end:end + 12]))
            strong = bool(_STRONG_RIGHT.match(text, end))
            yield start, end, features(text, start, end, surname_len, rank, by_start, left_cue, right_cue, strong)


def _reading_starts(text, by_start):
    """Token starts, and a surname jieba glued to the role word before it (「流转户满福|全」)."""
    for start, (token, flag) in by_start.items():
        yield start
        if len(token) >= 3 and flag.startswith("nr") and token[0] in _PERSON_ENDS:
            yield start + 1


def _scored_names(text, by_start, spans):
    """Names no cue rule announces, by the statistical score (namescore.py): the best reading at
    each start, never one that overlaps a name found by the rules. A reading that is also a
    produce / landscape word or an ambiguous compound surname (「白雪」「黄金梨」「东方红」) needs
    context on both sides and a score from STRONG on."""
    best = {}
    for start, end, feats in scored_readings(text, by_start):
        value = score(feats)
        if value >= THRESHOLD and value > best.get(start, (None, -1e9, None))[1]:
            best[start] = (end, value, feats)
    for start, (end, value, feats) in sorted(best.items()):
        word = text[start:end]
        if any(s.start < end and start < s.end for s in spans.values()):
            continue
        both_sides = feats["left_cue"] + feats["left_person"] > 0 and feats["right_cue"] + feats["right_strong"] > 0
        strong = value >= STRONG and both_sides
        if word[:2] in AMBIGUOUS_COMPOUNDS and not strong:
            continue
        if len(word) == 3 and word[:2] not in COMPOUND_SURNAMES and not strong \
                and jieba.dt.FREQ.get(word[:2], 0) >= 100 and not str(_WORD_TAGS.get(word[:2], "")).startswith("nr"):
            continue  # 「黄金|梨」「宿舍|楼」: a common word and one more character
        if not strong and jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD_FREQ:
            continue  # 「用电高峰」: a dictionary word (even one tagged nr) is a name only with context on both sides
        if _suffix_follows(text, end, by_start) or _org_follows(text, end, by_start) \
                or any(_suffix_follows(text, m.end(), by_start) or _org_follows(text, m.end(), by_start)
                       for m in re.finditer(re.escape(word), text) if m.start() != start) and not strong \
                or not looks_like_person_name(word, place_end=len(word) == 3) \
                or not_a_name(text, start, end, by_start, crossing=not strong, produce=not strong, function_word=not strong) \
                or _phrase_not_name(word):
            continue
        spans[start] = Span(start, end, "person_name", word, "cue" if strong else "stat")
