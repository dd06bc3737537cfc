"""What happens after a publication is committed."""
import logging

log = logging.getLogger(__name__)


def after_publish(app, publication, published_rows):
    """Re-index search from the published (already de-identified) rows.

    The publication is already committed and serving; a failing re-index must not turn that
    into an error. It is logged and returned as a warning (search keeps the previous index,
    and ``mingzhang reindex`` retries).
    """
    try:
        from search import reindex
    except ImportError:
        return []
    try:
        reindex(app.config, app.extensions["mingzhang.engine"], publication)
    except Exception as exc:  # noqa: BLE001 - any failure of the index must leave the publication serving
        log.exception("search re-index failed for publication %s", publication["id"])
        return [f"搜索索引更新失败（{type(exc).__name__}），搜索仍使用上一次的索引；请运行 mingzhang reindex 重试。"]
    return []
