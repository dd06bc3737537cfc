"""Recognizers for validated direct identifiers in free text.

A hand-written registry rather than Microsoft Presidio: presidio-analyzer hard-requires spaCy
(plus numpy, pydantic, tldextract) even when only pattern recognizers are used, which is far
heavier than these few hundred lines, and its regex/validation/context model is what this does.

Numbers (ID, mobile, landline, bank card) are found by numbers.py on a digit view of the text
(full-width digits, Chinese numerals and separators inside numbers understood). The patterned
identifiers below (e-mail, passport, credit code, plate) run on a same-length NFKC view, so a
full-width ＠ or Ｅ reads as @ or E and offsets still point into the original text.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from .chars import simplified
from .numbers import NEGATIVE_CUES, POSITIVE_CUES, find_numbers  # noqa: F401 (cue lists are public)
from .paper_columns import column_numbers
from .validators import uscc_is_individual_business, valid_hkid, valid_uscc


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    value: str
    source: str = "pattern"


def nfkc_view(text):
    """Same-length NFKC copy: each character normalised on its own when that keeps one character."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        norm = unicodedata.normalize("NFKC", ch)
        out.append(norm if len(norm) == 1 else ch)
    return "".join(out)


def _passport_cue(text, start, window=16):
    before = text[max(0, start - window):start]
    return any(cue in before for cue in ("护照", "通行证", "回乡证", "旅行证", "证件")) or \
        re.search(r"(?i)permit|passport", before) is not None


def _passport(text, m, user_text):
    value = m.group(0).upper()
    if value[0] == "E" and len(value) == 9 and (value[1:].isdigit() or value[2:].isdigit()):
        return True  # e-passport shapes are distinctive
    return _passport_cue(text, m.start())


# A business-licence word before an individual business's code: its label, a question asking for it, a table's column.
_LICENCE_CUE = re.compile(r"营业执照|执照|信用代码|注册号")


def _uscc(text, m, user_text):
    """An individual business's code (92…) with a valid check character anywhere; one whose check character is
    wrong (a typo, OCR) where a business-licence word stands before it in the text — it is still the owner's
    number. A company's (91…) or an institution's (12…) code stays public."""
    value = m.group(0).upper()
    if not uscc_is_individual_business(value):
        return False
    if valid_uscc(value):
        return True
    return re.search(r"[A-Z]", value[8:]) is not None and _LICENCE_CUE.search(text, max(0, m.start() - 300), m.start()) is not None


# 「收件人：县农业农村局信访信箱 <stnyj_xf@126.com>」: a mailbox the text gives as a public body's.
_OFFICE_MAILBOX = re.compile(r"(?:局|委员会|政府|办公室|办事处|中心|法院|检察院|政协|人大|纪委|监委)[\u4e00-\u9fff]{0,6}"
                             r"(?:信箱|邮箱)\s?[:：]?\s?[<《（(]?\s?$")


def _email(text, m, user_text):
    domain = re.split(r"@|#|\(at\)|\[at\]|\{at\}", m.group(0), flags=re.I)[-1].strip().lower()
    if "#" in m.group(0) and not re.search(r"\.(?:com|cn|net|org|edu)$", domain):
        return False  # 「#话题」 and anchors, not an address
    if _OFFICE_MAILBOX.search(text, max(0, m.start() - 30), m.start()):
        return False
    return not domain.endswith(".gov.cn")  # institutional mailboxes of public bodies are public


# An address written around filters: 「wangxf1990 at 163 dot com」「gongxiaoli 艾特 qq.com」「heli0817@qq点com」.
_EMAIL_AT = r"(?:\s?@\s?|\s(?i:at)\s|\s?艾特\s?|\s?圈a\s?)"
_EMAIL_DOT = r"(?:\s?[.。点]\s?|\s(?i:dot)\s)"
_EMAIL_SPELLED = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{2,}" + _EMAIL_AT + r"[A-Za-z0-9-]+(?:"
                            + _EMAIL_DOT + r"[A-Za-z0-9-]+)*?" + _EMAIL_DOT + r"(?i:com|cn|net|org|edu)(?![A-Za-z])")


def _email_spelled(text, m, user_text):
    if _OFFICE_MAILBOX.search(text, max(0, m.start() - 30), m.start()):
        return False
    return not re.search(r"gov(?:\s?[.。点]\s?|\s(?i:dot)\s)cn$", m.group(0))


def _always(text, m, user_text):
    return True


def _hkid(text, m, user_text):
    return valid_hkid(m.group(1), m.group(2), m.group(3))


# A Macau resident card 「1520730(5)」 (BIR): seven digits and a bracketed check digit, after its cue.
_MACAU_ID_CUE = re.compile(r"(?i)(?:澳门|身份证|居民身份|BIR|Macau|Macao)")


def _macau_id(text, m, user_text):
    return _MACAU_ID_CUE.search(text, max(0, m.start() - 16), m.start()) is not None


# A social-security card number 「B56240901」 in a list whose header names that column: the
# header is the cue for every row (bank cards and IDs are digits only).
_SOCIAL_CARD_HEADER = re.compile(r"社会保障卡号|社保卡号|社会保障号|社保号")


def _social_card_column(text, m, user_text):
    return _SOCIAL_CARD_HEADER.search(text, 0, m.start()) is not None


# Contact accounts and card numbers that only their cue word identifies: the cue stays, the
# account goes. 「QQ群」「微信群」「微信公众号」 name groups and public accounts, not a person.
# A phone number used as the WeChat account (「微信13812345678」「wx138…」) is masked as the mobile
# it is (numbers.py), so its owner still recognises its last four digits.
_QQ = re.compile(r"(?<![A-Za-z])(?:(?i:qq|q号)|扣扣|企鹅号?)(?!群)(?:号码|号)?"
                 # 「QQ上喊我，153…」「联系人QQ均为306…」: a few words may stand between the cue and the number
                 r"(?:[^\d。！？!?\n群]{0,6}?[，,:：\s]|\s?(?:是|为|均为)?\s?[:：]?\s?)"
                 r"(?<![0-9])([1-9][0-9]{4,10})(?![0-9])")
# (「微信号换了lanhua_x」「微信改成…」: a changed account is given after the verb that changes it)
_WECHAT = re.compile(r"(?<![A-Za-z])(?:微信|薇信|威信|(?i:wx|vx|weixin|wechat|v信|v(?=[:：])))(?!同号|群|公众号|支付)(?:号码|号|id|ID)?"
                     r"\s?(?:是|为|(?:换|改|变)(?:了|成|为)了?(?:新的)?)?\s?[:：（(]?\s?([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])")
# 「微信转我就行 qianlx_1983」: a few words may stand between the cue and the account when the account has the
# shape of one (letters with digits or an underscore, not a plain English word).
_WECHAT_LATER = re.compile(r"(?<![A-Za-z])(?:微信|(?i:wx|vx|wechat))(?!同号|群|公众号|支付)[^\n。；;0-9A-Za-z]{1,8}?[\s:：]\s?"
                           r"(?<![-_A-Za-z0-9])((?=[A-Za-z])(?=[-_A-Za-z0-9]*[_0-9])[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9@.])")
# 「要的话私聊，abc_x0327」「加我 abc_x0327」: an account offered for a private chat, in the same shape
_PRIVATE_CHAT_HANDLE = re.compile(r"(?:私聊|加我|加好友)[^\n。；;0-9A-Za-z]{0,4}?[\s:：，,]\s?"
                                  r"(?<![-_A-Za-z0-9])((?=[A-Za-z])(?=[-_A-Za-z0-9]*[_0-9])[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9@.])")
# 「许可证号」「营业执照号」 are a business's registrations, 「凭证号」 a voucher's; IDs and travel
# permits (身份证、回乡证、通行证、护照) have their own recognizers.
_NOT_PERSONAL_PAPERS = "".join(f"(?<!{w})" for w in ("许可", "执照", "资格", "合格", "登记", "凭", "身份", "回乡", "通行", "保"))
# A certificate number: letters and digits (「SC5113240003172」「150102D0087236」, a province prefix
# 「HLJ2310020045871」, 「T」 and an ID number on an electrician's licence), or digits only.
# (and dashed codes with a letter prefix 「NMGH-2019-03318」: six digits or more in two or more parts)
# (a letter may stand deeper inside the digits: an 优待证 「230300090330C1852」 is a region, a serial, the
# holder's category letter and four more digits; a digits-only one may be a region code and the holder's ID,
# 24 characters, the ID's X last)
# (a digits-only one has ten digits at least: 「优待证（证号22240900172）」, a region code and a serial)
# (a 残疾证号 is the holder's ID and two digits of kind and grade, the ID's X inside it: 「…462X42」)
_PAPER_NUMBER = (r"(?<![0-9A-Za-z-])([A-Za-z]{1,4}[0-9]{5,17}[0-9Xx]|[0-9]{6,14}[A-Za-z][0-9]{3,10}|[0-9]{10,24}[Xx]?|[0-9]{17}[Xx][0-9]{1,3}"
                 r"|(?=(?:[A-Za-z-]*[0-9]){6})[A-Za-z]{1,6}(?:-[0-9A-Za-z]{2,10}){2,4})(?![0-9A-Za-z-])")
# Cards and certificates that name a person: their number follows, maybe after 「号」 or in brackets
# (「社保卡（卡号R39018264）」「社保卡（R52186403）」); any other 「…证」 needs 「证号」.
_NAMED_CARDS = (r"(?:社保卡|社会保障卡|医保卡|医疗保险卡|残疾证|残疾人证|居住证|就诊卡|优待证|优抚证|退役军人证|军官证|士兵证|低保证|五保证|特困证"
                 r"|住院|病案|门诊)")  # a hospital's admission, case and outpatient numbers name one patient
# (Cantonese writes 系 for 是: 「社保卡号系441900D…」; a number may be written in groups 「居住证号系 4419 0020 1903 1184」)
_COPULA = r"(?:是|为|系)"
_GROUPED_DIGITS = r"(?<![0-9A-Za-z])([0-9]{3,6}(?: [0-9]{3,6}){2,5})(?![0-9A-Za-z])"
_OTHER_ID = re.compile(r"(?:" + _NAMED_CARDS + r"(?:号码|证号|卡号|编号|号)?|" + _NOT_PERSONAL_PAPERS + r"证(?:号码|号))"
                       r"\s?" + _COPULA + r"?\s?[:：（(]?\s?(?:卡号|证号|号码|编号)?\s?[:：]?\s?(?:" + _PAPER_NUMBER + "|" + _GROUPED_DIGITS + ")")
# 「医保个人编号51000024117683521」「参保编号…」「医保号…」: a person's insurance number after its cue, maybe with
# a letter prefix before its digits (「医保编号 YB<ID>01」: a scheme's letters, the holder's ID and a serial).
# (an ID whose check letter X stands inside the number, a serial after it: 「医保号<17 digits>X01」)
_INSURANCE_ID = re.compile(r"(?:医保|社保|参保|养老保险|医疗保险|新农合)(?:人员|个人)?(?:编号|号码|号|账号|帐号)\s?(?:是|为|系)?\s?[:：]?\s?"
                           r"(?<![0-9A-Za-z])([A-Za-z]{0,3}(?:[0-9]{8,24}[Xx]?|[0-9]{17}[Xx][0-9]{1,4}|[0-9]{3,6}(?: [0-9]{3,6}){2,5}))(?![0-9A-Za-z])")
# A household's utility account 「户号RL-XA-0306017」「供暖户号：3102…」 (several: 「户号A-1、A-2」): the
# account names one home.
_ACCOUNT = r"[A-Za-z0-9]{1,6}(?:-[A-Za-z0-9]{1,10}){0,3}"
_HOUSEHOLD_ACCOUNT = re.compile(r"(?:用户|缴费|供热|供暖|采暖|热力|水费|电费|燃气)?户号\s?(?:是|为)?\s?[:：]?\s?"
                                rf"(?<![0-9A-Za-z-])((?=[A-Za-z0-9-]*\d{{4}}){_ACCOUNT}(?:[、,，]\s?{_ACCOUNT})*)(?![0-9A-Za-z-])")
# A real-estate certificate 「川（2019）仪陇县不动产权第0006342号」 names one owner's property.
_PROPERTY_CERT = re.compile("((?:[" + "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼" + r"])?\s?[（(]\s?\d{4}\s?[）)]"
                            r"[\u4e00-\u9fff]{0,12}?不动产权第\s?\d{4,10}\s?号)")

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# A travel document after its cue word, whatever its series letter 「护照号A3928174」「回乡证H1234567」: one or
# two letters and seven to ten digits (the shapes without a cue are the passport recognizer's).
# (an English letter brackets the number with its 「No.」: 「passport (No. TZ8840217)」)
_TRAVEL_DOCUMENT = re.compile(r"(?:护照|通行证|回乡证|旅行证|签证|(?i:passport|permit)(?:\s?[（(]?\s?(?i:no\.?|number))?)(?:号码|号|编号)?"
                              # (a Russian passport is two digits of its series and seven of its number: 「75 4721311」)
                              r"\s?(?:是|为)?\s?[:：（(]?\s?(?<![0-9A-Za-z])([A-Za-z]{1,2}[0-9]{7,10}|[0-9]{2} ?[0-9]{7})(?![0-9A-Za-z])")
# A military or service certificate numbered 「南字第2019123号」「陆字第0456789号」 after its cue word.
_SERVICE_CERT = re.compile(r"(?:军官证|士兵证|文职干部证|警官证|军人证|退役证|退休证|离休证|伤残军人证|残疾军人证|优待证|义务兵证)"
                           r"(?:号码|号|编号)?\s?(?:是|为)?\s?[:：]?\s?([\u4e00-\u9fff]{1,2}字第\s?[0-9]{4,10}\s?号)")
# A plate named by its cue word 「车牌桂N·HBDMK」「车牌号：粤B 3K9L2」: the serial may be all letters.
_CUED_PLATE = re.compile(r"(?:车牌|牌照|号牌)(?:号码|号)?\s?(?:是|为)?\s?[:：]?\s?"
                         r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼黔滇蜀陇秦][A-Za-z]"
                         r"(?:\s?[-·•.]\s?|\s)?[A-Za-z0-9]{5,6})(?![A-Za-z0-9])")
# A fishing boat's registration 「闽澜渔05137」「浙岱渔养01234」 names its owner, as a plate does; so does a
# village ferry's 「陕延渡0217」 (a boatman's own boat). Four digits that are a year before 年 are no
# registration (「…渔2019年」); a registration's digits may be followed by 年检.
# An inland vessel's registration names its owner the same way: a cargo, passenger, tanker, tug or barge
# registration 「浙禾货0477」「苏宿客0123」「皖蚌货1207」 (a boat household's certificate), also read out one
# character at a time in speech-to-text 「浙 禾 货 零 六 六 三」.
_VESSEL_KINDS = r"(?:渔(?:养|运|冷|辅)?|渡|货|客|油|拖|驳)"
_SPOKEN_DIGIT = "[0-9零〇一二三四五六七八九幺两洞]"
_FISHING_BOAT = re.compile("([" + _PROVINCES + r"][\u4e00-\u9fff]{1,2}" + _VESSEL_KINDS + r"\s?(?!(?:19|20)\d{2}年)\d{4,6}(?!\d)"
                           "|[" + _PROVINCES + r"](?: [\u4e00-\u9fff]){1,2} " + _VESSEL_KINDS + f"(?: {_SPOKEN_DIGIT}){{4,6}}(?! {_SPOKEN_DIGIT}))")
# A named card whose number opens with the issuing province's and city's short names 「优待证号：浙禾0411A00327」:
# the whole is the number.
# (a 号 closing the number belongs to it: 「优待证 琼4690…0018号」; read out one character at a time in
# speech-to-text, 「优 待 证 号 是 琼 四 六 九 〇 …号」, the cue and the numerals are spaced)
_PREFIXED_CARD = re.compile(_NAMED_CARDS + r"(?:号码|证号|卡号|编号|号)?\s?(?:是|为)?\s?[:：]?\s?"
                            "([" + _PROVINCES + r"][\u4e00-\u9fff]?[0-9][0-9A-Za-z]{5,20}(?:号(?!码))?)(?![0-9A-Za-z])")
_SPOKEN_NUMERAL = "[0-9零〇○一二三四五六七八九幺两洞拐]"
# A veteran's 优待证 numbered with its province's short name and 「YD」 (优待) 「渝YD500119201803417」, OCR reading 0 and 1
# as O and l, or read out one character at a time 「渝 Y D 五 零 零 …」: the shape alone names it.
_YD_CHAR = "[0-9OolI零〇○一二三四五六七八九幺两洞拐]"
_YD_DIGIT = "[0-9零〇○一二三四五六七八九幺两洞拐]"
_VETERAN_CARD = re.compile("(?<![0-9A-Za-z])([" + _PROVINCES + "]YD(?=(?:[OolI]*" + _YD_DIGIT + "){6})" + _YD_CHAR + "{10,20}(?![0-9A-Za-z])"
                           "|[" + _PROVINCES + "] Y D(?=(?: [OolI])*(?: " + _YD_DIGIT + "(?: [OolI])*){6})(?: " + _YD_CHAR + "){10,20}"
                           "(?![0-9A-Za-z])(?! " + _YD_CHAR + "))")
# A resettled migrant's certificate 「X移字第0031472号」, or a lettered one after 移民证 「移民证：AB-2009-021375」 (OCR l for 1).
_MIGRANT_CERT = re.compile(r"([\u4e00-\u9fff]{1,2}移字第\s?[0-9OolI]{4,10}\s?号)")
_MIGRANT_CERT_LETTERED = re.compile(r"移民证(?:号码|证号|编号|号)?\s?(?:是|为)?\s?[:：]?\s?(?<![0-9A-Za-z])"
                                    r"([A-Za-z]{2,6}(?:-(?=[0-9OolI]*[0-9])[0-9OolI]{2,10}){1,3})(?![0-9A-Za-z-])")
_SPOKEN_CARD = re.compile("(?:" + "|".join(" ?".join(w) for w in ("优待证", "优抚证", "残疾证", "残疾人证", "居住证", "社保卡", "医保卡",
                                                                  "退役军人证", "低保证", "五保证", "特困证"))
                          + r")(?: ?(?:号 ?码|证 ?号|卡 ?号|编 ?号|号))?(?: ?(?:是|为))? ?[:：]? ?"
                          "((?:[" + _PROVINCES + "] )?" + _SPOKEN_NUMERAL + f"(?: {_SPOKEN_NUMERAL}){{5,20}}(?: 号(?! 码))?"
                          "|(?:[" + _PROVINCES + "])?[零〇○一二三四五六七八九幺两洞拐]{6,20}号?)(?![0-9])")
# A staff number 「工号：NF110387」 names one employee (a company's, a farm's); a hotline agent's 「坐席工号」 or
# an operator's speaks for the office (a role, not a person's record).
# (its letters and digits may be dashed or spaced: 「JL-20190417」「JL2020-0831」「HM 2021 0317」)
_STAFF_CODE = r"(?=[A-Za-z]{1,4}[- ]?(?:[0-9][- ]?){4})[A-Za-z]{1,4}(?:[0-9]{4,12}|[- ]?[0-9]{2,8}(?:[- ][0-9]{2,8}){0,2})"
_STAFF_NUMBER = re.compile(r"(?<!坐席)(?<!客服)(?<!话务员)(?:职工|员工)?工号\s?(?:是|为|系)?\s?[:：]?\s?"
                           r"(?<![0-9A-Za-z])(" + _STAFF_CODE + r")(?![0-9A-Za-z]|[- ][0-9])")
# A staff number with its employer's short name before the digits 「职工号：X林职0312345」 (OCR may read a 0 or 1 as
# O or l: four digits at least are digits).
_STAFF_NUMBER_HAN = re.compile(r"(?<!坐席)(?<!客服)(?<!话务员)(?:工号|职工编号|员工编号)\s?(?:是|为)?\s?[:：]?\s?(?!是|为)"
                               r"([\u4e00-\u9fff]{1,4}(?=(?:[OolI]*[0-9]){4})[0-9OolI]{5,12})(?![0-9A-Za-z])")
# A Korean resident's or alien-registration number 「620315-5123457」: the birth date, a blank or dash, and seven
# digits that open with the holder's sex and century (1–8); after its cue word OCR's O and l are read too.
_KOREAN_REG_CUE = (r"(?:外国人登录证|外国人登录番号|外国人登录|外国人登陆证|登录证|居留证|주민등록|외국인등록증?|(?i:alien registration|ARC))"
                   r"(?:号码|号|番号|번호|(?i:\s?no\.?|\s?number))?\s?(?:是|为)?\s?[:：]?\s?")
_KOREAN_REG = re.compile(r"(?:(?<=" + "[号码证录]" + r")|(?<![0-9A-Za-z-]))"
                         r"([0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])\s?[-－]\s?[1-8][0-9]{6})(?![0-9-])")
_KOREAN_REG_CUED = re.compile(_KOREAN_REG_CUE + r"(?<![0-9A-Za-z])([0-9OolI]{6}\s?[-－]\s?[0-9OolI]{7})(?![0-9A-Za-z-])")
# A certificate numbered 「X字第072318号」 after a certificate-number cue 「证号」「证书号」 (a judgment's or
# document's number carries its year 〔2026〕 and is no certificate).
# (a grassland or land contract's 「X草承字（2016）第0472号」 after the cue is the holder's too: the cue says it is a
# certificate, not a document)
_LABELLED_CERT = re.compile(r"(?:证号|证书号|证件号|证书编号|证编号)(?:码)?\s?(?:是|为)?\s?[:：]?\s?"
                            r"([\u4e00-\u9fff]{1,4}字(?:\s?[（(〔]\s?\d{4}\s?[）)〕]\s?)?第\s?(?=(?:[OolI]*[0-9]){3})[0-9OolI]{3,10}\s?号)")
# A herd animal's ear tag 「耳标号：5133450190771」 is registered to its owner's household, as a plate is to a car's owner.
_EAR_TAG = re.compile(r"耳标(?:号码|号|编号)?\s?(?:是|为)?\s?[:：]?\s?(?<![0-9A-Za-z])([0-9]{8,16})(?![0-9])")
# A hospital's admission, case-file or outpatient number 「住院号：2026091407」 names one patient, however short.
# (its year and serial may be dashed: 「住院号 2026-04417」)
_PATIENT_NUMBER = re.compile(r"(?:住院|病案|病历|门诊|就诊卡)(?:号码|号|编号|卡号)\s?(?:是|为)?\s?[:：]?\s?"
                             r"(?<![0-9A-Za-z])([A-Za-z]{0,2}(?:[0-9]{5,12}|[0-9]{2,4}-[0-9]{3,8}))(?![0-9A-Za-z-])")
# A card whose number carries the card's name 「桂优待证No.450822000317」: the whole is the number.
_CARD_NO = re.compile("((?:[" + _PROVINCES + "])?" + _NAMED_CARDS + r"\s?(?:No|NO|no|№)\.?\s?[0-9A-Za-z]{6,20})(?![0-9A-Za-z])")
# Forest, house and land certificates 「桂林权证字（2008）第450822100417号」 name one holder.
# (a province's own forest title is written 「黑林证字（2008）第…号」)
# (or with the issuing county's short name and no year: 「吉林权证X字第0012345号」)
_TITLE_CERT = re.compile("((?:[" + _PROVINCES + r"])?(?:林权证|林证|房权证|房产证|土地证|土地使用证|承包经营权证)"
                         r"(?:字?\s?[（(〔]\s?\d{4}\s?[）)〕]\s?第?|[\u4e00-\u9fff]{1,3}字第)\s?\d{4,15}\s?号)")
# A social-security card's own number is a letter and eight digits 「卡号 A35289716」 (bank cards are digits).
_SOCIAL_CARD_NO = re.compile(r"卡号\s?(?:是|为)?\s?[:：]?\s?(?<![0-9A-Za-z])([A-Z][0-9]{8})(?![0-9A-Za-z])")
# A Taiwan compatriot permit 「台胞证号08613372」: eight digits (ten with its renewal count).
# (written in two groups of four, or in brackets after the card's name: 「台胞证（号码1234 5678）」)
_TAIWAN_PERMIT = re.compile(r"(?:台胞证|台湾居民来往大陆通行证)\s?[（(]?\s?(?:号码|号)?\s?(?:是|为)?\s?[:：]?\s?(?<![0-9])"
                            r"([0-9]{8}(?:[0-9]{2})?|[0-9]{4} [0-9]{4})(?![0-9])")
# A permit's eight digits after 通行证号码 (a Taiwan resident's: Hong Kong and Macau residents' carry their H/M letter), and the
# 「证件号码」 field of a form headed by the Taiwan permit's name.
_PERMIT_DIGITS = re.compile(r"通行证(?:号码|证号|号)\s?(?:是|为|系)?\s?[:：]?\s?(?<![0-9])([0-9]{8}(?:[0-9]{2})?|[0-9]{4} [0-9]{4})(?![0-9])")
_TAIWAN_FORM = re.compile(r"台湾居民来往大陆通行证|台胞证")
_PERMIT_FORM_FIELD = re.compile(r"(?:证件号码|证件号|证号)\s?[:：]?\s?(?<![0-9])([0-9]{8}(?:[0-9]{2})?)(?![0-9])")


def _taiwan_form_numbers(view):
    return [m for m in _PERMIT_FORM_FIELD.finditer(view) if _TAIWAN_FORM.search(view, max(0, m.start() - 120), m.start())]


# A residence permit's or social-security card's number a few words after its cue (「居住证号写的是我的，4419…」).
_CARD_NUMBER_LATER = re.compile(r"(?:居住证|社保卡|社会保障卡)(?:号码|证号|卡号|号)[^\n。；;0-9A-Za-z]{1,10}?[，,:：\s]\s?"
                                r"(?<![0-9A-Za-z])([0-9]{12,20}[Xx]?)(?![0-9A-Za-z])")
# A Hong Kong, Macau or Taiwan resident's residence-permit number (810000/820000/830000 and the holder's birth date) after its
# cue: no mainland ID, so no mainland check.
_HMT_PERMIT = re.compile(r"(?:身份号码|证件号码|居住证(?:号码|号)?|证号)\s?(?:是|为|系)?\s?[:：]?\s?"
                         r"(?<![0-9])(8[123]0000(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?![0-9])")
# A registration number after what it registers (「我已经报名了，编号RC2026-00317」「登记号：…」; a subsidy's 申请编号 is published):
# letters and digits, maybe dashed; a project's, a procurement's or a work order's number names no person.
_REGISTRATION = re.compile(r"(?:报名|登记|轮候|排号)(?:了|的)?(?:(?!项目|采购|工单|招标|合同|文号)[^\n。；;0-9A-Za-z]){0,4}?"
                           r"(?:编号|号码|序号|排号|号)\s?(?:是|为|系)?\s?[:：]?\s?"
                           r"(?<![0-9A-Za-z-])([A-Za-z]{1,4}[-]?[0-9]{2,8}(?:-[0-9]{2,8}){0,2})(?![0-9A-Za-z-])")


# A foreigner's residence permit 「居留许可：Y1234…」「Residence Permit No.: 1234…」: a letter or none and eight to
# eighteen digits name its holder as a passport does (许可 alone is a business's licence, and stays).
_RESIDENCE_PERMIT = re.compile(r"(?:居留许可|居留证件|(?i:(?:residence\s)?permit\s?(?:no\.?|number)))(?:证)?(?:号码|号|编号)?"
                               r"\s?(?:是|为)?\s?[:：（(]?\s?(?<![0-9A-Za-z])([A-Za-z]?[0-9]{8,18})(?![0-9A-Za-z])")
# A travel document read out one character at a time in speech-to-text 「护 照 号 G 1 2 3 …」: the letter and
# seven to nine spaced digits.
_SPOKEN_PASSPORT = re.compile(r"(?:护 ?照|通 ?行 ?证|回 ?乡 ?证) ?(?:号 ?码|号)? ?(?:是|为)? ?[:：]? ?"
                              r"(?<![0-9A-Za-z])([A-Za-z](?: [0-9]){7,9})(?! ?[0-9A-Za-z])")

# A personal certificate's own form (a driving licence, a birth certificate) numbers its holder's file in a
# field 「档案编号 4690…」「编号 T4608…」: a field at a line's start or after a blank, in a text that names the
# certificate (a work order's 「工单编号」 or a project's number is no such field).
_CERT_FORM = re.compile(r"出生医学证明|出生证|驾驶证|驾驶人|驾照|准驾车型|机动车驾驶")
_CERT_FORM_NUMBER = re.compile(r"(?:^|(?<=[\s\u3000]))(?:档案编号|档案号|证件编号|编号)\s?[:：]?\s?"
                               r"(?<![0-9A-Za-z])([A-Za-z]?[0-9]{8,14})(?![0-9A-Za-z])", re.M)


def _certificate_form_numbers(view):
    return [m for m in _CERT_FORM_NUMBER.finditer(view)
            if _CERT_FORM.search(view, max(0, m.start() - 200), m.end() + 200)]


# A holder's certificate after its 证号 / 证书编号 / 证编号 cue, or glued to the 证 (「边民证MYN-…」), in the shapes
# land, grassland, birth and border-resident papers take: a region's short name and 证 before a dashed number
# (「X草证654029-0327」), digits closed by a letter (「…050017J」), a letter or three before eight or more digits, a
# letter series in dashed parts; and a driving licence's 档案编号 written inline. (Business papers — 许可证, 执照,
# 资格证, 合格证, 凭证 — stay out as for _OTHER_ID.)
_CERT_CODE = (r"(?<![0-9A-Za-z-])((?:[\u4e00-\u9fff]{1,3}证)?[0-9]{6}-[0-9]{4,8}|[0-9]{10,24}[A-WYZa-wyz]|[A-Za-z]{1,3}[0-9]{8,17}"
              r"|[A-Za-z]{2,4}(?:-[A-Za-z]{1,4})?-[0-9]{6,12})(?![0-9A-Za-z-])")
_CERT_AFTER_LABEL = re.compile(_NOT_PERSONAL_PAPERS + r"证(?:书)?(?:号码|编号|号)?\s?(?:是|为)?\s?[:：]?\s?" + _CERT_CODE)
_LICENCE_FILE = re.compile(r"(?:驾驶证|驾照|行驶证)档案(?:编号|号)\s?(?:是|为)?\s?[:：]?\s?(?<![0-9])([0-9]{10,15})(?![0-9])")

# (kind, pattern, priority): the span is the pattern's first group (the account), not the cue.
# Above a mobile or bank card (a 社保卡号 is not a bank card), below a validated resident ID (a
# 残疾证号 that holds one is that ID).
CUED = [("qq", _QQ, 84), ("wechat", _WECHAT, 84), ("wechat", _WECHAT_LATER, 84), ("other_id", _OTHER_ID, 82), ("other_id", _INSURANCE_ID, 82),
        ("other_id", _PROPERTY_CERT, 82), ("other_id", _HOUSEHOLD_ACCOUNT, 82), ("other_id", _FISHING_BOAT, 82),
        ("other_id", _CARD_NO, 82), ("other_id", _PATIENT_NUMBER, 82), ("other_id", _TITLE_CERT, 82), ("other_id", _SOCIAL_CARD_NO, 82),
        ("other_id", _TAIWAN_PERMIT, 82), ("other_id", _PREFIXED_CARD, 82), ("passport", _TRAVEL_DOCUMENT, 66), ("plate", _CUED_PLATE, 56),
        ("other_id", _SERVICE_CERT, 82), ("other_id", _SPOKEN_CARD, 82), ("other_id", _STAFF_NUMBER, 82),
        ("other_id", _LABELLED_CERT, 82), ("other_id", _STAFF_NUMBER_HAN, 82), ("other_id", _KOREAN_REG, 82),
        ("other_id", _KOREAN_REG_CUED, 82), ("other_id", _CERT_AFTER_LABEL, 82), ("other_id", _LICENCE_FILE, 82),
        ("other_id", _EAR_TAG, 82), ("wechat", _PRIVATE_CHAT_HANDLE, 84),
        ("other_id", _RESIDENCE_PERMIT, 82), ("passport", _SPOKEN_PASSPORT, 66), ("other_id", _VETERAN_CARD, 82),
        ("other_id", _MIGRANT_CERT, 82), ("other_id", _MIGRANT_CERT_LETTERED, 82), ("other_id", _PERMIT_DIGITS, 82),
        ("other_id", _CARD_NUMBER_LATER, 82), ("other_id", _HMT_PERMIT, 82), ("other_id", _REGISTRATION, 82)]

# Plates carry 贵/云/川/甘/陕, but people write the provinces' other short names (黔滇蜀陇秦) too.
_PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼黔滇蜀陇秦"
# A non-mainland personal number 「+852 9634 2107」「+60 12-338 4471」: a country code other
# than 86 and seven to twelve digits in groups (mainland numbers are numbers.py's).
_FOREIGN_PHONE = re.compile(r"(?<![0-9A-Za-z+])\+\s?(?!86)[1-9][0-9]{0,2}(?:[\s-]?[0-9]{1,5}){2,5}(?![0-9])")


def _foreign_phone(text, m, user_text):
    digits = re.sub(r"\D", "", m.group(0))
    return 9 <= len(digits) <= 15


@dataclass(frozen=True)
class Recognizer:
    kind: str
    pattern: re.Pattern
    validate: Callable
    priority: int  # higher wins when two recognizers claim overlapping text


RECOGNIZERS = [
    Recognizer("uscc", re.compile(
        r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"), _uscc, 85),
    Recognizer("email", re.compile(
        r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*\s?(?:@|#|\((?i:at)\)|\[(?i:at)\]|\{(?i:at)\})\s?"
        r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), _email, 75),
    Recognizer("email", _EMAIL_SPELLED, _email_spelled, 74),
    Recognizer("passport", re.compile(
        r"(?<![0-9A-Za-z])(?:[EeGg]\d{8}|[Ee][A-HJ-NP-Za-hj-np-z]\d{7}|[PpSsDd]\d{7}|[Cc][0-9A-HJ-NP-Za-hj-np-z]\d{7}"
        r"|[HhMm]\d{8}(?:\d{2})?|[HhMm]\d{4} \d{4}(?:\d{2})?)(?![0-9A-Za-z])"), _passport, 65),
    Recognizer("plate", re.compile(
        "[" + _PROVINCE_ABBR + r"][A-HJ-NP-Z](?:\s?[-·•.]\s?|\s)?(?=[A-HJ-NP-Z0-9]{0,5}\d)[A-HJ-NP-Z0-9]{4}"
        # (a cross-border plate has its 港/澳 after a full serial too: 「粤Z·H8867港」)
        r"(?:[A-HJ-NP-Z0-9]{1,2}[港澳]?|[挂学警港澳])(?![A-Za-z0-9])"), _always, 55),
    Recognizer("other_id", re.compile(r"(?<![0-9A-Za-z])([A-Z]{1,2})([0-9]{6})\s?[(（]([0-9A])[)）]"), _hkid, 90),
    Recognizer("other_id", re.compile(r"(?<![0-9A-Za-z])[1578][0-9]{6}\s?[(（][0-9][)）]"), _macau_id, 90),
    Recognizer("other_id", re.compile(r"(?<![0-9A-Za-z])[A-Z][0-9]{8}(?![0-9A-Za-z])"), _social_card_column, 81),
    Recognizer("landline", _FOREIGN_PHONE, _foreign_phone, 70),
]


def find_identifiers(text, user_text=False):
    """Validated direct identifiers in ``text`` as (priority, Span), possibly overlapping (resolve
    with ``resolve``). ``user_text``: cue words never switch detection off."""
    spans = [(p, Span(n.start, n.end, n.kind, text[n.start:n.end])) for p, n in find_numbers(text, user_text)]
    view = simplified(nfkc_view(text))  # (traditional cue words read too: 「工號」「回鄉證」「暫字第…號」)
    for rec in RECOGNIZERS:
        for m in rec.pattern.finditer(view):
            if rec.validate(view, m, user_text):
                spans.append((rec.priority, Span(m.start(), m.end(), rec.kind, text[m.start():m.end()])))
    ids = [s for _p, s in spans if s.kind == "id_number"]
    for i in ids:
        # 「G640324201605055512」: a letter glued before an ID number makes a personal number of its own
        # (a pupil's 全国学籍号 is G + the ID); the whole goes
        if i.start and re.match(r"[A-Za-z]", view[i.start - 1]) and (i.start < 2 or not re.match(r"[A-Za-z0-9]", view[i.start - 2])):
            spans.append((96, Span(i.start - 1, i.end, "other_id", text[i.start - 1:i.end])))
        # (and a letter glued after it: 「…5518A」, a card's or a scheme's number built on the holder's ID)
        if re.match(r"[A-Za-z]", view[i.end:i.end + 1]) and not re.match(r"[A-Za-z0-9]", view[i.end + 1:i.end + 2]):
            spans.append((96, Span(i.start, i.end + 1, "other_id", text[i.start:i.end + 1])))
    for kind, pattern, priority in CUED:
        for m in pattern.finditer(view):
            group = next(i for i in range(1, pattern.groups + 1) if m.group(i) is not None)  # (the alternative that matched)
            start, end = m.start(group), m.end(group)
            # 「电工证号T2310…0311」「优待证号：<region code><ID>」: a certificate number that holds an ID number
            # (after letters, a region code or before a serial) is the certificate; the ID inside it is masked with it
            holds_id = any(start <= i.start and i.end <= end and i.end - i.start < end - start for i in ids)
            spans.append((95 if holds_id else priority, Span(start, end, kind, text[start:end])))
    for m in _certificate_form_numbers(view) + _taiwan_form_numbers(view):
        spans.append((82, Span(m.start(1), m.end(1), "other_id", text[m.start(1):m.end(1)])))
    spans += [(82, Span(start, end, "other_id", text[start:end])) for start, end in column_numbers(view)]
    return spans + _same_shape(text, view, spans)


def _shape(code):
    """Letters kept, each run of digits by its length: 「RC2026-00317」 → RC#4-#5."""
    return re.sub(r"[0-9]+", lambda m: f"#{len(m.group(0))}", code.upper())


# A code with letters and digits standing alone (not inside a longer code).
_CODE = re.compile(r"(?<![0-9A-Za-z-])[A-Za-z]{1,4}-?[0-9]{2,8}(?:-[0-9]{2,8}){0,2}(?![0-9A-Za-z-])")


def _same_shape(text, view, spans):
    """A registration or staff number found by its cue has siblings of the same shape in the same text (「编号RC2026-00317
    …我的是RC2026-00402」): the same letters and digit groups number another person in the same register."""
    shapes = {_shape(s.value) for _p, s in spans if s.kind == "other_id" and re.match(r"[A-Za-z]{1,4}-?[0-9]", s.value)}
    return [(81, Span(m.start(), m.end(), "other_id", text[m.start():m.end()])) for m in _CODE.finditer(view)
            if _shape(m.group(0)) in shapes]


def resolve(prioritised):
    """Non-overlapping spans: higher priority first, then longer, then leftmost."""
    chosen = []
    for _p, span in sorted(prioritised, key=lambda ps: (-ps[0], -(ps[1].end - ps[1].start), ps[1].start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
