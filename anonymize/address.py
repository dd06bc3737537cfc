"""Addresses below the street/township level, to the house and room, in the forms people write:
rural 「李家村3组12号」「五组14户」, estates 「锦绣小区12栋2单元301室」「幸福小区12-502」, streets
「人民路88号2单元301室」「新华路218弄5号302室」「永安里14号」, and building/room numbers with no road
before them 「3栋2单元502室」「7幢1801」 (or after 「住」: 「住3-502」). A span always reaches the last
number it holds, so generalising it never leaves a room number behind."""
import re
import unicodedata

from .chars import simplified
from .numbers import find_numbers
from .recognizers import Span
from .validators import valid_id18

# A name part that cannot swallow the words before it (「家住」「位于」「走访了」) or an admin level
# (a 区 or 市 right before 路/街/大道 is the road's own name: 「园区大道」「鱼市街」).
# 道 only where it ends 街道 (「二道河子村」「南十四道街」 hold it); never a road section (「X路沿街段X路88号」).
# (丨, a table's bar typed as the Han stroke, is a cell's end)
# (「我家」「俺家」 before a place are no part of it; 「向阳」 is the commonest place word holding 向)
# (nor the Wu 「屋里」, "at home": 「伊屋里|X村…」)
_PART = r"(?:(?![住在于的与及到从是为因镇乡县省我了过给把对段丨，。；、,.;:：\s])(?![区市](?!街|大[道街]|路))(?!向(?!阳))(?!(?<=[我俺咱你他她])家)(?!(?<=屋)里)(?!(?<=街)道)(?!(?<=苏)木)[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f]){1,6}"  # (rare place characters: 「禾輋」 reads 禾𪨶)
# (a name part holding no village, group or hamlet word: 「北关坡」 is a street, 「岑家坡」 after its 村 a hamlet)
_PART_NV = _PART.replace("(?:(?![", "(?:(?![村屯寨组队社", 1)
_CN = r"[一二三四五六七八九十百零〇两]"
_NUM = rf"(?:[0-9０-９]+|{_CN}+)"
_DIGITS = r"[0-9０-９]+"
# A bare room number: what is glued on after it in a pasted row (a resident ID, a mobile) is cut off after the
# match by _unglued, as the number is found by its own check.
_ROOM_DIGITS = r"[0-9０-９]+"
_ROOM34 = r"(?:[0-9０-９]{3,4}(?![0-9０-９])|[0-9０-９]{14,})"
_FLOOR = rf"(?:{_NUM}|顶|底)(?:楼|层)"
# a room or side after a floor: 「6楼619」「五楼五一二」「6楼东户」
_AFTER_FLOOR = r"(?:\s?-?(?:[0-9０-９]{1,5}(?![0-9０-９])|[一二三四五六七八九零〇幺]{3,4})(?:室|号|房)?|[东西南北中](?:户|室|套|侧))?"
# (a form's narrow field may break a building's number over a line: 「家属区3⏎3栋4门402」)
_WRAPPED = r"(?:[0-9０-９]+\n(?=[0-9０-９]))?"
# (a chain of them: an estate's phase, area and building 「二期3区8栋」「一期1区2栋」)
_BUILDING = (rf"(?:{_WRAPPED}{_NUM}|[A-Za-zＡ-Ｚ])(?:栋|幢|号楼|座|期|区)"
             rf"(?:\s?(?:{_NUM}|[A-Za-zＡ-Ｚ])(?:栋|幢|号楼|座|区))*")
# (after a blank a bare number is a list's next cell, 「60—62号 5 360」; the tail below takes a room
# number after a blank only behind a building or stairway)
_ROOM = (rf"(?:\s?-?{_NUM} ?(?:单元|门))?(?:\s?-?{_FLOOR}{_AFTER_FLOOR}|-?{_ROOM_DIGITS}(?![0-9０-９,，.]*(?:元|万))(?:室|号楼|号|房|户)?"
         rf"|(?<=[单元门])\s?{_CN}{{3,4}}(?:室|号|房)?"  # 「四栋二单元六零二」
         rf"|\s-?{_ROOM_DIGITS}(?![0-9０-９,，.]*(?:元|万))(?:室|号楼|号|房|户)"
         # (a narrow field's line break between a block and its flat: 「X花园6座⏎2203」)
         rf"|(?<=[栋幢座])\n[0-9０-９]{{3,4}}(?![0-9０-９,.．元万年月日号%]))?")
_RANGE = rf"{_DIGITS}(?:[-－—]{_DIGITS})?[-－—]{_ROOM_DIGITS}(?:室|号)?"
_ESTATE = (r"(?:小区|小院|花园|公寓|家园|新村|新城|苑|府|名城|名都|广场|大厦|(?<!公)园|里|庭|居|阁|邸|坊|湾|城|郡|宿舍楼|宿舍|大院|家属院|家属区"
           r"|公租房|廉租房|安置房|安置区|家属楼"
           rf"|{_CN}{{1,2}}区)")  # 「朝晖八区」: a numbered part of an estate
# (a hillside town's stepped lanes and ridges are its streets: 「七星梯坎9号」「红岩坎42号」)
_STREET = r"(?:路|街|巷|大道|大街|胡同|弄|梯坎|(?<=[岩石])坎)"
_HOUSE = rf"(?:{_DIGITS}|{_CN}{{1,6}})"  # 「南勋街一百零八号」
_SIDE = r"(?:[东西南北中]段?)?"  # 「环城北路东段181号」「解放路西12弄15号」
_TO = r"(?:[-－—~～]" + _DIGITS + ")"  # a house-number range 「浔江路51—53号」「10—12号」
# a natural village inside a 村 (in the north-east also a gully, ridge, shed or meadow: 「二道沟」「北岗」「老窝棚」「大甸子」)
# A room of an old lane house, named by where it lies in it (the garret over the kitchen, the kitchen, the attic on
# the third floor, the front or back wing, the parlour, the front or back room upstairs): 「12号亭子间」
# 「7号三层阁」「9号后厢房」「1号底层客堂」「88号3楼后间」. Several households share one number, so the room is the home.
_ROOM_WORD = (r"(?:底层|底楼|(?:底层|底楼|二楼|三楼|楼上)?(?:亭子间|灶披间|三层阁|阁楼|[前后](?:厢房|客堂间?|楼(?![梯道房])|间)|客堂间?|厢房)"
              r"|(?<=[0-9０-９一二三]层)阁|(?<=[0-9０-９一二三四五六七八九楼])[前后]间)")
# (a Hakka walled village inside a 村 is one too: 「沙尾村|老屋围12号」; not 周围, 范围, 包围…)
_HAMLET = r"(?:[\u4e00-\u9fff]{1,3}?(?:屯|坡|寨|沟|岗|窝棚|甸子|营子|(?<![周范包氛突入合重解外])围))"
# Where a home stands inside a village or its group, in the loess hills' and the countryside's words: the
# back or the front of the slope, the edge of the yard terrace (硷畔), up or down the slope, the west end
# (「六组|后畔|第3孔窑」「五队|东硷畔|5号」「三组|坡上|第4院」「西湾村|西头|17号」).
# (in the Jiangnan water country a village's homes stand along its creeks and embankments: 「二组|后浜|8号」「北埭6号」)
_SPOT = (r"(?:[东西南北前后上下中里外左右]{0,2}(?:硷畔|崖畔|畔|坡上|坡下|坡底|坡顶|沟口|沟里|沟底|头|边|崖|坡|沟|梁|峁|浜|埭|兜|泾"
         r"|湾|台|坪|洼|场)|[东西南北前后]{1,2})")
# A house in a village or a courtyard: its number with a courtyard's or cave dwelling's word after it
# (「7号院」「4号窑院」「5号窑」「31号院西窑」), or its place in a row of caves or courtyards (「第3孔窑」「第4院」,
# 「3排12号」). A bare count (「土窑2孔」) has no 第 and no 号, so it is no house.
# (「1组42户」 is how many households a group has: a bare 户 number is a house only right after a village's group)
# (a numbered plot of trees or fields is no home: 「12号林段」「4号地块」 after a farm's team)
_PLOT = r"(?!林段|林班|小班|地块|田块|树位|胶园)"
_YARD_HOUSE = (rf"(?:第{_NUM}\s?(?:孔窑|孔|院|户)|{_NUM}\s?排\s?{_NUM}\s?号"
               rf"|{_NUM}{_TO}?\s?号{_PLOT}(?:院(?:[东西南北中前后正]{{1,2}}(?:窑|房|屋))?|窑院|窑)?)")
_YARD = rf"(?:{_YARD_HOUSE}|{_NUM}\s?户)"
# A village named by its landform, with no 村 after it (「王家沟」「马家坬」「贺家塬」「枣林坪」): a village before
# a numbered group (「王家沟|四组|东硷畔3号」).
_LANDFORM = r"(?:沟|塬|峁|坬|畔|川|岔|坪|梁|湾|咀|渠|洼|峪|墕|庄|堡|营|岭|滩|台)"
# (a group's own name: no number, no office's group 「村民小组」「工作组」「党小组」)
_GROUP_NAME = (r"(?!村民|小组|工作|专案|领导|调查|督导|巡查|检查|党|项目|联络|突击|宣传|服务|帮扶|驻村|考核|评议|验收|核查|专班|互助|合作|"
               r"[一二三四五六七八九十百零〇两0-9０-９第])[\u4e00-\u9fff]{1,3}?(?<![小民党])")
# (a named group after 住 with no village before it: one more word may stand before the group 「老屋下屋组」)
_GROUP_OWN = (r"(?!村民|小组|工作|专案|领导|调查|督导|巡查|检查|党|项目|联络|突击|宣传|服务|帮扶|驻村|考核|评议|验收|核查|专班|互助|合作|"
              r"[一二三四五六七八九十百零〇两0-9０-９第])[\u4e00-\u9fff]{1,5}?(?<![小民党])")
_DETAIL = re.compile(
    # rural: 李家村3组12号, 李家村委会五组, 张家村12号, 枫树村五组14户
    # (a 屯 or 寨 is a village too: 佟家屯3组8号)
    # (a natural village after its 村 is written as a 屯, 坡 or 寨: 伏波村岑家坡8号, 韦家屯 14号, 10—12号)
    # (a banner's 嘎查 is a village: 「乌兰嘎查二组」)
    # (a narrow column may break the line after the village: 「杨家庄村⏎五社27号」)
    # (a cave or courtyard home after the group: 「贺家塬村六组后畔第3孔窑」「七队4号窑院」「五队东硷畔5号」)
    # (an administrative village before its natural village: 「X村委会Y村三组11号」)
    rf"(?:{_PART}村委会)?{_PART}(?:村(?:委会)?{_HAMLET}?|屯|寨|嘎查)(?:[ \t]*\n?[ \t]*{_NUM}(?:组|社|队|屯)(?:{_SPOT}?{_YARD})?"
    rf"|[ \t]?{_SPOT}?\s?{_DIGITS}{_TO}?\s?号(?!楼){_PLOT}(?:院(?:[东西南北中前后正]{{1,2}}(?:窑|房|屋))?|窑院|窑)?)"
    # a village named by its landform before a group and a house (「马家坬一组17号院」「王家沟四组东硷畔3号」)
    rf"|{_PART}{_LANDFORM}{_NUM}(?:组|队|社){_SPOT}?{_YARD_HOUSE}"
    # a group and a house with no village before them: in a list's cell, in brackets, after 住 or 在
    # (「，一组3号，」「（四队8号）」「家在三组后畔第2孔窑」); not a competition's or a team's 「第一组3号」
    rf"|(?:(?<![\u4e00-\u9fff0-9０-９A-Za-z])|(?<=住)|(?<=在)|(?<=址))(?<!第){_NUM}(?:组|队|社){_SPOT}?{_YARD_HOUSE}"
    # a lane of an old lane quarter and its house, with or without the quarter before it (「X坊|3支弄12号」: the
    # quarter's name is a public place, as a road's is); a lane house's room alone after its number (「8号前楼」)
    rf"|(?<![0-9０-９]){_NUM}支弄\s?{_HOUSE}{_TO}?\s?号"
    rf"|(?<![0-9０-９A-Za-zＡ-Ｚ.．]){_DIGITS}号{_ROOM_WORD}"
    # a boat household's berth at its wharf (「X码头|7号泊位」), a bare house number right after 住 (「住17号，」)
    # and a stairway and room with no building before them (「X家1单元502」)
    rf"|(?<=码头)\s?{_NUM}号泊位"
    rf"|(?<=住)\s?{_DIGITS}号(?=[，。,；;）)\s]|楼上|楼下|$)"
    rf"|(?<![0-9０-９第栋幢座号楼]){_NUM}单元\s?-?[0-9０-９]{{3,4}}(?![0-9０-９])(?:室|号|房)?"
    # a courtyard's number after 住 or 家在 (「额家在3号院」)
    rf"|(?:(?<=住)|(?<=家在))\s?{_DIGITS}号(?:窑院|院|窑)(?![\u4e00-\u9fff])"
    # a house number alone in a list cell, with what the house is in brackets (「X　58号　2人」「X　60号（商铺）　…」)
    rf"|(?:(?<=[\t\u3000|｜丨¦/；;])|(?<=[\t\u3000|｜丨¦/；;] ))(?<![0-9０-９]){_DIGITS}(?:[-－]{_DIGITS})?号(?:院|窑院|窑)?"
    rf"(?:[（(][\u4e00-\u9fff]{{1,4}}[)）])?(?=[ \u3000]?[\t\u3000|｜丨¦/；;\n]|[ \u3000]*$)"
    # a named building's stairway and floor or room (「老干楼2单元3楼东户」, 「教师楼3门201」)
    rf"|(?<![0-9０-９])[\u4e00-\u9fff]{{2}}楼\s?{_NUM}(?:单元|门)\s?-?(?:{_FLOOR}{_AFTER_FLOOR}|{_ROOM_DIGITS}(?:室|号|房)?)"
    # a cadres', workers' or teachers' building of homes with its stairway and room in numbers 「老干楼2-305」
    rf"|(?:老干|干部|职工|教工|教师|家属|宿舍|住宅|单身)楼\s?[0-9０-９]{{1,2}}[-－][0-9０-９]{{3,4}}(?![0-9０-９])(?:室|号|房)?"
    # a natural village alone in a list cell or in brackets after a name is that person's home:
    # 「覃德旺\t那洪村板录屯\n」「韦芳（弄岗村弄怀屯，3人）」 (「那洪村板录屯道路硬化」 is not)
    # (a table's bar or slash ends a cell too: 「X¦刘屋村那蒙屯¦578」「X / 蒙家村那坎屯 / 576」)
    rf"|{_PART}村{_HAMLET}(?=\s*$|\s?[\t\n\u3000）)|｜丨¦/；;—―]| {{2}}|[，,]\s?{_NUM}人|\s?[，,]\s?[0-9０-９])"
    # a banner's village in a list cell 「X/乌兰嘎查/1/2190」
    rf"|(?<=[\t|｜丨¦/；;])\s?{_PART}嘎查(?=\s?[\t|｜丨¦/；;])"
    # estate: 锦绣小区12栋2单元301室, 阳光花园3号楼502, 幸福小区12-502, 朝晖八区34幢2单元一楼, 人才公寓B栋1206
    # (「金沙湾花园⏎12栋2单元2203」: a narrow column's line break between the estate and its building)
    rf"|{_PART}{_ESTATE}(?:[ \t]*\n?[ \t]*{_BUILDING}{_ROOM}|{_RANGE}|{_NUM}号(?:{_BUILDING})?{_ROOM}"
    # 「铁路家属楼2门301」: a stairway (门, the north-east's word for 单元) and a room
    rf"|{_NUM}(?:单元|门)\s?-?{_DIGITS}(?:室|号|房)?)"
    # a Hong Kong estate's block and flat 「禾輋邨和祥樓1208室」, an estate or block with a room 「X大厦1208室」
    # (邨 reads as 村 in the simplified view)
    rf"|{_PART}(?:村{_PART}?楼|{_ESTATE}|楼)\s?{_DIGITS}(?:室|房)"
    # street number: 人民路88号(3栋)(2单元)(502室)(三楼), 新华路218弄5号302室, 环城北路东段181号
    # (「朝阳路21号之二」: the second home at one number; 「朝阳路35 号 2 单元 301」: OCR spaces)
    # (「茶城大道 266号」: a blank before the number; 「22号鸿运大厦1805」: a tower named after the number, its room)
    # (an old town's street named a slope, 「北关坡26号」; a courtyard and its cave 「31号院西窑」)
    rf"|(?:{_PART}{_STREET}|{_PART_NV}坡)口?{_SIDE}\s?{_HOUSE}{_TO}?(?:弄{_DIGITS}{_TO}?)?\s?号(?:附{_DIGITS}号|之(?:{_CN}{{1,2}}|{_DIGITS}(?![0-9０-９]*号)))?"
    rf"(?:院(?:[东西南北中前后正]{{1,2}}(?:窑|房|屋))?|窑院)?"
    rf"(?:[\u4e00-\u9fff]{{2,6}}?(?:大厦|大楼|公寓|写字楼)\s?[A-Za-zＡ-Ｚ]?[0-9０-９]{{3,4}}(?![0-9０-９])(?:室|房)?|(?:{_BUILDING})?{_ROOM})"
    # a numbered estate block written as three numbers: 杨柳郡2期17-1-903
    # (a stairway is numbered in one or two digits: 「咨询400-6612-365」 is a hotline, not a block)
    rf"|{_PART}(?:{_DIGITS}期)?(?<![0-9０-９]){_WRAPPED}{_DIGITS}[-－][0-9０-９]{{1,2}}[-－]{_ROOM34}"
    # building and room with no road before them: 3栋2单元502室, 7幢1801, 5号楼3单元201, 12幢3单元一楼
    # (an estate's name without its suffix may stand before them: 滨江名都5栋1单元1203)
    # (「3栋东门2楼」: a side door before the floor; 「7栋3单元」: a stairway of a few homes is a home too)
    # (a shanty town's numbered part before it: 「二片区38栋20号」「四片区⏎79栋24号」)
    # (an estate's phase and area before them: 「二期3区5栋1单元702」; a letter building 「C栋3楼315」)
    # (an estate's lettered zone 「A区5栋1号」)
    rf"|(?:{_NUM}片区\s*|{_PART}|{_NUM}期\s?(?:{_NUM}区\s?)?|(?<![0-9０-９]){_NUM}区\s?|(?<![A-Za-z0-9０-９])[A-Za-zＡ-Ｚ]区\s?)?(?:(?<![0-9０-９]){_DIGITS}|(?<![A-Za-z])[A-Za-zＡ-Ｚ])(?:栋|幢|号楼|座)(?:\s?{_NUM}座)?(?:[东西南北中]门)?(?:\s?-?{_NUM}(?:单元|门))?\s?-?(?:{_FLOOR}{_AFTER_FLOOR}|{_ROOM_DIGITS}(?![0-9０-９]*(?:单元|门|座))(?:室|号|房)?)"
    rf"|(?:{_PART}|{_NUM}期\s?(?:{_NUM}区\s?)?|(?<![0-9０-９]){_NUM}区\s?)?(?<![0-9０-９]){_DIGITS}(?:栋|幢|号楼|座)\s?-?{_NUM}单元"
    # (a form's narrow column breaks the flat 「N-M」 onto the next, indented line: 「5栋2单元⏎　　　　 4-1」)
    rf"(?:\n[ \t\u3000]*[0-9０-９]{{1,2}}[-－][0-9０-９]{{1,2}}(?=[ \t\u3000]*(?:\n|$)))?"
    # a handshake building of an urban village, its 栋 and its 座 (「我住12栋2座楼下」): one household's building
    rf"|(?<![0-9０-９]){_DIGITS}(?:栋|幢)\s?{_DIGITS}座(?![0-9０-９])"
    # a dormitory room and its bed with no building before them (「301房1号床」「305房 2号床」)
    rf"|(?<![0-9０-９A-Za-z]){_DIGITS}[房室]\s?{_NUM}号?床(?!位)"
    # a Hakka walled village and its house with no village before it (「祖屋位于老屋围8号」「老屋围⏎24号」)
    rf"|{_PART}(?<![周范包氛突入合重解外])围[ \t]*\n?[ \t]*{_DIGITS}号(?![楼院])"
    # a block written as three numbers alone in a list cell 「X / 7-2-302 / 760」 (a date has a four-digit year)
    rf"|(?:(?<=[\t|｜丨¦/；;])|(?<=[\t|｜丨¦/；;][ \u3000]))[0-9０-９]{{1,2}}[-－][0-9０-９]{{1,2}}[-－][0-9０-９]{{3,4}}(?=[ \u3000]?[\t|｜丨¦/；;\n]|[ \u3000]*$)"
    # a phase and area before a block written as three numbers 「一期2区6-1-402」
    rf"|{_NUM}期\s?{_NUM}区\s?{_DIGITS}[-－]{_DIGITS}[-－]{_ROOM34}"
    # 「37号2单元401」: a house number, a stairway and a room with no road before them
    rf"|(?<![0-9０-９]){_DIGITS}号\s?-?{_NUM}单元\s?-?{_DIGITS}(?:室|号|房)?"
    rf"|(?<=住)(?:在|址[:：]?)?{_RANGE}"
    # a settlement's or community's block written as three numbers: 「同心社区15-2-904」 (社区 is no _PART: 区)
    rf"|(?<=社区|小区|新村|家园|新苑|置点|置区|新区)(?<![0-9０-９]){_DIGITS}[-－]{_DIGITS}[-－]{_ROOM34}"
    # a villagers' group named by a word, not a number (the south-west's 「大寨村上寨组17号」, a Yi clan's
    # 「磨石沟村尔古组9号」), with its house number, or alone at a cell's or line's end after its village
    # (「X村 上角组 七号」 as a hotline's speech-to-text writes it; 「后山组⏎12号」 broken by a narrow column)
    rf"|{_PART}村\s?{_GROUP_NAME}组[ \t]*\n?[ \t]*{_NUM}号(?!楼)"
    # a named group and its number right after 住 (the village named earlier or not at all: 「住老屋下屋组16号」)
    rf"|(?<=住)在?{_GROUP_OWN}组\s?{_NUM}号(?!楼)"
    rf"|{_PART}村{_GROUP_NAME}组(?=\s*$|\s?[\t\n\u3000）)|｜丨¦/；;]| {{2}})"
    rf"|(?<=[:：])\s?{_GROUP_NAME}组\s?{_NUM}号(?!楼)"
    # (an address field holding the group alone: 「原址：尔古组⏎」)
    rf"|(?<=址[:：])\s?{_GROUP_NAME}组(?=\s*$|\s?[\t\n\u3000）)|｜丨¦/；;]| {{2}})"
    # a second home at one number, written alone 「门牌为“6号之三”」 (as 「朝阳路21号之二」 after its road)
    # (a document's number 「（2025）X执412号之一」 has its court's word glued before it)
    rf"|(?:(?<![0-9０-９A-Za-z\u4e00-\u9fff])|(?<=门牌))\s?{_DIGITS}号之(?:{_CN}{{1,2}}|{_DIGITS}号?)(?![\u4e00-\u9fff])"
    # a state farm's team, row and house 「五队2排8号」 (a village's team before them is matched with its village
    # above), and a row and house alone where the team was named before or after 住/在 (「另，4排7号X家」);
    # not a seat 「4排7号座」「3排2号就座」
    rf"|(?<![0-9０-９第]){_NUM}队\s?{_NUM}\s?排\s?{_NUM}\s?号(?![座位]|就座|入座|落座)"
    rf"|(?:(?<![\u4e00-\u9fff0-9０-９A-Za-z])|(?<=住)|(?<=在)){_NUM}\s?排\s?{_NUM}\s?号(?![座位]|就座|入座|落座)"
    # a house number alone after the household's own words: 「他家19号门口」「我家42号那间」「家住15号吊脚楼旁」,
    # 「他们家老屋9号」 (「我家14号那天」 is a date)
    rf"|(?:(?<=[她他我你俺咱]家)|(?<=家住)|(?<=家在))\s?{_DIGITS}号(?=门口|门前|旁边|隔壁|对面|后面|前面|屋|房|那(?![天日晚时])"
    rf"|[\u4e00-\u9fff]{{1,3}}(?:屋|房|楼)(?:旁|前|后|边|门))"
    rf"|(?:(?<=老屋)|(?<=老宅)|(?<=祖屋))\s?{_DIGITS}号(?![楼院线])"
    # the south-west's 「我屋29号一直住到的」 (屋 = home) and a neighbour's house 「隔壁35号的吊脚楼」; not a date
    # (「我屋29号办酒」「隔壁3号床」)
    rf"|(?:(?<=[她他我你俺咱]屋)|(?<=隔壁))\s?{_DIGITS}号(?![楼院线床桌位座栋幢单元室号\-－]|那[天日]|晚|早|上午|下午|中午|[办过去来回要就前后到至开起]|之[前后]|以[前后])"
    # a row of a site's prefab huts or sheds and its number 「活动板房3排12号」
    rf"|(?<=板房|工棚|平房|宿舍|营地)\s?{_NUM}排\s?{_NUM}号"
    # a row house of a forest farm's, mine's or compound's family quarter 「X林场家属区|5排12号」, or of the same
    # quarter named before 「住同处3排11号」 (a range 「1排至7排」 or 「2排的路」 has no house number)
    rf"|(?:(?<=家属区)|(?<=家属院)|(?<=同处)|(?<=场部))\s?{_NUM}\s?排\s?{_NUM}\s?号(?![座位]|就座|入座|落座)"
    # a hospital bed: a patient's place 「骨科7病区23床」「内科12床」 (the hospital and ward stay)
    # (a numbered department is a ward: 「外二科17床」)
    rf"|(?:[\u4e00-\u9fff][一二三四五六七八九十]科|(?<=科))\s?(?:{_NUM}病区\s?)?[0-9０-９]{{1,3}}号?床(?!位)|(?<![0-9０-９]){_NUM}病区\s?[0-9０-９]{{1,3}}号?床(?!位)"
    # a hillside town's house with its 附号 (a door off the steps at one number, 「43号附2号」, spoken 「十八号附三号」),
    # and a house number with the floor below the street it opens on 「30号负3楼」; the street or community before
    # them stays (「…梯坎|43号附2号负1楼」)
    rf"|(?<![0-9０-９A-Za-z第〕）)]){_NUM}号附{_NUM}号|(?<![0-9０-９A-Za-z第〕）)]){_DIGITS}号(?=负{_NUM}[楼层])"
    # a flat written 「12-3号」 after its community or estate, 「1单元3-1」 after a stairway
    rf"|(?<=社区|小区|新村|家园|置房|置区)[0-9０-９]{{1,3}}[-－][0-9０-９]{{1,2}}(?:号|(?![0-9０-９年月\-－]))"
    rf"|(?<![0-9０-９第]){_NUM}单元\s?[0-9０-９]{{1,2}}[-－][0-9０-９]{{1,2}}(?![0-9０-９])(?:号|室)?"
    # a stall under the street 「负1楼13号铺」, a stilt house after its number 「67号吊脚楼」
    rf"|负?{_NUM}[楼层]\s?{_DIGITS}号(?:商铺|铺面|铺|门面|摊位|档口)"
    rf"|(?<![0-9０-９A-Za-z第]){_DIGITS}号吊脚楼"
    # written in English: 「Block 5, Room 103」「Flat 2B」「rooms 2-1105 and 2-1106」
    rf"|(?i:\b(?:block|blk|building|bldg|tower)\s?[0-9A-Z]{{1,4}},?\s(?:room|rm|flat|unit)\.?\s?[0-9A-Z]{{1,5}}(?:-[0-9]{{1,4}})?\b)"
    rf"|(?i:\b(?:rooms?|flats?)\s[0-9]{{1,3}}-[0-9]{{3,4}}(?:(?:,\s?|\sand\s|\s?&\s?)[0-9]{{1,3}}-[0-9]{{3,4}})*\b)"
    # a house number and its flat 「No. 12, Room 806」「No. 5, Flat 2B」 (a case's number and a court room
    # 「Case No. 12, Room 3」 are no home), a village group's house 「Group 5, No. 21」
    rf"|(?i:(?<!case\s)\bno\.?\s?[0-9]{{1,5}}[a-z]?,?\s(?:room|rm|flat|unit|apt)\.?\s?(?:[0-9]{{3,5}}[a-z]?|[0-9]{{1,2}}[a-z])\b)"
    rf"|(?i:\bgroup\s[0-9]{{1,2}},?\s(?:no\.?\s?|house\s)[0-9]{{1,4}}\b)"
    # a settlement's lettered block and house 「Block A No. 19」
    rf"|(?i:\bblock\s[0-9A-Z]{{1,3}},?\sno\.?\s?[0-9]{{1,4}}\b)"
    # a forest farm's work area and house 「青山林场|二工区7号」, or the work area alone in a list cell; a state
    # farm's company and house 「红星农场|第五管理区3连6排11号」 (a 连 is a few dozen households, as a 组 is)
    rf"|(?<![0-9０-９]){_NUM}工区\s?{_DIGITS}号|(?<=林场){_NUM}工区(?=\s*$|\s?[\t\n\u3000|｜丨¦/；;]| {{2}})"
    rf"|第?{_NUM}管理区{_NUM}连(?:[ \t]*\n?[ \t]*{_NUM}[ \t]*\n?[ \t]*排[ \t]*\n?[ \t]*{_NUM}号)?"
    # a numbered group and its house wherever they stand (「我们家4组26号」「社区1组56号」「三组十七号」): a group is a
    # few dozen households, its house one home; not a contest's 「第3组5号」, nor a bed or seat
    rf"|(?<![0-9０-９第]){_NUM}组\s?{_NUM}号(?![楼床座位])"
    # a lettered block of a herders' settlement or an estate and its house (「X定居点|A区7号」「X村B区5号」): a block
    # holds a few dozen homes, the number one; not a building, a gate, a stall or a seat 「A区3号楼」「B区2号口」
    # (a stall's number a market gives, 「档口号B区14号」, is the stall's, a business)
    rf"|(?<![0-9０-９A-Za-zＡ-Ｚ])(?<!档口号)(?<!摊位号)(?<!铺位号)[A-Za-zＡ-Ｚ]区\s?{_DIGITS}号(?![楼床座位口门线馆厅展台机柜库车摊铺档0-9０-９])"
    # a room in a row of a monastery's or a compound's quarters (「僧舍东排第4间」「西排第2间」)
    rf"|(?:僧舍|僧房|僧寮|宿舍|平房)?[东西南北前后中]排\s?第?{_NUM}\s?间"
    # a trader's numbered stall in a market (「X交易市场7号摊位」): the market's name goes with it
    rf"|[\u4e00-\u9fff]{{0,2}}(?:交易)?市场\s?{_DIGITS}号(?:摊位|摊|铺位|档口|门面)"
    # (or by its gate, the market's name staying: 「X市场|东门3号档」, Cantonese 档 for a stall)
    rf"|(?<=市场)[东西南北]门\s?{_DIGITS}号(?:摊位|摊|铺位|档口|档(?!案|次)|门面)"
    # a numbered lane off a street and its house (「X街3巷17号」「X街东2巷9号」): the street stays, the lane goes
    rf"|(?<![0-9０-９第])[东西南北]?{_NUM}巷\s?{_NUM}号"
    # a herder's seasonal camp and its number after the pasture's team (「X牧场二队|冬窝子7号」)
    rf"|[冬夏春秋]{{1,2}}窝子\s?{_DIGITS}号"
    # a block's side and house in a settlement or a farm company's housing (「14栋东3号」「8栋西1号」)
    rf"|(?<![0-9０-９]){_DIGITS}(?:栋|幢)[东西南北]{_DIGITS}号"
    # a flat written as three numbers in brackets after who lives there 「业主X（7-2-501）」 (not a date's year)
    rf"|(?<=[（(])[0-9０-９]{{1,2}}[-－][0-9０-９]{{1,2}}[-－](?!(?:19|20)[0-9]{{2}})[0-9０-９]{{3,4}}(?=[）)])"
    # a Korean address's house part, its lot and its flat 「元谷洞|827-5번지 202호」「정왕동 |1873-2 205호」「101동 1203호」
    # (the province, city, district and neighbourhood 동/洞 before it are public places)
    rf"|(?<![0-9A-Za-z-])[0-9]{{1,5}}(?:-[0-9]{{1,4}})?\s?번지(?:\s?[A-Za-z]?[0-9]{{1,4}}\s?호)?"
    rf"|(?<![0-9A-Za-z-])[0-9]{{1,5}}-[0-9]{{1,4}}\s?[A-Za-z]?[0-9]{{1,4}}\s?호"
    rf"|(?<=[동洞] )[0-9]{{1,5}}-[0-9]{{1,4}}(?![0-9-])"
    rf"|(?<![0-9A-Za-z-])[0-9]{{1,4}}\s?동\s?[0-9]{{1,4}}\s?호"
    # an English house number after who lives there (「lives at No. 7」)
    rf"|(?i:(?:(?<=\blives at )|(?<=\blive at )|(?<=\bliving at )|(?<=\bstays at ))no\.?\s?[0-9]{{1,4}}[a-z]?\b)"
)
_TOWN_BEFORE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:镇|乡|街道|街办|苏木))$")


# Estates people live in: a numbered building there is a building of homes (「浔江华府2幢的业主」).
_HOMES = (r"(?:小区|花园|公寓|家园|新村|苑|(?<!政)府|名城|名都|里|庭|邸|郡|宿舍|家属院|家属区|家属楼"
          r"|公租房|廉租房|安置房|安置区)")


def _is_detail(value):
    """A bare building number without a room (「3栋」「12号楼」) names a building, not a home,
    unless the estate it stands in is one people live in (「金桂花园8栋」)."""
    # nor an estate's phase or part (「滨江公园二期」「翠苑小区3区」)
    bare = re.fullmatch(rf"(?:{_PART})?{_DIGITS}(?:栋|幢|号楼|座)", value)
    homes = re.search(rf"{_HOMES}{_DIGITS}(?:栋|幢|号楼|座)$", value)
    return not (bare and not homes) and not re.search(rf"{_NUM}(?:期|区)$", value)


# Building, unit, room and floor parts that may follow a match (「彩虹城三期|6号楼2单元1201」, 「大道203号|后栋4楼」):
# a span always runs on to the last of them, so generalising it leaves no room number behind.
# (also a second door at one number 「22号3号门市」「117号附9号平房」「179号之4号」, a building named by its
# number 「9号楼3门」「16号楼东单元4楼」)
_TAIL = re.compile(rf"(?: ?[-－—]?(?:(?:(?<=[房室])|(?<=[房室] )){_NUM}号?床(?!位)|(?<=[0-9０-９]{{3}})(?:至|到)[0-9０-９]{{3,4}}(?:室|房)|(?<=顶楼)加建|\n?(?:附|之){_DIGITS}号|负{_NUM}(?:楼|层)|(?<=号)之{_CN}{{1,2}}(?![\u4e00-\u9fff])|(?<=号)(?:楼(?=\s?-?{_NUM}|[东西中]单元)|平房|门市|门脸)|[东西中]单元|(?<=[楼栋幢座]){_NUM}门(?!市)|(?<=号)[前后](?:栋|幢|楼|院|进)|(?<=[号楼层]){_ROOM_WORD}|(?<=层)阁|[东西南北中]门(?=\s?-?{_NUM})|{_NUM}(?:号楼|栋|幢|座|期|区|单元|室|号(?!院)|层|楼|户|房(?![屋子产租东间]))|[A-Za-zＡ-Ｚ](?:栋|幢|座)"
                   # a bare room number after a blank only follows a building or stairway (「2 单元 301」):
                   # after a house number or a group it is a list's next cell (「八组 2 1000」: people, amount)
                   rf"|(?:(?<! )|(?<=[元栋幢座门楼] )){_ROOM_DIGITS}(?![0-9０-９,，.]*(?:元|万|年|月|日|%|人|户|亩|米|吨|个|名|次|岁|平方|辆|台))))+")


# 「龙泉路12号至18号段人行道改造」: a stretch of road between two house numbers is public works.
_ROAD_SECTION = re.compile(rf"\s?(?:(?:至|到|~|～|—|－|-)\s?{_DIGITS}号)?段")


# A natural village after its 村 where the text says someone lives: 「住X镇Y村Z屯。」「户籍地：Y村Z屯，」「我是Y村Z屯的X」
# (a 屯 or 组 is a few dozen households, as a village group is).
_HAMLET_HOME = re.compile(rf"{_PART}村{_HAMLET}(?=[，,。；;、！!？?）)]|的|$)")
_RESIDENCE_CUE = re.compile(r"住|地址|户籍|家在|居住|我是|我系|屋企|我家|俺家|老家")


def _hamlet_homes(view):
    for m in _HAMLET_HOME.finditer(view):
        clause = re.split(r"[，,。；;！!？?\n]", view[max(0, m.start() - 20):m.start()])[-1]
        if _RESIDENCE_CUE.search(clause) or view[m.start() - 1:m.start()] in ("（", "("):  # 「X（Y村Z屯，…）」
            # a farm, forest farm or community before the village stays (「住侨兴华侨农场X村Y屯」)
            head = re.match(r".*(?:场|社区|管理区)", m.group(0))
            yield (m.start() + head.end() if head else m.start()), m.end()


# A mine's or factory's 家属区 is a whole district of its workers' homes: the work unit before it is a public
# place (「鹤岭矿业集团东山矿|家属区13栋2门503」); a 家属院 or 家属楼 is one compound and goes whole.
_WORK_UNIT_DISTRICT = re.compile(r"(?<=[矿厂局司团场站校院])家属区")


def _after_work_unit(view, start, end):
    district = _WORK_UNIT_DISTRICT.search(view, start, end)
    return district.start() if district else start


_TRAILING_RUN = re.compile(r"[0-9０-９]{11,}[XxＸｘ]?$")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_OWN_NUMBERS = ("id_number", "mobile", "bank_card")


def _unglued(view, start, end, numbers):
    """The end of a match with what a pasted row glued on after its last number (the cell's separator lost).
    A number the number check finds there (a resident ID, a mobile: 「7号350824…」, 「10-3-1201」+ID) is its
    own finding, and an address swallowing it would lose to it: the match ends where it begins. A number it
    cannot split off (a mobile glued to a room number, 「单元303」+mobile) stays inside the address, so it is
    removed with it; only an amount after such a mobile is left out (「…+mobile+5300.00」: amounts are public).
    ``numbers``: a callable giving the (start, end) of the text's numbers, or None."""
    run = _TRAILING_RUN.search(view, start, end)
    if not run:
        return end
    inside = [a for a, _ in (numbers() if numbers else ()) if run.start() <= a < end and a > start]
    if inside:
        return min(inside)
    check = view[end:end + 1]  # an ID's check letter is no digit: the match stopped before it
    digits = unicodedata.normalize("NFKC", run.group(0)) + ("X" if check and check in "XxＸｘ" else "")
    for keep in (0, 3, 4):
        if run.start() + keep <= start:
            continue
        rest = digits[keep:]
        if len(rest) >= 18 and valid_id18(rest[:18].upper()):
            return run.start() + keep
        if _MOBILE.match(rest):
            return run.start() + keep + (11 if keep else 0)
    return end


# A room is the last part of a home: digits glued on after 室 or 房 are the row's next cell
# (「703室130-3080-4914」).
# (「206房3号床」: the bed of the room, not a next cell)
_AFTER_ROOM = re.compile(r"(?<=[0-9０-９])[室房](?= ?[-－—]?[0-9０-９])(?! ?[0-9０-９]{1,2}号?床)")


def _details(view, numbers=None):
    """(start, end) of each house-level match in a simplified view."""
    for m in _DETAIL.finditer(view):
        end = len(m.group(0).rstrip()) + m.start()
        tail = _TAIL.match(view, end)
        end = tail.end() if tail else end
        start = _after_work_unit(view, m.start(), end)
        room = _AFTER_ROOM.search(view, start, end)
        end = room.end() if room else end
        end = _unglued(view, start, end, numbers)
        if _is_detail(view[start:end]) and not (view[end - 1] == "号" and _ROAD_SECTION.match(view, end)) \
                and not _house_range(view, start, end):
            yield start, end


# 「三巷5号至9号为集体物业」: a run of house numbers is a row of buildings, no one household's home (unless someone lives there).
_HOUSE_RANGE = re.compile(rf"\s?(?:至|到)\s?{_DIGITS}号(?!段)")


def _house_range(view, start, end):
    return view[end - 1] == "号" and _HOUSE_RANGE.match(view, end) is not None and "住" not in view[max(0, start - 4):start]


# A hotline's speech-to-text writes one character at a time with blanks between (「上 角 组 七 号」
# 「B 栋 五 楼 五 一 二」): three or more single characters (or 单元) in a row, each alone between blanks.
# (a numeral may be said as a word, 「四 社 二十 号」, or glued to the character before it, 「X 村二 社」)
_SPOKEN_TOKEN = r"(?:单元|\w?[一二三四五六七八九十百零〇两]{1,3}|\w)(?!\w)"
_SPACED = re.compile(rf"(?<!\w){_SPOKEN_TOKEN}(?:[ \u3000]{_SPOKEN_TOKEN}){{2,}}")


# An OCR'd form puts a blank inside a house number after its village (「X村1 6号」): one digit or two, a blank,
# one digit or two and 号.
_DIGIT_GAP = re.compile(r"(?:(?<=[\u4e00-\u9fff][0-9０-９])|(?<=[\u4e00-\u9fff][0-9０-９]{2}))[ \u3000](?=[0-9０-９]{1,2}号)")


# (and blanks round a building's and stairway's words 「4 号楼 2 单元 301」)
_BUILDING_GAP = re.compile(r"(?<=[0-9０-９])[ \u3000](?=号楼|栋|幢|单元)|(?:(?<=号楼)|(?<=[栋幢])|(?<=单元))[ \u3000](?=[0-9０-９])")


def _unspaced(view):
    """The view without the blanks inside runs of spaced single characters (and inside an OCR'd house number),
    and for each of its characters the index of that character in the view (None when there is no such run)."""
    drop = {i for m in _SPACED.finditer(view) for i in range(m.start(), m.end()) if view[i] in " \u3000"}
    drop.update(m.start() for m in _DIGIT_GAP.finditer(view))
    drop.update(m.start() for m in _BUILDING_GAP.finditer(view))
    if not drop:
        return None, None
    index = [i for i in range(len(view)) if i not in drop]
    return "".join(view[i] for i in index), index


# OCR reads a digit as a letter in a house number (「D区7栋l号」「X村4O号」): a letter l, I or O right before 号
# (or before digits and 号) after a digit or a building's, row's, lane's or village's word is read as the digit.
_OCR_DIGIT = re.compile(r"(?<![A-Za-z])(?:(?<=[0-9０-９])|(?<=[栋幢座村排巷街路组队屯区东西南北]))[lIOo](?=[0-9０-９]*号)")


# (and inside a room number after its stairway or building 「2单元5O2室」「1单元30l室」「2 单元 3O1」: three or four
# characters, two of them digits at least)
_OCR_ROOM = re.compile(r"(?<=[单元门楼栋幢] )[0-9lIOo]{3,4}(?![0-9A-Za-z])|(?<=[单元门楼栋幢])[0-9lIOo]{3,4}(?![0-9A-Za-z])")


def _ocr_room(m):
    room = m.group(0)
    if sum(c.isdigit() for c in room) < 2 or not room[0].isdigit():
        return room
    return room.translate(str.maketrans("lIOo", "1100"))


def _ocr_digits(view):
    view = _OCR_DIGIT.sub(lambda m: "1" if m.group(0) in "lI" else "0", view)
    return _OCR_ROOM.sub(_ocr_room, view)


# A lodging list's rows that open with the room (「101 X 广西博白 181…」「一楼铺 X五金加工店」) under a house or a
# dormitory named above: the room is that tenant's home. Row numbers count up by one; rooms jump floors.
_ROOM_ROW = re.compile(r"(?m)^[ \t\u3000]*([1-9][0-9]{2}|(?!19|20)[1-3][0-9]{3})(?=[ \t\u3000]+[\u4e00-\u9fff])")
_SHOP_ROW = re.compile(r"(?m)^[ \t\u3000]*([一二三四五六七八九]楼(?:铺面|商铺|铺|档口))(?=[ \t\u3000]+[\u4e00-\u9fff])")
_LODGING_CUE = re.compile(r"租客|租户|房客|出租|房东|宿舍|住户|房号")


def _room_rows(view):
    """(start, end) of the rooms that open a lodging list's rows (two at least, not a count by one)."""
    rooms = list(_ROOM_ROW.finditer(view))
    numbers = [int(m.group(1)) for m in rooms]
    if len(rooms) < 2 or not _LODGING_CUE.search(view) or all(b - a == 1 for a, b in zip(numbers, numbers[1:])) \
            or not all(1 <= n % 100 <= 40 for n in numbers):
        return []
    return [m.span(1) for m in rooms + list(_SHOP_ROW.finditer(view))]


def find_addresses(text):
    """House- and room-level address spans; traditional characters (「18號」「3棟2單元」) read too."""
    view = _ocr_digits(simplified(text))
    spans = [Span(start, end, "address", text[start:end]) for start, end in list(_hamlet_homes(view)) + _room_rows(view)]
    found = []

    def numbers():  # the text's validated numbers, read only when a match ends in a long run of digits
        if not found:
            found.append([(n.start, n.end) for _, n in find_numbers(text) if n.kind in _OWN_NUMBERS])
        return found[0]

    spans += [Span(start, end, "address", text[start:end]) for start, end in _details(view, numbers)]
    joined, index = _unspaced(view)
    for start, end in (_details(joined) if joined else ()):
        # (a village or estate said before the house part stays, as house_part keeps it: 「龙 泉 村|二 社 十 六 号」)
        head = _settlement_head(joined[start:end])
        start = start + head.end() if head and re.search(r"[ \u3000]", view[index[start]:index[start + head.end()]]) else start
        start, end = index[start], index[end - 1] + 1
        if any(c in " \u3000" for c in view[start:end]):  # only what the blanks hid
            spans.append(Span(start, end, "address", text[start:end]))
    spans = sorted((s for s in spans if not any(o.start <= s.start and s.end <= o.end and
                                                (o.start, o.end) != (s.start, s.end) for o in spans)),
                   key=lambda s: (s.start, s.end))
    return _joined(text, list(dict.fromkeys(spans)))


def _joined(text, spans):
    """An estate's building written right after a street number (「柳河路16号|丽景花园5栋1单元602室」)
    is one address, so the house part after the road goes as one piece."""
    out = []
    for span in spans:
        if out and not text[out[-1].end:span.start].strip():
            out[-1] = Span(out[-1].start, span.end, "address", text[out[-1].start:span.end])
        else:
            out.append(span)
    return out


# A road, street or lane name before a house number: a public place every resident of it shares.
_ROAD_HEAD = re.compile(rf"(?:{_PART}{_STREET}|{_PART_NV}坡)口?{_SIDE}\s?(?={_HOUSE}{_TO}?(?:弄{_DIGITS}{_TO}?)?\s?号)")
_ROAD_BEFORE = re.compile(rf"(?:{_STREET}|(?<![村屯寨组队社])坡){_SIDE}$")

# A village or an estate before its group, natural village, building or house number: a public place of
# hundreds of households (「石桥村」「锦绣小区」 name a project's site as often as a home). The shortest
# name that ends in a village's or an estate's word is the head, so a natural village after its 村 is
# no part of it (「那洪村|板录屯27号」: a 屯 or 寨 is a few dozen households, as a 组 is).
_PART_SHORTEST = _PART[:-len("{1,6}")] + "{1,6}?"
_VILLAGE_WORD = r"(?:村(?:委会)?|屯(?!村)|寨(?!村)|嘎查)"
# (an estate's word, a community's or a resettlement site's; 「家属区」 is no estate's name: a mine's or
# factory's homes, kept as the work unit before it, _after_work_unit)
_SETTLEMENT_WORD = rf"(?:{_ESTATE}|社区|安置点|安置小区|定居点)"
# (an administrative village before its natural village is part of the head: 「石岭村委会|下寨村|三组11号」)
# A state farm's team before its row and house is a public place too (「二十队|1排12号」: a team is a village of the
# farm, a row a few households); a village's team after its 村 is its group (「李家村|3队」).
_TEAM_HEAD = rf"{_NUM}队(?=\s?{_NUM}\s?排\s?{_NUM}\s?号)"
_SETTLEMENT_HEAD = re.compile(
    # (an urban village's numbered or sided quarter, 坊, before its building stays with it: 「岗贝村二坊|6栋21座206」)
    rf"{_TEAM_HEAD}|{_PART_SHORTEST}村(?:{_CN}{{1,2}}|[东西南北])坊(?=[0-9０-９]+(?:栋|幢|座|巷))"
    rf"|(?:{_PART}村委会)?{_PART_SHORTEST}(?:{_VILLAGE_WORD}[ \t]*\n?[ \t]*"
    # (a works' village's lettered block 「工人村C栋」; a group spelt out by speech-to-text 「X村 上 角 组」)
    # (a spot inside the village before the house 「西湾村|西头17号」)
    rf"(?=[0-9０-９A-Za-zＡ-Ｚ一二三四五六七八九十百零〇两第]|{_HAMLET}|{_GROUP_NAME}组|(?:[\u4e00-\u9fff] ){{1,3}}组"
    rf"|{_SPOT}\s?[0-9０-９])"
    rf"|(?<!家属){_SETTLEMENT_WORD}[ \t]*\n?[ \t]*(?=[0-9０-９A-Za-zＡ-Ｚ一二三四五六七八九十百零〇两第])"
    # a village named by its landform before its numbered group (「王家沟|四组东硷畔3号」)
    rf"|{_LANDFORM}(?={_NUM}(?:组|队|社)))")
_SETTLEMENT_BEFORE = re.compile(rf"(?:{_VILLAGE_WORD}|{_SETTLEMENT_WORD}|{_LANDFORM}|(?<![村屯寨]){_NUM}[队连])\s*$")


_HEAD_WORD = re.compile(rf"(?:{_STREET}口?{_SIDE}|{_VILLAGE_WORD}|{_SETTLEMENT_WORD}|{_LANDFORM})\s*$")


def _name_glued(head, line_before=None):
    """Whether a person's name may stand glued before a village's or estate's own name in ``head``
    (「1 王建国石桥村3组12号」: a pasted row lost its separator, and the head runs back over the name). A
    place's own name has two characters or more, so only a head with four or more before its word is
    looked at; there the address goes whole, as it did before villages and estates were kept.
    (「马家堡子村」: X家 is a place's name, not a person's)
    ``line_before``: the span's line before it, when known. A name is glued only where the row has no words
    before it or a person cue stands right before it (「1 王建国石桥村…」「收款人李明石桥村…」); after a name's
    cell or another word (「崔X 海兰明珠小区…」「住海兰明珠小区…」) the place's first characters are no person's."""
    # (names imports lexicon, which imports this module)
    from .names import _CUE_END_RE, _WORD_TAGS, looks_like_person_name

    def expected(i):
        if line_before is None:
            return True
        before = line_before + part[:i]
        return not re.search(r"[\u4e00-\u9fff]", before) or bool(_CUE_END_RE.search(before.rstrip(" :：")))

    def person(word):  # (a dictionary word that is no person's name, 「江滨」「华侨」「明天」, nor what begins with one)
        tags = (_WORD_TAGS.get(word), _WORD_TAGS.get(word[:2]) if len(word) > 2 else None)
        return (looks_like_person_name(word) and not word.endswith("家")
                and not any(tag and not tag.startswith("nr") for tag in tags))

    head = re.sub(r"(?<=村委会).+", "", head)  # (a natural village after it: the name would stand before both)
    word = _HEAD_WORD.search(head)
    part = head[:word.start()] if word else head
    return any(person(part[i:i + k]) and expected(i) for i in range(len(part) - 3) for k in (2, 3) if len(part) - i - k >= 2)


def _settlement_head(view, line_before=None):
    """The village's or estate's name kept at the head of an address span's simplified text, or None.
    ``line_before``: the span's line before it, when known (_name_glued)."""
    head = _SETTLEMENT_HEAD.match(view)
    return None if not head or head.end() >= len(view.rstrip()) or _name_glued(head.group(0), line_before) else head


def _line_before(text, start):
    return text[text.rfind("\n", 0, start) + 1:start]


def house_part(text, span, settlements=True):
    """Policy: a private address keeps its road, village or estate name and loses what identifies the
    household — the group, building or house number and everything after it (lane, stairway, room,
    floor): 「柳河路16号5栋602室」 becomes 「柳河路**号」, 「石桥村3组12号」 「石桥村**号」,
    「锦绣小区12栋2单元301室」 「锦绣小区**号」. The road, village and estate are public (they name a
    street, a village of hundreds of households, an estate, and their works: 「柳河路管道更新」
    「石桥村道路硬化」); the group (a few dozen households), the building and the number point at one home.
    ``settlements`` False: a village or estate goes with its house part (a record's location column,
    generalised to its township as it always was)."""
    view = _ocr_digits(simplified(text[span.start:span.end]))
    head = _ROAD_HEAD.match(view) or (_settlement_head(view, _line_before(text, span.start)) if settlements else None)
    if not head or head.end() >= len(span.value):
        return span
    start = span.start + head.end()
    return Span(start, span.end, span.kind, text[start:span.end], span.source)


# A township glued before a kept village or estate is a public place too (「明德镇|上湾村**号」): its last two
# characters and its word, so a name glued before the township (「韦德明那岜镇…」) is never taken into it.
_TOWN_GLUED = re.compile(r"[\u4e00-\u9fff]{2}(?:镇|乡|街道|苏木)$")
# A village or estate the policy kept, before the mark of its house part in scrubbed text (「上湾村**号」):
# the leak scanner and the audit read published text again.
_MARKED_PLACE = re.compile(rf"{_PART}(?:{_VILLAGE_WORD}|{_SETTLEMENT_WORD}|{_LANDFORM}|农场{_NUM}队)(?=\*\*号)")


def _with_township(text, start, end):
    town = _TOWN_GLUED.search(simplified(text[max(0, start - 9):start]))
    return (start - len(town.group(0)) if town else start), end


# A farm glued before its team (「东风农场|五队」): its last two characters and its word, as a township's.
_FARM_GLUED = re.compile(r"[\u4e00-\u9fff]{2}(?:农场|林场)$")
# A market town's 墟 (or 圩) before its lane (「X墟|二巷15号」): the market and the lane are a public place; two or
# three characters before 墟, so no name glued before it in a pasted row is taken in.
_MARKET_ROAD = re.compile(rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,3}}[墟圩]{_NUM}?{_STREET}$")


def kept_place(text, span):
    """(start, end) of the village's or estate's name house_part keeps at the head of ``span`` (with a
    township glued before it), or None. A person's name guessed inside it (「沙棠|新村」, 「乌兰嘎|查」,
    「明德|镇上湾村」) is part of the place: a name glued before the place in a pasted row makes the
    address go whole instead (_name_glued)."""
    view = _ocr_digits(simplified(text[span.start:span.end]))
    road = _ROAD_HEAD.match(view)
    if road:
        market = _MARKET_ROAD.search(" " + road.group(0).rstrip())
        return _with_township(text, span.start, span.start + market.end() - 1) if market else None
    head = _settlement_head(view, _line_before(text, span.start))
    if head and re.fullmatch(rf"{_NUM}队", head.group(0)):
        farm = _FARM_GLUED.search(simplified(text[max(0, span.start - 4):span.start]))
        return (span.start - len(farm.group(0)) if farm else span.start), span.start + len(head.group(0))
    return _with_township(text, span.start, span.start + len(head.group(0).rstrip())) if head else None


def marked_places(text):
    """(start, end) of each village or estate kept before a 「**号」 mark in already-scrubbed ``text``."""
    return [_with_township(text, m.start(), m.end()) for m in _MARKED_PLACE.finditer(simplified(text))
            if not _name_glued(m.group(0))]


def generalise_address(text, span):
    """Replacement for an address span: 「**号」 after a kept road, village or estate name, empty when a
    township/street precedes it (kept), else a marker."""
    before = simplified(text[:span.start])
    if _ROAD_BEFORE.search(before) or _SETTLEMENT_BEFORE.search(before):
        return "**号"
    return "" if _TOWN_BEFORE.search(before) else "（详细地址已隐去）"


def township_of(address):
    """The township/street part of a full address, e.g. 「…松岗县白沙镇李家村3组」→「白沙镇」."""
    m = re.search(r"([^市区县]{1,6}?(?:镇|乡|街道))", address or "")
    return m.group(1) if m else None
