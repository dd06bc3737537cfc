"""The 绩效 section of a project page: score, indicators and a radar against the peer median.

Apart from views/performance.py so that pages.py can use it without importing that blueprint.
"""
from ledger.queries import performance as q_perf

from .charts import PALETTE


def radar(perf):
    """ECharts radar: the project's achievement per indicator (%) against its peers' median; None with
    fewer than three measured axes (a radar needs three) or before the project is scored (nothing to draw)."""
    if perf["score"] is None:
        return None
    axes = [a for a in perf["radar"] if a["project"] is not None or a["peer_median"] is not None]
    if len(axes) < 3:
        return None
    return {
        "color": PALETTE,
        "mzUnit": "%",
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "radar": {"indicator": [{"name": a["label"], "max": 100, "min": 0} for a in axes],
                  "radius": "64%", "center": ["50%", "48%"]},
        "series": [{"type": "radar", "name": "完成程度（%）", "areaStyle": {"opacity": 0.08}, "data": [
            {"name": "本项目", "value": [a["project"] or 0 for a in axes]},
            {"name": "同类项目中位数", "value": [a["peer_median"] or 0 for a in axes],
             "lineStyle": {"type": "dashed", "color": "#555"}, "itemStyle": {"color": "#555"}}]}],
        "aria": {"enabled": True},
        "animation": False,
    }


def project_context(conn, pub_id, code):
    perf = q_perf.project_performance(conn, pub_id, code)
    return {"perf": perf, "perf_radar": radar(perf) if perf else None}
