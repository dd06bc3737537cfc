"""Small hand-made documents for the search conformance suite (shared by every backend)."""


def doc(doc_id, doc_type, title, names, body, *, year=2025, region_code="330102", region="城东区",
        class_code="214", class_name="交通运输支出", status="在建", amount_fen=None, date="2025-03-01"):
    return {"id": doc_id, "type": doc_type, "title": title, "names": names, "body": body, "year": year,
            "region_code": region_code, "region": region, "class_code": class_code, "class_name": class_name,
            "status": status, "amount_fen": amount_fen, "date": date, "url": f"/x/{doc_id}", "code": doc_id}


CORPUS = [
    doc("project:P1", "project", "城东区农村公路提档升级工程", "农村公路 · 城东区 · 城东区交通运输局",
        "新建改建农村公路 12.5 公里，惠及沿线 8 个行政村。", amount_fen=3_200_000_000),
    doc("project:P2", "project", "城西区农村公路养护工程", "农村公路 · 城西区 · 城西区交通运输局",
        "对全区农村公路进行日常养护。", region_code="330103", region="城西区", amount_fen=800_000_000,
        status="已完工", year=2024, date="2024-06-01"),
    doc("project:P3", "project", "某某小学改扩建工程", "学校建设 · 城西区 · 城西区教育局",
        "对某某小学教学楼进行改扩建，新增教室 24 间，可容纳学生 1000 人。", region_code="330103",
        region="城西区", class_code="205", class_name="教育支出", amount_fen=4_500_000_000),
    doc("project:P4", "project", "城南区中心养老院建设项目", "养老服务 · 城南区 · 城南区民政局",
        "新建养老院一所，设置床位 300 张，配套医务室。", region_code="330104", region="城南区",
        class_code="208", class_name="社会保障和就业支出", amount_fen=6_000_000_000, status="滞后"),
    doc("project:P5", "project", "城东区社区卫生服务中心改造", "卫生健康 · 城东区 · 城东区卫生健康局",
        "改造社区卫生服务中心门诊楼，方便居民就近看病就医。", class_code="210", class_name="卫生健康支出",
        amount_fen=1_500_000_000),
    doc("project:P6", "project", "乡镇污水处理设施建设", "节能环保 · 城南区 · 城南区生态环境局",
        "建设乡镇污水处理站 6 座，顺便修缮通往污水站的道路。", region_code="330104", region="城南区",
        class_code="211", class_name="节能环保支出", amount_fen=2_000_000_000),
    doc("report:R1", "report", "关于2025年预算执行情况的报告", "执行情况 · 示例市",
        "全市一般公共预算支出执行率达到 92%。民生支出占比保持在八成以上。农村公路建设进展顺利，"
        "新建改建农村公路 120 公里；养老院床位新增 900 张。", region_code="", region="", class_code="",
        class_name="", status="执行情况", date="2025-12-20"),
    doc("report:R2", "report", "2024年财政白皮书", "白皮书 · 示例市",
        "本白皮书介绍政府性基金预算和国有资本经营预算情况。教育支出稳定增长，学校建设加快推进。",
        year=2024, region_code="", region="", class_code="", class_name="", status="白皮书", date="2024-12-01"),
    doc("department:D1", "department", "城东区交通运输局", "城东区", "城东区交通运输局\n主要支出：交通运输支出",
        class_code="", class_name="", status="", amount_fen=9_000_000_000),
    doc("department:D2", "department", "城西区教育局", "城西区", "城西区教育局\n主要支出：教育支出",
        region_code="330103", region="城西区", class_code="", class_name="", status="", amount_fen=12_000_000_000),
    doc("budget:B1", "budget", "2025年城东区城东区交通运输局公路水路运输预算", "公路水路运输 · 交通运输支出",
        "2025年预算3.20亿元，科目21401公路水路运输，属交通运输支出", status="", amount_fen=32_000_000_000),
    doc("budget:B2", "budget", "2025年城西区城西区教育局普通教育预算", "普通教育 · 教育支出",
        "2025年预算5.10亿元，科目20502普通教育，属教育支出", region_code="330103", region="城西区",
        class_code="205", class_name="教育支出", status="", amount_fen=51_000_000_000),
]

DICTIONARY = ["城东区", "城西区", "城南区", "农村公路", "养老院", "交通运输局", "教育局", "民政局",
              "卫生健康局", "公路水路运输", "普通教育", "某某小学"]
