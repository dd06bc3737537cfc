"""Suggested questions, built from the publication's own names (cached per publication)."""
from sqlalchemy import func, select

from ledger.schema import expenditures, projects

from .lexicon import for_publication

_cache = {}


def suggestions(conn, publication, config=None, limit=8):
    pub_id = publication["id"]
    key = (str(conn.engine.url), pub_id)
    if key in _cache:
        return _cache[key]
    lex = for_publication(conn, pub_id, config)
    years = sorted(r[0] for r in conn.execute(select(expenditures.c.year).where(
        expenditures.c.publication_id == pub_id).distinct()))
    latest = years[-1] if years else None
    regions = [c for c, lvl in lex.region_level.items() if lvl >= 1]
    each = lex.each_word
    whole = "全" + lex.root_name[-1] if lex.root_name not in ("全国",) else "全国"
    out = []
    if latest:
        out.append(f"{latest}年{whole}教育支出是多少？")
        out.append(f"{latest}年哪个{each[1:]}民生支出占比最高？")
        out.append(f"近三年{whole}社会保障和就业支出变化")
        out.append(f"{latest}年卫生健康支出同比增长多少？")
    if len(regions) >= 2 and latest:
        a, b = (lex.region_names[c] for c in regions[:2])
        out.append(f"比较{a}和{b}{latest}年的交通运输支出")
    has_budget = bool(lex.dept_names)
    if has_budget:
        out.append(f"今年上半年{each}预算执行率")
        out.append("支出最多的五个部门")
    n_projects = conn.execute(select(func.count()).select_from(projects).where(projects.c.publication_id == pub_id)).scalar()
    if n_projects:
        out.append("有哪些项目进度滞后？")
        if "公里" in lex.output_units:
            out.append("去年全市修了多少公里农村公路？")
        out.append("投资最大的十个项目")
    _cache[key] = out[:limit]
    return _cache[key]
