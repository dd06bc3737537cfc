"""What is published of each field: the one readable place that declares it.

Record fields (raw column -> treatment):
  drop        never published (the raw PII columns)
  pseudonym   keyed HMAC label when the row is about a natural person (「受助人3F9A0C12」), else kept
  text        free text: identifiers found in it are treated per TEXT_POLICY
  generalise  addresses cut to township/street (a village or estate goes with its group, building or number)
  keep        published as is (everything not listed)

Identifiers found in free text (kind -> treatment):
  mask        at most the last VISIBLE_DIGITS digits stay (**************002X, ***-****-5678);
              a name the data does not know becomes surname + 某某 (张某某); see masks.py
  pseudonym   the same label the person has in the records
  generalise  address detail removed: the group, building, house number and room go (「**号」); the road,
              village or estate before them stays (「柳河路**号」「石桥村**号」「锦绣小区**号」, address.house_part)
  keep        public officials named in their official role, public offices' phone lines
"""

DROP, PSEUDONYM, TEXT, GENERALISE, KEEP, MASK = "drop", "pseudonym", "text", "generalise", "keep", "mask"

FIELD_POLICY = {
    "projects": {
        "name": TEXT,
        "description": TEXT,
        "location": GENERALISE,
        "contractor": PSEUDONYM,
        "contractor_type": KEEP,  # read to decide the pseudonym; not a published column
        "contractor_id_number": DROP,
        "contractor_phone": DROP,
    },
    "project_updates": {"note": TEXT},
    "payments": {
        "payee": PSEUDONYM,
        "payee_id_number": DROP,
        "payee_phone": DROP,
        "payee_bank_card": DROP,
        "payee_address": DROP,
        "purpose": TEXT,
    },
    "documents": {"title": TEXT, "body": TEXT},
}

# Which person-type column decides whether a PSEUDONYM field names a natural person.
PERSON_TYPE_COLUMN = {"payee": "payee_type", "contractor": "contractor_type"}
PERSON_TYPE_VALUE = "个人"
# Pseudonym prefixes by field: what the label says about the person's role.
PSEUDONYM_PREFIX = {"payee": "受助人", "contractor": "个人承包方"}
DEFAULT_PREFIX = "个人"

# What a dropped raw column held, for the report.
DROPPED_KIND = {
    "payee_id_number": "id_number", "contractor_id_number": "id_number",
    "payee_phone": "phone", "contractor_phone": "phone",
    "payee_bank_card": "bank_card", "payee_address": "address",
}

TEXT_POLICY = {
    "id_number": MASK,
    "mobile": MASK,
    "landline": MASK,
    "bank_card": MASK,
    "email": MASK,
    "passport": MASK,
    "plate": MASK,
    "uscc": MASK,
    "qq": MASK,
    "wechat": MASK,
    "other_id": MASK,  # 社保卡号、医保卡号、残疾证号… after their cue word
    "person_name": MASK,  # names the data knows get their record pseudonym instead
    "address": GENERALISE,
    "official": KEEP,
    "office_line": KEEP,  # a department's, office's or hotline's number: public by nature
}


# Digits a masked number keeps (its last ones): 4 by default and never more (masks.py says why).
# A deployment lowers it through the caller (portal/config.py ANONYMIZE_VISIBLE_DIGITS); this
# package reads no environment, so the same text always scrubs the same way wherever it runs.
VISIBLE_DIGITS = 4
MAX_VISIBLE_DIGITS = 4

# Chinese labels for reports.
KIND_LABELS = {
    "id_number": "身份证号", "mobile": "手机号", "landline": "固定电话", "phone": "电话号码",
    "bank_card": "银行卡号", "email": "电子邮箱", "passport": "护照/通行证号", "plate": "车牌号",
    "uscc": "个体工商户信用代码", "qq": "QQ号", "wechat": "微信号", "other_id": "其他证件号", "person_name": "个人姓名", "address": "详细住址", "official": "公职人员姓名（履职）",
    "office_line": "机关单位公开电话", "pseudonym": "个人姓名（假名）", "number": "号码",
}
TREATMENT_LABELS = {DROP: "删除", PSEUDONYM: "假名化", MASK: "遮盖", GENERALISE: "概括到乡镇/街道", KEEP: "保留"}


def field_rule(table, field):
    return FIELD_POLICY.get(table, {}).get(field, KEEP)
