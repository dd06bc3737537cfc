"""What happens after a publication is committed."""
import logging

log = logging.getLogger(__name__)

REINDEX_HINT = "请排除故障后在服务器上运行「mingzhang reindex」重建搜索索引（无需重新发布）。"
REINDEX_WHEN_BACK = "请届时在服务器上运行「mingzhang reindex」重建搜索索引（无需重新发布）。"


def after_publish(app, publication, published_rows):
    """Re-index search from the published (already de-identified) rows.

    The publication is already committed and serving; a failing re-index must not turn that
    into an error. It is logged and returned as a warning for staff that says what still works
    and what to do (search keeps the previous index, and ``mingzhang reindex`` retries).
    """
    try:
        from search import reindex
    except ImportError:
        return []
    try:
        reindex(app.config, app.extensions["mingzhang.engine"], publication)
    except Exception as exc:  # noqa: BLE001 - any failure of the index must leave the publication serving
        log.exception("search re-index failed for publication %s", publication["id"])
        return [reindex_failure_message(app.config, publication, exc)]
    return []


def reindex_failure_message(config, publication, exc):
    """The staff-facing warning (Chinese): the publication is live; which index search serves; what to do."""
    head = (f"搜索索引更新失败（{type(exc).__name__}，详情见服务器日志）。发布 #{publication['id']} 已经上线，"
            "各页面、问答和下载都显示新数据，只影响站内搜索：")
    elasticsearch = (config.get("SEARCH_BACKEND") or "sqlite").lower() in ("elasticsearch", "es")
    if elasticsearch and _embedded_index_publication(config) == str(publication["id"]):
        return (head + "Elasticsearch 暂时无法连接，在它恢复前，搜索自动改用本地内置索引（已含本次数据）；"
                "Elasticsearch 恢复后它仍是上一次的索引，" + REINDEX_WHEN_BACK)
    return head + "搜索仍使用上一次的索引，搜不到本次新增或修改的内容。" + REINDEX_HINT


def _embedded_index_publication(config):
    """The publication id the embedded (SQLite) search index was built from, as text, or None."""
    try:
        from search.sqlite_backend import SQLiteBackend

        info = SQLiteBackend(config["SEARCH_INDEX_PATH"], config).info()
    except Exception:  # noqa: BLE001 - a missing or broken file just means "not this publication"
        return None
    value = info.get("publication_id")
    return None if value is None else str(value)
