"""What the demo city spends on: functional classes, departments, project types, subsidies.

Class codes and names are the real ones from the 政府收支分类科目 (2021+ edition);
department and programme definitions are invented but typical of a Chinese city.
"""
from dataclasses import dataclass

# 类 (3 digits): real codes and names.
CLASSES_LEVEL1 = {
    "201": "一般公共服务支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "224": "灾害防治及应急管理支出",
    "229": "其他支出",
}

# 款 (5 digits): real codes and names.
CLASSES_LEVEL2 = {
    "20101": "人大事务",
    "20103": "政府办公厅（室）及相关机构事务",
    "20104": "发展与改革事务",
    "20105": "统计信息事务",
    "20106": "财政事务",
    "20108": "审计事务",
    "20306": "国防动员",
    "20402": "公安",
    "20501": "教育管理事务",
    "20502": "普通教育",
    "20503": "职业教育",
    "20601": "科学技术管理事务",
    "20604": "技术研究与开发",
    "20701": "文化和旅游",
    "20702": "文物",
    "20703": "体育",
    "20801": "人力资源和社会保障管理事务",
    "20802": "民政管理事务",
    "20805": "行政事业单位养老支出",
    "20807": "就业补助",
    "20808": "抚恤",
    "20810": "社会福利",
    "20811": "残疾人事业",
    "20819": "最低生活保障",
    "20820": "临时救助",
    "20828": "退役军人管理事务",
    "21001": "卫生健康管理事务",
    "21002": "公立医院",
    "21003": "基层医疗卫生机构",
    "21004": "公共卫生",
    "21101": "环境保护管理事务",
    "21103": "污染防治",
    "21104": "自然生态保护",
    "21201": "城乡社区管理事务",
    "21203": "城乡社区公共设施",
    "21205": "城乡社区环境卫生",
    "21208": "国有土地使用权出让收入安排的支出",
    "21301": "农业农村",
    "21302": "林业和草原",
    "21303": "水利",
    "21307": "农村综合改革",
    "21401": "公路水路运输",
    "21505": "工业和信息产业监管",
    "21602": "商业流通事务",
    "22001": "自然资源事务",
    "22101": "保障性安居工程支出",
    "22201": "粮油物资事务",
    "22401": "应急管理事务",
    "22402": "消防救援事务",
    "22960": "彩票公益金安排的支出",
}


@dataclass(frozen=True)
class DeptType:
    key: str
    city_name: str  # 市级单位名称
    district_suffix: str | None  # 区县级单位名称后缀; None: city level only
    classes: tuple  # ((class code, share of the department budget), ...)
    weight: float  # relative size of the annual budget


# In priority order: small demo scales keep the first ones.
DEPT_TYPES = [
    DeptType("edu", "市教育局", "教育局", (("20501", 0.06), ("20502", 0.84), ("20503", 0.10)), 17.0),
    DeptType("health", "市卫生健康委员会", "卫生健康局",
             (("21001", 0.08), ("21002", 0.42), ("21003", 0.28), ("21004", 0.22)), 9.0),
    DeptType("transport", "市交通运输局", "交通运输局", (("21401", 1.0),), 6.0),
    DeptType("civil", "市民政局", "民政局",
             (("20802", 0.10), ("20810", 0.30), ("20811", 0.12), ("20819", 0.28), ("20820", 0.08),
              ("22960", 0.12)), 6.5),
    DeptType("agri", "市农业农村局", "农业农村局", (("21301", 0.75), ("21307", 0.25)), 7.0),
    DeptType("housing", "市住房和城乡建设局", "住房和城乡建设局",
             (("21201", 0.12), ("21203", 0.48), ("22101", 0.40)), 8.0),
    DeptType("water", "市水利局", "水利局", (("21303", 1.0),), 4.0),
    DeptType("hrss", "市人力资源和社会保障局", "人力资源和社会保障局",
             (("20801", 0.10), ("20805", 0.70), ("20807", 0.20)), 9.0),
    DeptType("urban", "市城市管理局", "城市管理局", (("21203", 0.55), ("21205", 0.45)), 4.5),
    DeptType("eco", "市生态环境局", "生态环境局", (("21101", 0.15), ("21103", 0.70), ("21104", 0.15)), 3.0),
    DeptType("police", "市公安局", "公安分局", (("20402", 1.0),), 6.0),
    DeptType("forestry", "市林业局", None, (("21302", 1.0),), 1.6),
    DeptType("finance", "市财政局", "财政局", (("20106", 1.0),), 2.0),
    DeptType("govoffice", "市人民政府办公室", None, (("20103", 1.0),), 1.2),
    DeptType("ndrc", "市发展和改革委员会", None, (("20104", 1.0),), 0.8),
    DeptType("science", "市科学技术局", None, (("20601", 0.15), ("20604", 0.85)), 3.0),
    DeptType("culture", "市文化广电旅游体育局", "文化旅游体育局",
             (("20701", 0.6), ("20702", 0.15), ("20703", 0.25)), 2.2),
    DeptType("land", "市自然资源和规划局", None, (("22001", 0.3), ("21208", 0.7)), 5.0),
    DeptType("emergency", "市应急管理局", None, (("22401", 0.45), ("22402", 0.55)), 1.5),
    DeptType("veterans", "市退役军人事务局", None, (("20808", 0.6), ("20828", 0.4)), 1.2),
    DeptType("industry", "市工业和信息化局", None, (("21505", 1.0),), 1.5),
    DeptType("commerce", "市商务局", None, (("21602", 1.0),), 0.9),
    DeptType("grain", "市粮食和物资储备局", None, (("22201", 1.0),), 0.7),
    DeptType("audit", "市审计局", None, (("20108", 1.0),), 0.4),
    DeptType("stats", "市统计局", None, (("20105", 1.0),), 0.3),
    DeptType("npc", "市人大常委会办公室", None, (("20101", 1.0),), 0.4),
    DeptType("defense", "市国防动员办公室", None, (("20306", 1.0),), 0.3),
]
DISTRICT_DEPT_COUNT = 6  # at scale 1.0 each district has the first six district-level types


@dataclass(frozen=True)
class Category:
    name: str
    dept_type: str
    class_code: str
    output_name: str
    output_unit: str
    quantity: tuple  # planned output range
    unit_cost: tuple  # 元 per output unit
    months: tuple  # planned duration range in months
    templates: tuple  # project name templates
    trade: str  # contractor trade (vocab.COMPANY_TRADES)
    weight: float  # share of projects
    rural: bool  # mostly in 镇 rather than 街道
    individual_share: float = 0.0  # share of small projects done by an individual contractor


CATEGORIES = [
    Category("农村公路", "transport", "21401", "新建改建农村公路", "公里", (2, 28), (600_000, 2_200_000), (4, 14),
             ("{town}至{village}村农村公路改建工程", "{town}{village}村通组公路硬化工程",
              "{district}{town}农村公路安全生命防护工程"), "road", 0.20, True, 0.12),
    Category("学校改扩建", "edu", "20502", "新增校舍面积", "平方米", (1_500, 18_000), (3_200, 5_600), (8, 24),
             ("{district}{school}改扩建项目", "{town}中心学校教学楼新建工程", "{district}{school}运动场及附属设施改造工程"),
             "building", 0.12, False),
    Category("幼儿园建设", "edu", "20502", "新增学位", "个", (90, 540), (28_000, 62_000), (8, 18),
             ("{town}中心幼儿园新建项目", "{district}第{n}幼儿园建设工程"), "building", 0.05, False),
    Category("养老服务设施", "civil", "20810", "新增养老床位", "张", (30, 320), (70_000, 180_000), (6, 18),
             ("{town}敬老院改造提升工程", "{district}{town}社区嵌入式养老服务中心建设项目",
              "{town}区域养老服务中心新建工程"), "building", 0.08, False),
    Category("污水管网", "eco", "21103", "新建污水管网", "公里", (1, 30), (1_500_000, 5_800_000), (6, 20),
             ("{town}污水管网建设工程", "{district}{town}雨污分流改造工程", "{town}{village}村生活污水治理工程"),
             "water", 0.09, True),
    Category("保障性住房", "housing", "22101", "建设保障性住房", "套", (100, 1_200), (120_000, 300_000), (14, 30),
             ("{district}{estate}保障性租赁住房项目", "{district}{town}棚户区改造安置房项目"), "building", 0.06, False),
    Category("老旧小区改造", "housing", "21203", "改造老旧小区", "户", (200, 3_000), (9_000, 30_000), (5, 12),
             ("{town}{estate}小区等老旧小区改造项目", "{district}{town}片区老旧小区综合整治工程"), "building", 0.08, False),
    Category("医疗卫生机构", "health", "21003", "新增床位", "张", (20, 400), (300_000, 800_000), (12, 30),
             ("{town}卫生院业务用房改扩建工程", "{district}{hospital}住院综合楼建设项目",
              "{town}社区卫生服务中心标准化建设项目"), "building", 0.07, False),
    Category("高标准农田", "agri", "21301", "新建高标准农田", "亩", (1_000, 20_000), (1_500, 3_000), (4, 12),
             ("{town}高标准农田建设项目", "{district}{town}{village}村高标准农田提质改造项目"), "water", 0.09, True, 0.15),
    Category("农田水利", "water", "21303", "新增恢复灌溉面积", "亩", (500, 12_000), (800, 2_400), (3, 10),
             ("{town}{village}村山塘整治工程", "{town}灌区续建配套与节水改造工程", "{district}{town}小型农田水利设施建设项目"),
             "water", 0.07, True, 0.25),
    Category("公园绿地", "urban", "21203", "新增公园绿地面积", "平方米", (5_000, 80_000), (180, 800), (5, 14),
             ("{district}{park}公园建设工程", "{town}口袋公园建设项目", "{district}{park}绿道提质工程"),
             "garden", 0.06, False),
    Category("农村供水", "water", "21303", "巩固提升农村供水受益人口", "人", (2_000, 30_000), (300, 1_000), (4, 12),
             ("{town}农村供水保障工程", "{town}{village}村饮水安全巩固提升工程"), "water", 0.03, True, 0.20),
]


@dataclass(frozen=True)
class Programme:
    name: str  # the 用途 written on the payment
    weight: float  # share of subsidy payments
    amount: tuple  # 元 per payment (per-person value drawn once, then kept)
    months: tuple  # months in which it is paid
    eligibility: str  # any | elderly | rural | working


PROGRAMMES = [
    Programme("耕地地力保护补贴", 0.24, (150, 3_600), (4, 5, 6, 7), "rural"),
    Programme("高龄津贴", 0.22, (100, 500), tuple(range(1, 13)), "elderly"),
    Programme("最低生活保障金", 0.20, (450, 980), tuple(range(1, 13)), "any"),
    Programme("困难残疾人生活补贴", 0.09, (90, 200), tuple(range(1, 13)), "any"),
    Programme("临时救助", 0.08, (500, 5_000), tuple(range(1, 13)), "any"),
    Programme("生态护林员补助", 0.08, (600, 1_000), tuple(range(1, 13)), "rural"),
    Programme("一次性创业补贴", 0.04, (5_000, 10_000), tuple(range(1, 13)), "working"),
    Programme("农机购置补贴", 0.03, (3_000, 60_000), (3, 4, 5, 6, 9, 10), "rural"),
    Programme("个体承包劳务费", 0.02, (2_000, 30_000), tuple(range(3, 13)), "working"),
]

# Normal monthly spending pattern (share of the year's spending): slow start, June and December peaks.
MONTH_WEIGHTS = (5.5, 6.5, 9.0, 8.0, 8.5, 11.5, 7.0, 7.0, 8.5, 7.0, 8.0, 13.5)
