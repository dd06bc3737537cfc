"""The blind de-identification corpora as regression guards (publication path, and the user-text path).

Each corpus was written blind and run once (first-run figures in tests/eval/pii/*.first_run.txt and
the README's de-identification section). The floors below are what the code catches today, per span
type: catching fewer fails, and so does altering more public spans. Raise a floor when a fix
catches more; never lower one without saying why in the commit.
"""
import json
from pathlib import Path

import pytest

from eval.pii_score import summary

HERE = Path(__file__).resolve().parent / "pii"

FLOORS = {
    "pii_blind1": {"caught": {"address": 57, "bank_card": 26, "email": 16, "id": 39, "landline": 26, "mobile": 59,
                              "name(known)": 90, "name(unknown)": 131, "other_id": 11, "plate": 16, "qq": 8,
                              "wechat": 11},
                   # 10 -> 9: a list's cells after an address are not the address (issue #19, pii_blind5 classes)
                   # 9 -> 4: a village or estate before a private house part stays (address policy, README 住址策略):
                   # 上湾村/冯家村 before a group, a township glued before a village (半山石塘村, 转塘象山村)
                   "max_public_altered": 4},
    "pii_blind2": {"caught": {"address": 96, "bank_card": 38, "email": 17, "id": 42, "landline": 24, "mobile": 61,
                              "name(known)": 205, "name(unknown)": 277, "other_id": 24, "plate": 17, "qq": 3,
                              "wechat": 7},
                   # 11 -> 2: road names before private house numbers stay (address policy, README)
                   # 2 -> 1: measured (already 1 before issue #19's session-8 name classes)
                   # 1 -> 0: a resettlement site before its building stays (address policy: villages and estates)
                   "max_public_altered": 0},
    # bank_card 37 -> 38: a legacy 15-digit ID read inside a validated card's groups is the card's (session 19; seeds 0 and 1)
    "pii_blind3": {"caught": {"address": 88, "bank_card": 38, "email": 5, "id": 22, "landline": 12, "mobile": 45,
                              # names 109/369 -> 115/403: session 8's name classes (kin pairs, repeats, Mongolian
                              # names, trade cues, cells that end at a bar or comma, 和 ending a name)
                              # 406 -> 407: a name the text gives whole elsewhere (repeats of any rule's names)
                              # name(unknown) 407 -> 409: a 老 nickname on the real name's surname before that name in brackets (session 15)
                              "name(known)": 115, "name(unknown)": 409, "other_id": 20, "plate": 12, "qq": 3,
                              "wechat": 4},
                   # 57 -> 33: road names before private house numbers stay (address policy, README)
                   # 33 -> 30: measured after pii_blind5's and pii_blind4's official classes (a long delegate bracket)
                   # 30 -> 28: grid workers in role
                   # 28 -> 27: a farm machine's make (「雷沃谷物收割机」) is a brand (pii_blind7's class)
                   # 27 -> 19: villages and estates before a group or building stay (address policy, README 住址策略)
                   # 19 -> 14: officials in role by how offices write and office lines (issue #19, session 15): a handler
                   # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                   # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                   # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                   # 14 -> 12: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                   # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an answer
                   # line's handler, 经/由X核实, an English letter to an office, a body with its person in brackets; old
                   # lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                   # 12 -> 9: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 9},
    # first run (blind, at 245b572): recall 82.9 %, precision 89.1 %, public altered 89/1,434
    # after the class fixes (no longer blind): numbers broken over a line, nicknames, labelled fields, spaced names
    # address 108 -> 109: a neighbour's bare house number 「隔壁N号」 (issue #19, session 19; PYTHONHASHSEED 0 and 1)
    "pii_blind4": {"caught": {"address": 109, "bank_card": 27, "email": 7, "id": 41, "landline": 6, "mobile": 91,
                              # other_id 22 -> 23: a driving licence's 档案编号 on its own form (issue #19, session 14)
                              # name(unknown) 365 -> 366: a name padded to three with one blank after the surname
                              # (「X Y：」「、X Y、」), no cue needed (session 15, issue #19)
                              # name(unknown) 366 -> 367: a chat's @ mention and word-shaped items of a list of names (session 16, issue #19)
                              # other_id 23 -> 24: a holder's certificate after its 证号/证书编号 cue or glued to the 证, a licence's inline 档案编号 (session 16, issue #19)
                              # 367 -> 368: pii_blind15's classes (session 17; PYTHONHASHSEED 0 and 1)
                              "name(known)": 127, "name(unknown)": 368, "other_id": 24, "plate": 9, "qq": 6,
                              "wechat": 8},
                   # 89 -> 95: six road names before house numbers now caught (「思陇街68—70号」「浔江路51—53号」,
                   # 「解放巷9弄1—3号」, 「朝阳路35 号 2 单元 301」) go with them, as in pii_blind3 (policy)
                   # 95 -> 68: road names before private house numbers stay (address policy, README)
                   # 68 -> 60: pii_blind5's public classes (officials signing, office lines and mailboxes)
                   # 60 -> 36: a body's staff in chat display names, sections and stations, an office's
                   # own contact (「我局…联系人X」), 「X代表问」
                   # 36 -> 30: produce varieties by their head character, terms alone in quotes (session 8)
                   # 30 -> 29: a dotted name's left half stops after a district (「…丰泽区|鸿盛·滨海湾」)
                   # 29 -> 28: measured after pii_blind6's public classes (an office's contact closing a document)
                   # 28 -> 20: grid workers, registrars and work groups in role (issue #19, session 9)
                   # 20 -> 19: an estate before its block stays (address policy: villages and estates)
                   # 19 -> 18: officials in role (session 14, issue #19): a team's 队长, a title after a representative's name, a body's work group
                   # caught id 40 -> 41: measured at session 16's start (other sessions' merged classes), floor raised
                   # 18 -> 13: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 13},
    # first run (blind, session 6, at 4f8b020): recall 88.8 %, precision 83.2 %, public altered 357/3,554;
    # not yet used for fixes (mostly generated texts: 254 of 319 from the writer's templates)
    "pii_blind5": {"caught": {"address": 443, "bank_card": 85, "email": 20, "id": 125, "landline": 23, "mobile": 184,
                              # name(unknown) 618 -> 619: names by their slot (session 14, issue #19): 「我老爸叫X」, a handle with the
                              # real name in brackets (both), 亚 call names as chat labels, English kinship cues and closings
                              # 619 -> 620: dotted names with a five-character father's name (session 15, pii_blind13's class)
                              # name(unknown) 619 -> 620: a 老 nickname on the real name's surname before that name in brackets (session 15)
                              # 620 -> 622: measured 621 before; transliterated given names of four to six characters standing alone (session 16, issue #19)
                              # name(unknown) 620 -> 621: pii_blind14's classes (session 16; PYTHONHASHSEED 0 and 1)
                              # 622 -> 628: pii_blind15's classes (session 17; PYTHONHASHSEED 0 and 1)
                              "name(known)": 308, "name(unknown)": 628, "other_id": 75, "plate": 30, "qq": 9,
                              "wechat": 16},
                   # 357 -> 53: its public classes fixed as rules (court and staff signatures, an office's
                   # staff column, places and bodies whose head reads as a name, registered seats, office
                   # lines named by the notice, a list's cells after an address); no private span lost
                   # 53 -> 38: a contact given with a supervision line answers for the office
                   # 38 -> 27: produce varieties by their head character, terms alone in quotes (session 8)
                   # 27 -> 26: a bank's branch after a place name (session 9)
                   # address 442 -> 443: an estate's 号楼 after a 新村 is no village's house number
                   # 26 -> 25: a repeated name is no official's repeat, a 发放人/监督 field and a body's opinion signed
                   # 25 -> 21: resettlement sites before a building and a street before a 里 stay (address policy: villages, estates)
                   # 21 -> 19: hamlets named by a family and its landform (「X家畔」「X家坬」) and old lanes (「X里」「X坊」
                   # before their alleys, houses or plot) are places, no person's name (issue #19, session 15)
                   # 19 -> 17: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                   # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an answer
                   # line's handler, 经/由X核实, an English letter to an office, a body with its person in brackets; old
                   # lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                   # caught name(unknown) 620 -> 621: measured at session 16's start (other sessions' merged classes), floor raised
                   # 19 -> 18: pii_blind14's classes (session 16; PYTHONHASHSEED 0 and 1)
                   # 17 -> 14: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 14},
    # first run (blind, session 8, anonymize/ as at d2b868b): recall 82.0 %, unknown names 72.8 %, precision
    # 86.5 %, public altered 283/3,327; then after session 8's classes from the other corpora (its developer never
    # saw this one): recall 83.5 %, unknown names 76.1 %. Then used for fixes (no longer blind): landline 19 -> 32,
    # other_id 62 -> 147, plate 15 -> 25 (Hong Kong/Macau cards, card columns, non-mainland phones, 黔/滇 plates)
    # then numbers glued to amounts, a header naming the phone column, cued travel documents and plates:
    # bank_card 124 -> 126, landline 32 -> 35, mobile 246 -> 250, other_id 147 -> 150, plate 25 -> 26;
    # then address shapes (rooms with 房, villages with 屯 where someone lives, line breaks): address 293 -> 346
    # then call names where the structure shows a person (@, speaker, vocative, gloss): name(unknown) 879 -> 901
    # then names in spaced-out forms (「申 请 人：黄 海 耀」): name(unknown) 901 -> 933
    # then romanised names of three words and in capitals after 发件人/英文名/my name is/regards: 933 -> 985
    # then Cantonese function characters read as Mandarin, full-stop dots, Yi clans, names before amounts: 985 -> 1014
    # 1014 -> 1013: grid workers, registrars, squad heads and work groups in role are officials; the text's
    # traps of a private person sharing an official's name (「理事长石磊（与受助人同名）」) now read as the official
    # then word-shaped chat speakers among named ones, inspectors and bylines: 1013 -> 1028
    # then a name after a spaced-out label (「申 请 人：黄  欣」): 1028 -> 1033
    # then a cued two-character reading takes a split-off third given character (「禤志|坚」): 1033 -> 1035
    # then chat members' call names (pii_blind7's class): 1035 -> 1036; name(known) 363 -> 364 (支付X…元)
    # then names by their slot (repeats of any rule's names, line labels among names, dash signatures): 1036 -> 1040
    # then the scorer's address heads (a village before its group need not be covered, as a road before its number):
    # three residences written with their township (「巴普镇拉木村2组」) count as caught: address 346 -> 348 (blind6),
    # 336 -> 337 (blind7)
    # then cave and courtyard homes (issue #19, pii_blind10's class): a village's group before 「第N孔窑」「N号窑院」: 348 -> 349
    "pii_blind6": {"caught": {"address": 349, "bank_card": 126, "email": 41, "id": 258, "landline": 35, "mobile": 250,
                              # name(unknown) 1040 -> 1041: a given name used alone after the full name (issue #19)
                              # 1041 -> 1042: pii_blind11's name classes (call names, salutations, answers; held out)
                              # name(unknown) 1042 -> 1043: names by their slot (session 14, issue #19): 「我老爸叫X」, a handle with the
                              # real name in brackets (both), 亚 call names as chat labels, English kinship cues and closings
                              # 1043 -> 1046: dotted names (a full stop for the dot, the given name alone after the full
                              # name; session 15, pii_blind13's class)
                              # 1043 -> 1047: a padded two-character name (「X Y」) without a cue (session 15)
                              # 1047 -> 1051: measured 1050 before; a chat's @ mention and word-shaped items of a list of names (session 16, issue #19)
                              # name(unknown) 1047 -> 1050: pii_blind14's classes (session 16; PYTHONHASHSEED 0 and 1)
                              "name(known)": 364, "name(unknown)": 1051, "other_id": 150, "plate": 26, "qq": 15,
                              "wechat": 14},
                   # 283 -> 165: an office's contact in a decision's closing sentence or beside a leader's
                   # signature, and a notice's organisation address field with the contact and line after it
                   # 165 -> 146: a guess before sales, 名义 or a shop's kind is a brand
                   # 146 -> 145: measured after the glued-number and header-cue classes
                   # 145 -> 95: grid workers, registrars, squad heads, work groups in role; Cantonese 我哋/话
                   # 95 -> 68: a county before its peoples' autonomy (X苗族自治县), a bank's branch (X分行)
                   # 68 -> 63: every item of a brand list (「X、Y等品牌」)
                   # 63 -> 61: an office's 调查人 and a body's signature field (pii_blind7's official classes)
                   # 61 -> 57: a 里 before its house number, an estate, a farm before a village stay (address policy, README 住址策略)
                   # 57 -> 56: a notice's own area-coded line in a sentence naming no one (session 15, pii_blind13's class)
                   # 57 -> 48: officials in role by how offices write and office lines (issue #19, session 15): a handler
                   # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                   # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                   # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                   # 48 -> 35: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                   # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an answer
                   # line's handler, 经/由X核实, an English letter to an office, a body with its person in brackets; old
                   # lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                   # caught name(unknown) 1047 -> 1050: measured at session 16's start (other sessions' merged classes), floor raised
                   # 48 -> 46: pii_blind14's classes (session 16; PYTHONHASHSEED 0 and 1)
                   # 35 -> 33: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 33},
    # first run (blind, session 9, at d4f5f63; sha256 50806cce…aba9): recall 86.0 %, unknown names 627/815 = 76.9 %,
    # precision 93.1 %, public altered 153/3,104 = 4.9 %. Then used for fixes (no longer blind):
    # a cell reads its header's column name, IDs in 6-4-4-4 before a dashed mobile, a mobile in Chinese numerals
    # broken over a line, 优待证 numbers with a letter inside, Russian passports, 黑林证字: bank_card 216 -> 225,
    # id 317 -> 318, landline 29 -> 34, mobile 254 -> 255, other_id 80 -> 93; then the north-east's address shapes
    # (林场 工区, 农场 管理区/连/排, 棚户区 片区, a mine's 家属区, hamlets 沟/岗/窝棚/甸子, 附/之 and 门市/平房): 207 -> 331
    # then a building's number broken over a line in a form's narrow field: 331 -> 333
    # then surnames 矫/拜/纳, chat members' call names, relatives with the relation in brackets: name(unknown) 627 -> 720
    # then judgment parties (X诉称, 由X负担, 支付X…元), 「N岁的X」, 此致⏎X, hyphenated romanised names: 720 -> 735
    # then payees in bracketed, comma-numbered and =-split cells (name(known) 400 -> 403), witnesses and 被告人,
    # 「这是X的」 after a number: name(unknown) 735 -> 739
    # then names by their slot (pii_blind8's classes, issue #19: repeats of any rule's names and where a tagger glued
    # them to the next word, line labels among names, dash signatures): 739 -> 748
    # then house-level shapes (pii_blind9's classes): rooms glued to a mobile or an amount in a pasted row: address
    # 333 -> 336
    # mobile 255 -> 256: pii_blind14's number classes (session 16; PYTHONHASHSEED 0 and 1)
    "pii_blind7": {"caught": {"address": 337, "bank_card": 225, "email": 18, "id": 318, "landline": 34, "mobile": 256,
                              # name(unknown) 748 -> 749: pii_blind11's name classes (held out)
                              # 749 -> 750: a transliterated given name in a person's slot (session 15, pii_blind13's class)
                              # 750 -> 751: transliterated given names of four to six characters standing alone (session 16, issue #19)
                              # name(unknown) 751 -> 752: a chat's @ mention and word-shaped items of a list of names (session 16, issue #19)
                              "name(known)": 403, "name(unknown)": 752, "other_id": 93, "plate": 53, "qq": 11,
                              "wechat": 13},
                   # 153 -> 142: a mine's name before its 家属区 and a farm before its 管理区 stay (address shapes)
                   # 142 -> 73: staff signing for the office (经办人 + blank, a hotline order's 承办人, a notice's
                   # numbered contact item, letter-spaced titles, 场长, 民政助理, a body's signature field, 核查人/受理人)
                   # and a notice's 异议电话 / 举报： lines
                   # 73 -> 55: dates after a 来电 cue are no home lines; farm machines' makes and foods' names are brands
                   # 55 -> 54: a body's opinion on a form signed by its officer
                   # 54 -> 52: a resettlement site and a street before an estate stay (address policy: villages, estates)
                   # 52 -> 49: measured 50 before session 14; 50 -> 49: a forest farm's numbered 林班 is a plot, no
                   # person's name (issue #19, public places kept: plots, farm teams, markets)
                   # 49 -> 48: officials in role by how offices write and office lines (issue #19, session 15): a handler
                   # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                   # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                   # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                   # 48 -> 40: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                   # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an answer
                   # line's handler, 经/由X核实, an English letter to an office, a body with its person in brackets; old
                   # lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                   # caught mobile 255 -> 256: measured at session 16's start (other sessions' merged classes), floor raised
                   # 40 -> 33: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   # 33 -> 32: officers signing forms (a level's opinion, letter-spaced fields, 科室负责人), a township officer on the addressee's application, an office line that goes unanswered (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 32},
    # first run (blind, session 10, anonymize/ as at 6504639): recall 87.0 %, unknown names 74.8 %, precision 90.1 %,
    # public altered 319/2,307 (13.8 %: village and settlement names before a house number, 167; township office
    # lines in a notice's list, 52). Then measured after the session's pii_blind7 classes, whose developer never saw
    # it (b4b7754): recall 87.6 %, unknown names 76.7–76.9 %, public altered 311 — the floors below (one name span is
    # covered by the findings under some PYTHONHASHSEED values only, 475 or 476; the scrubbed text is the same)
    # Then its classes as general rules (issue #19, session 11): Dai names after cues, names by their slot (repeats of
    # any rule's names, line labels among names, dash signatures), Yunnan's surnames 刀/寸/者: name(unknown) 475 -> 529
    # (the same under PYTHONHASHSEED 0-3: repeats are now read in a fixed order); named villagers' groups (「尔古组9号」) and a
    # settlement's three-number blocks: address 244 -> 262
    # then house-level shapes (pii_blind9's classes, session 11): blocks alone in a list cell, numbers glued on after a
    # house or room number cut off or kept by the number check, spaced speech-to-text, a tower's room after a street
    # number, a numbered ward's bed, a group alone in an address field: address 262 -> 283
    # then runs of digit groups cut into the numbers that validate (pii_blind10's class: an ID in groups, then a card)
    # and an insurance number with a letter prefix: bank_card 157 -> 158, id 185 -> 186, other_id 21 -> 22
    # mobile 210 -> 211: pii_blind14's number classes (session 16; PYTHONHASHSEED 0 and 1)
    "pii_blind8": {"caught": {"address": 283, "bank_card": 158, "email": 8, "id": 186, "landline": 16, "mobile": 211,
                              # name(unknown) 529 -> 532: given names used alone after the full name (issue #19)
                              # then pii_blind11's name classes (held out): name(known) 395 -> 396, name(unknown) 532 -> 533
                              # 533 -> 534: a padded two-character name (「X Y」) without a cue (session 15)
                              # 534 -> 535: transliterated given names of four to six characters standing alone (session 16, issue #19)
                              # other_id 22 -> 23: a holder's certificate after its 证号/证书编号 cue or glued to the 证, a licence's inline 档案编号 (session 16, issue #19)
                              # name(unknown) 535 -> 552: chat labels and Dai names alone (session 17 recall, issue #19; seeds 0 and 1)
                              "name(known)": 396, "name(unknown)": 552, "other_id": 23, "plate": 33, "qq": 4,
                              "wechat": 3},
                   # 283 -> 270: officials signing a body's opinion, 发放人/监督 fields, a body named as the field
                   # (「村委会：X」), 关长, and who answers a chat's question for an office's number (with that line);
                   # the ten villages now removed with a named group's house number are the address policy's
                   # 270 -> 272: six more village and estate names removed with the homes now caught (the address policy
                   # as at 07e52e5), four amounts glued after a room number no longer taken into it
                   # 272 -> 95: the address policy now keeps a village, estate, community or resettlement site before
                   # the group, building or house number (「曼岗村|44号」, 「同心社区|7栋2单元302室」), as its annotator did
                   # 95 -> 88: officials in role (issue #19, session 13): a village committee's chat name, 监管/送达人/检察员
                   # fields, mediators, 股长 and a bureau's 「X股」, 「X支书（full name）」, a purchaser's contact, attendees
                   # 88 -> 87: officials in role (session 14, issue #19): a team's 队长, a title after a representative's name, a body's work group
                   # 87 -> 85: hamlets named by a family and its landform (「X家畔」「X家坬」) and old lanes (「X里」「X坊」
                   # before their alleys, houses or plot) are places, no person's name (issue #19, session 15)
                   # 85 -> 71: officials in role by how offices write and office lines (issue #19, session 15): a handler
                   # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                   # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                   # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                   # 71 -> 41: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                   # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an answer
                   # line's handler, 经/由X核实, an English letter to an office, a body with its person in brackets; old
                   # lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                   # caught mobile 210 -> 211: measured at session 16's start (other sessions' merged classes), floor raised
                   # 71 -> 70: pii_blind14's classes (session 16; PYTHONHASHSEED 0 and 1)
                   # 41 -> 38: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   # 38 -> 36: officials named with no title beside them (after their body, at a body's own meeting, a team's members, a notice's closing contact, a contact with an office's line) and lines to call (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                   # 36 -> 35: a body's staff reporting its answer 「社区的X说」 (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 35},
    # first run (blind, session 11, anonymize/ as at f7f791b; sha256 45c1132b…952d2e): recall 87.7 %, unknown names
    # 430/518 = 83.0 %, addresses 163/278 = 58.6 %, precision 92.5 %, public altered 218/2,028 (10.7 %); under other
    # PYTHONHASHSEED values one name span is covered only in part (429) and one public span more is altered (219)
    # Then pii_blind8's address classes (session 11, written before this corpus was seen): named villagers' groups
    # 「X村堤下组21号」 and a settlement's three-number blocks: address 163 -> 231
    # Then its own address classes as general shapes (session 11): estate phase/area/building chains, 之/后进 suffixes,
    # a street in a town (鱼市街), lane mouths, dormitory floors and rooms, prefab rows, hospital beds, spaced
    # speech-to-text, line-broken and Chinese-numeral group numbers, English blocks and rooms, IDs glued on after a
    # house number: address 231 -> 278 (all)
    # Then pii_blind10's number classes (runs of digit groups cut into an ID and a card, an insurance number with a
    # letter prefix): bank_card 200 -> 201, other_id 25 -> 26
    "pii_blind9": {"caught": {"address": 278, "bank_card": 201, "email": 6, "id": 243, "landline": 11, "mobile": 199,
                              # name(unknown) 429 -> 433: given names used alone after the full name (issue #19)
                              # 433 -> 445: pii_blind11's name classes (held out: salutations, call names, spaced labels)
                              # other_id 26 -> 28: labelled certificates 「证号：X字第…号」 and a driving licence's 档案编号
                              # (pii_blind12's other-ID classes, issue #19, session 14)
                              # name(unknown) 445 -> 456: a chat's @ mention and word-shaped items of a list of names (session 16, issue #19)
                              # other_id 28 -> 33: residence and Taiwan permits, a spoken passport (session 17 recall, issue #19; seeds 0 and 1)
                              "name(known)": 394, "name(unknown)": 456, "other_id": 33, "plate": 14, "qq": 2,
                              "wechat": 3},
                   # 219 -> 288: the address policy, not a new kind of alteration — a village goes with the house
                   # number of its group, as 「石桥村3组12号」 does (address.house_part): 68 villages before the 68 named
                   # groups' homes now caught, one meeting attendee repeated, one amount glued to a house number
                   # 288 -> 297: the same policy, nine more village and estate names (新围村, 开发区工人村…) removed with
                   # the homes now caught after them
                   # 297 -> 107: the address policy now keeps villages and estates (「东坑村|后山组3号」, 「鑫达宿舍|A栋6楼619」);
                   # 3 of the rest are villages after a name glued on in a pasted row, which go whole (address._name_glued)
                   # 107 -> 86: officials in role and their lines (the same classes as pii_blind8's 95 -> 88)
                   # 86 -> 78: officials in role (session 14, issue #19): a team's 队长, a title after a representative's name, a body's work group
                   # 78 -> 77: hamlets named by a family and its landform (「X家畔」「X家坬」) and old lanes (「X里」「X坊」
                   # before their alleys, houses or plot) are places, no person's name (issue #19, session 15)
                   # 77 -> 61: officials in role by how offices write and office lines (issue #19, session 15): a handler
                   # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                   # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                   # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                   # 61 -> 39: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                   # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an answer
                   # line's handler, 经/由X核实, an English letter to an office, a body with its person in brackets; old
                   # lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                   # 61 -> 58: pii_blind14's public classes (session 16; PYTHONHASHSEED 0 and 1)
                   # 39 -> 34: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                   # 34 -> 33: officials named with no title beside them (after their body, at a body's own meeting, a team's members, a notice's closing contact, a contact with an office's line) and lines to call (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                   # 33 -> 31: officers signing forms (a level's opinion, letter-spaced fields, 科室负责人), a township officer on the addressee's application, an office line that goes unanswered (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                   "max_public_altered": 31},
    # first run (blind, session 12, at 035d2ee): recall 83.9 %, precision 94.6 %, public altered 284/1,877
    # (unknown names 76.1 %, addresses 53.6 %: cave and yard homes after a village group)
    # Then its number classes as general rules (issue #19, session 12): a run of digit groups cut into the numbers
    # that validate (an ID in 6-8-4 groups, then a 19-digit card, then the amount), 拐 as a spoken 7, a grouped ID
    # before 「，943.00」, 医保编号 with letters, a certificate number holding an ID, 住院号 by its label, a ferry's
    # registration, a WeChat id after 换了: bank_card 148 -> 164, id 214 -> 216, mobile 161 -> 169, other_id
    # 11 -> 15, wechat 1 -> 2
    # Then its house-level class as general rules (issue #19, session 13): caves and courtyards after a village's group
    # (「六组后畔第3孔窑」「七队4号窑院」「五队东硷畔5号」), villages named by their landform with no 村 (「马家坬一组17号院」), a group
    # and house alone in a list cell or brackets, a house number alone in a list cell, a street named a slope (「北关坡26号」),
    # a named building's stairway and floor: address 140 -> 260 (the same under PYTHONHASHSEED 0 and 1)
    # then pii_blind11's name classes (held out: salutations, call names, spaced labels): name(unknown) 410 -> 421
    # (the same under PYTHONHASHSEED 0 and 1)
    # then pii_blind12's house-level class (issue #19, session 14: farm team rows, lettered estate zones, OCR letters
    # and blanks in house numbers, a house number after 家/老屋, English house and room): address 260 -> 261
    "pii_blind10": {"caught": {"address": 261, "bank_card": 164, "email": 8, "id": 216, "landline": 7, "mobile": 169,
                               # name(unknown) 421 -> 440: a name padded to three with one blank after the surname
                               # standing alone (「X Y：」 as a chat's speaker, 「、X Y、」「｜X Y｜」, 「X Y之母」), no cue
                               # needed (session 15, issue #19; the same under PYTHONHASHSEED 0 and 1)
                               # name(unknown) 440 -> 441: a 老 nickname on the real name's surname before that name in brackets (session 15)
                               # name(unknown) 441 -> 448: a chat's @ mention and word-shaped items of a list of names (session 16, issue #19)
                               # name(unknown) 448 -> 453: chat labels and Dai names alone (session 17 recall, issue #19; seeds 0 and 1)
                               "name(known)": 371, "name(unknown)": 453, "other_id": 15, "plate": 5, "qq": 2,
                               "wechat": 2},
                    # 285 -> 79: the address policy keeps a village or estate before its group, building or house
                    # number (measured after the change, which was made without reading this corpus's spans; the same
                    # under PYTHONHASHSEED 0 and 1)
                    # 79 -> 74: villages named by their landform before a group stay (「马家坬|一组17号院」, address policy),
                    # a hotline's 400 number is no estate block
                    # 74 -> 33: officials in role and their lines (the same classes as pii_blind8's 95 -> 88)
                    # 33 -> 30: officials in role (session 14, issue #19): a team's 队长, a title after a representative's name, a body's work group
                    # 30 -> 24: hamlets named by a family and its landform (「X家畔」「X家坬」) and old lanes (「X里」「X坊」
                    # before their alleys, houses or plot) are places, no person's name (issue #19, session 15)
                    # 24 -> 20: officials in role by how offices write and office lines (issue #19, session 15): a handler
                    # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                    # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                    # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                    # 20 -> 19: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                    # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an
                    # answer line's handler, 经/由X核实, an English letter to an office, a body with its person in
                    # brackets; old lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                    # 20 -> 19: pii_blind14's public classes (session 16; PYTHONHASHSEED 0 and 1)
                    # 19 -> 17: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 17},
    # first run (blind, session 13, at b3c0ce6; sha256 41a2d592…e624432): recall 83.8 %, precision 93.5 %, public
    # altered 95/1,634 (unknown names 87.9 %, addresses 29.4 %: old-lane homes 弄/支弄/号 with a 石库门 room, 浜/埭
    # village homes, mooring berths); the same under PYTHONHASHSEED 0 and 1
    # Then pii_blind10's house-level classes (session 13, measured on this corpus without reading its spans or misses):
    # address 83 -> 102
    # Then its name and number classes as general rules (issue #19, session 13): call names in how people address
    # one another (「X妈妈：」「X（金X）：」「谢谢X阿姨」), salutations, signatures before 敬上, answers to 「您叫什么」, spaced
    # form labels, English cues, 楼组长; vessels' registrations, named cards with a province prefix, a card after the
    # previous row's ¥ amount, a WeChat account a few words after its cue: name(unknown) 529 -> 568, bank_card
    # 161 -> 165, other_id 87 -> 105, wechat 1 -> 2 (the same under PYTHONHASHSEED 0 and 1)
    # Then pii_blind12's house-level class (session 14, measured only): address 102 -> 105
    # Then the old lane house's and the water village's homes (session 15, issue #19): a room word after the house
    # number (「12号亭子间」「7号三层阁」「9号后厢房」), a lane quarter's 「N支弄N号」, a room word alone after a number
    # (「8号前楼」), a creek or embankment before the house in a village (「二组后浜8号」「北埭6号」), a berth at a wharf, a
    # bare number after 住, a stairway and room alone: address 105 -> 275 (the same under PYTHONHASHSEED 0 and 1)
    "pii_blind11": {"caught": {"address": 275, "bank_card": 165, "email": 5, "id": 155, "landline": 5, "mobile": 151,
                               "name(known)": 353, "name(unknown)": 568, "other_id": 105, "plate": 4, "qq": 2,
                               "wechat": 2},
                    # 95 -> 81: the official classes of session 13 (measured only, its spans and misses unread)
                    # 81 -> 79: officials in role (session 14, issue #19): a team's 队长, a title after a
                    # representative's name, a body's work group
                    # 79 -> 53: hamlets named by a family and its landform (「X家畔」「X家坬」) and old lanes (「X里」「X坊」
                    # before their alleys, houses or plot) are places, no person's name (issue #19, session 15)
                    # 53 -> 27: officials in role by how offices write and office lines (issue #19, session 15): a handler
                    # signing with no colon, a work order's 办理人, a body in a chat label or self-introduction, village accountants
                    # (not where an audit or misconduct is reported), meeting fields, delegates answered; an office answer's
                    # closing line, a bare 监督 line, a list of offices' lines, a procurement agency's line
                    # 79 -> 76: the Wu 「屋里」 ("at home") is no part of the village after it (「伊屋里|X村…」): the
                    # village stays (session 15)
                    # 27 -> 14: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                    # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an
                    # answer line's handler, 经/由X核实, an English letter to an office, a body with its person in
                    # brackets; old lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                    # 27 -> 22: pii_blind14's public classes (session 16; PYTHONHASHSEED 0 and 1)
                    # 14 -> 11: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 11},
    # first run (blind, session 14, at d012f01; sha256 6d422add…83e422): recall 93.6 %, precision 94.9 %, public
    # altered 43/1,567 (unknown names 92.7 %, addresses 80.6 %: farm-team rows, estate blocks, bare house numbers;
    # other IDs 76.3 %); the same under PYTHONHASHSEED 0 and 1
    # Then its classes as general rules (issue #19, session 14; the same under PYTHONHASHSEED 0 and 1): house-level homes
    # (a farm team's row and house 「五队2排8号」 with the team kept, a row and house alone, an estate's lettered zone
    # 「A区5栋1号」, OCR letters and blanks in a house number, a house number after 家/老屋, spaced speech-to-text rows,
    # English 「No. 12, Room 806」, 「老干楼2-305」, 「18号之二」): address 212 -> 263; other IDs by label and shape (an ID
    # with a serial after its check letter as a 医保号, a card with its province's short name and closing 号, also
    # spoken, 工号, 「X字第…号」 after 证号, a licence's or birth certificate's file number): other_id 29 -> 38; names by
    # their slot (「我老爸叫X」, a handle with the real name in brackets, 亚 call names as chat labels, English kinship
    # cues and closings, a surname and 亚/阿 before a birth-order numeral): name(unknown) 575 -> 586
    "pii_blind12": {"caught": {"address": 263, "bank_card": 184, "email": 4, "id": 163, "landline": 6, "mobile": 95,
                               # name(unknown) 586 -> 587: a 老 nickname on the real name's surname before that name in brackets (session 15)
                               "name(known)": 340, "name(unknown)": 587, "other_id": 38, "plate": 8, "qq": 2,
                               "wechat": 3},
                    # 43 -> 12: a farm team before its row and house stays; public places kept (an administrative
                    # village before its natural village 「X村委会Y村」, a market's 墟 before its lane, a farm's name
                    # before its team, a numbered plot 「12号林段」); officials in role (a team's 队长, a title after a
                    # representative's name, a body's work group)
                    # 12 -> 9: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                    # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an
                    # answer line's handler, 经/由X核实, an English letter to an office, a body with its person in
                    # brackets; old lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                    "max_public_altered": 9},
    # first run (blind, session 15, at 1b7d5ca; sha256 9acf0a56…b80f): recall 80.7 %, precision 95.4 %, public
    # altered 91/1,321 (unknown names 74.5 %: Uyghur and Kazakh names with a middle dot; addresses 41.9 %: lanes 巷,
    # winter camps 冬窝子, settlement and army-farm blocks 栋东3号, village groups; other IDs 66.7 %; most altered
    # public spans: places 48, officials 18, office lines 16); the same under PYTHONHASHSEED 0 and 1
    # Then its classes as general rules (issue #19, session 15; the same under PYTHONHASHSEED 0 and 1): house-level homes
    # (a numbered lane and house after its street 「X街3巷17号」「东2巷9号」, a seasonal camp's number after the pasture's
    # team 「冬窝子7号」, a block's side and house 「8栋东3号」 with an OCR letter, a village group and house wherever it
    # stands, also spoken, English 「lives at No. 7」): address 114 -> 271; dotted names (a five-character father's name,
    # a full stop for the dot, a title before it cut off, the given name alone after the full name, a transliterated
    # given name as a chat label or list item): name(unknown) 354 -> 388
    "pii_blind13": {"caught": {"address": 271, "bank_card": 157, "email": 6, "id": 143, "landline": 6, "mobile": 82,
                               # name(unknown) 388 -> 413: transliterated given names of four to six characters standing alone (session 16, issue #19)
                               # name(unknown) 413 -> 414: a chat's @ mention and word-shaped items of a list of names (session 16, issue #19)
                               # other_id 12 -> 17: a holder's certificate after its 证号/证书编号 cue or glued to the 证, a licence's inline 档案编号 (session 16, issue #19)
                               # name(unknown) 414 -> 415: chat labels and Dai names alone (session 17 recall, issue #19; seeds 0 and 1)
                               "name(known)": 305, "name(unknown)": 415, "other_id": 17, "plate": 11, "qq": 2,
                               "wechat": 3},
                    # 91 -> 32: a settlement 「X定居点」 and an army farm's company 「X团五连」 before a block stay (address
                    # policy, README 住址策略); a notice's own area-coded line in a sentence naming no one; a title before
                    # a dotted name is no part of it, so the official in role stays (session 15)
                    # 32 -> 31: a mediator's transliterated name now found reads as the official in role (session 16)
                    # 32 -> 18: officials in role and office lines (issue #19, session 16): who runs a group chat (its
                    # notice, a proxy collection granted, a status reply), a contact with an area-coded line, an
                    # answer line's handler, 经/由X核实, an English letter to an office, a body with its person in
                    # brackets; old lanes, X村/X乡 readings, loanwords, project heads and mines are no names
                    # 32 -> 31: pii_blind14's public classes (session 16; PYTHONHASHSEED 0 and 1)
                    # 18 -> 11: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                    # 11 -> 10: session 17's recall, precision and pastoral classes together (merged in session 18; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 10},
    # first run (blind, session 16, at 9b6822f; sha256 4c8f1328…c514): recall 88.1 %, precision 92.7 %, public
    # altered 73/1,382 (unknown names 82.7 %; addresses 75.5 %: Hangul addresses of families in Korea, a forest farm's
    # row houses 「5排12号」 and spoken village groups 「四 社 二十 号」, flats 「7-2-501」 and OCR letters in room
    # numbers; bank cards 87.7 %: 17-digit rural-credit accounts in flattened tables; other IDs 52.0 %: Korean alien
    # registration numbers, forest-farm staff numbers, 林权证 numbers, inpatient numbers; most altered public spans:
    # officials 24, places 19, office lines 14, organisations 13); the same under PYTHONHASHSEED 0 and 1
    # Then its classes as general rules (issue #19, session 16; the same under PYTHONHASHSEED 0 and 1): house parts (a
    # family quarter's row house 「家属区|5排12号」, spoken 「四 社 二十 号」, a flat in brackets 「（7-2-501）」, OCR letters in a
    # room number, Korean lots and flats 「827-5번지 202호」): address 188 -> 245; accounts filling a payment row's cell
    # beside its amount or under a 卡号 column (17-digit rural-credit accounts): bank_card 121 -> 138; Korean registration
    # numbers, staff numbers with the employer's short name, 林权证 without a year, dashed admission numbers, an ID with
    # a letter after it: other_id 13 -> 23
    # address 245 -> 248: the scorer counts a Korean address's 洞 and district as the public head the address policy keeps
    # (README 「市、区、洞按住址策略保留」; tests/eval/pii_score.py KOREAN_HEAD), not a detection change
    "pii_blind14": {"caught": {"address": 248, "bank_card": 138, "email": 15, "id": 168, "landline": 22, "mobile": 72,
                               # name(unknown) 411 -> 417: chat labels and Dai names alone (session 17 recall, issue #19; seeds 0 and 1)
                               "name(known)": 322, "name(unknown)": 417, "other_id": 23, "plate": 10, "qq": 1,
                               "wechat": 2},
                    # 73 -> 24: its public classes (session 16): association chairs, grid workers, prosecutors and
                    # finance officers in role, office lines by the body beside them (村委, 场部, 公证处, 工作机), a
                    # river-named place before its bureau, an estate whose name opens with a surname
                    # 24 -> 19: officials in a role list and acting for a public body (issue #19, session 17; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 19},
    # first run (blind, session 17, at e65e59e; sha256 de7bfef8…8069): recall 83.2 %, precision 94.8 %, public
    # altered 45/1,581 (unknown names 64.7 %: surname-less Tibetan names in lists, tables, chat and court notices;
    # addresses 76.2 %: a settlement's blocks 「X村定居点A区7号」, households 「二组第11户」, monks' rooms; other IDs 77.3 %:
    # ear tags, a grassland contract, a permit); the same under PYTHONHASHSEED 0 and 1
    # Then its classes as general rules (issue #19, session 17; the same under PYTHONHASHSEED 0 and 1): Tibetan names
    # without a surname (more name words in Lhasa and Kham spellings, two of them before a verb or noun, one where the
    # slot asks for a person or heads a household 「X家」): name(unknown) 326 -> 438; a settlement's lettered block and
    # house 「X定居点|A区7号」, monks' rooms 「僧舍东排第4间」, market stalls, 「Block A No. 19」: address 195 -> 248;
    # ear tags, a grassland contract after 证号, a 残疾证号 built on the ID: other_id 17 -> 21; a handle offered for a
    # private chat: wechat 0 -> 1
    "pii_blind15": {"caught": {"address": 248, "bank_card": 151, "email": 6, "id": 180, "landline": 5, "mobile": 71,
                               "name(known)": 285, "name(unknown)": 438, "other_id": 21, "plate": 11, "qq": 1,
                               "wechat": 1},
                    # 45 -> 28: its public classes (session 17): who runs a village's chat (an announcement to
                    # everyone, the office's payment news, the tally of dues), a township cadres' work group, 寺管会
                    # and 管委会 in brackets, 「X代表“…”建议」, a notice's closing 「。联系X0836-…」, 扎西德勒 as a word
                    # 28 -> 25: session 17's recall, precision and pastoral classes together (merged in session 18; PYTHONHASHSEED 0 and 1)
                    # 25 -> 23: officers signing forms (a level's opinion, letter-spaced fields, 科室负责人), a township officer on the addressee's application, an office line that goes unanswered (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                    # 23 -> 21: a body's reminder or titled notice keeps its own line (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 21},
    # first run (blind, session 18, at 01c7b82; sha256 27b5bf64…8c58c1d): recall 89.0 %, precision 96.5 %, public
    # altered 38/1,532 (unknown names 92.4 %; addresses 69.5 %: 附号 house numbers, floors below the street 负N楼, flats
    # 「12-3号」; other IDs 26.2 %: individual businesses' credit codes, 优待证, 移民证); the same under PYTHONHASHSEED 0 and 1
    # address 371 -> 373: a home's bare number after 我屋/隔壁, a flat broken onto a form's next line (issue #19, session 19; PYTHONHASHSEED 0 and 1)
    "pii_blind16": {"caught": {"address": 373, "bank_card": 257, "email": 9, "id": 264, "landline": 12, "mobile": 110,
                               # address 264 -> 371, other_id 17 -> 63: its classes (session 18; PYTHONHASHSEED 0 and 1):
                               # 附号 house numbers, floors 「负N楼」 after a house number, flats 「N-M号」「单元N-M」, a stall
                               # 「负1楼N号铺」, a 吊脚楼 after its number; individual businesses' codes (92…), 优待证
                               # 「省+YD+digits」, resettlement certificates
                               # name(unknown) 509 -> 515: surnames that are also prepositions (向) in chat labels and after a naming cue (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                               # name(unknown) 515 -> 517: a notice's list opening right after 请 (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                               "name(known)": 259, "name(unknown)": 517, "other_id": 63, "plate": 18, "qq": 3,
                               "wechat": 6},
                    # 38 -> 9: officials named with no title beside them (after their body, at a body's own meeting, a team's members, a notice's closing contact, a contact with an office's line) and lines to call (issue #19, session 19; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 9},
    "pii_blind17": {"caught": {"address": 242, "bank_card": 136, "email": 9, "id": 198, "landline": 5, "mobile": 123,
                               # first run (session 19, at 5f91141), PYTHONHASHSEED 0 and 1 identical
                               # address 142 -> 242, other_id 33 -> 158: its number and home classes (session 19; seeds 0
                               # and 1): 工号 dashed, spaced or traditional, 居住证/社保 numbers after 系 or in groups, permits
                               # (H/M in two groups, a Taiwan permit's eight digits, 810000-830000 residence permits), 暂住证
                               # read by OCR, registration numbers and their siblings, cells under a 工号/居住证号 column;
                               # dormitory beds, 栋 and 座, 号之N with its room, room ranges, 围 houses, tenant-list rooms
                               # mobile 120 -> 123, bank_card 135 -> 136, plate 9 -> 10: a date's year after a blank ends a
                               # number, 回访 names a phone, a legacy ID inside a card's groups, a cross-border 港 plate
                               "name(known)": 113, "name(unknown)": 415, "other_id": 158, "plate": 10, "qq": 2,
                               "wechat": 2},
                    # 111 -> 87: an urban village's 坊 quarter before its building stays with the village, an office's
                    # address in its notice (「地址X」「请到X领取」, 住建/居住证 are no one living there), a row of houses
                    # 「5号至9号」 and a market's stall number (session 19; PYTHONHASHSEED 0 and 1)
                    "max_public_altered": 87},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_no_regression_on_the_blind_corpus(corpus):
    items = [json.loads(line) for line in (HERE / f"{corpus}.jsonl").open(encoding="utf-8") if line.strip()]
    result = summary(items, user_text=False)
    caught = {kind: counts[0] for kind, counts in result["counts"].items()}
    fewer = {kind: (caught.get(kind, 0), floor) for kind, floor in FLOORS[corpus]["caught"].items()
             if caught.get(kind, 0) < floor}
    assert fewer == {}, "caught fewer private spans than before (now, floor)"
    assert result["altered"][0] <= FLOORS[corpus]["max_public_altered"]


# The user-text path (comments, inquiries, questions: anonymize.scrub_text, where cue words never switch
# detection off and no names are known) on the same corpora: what it catches per span type, and the most
# public spans it may alter. Measured at issue #12's coverage pass (PYTHONHASHSEED 0, 1 and random identical);
# the same rule as above: floors only rise.
USER_TEXT_FLOORS = {
    "pii_blind1": ({"address": 57, "bank_card": 26, "email": 16, "id": 39, "landline": 26, "mobile": 59,
                    "name(known)": 75, "name(unknown)": 131, "other_id": 11, "plate": 16, "qq": 8, "wechat": 11},
                   4),
    "pii_blind2": ({"address": 96, "bank_card": 38, "email": 17, "id": 42, "landline": 24, "mobile": 61,
                    "name(known)": 196, "name(unknown)": 277, "other_id": 24, "plate": 17, "qq": 3, "wechat": 7},
                   0),
    "pii_blind3": ({"address": 88, "bank_card": 37, "email": 5, "id": 22, "landline": 12, "mobile": 45,
                    "name(known)": 98, "name(unknown)": 409, "other_id": 20, "plate": 12, "qq": 3, "wechat": 4},
                   10),
    "pii_blind4": ({"address": 108, "bank_card": 27, "email": 7, "id": 41, "landline": 6, "mobile": 91,
                    "name(known)": 115, "name(unknown)": 368, "other_id": 24, "plate": 9, "qq": 6, "wechat": 8},
                   13),
    "pii_blind5": ({"address": 443, "bank_card": 85, "email": 20, "id": 125, "landline": 23, "mobile": 184,
                    "name(known)": 278, "name(unknown)": 628, "other_id": 75, "plate": 30, "qq": 9, "wechat": 16},
                   14),
    "pii_blind6": ({"address": 349, "bank_card": 126, "email": 41, "id": 258, "landline": 35, "mobile": 250,
                    "name(known)": 323, "name(unknown)": 1051, "other_id": 150, "plate": 26, "qq": 15, "wechat": 14},
                   33),
    "pii_blind7": ({"address": 337, "bank_card": 225, "email": 18, "id": 318, "landline": 34, "mobile": 256,
                    "name(known)": 350, "name(unknown)": 752, "other_id": 93, "plate": 53, "qq": 11, "wechat": 13},
                   31),
    "pii_blind8": ({"address": 283, "bank_card": 158, "email": 8, "id": 186, "landline": 16, "mobile": 211,
                    "name(known)": 348, "name(unknown)": 552, "other_id": 23, "plate": 33, "qq": 4, "wechat": 3},
                   37),
    "pii_blind9": ({"address": 278, "bank_card": 202, "email": 6, "id": 243, "landline": 11, "mobile": 199,
                    "name(known)": 343, "name(unknown)": 456, "other_id": 33, "plate": 14, "qq": 2, "wechat": 3},
                   34),
    "pii_blind10": ({"address": 261, "bank_card": 164, "email": 8, "id": 216, "landline": 7, "mobile": 169,
                     "name(known)": 306, "name(unknown)": 453, "other_id": 15, "plate": 5, "qq": 2, "wechat": 2},
                    17),
    "pii_blind11": ({"address": 275, "bank_card": 165, "email": 5, "id": 155, "landline": 5, "mobile": 151,
                     "name(known)": 345, "name(unknown)": 568, "other_id": 105, "plate": 4, "qq": 2, "wechat": 2},
                    11),
    "pii_blind12": ({"address": 263, "bank_card": 184, "email": 4, "id": 163, "landline": 6, "mobile": 95,
                     "name(known)": 323, "name(unknown)": 587, "other_id": 38, "plate": 8, "qq": 2, "wechat": 3},
                    9),
    "pii_blind13": ({"address": 271, "bank_card": 157, "email": 6, "id": 143, "landline": 6, "mobile": 82,
                     "name(known)": 283, "name(unknown)": 415, "other_id": 17, "plate": 11, "qq": 2, "wechat": 3},
                    10),
    "pii_blind14": ({"address": 248, "bank_card": 138, "email": 15, "id": 168, "landline": 22, "mobile": 72,
                     "name(known)": 265, "name(unknown)": 417, "other_id": 23, "plate": 10, "qq": 1, "wechat": 2},
                    19),
    "pii_blind15": ({"address": 248, "bank_card": 151, "email": 6, "id": 180, "landline": 5, "mobile": 71,
                     "name(known)": 243, "name(unknown)": 438, "other_id": 21, "plate": 11, "qq": 1, "wechat": 1},
                    25),
    "pii_blind16": ({"address": 371, "bank_card": 257, "email": 9, "id": 264, "landline": 12, "mobile": 110,
                     "name(known)": 251, "name(unknown)": 509, "other_id": 63, "plate": 18, "qq": 3, "wechat": 6},
                    38),
    "pii_blind17": ({"address": 142, "bank_card": 135, "email": 9, "id": 198, "landline": 5, "mobile": 120,
                     "name(known)": 106, "name(unknown)": 415, "other_id": 33, "plate": 9, "qq": 2, "wechat": 2},
                    111),
}


@pytest.mark.parametrize("corpus", sorted(USER_TEXT_FLOORS))
def test_no_regression_on_the_blind_corpus_user_text_path(corpus):
    items = [json.loads(line) for line in (HERE / f"{corpus}.jsonl").open(encoding="utf-8") if line.strip()]
    result = summary(items, user_text=True)
    caught = {kind: counts[0] for kind, counts in result["counts"].items()}
    floors, max_altered = USER_TEXT_FLOORS[corpus]
    fewer = {kind: (caught.get(kind, 0), floor) for kind, floor in floors.items() if caught.get(kind, 0) < floor}
    assert fewer == {}, "the user-text path caught fewer private spans than before (now, floor)"
    assert result["altered"][0] <= max_altered
