"""Per-field policy, declared in one readable place.

Treatments: drop (never published), pseudonym (keyed HMAC: same person, same label),
text (free text scrubbed), keep.
"""
POLICY = {
    "projects": {
        "contractor_id_number": "drop",
        "contractor_phone": "drop",
        "contractor_type": "drop",
        "contractor": "pseudonym_if_person",
        "description": "text",
    },
    "project_updates": {"note": "text"},
    "payments": {
        "payee_id_number": "drop",
        "payee_phone": "drop",
        "payee_bank_card": "drop",
        "payee_address": "drop",
        "payee": "pseudonym_if_person",
        "purpose": "text",
    },
    "documents": {"body": "text", "title": "text"},
}


def apply_policy(deid, table, row):
    rules = POLICY.get(table, {})
    out = {}
    for key, value in row.items():
        rule = rules.get(key, "keep")
        if rule == "drop":
            if value not in (None, ""):
                deid.counts[(key, "drop")] += 1
            continue
        if rule == "pseudonym_if_person":
            person = (row.get("payee_type") or row.get("contractor_type")) == "个人"
            if person and value:
                deid.counts[("person_name", "pseudonym")] += 1
                value = deid.pseudonym(value, "受助人" if table == "payments" else "个人承包方")
            out[key] = value
        elif rule == "text":
            out[key] = deid.text(value)
        else:
            out[key] = value
    return out
