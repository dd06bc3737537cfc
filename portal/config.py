"""Every setting, declared once: its environment variable, default, type and meaning.

``load_config`` builds the Flask config from the environment; nothing else in the project reads
environment variables for settings. The README's configuration table documents each one (a test
checks both directions), and ``mingzhang settings`` prints them with their current values.
"""
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from anonymize.policy import MAX_VISIBLE_DIGITS, VISIBLE_DIGITS
from ledger.importer.readers import ImportLimits
from ledger.inquiries import parse_holidays
from ledger.paths import PROJECT_ROOT

MB = 1024 * 1024


def _flag(text):
    return text.strip() == "1"


@dataclass(frozen=True)
class Setting:
    env: str                 # environment variable
    default: object          # default, after parsing (a callable gets the config built so far)
    help: str                # what it means, in the README's words
    key: str = ""            # Flask config key; empty: same as env
    parse: Callable = str    # text -> value
    scale: int = 1           # multiplier applied after parsing (MB -> bytes)

    @property
    def config_key(self):
        return self.key or self.env


def _visible_digits(text):
    """ANONYMIZE_VISIBLE_DIGITS: 0–4; more would undo the mask policy (anonymize/masks.py), so refused."""
    value = int(text) if text.strip().isdigit() else -1
    if not 0 <= value <= MAX_VISIBLE_DIGITS:
        raise ValueError(f"ANONYMIZE_VISIBLE_DIGITS={text}: 号码最多保留末 {MAX_VISIBLE_DIGITS} 位，请设为 0–{MAX_VISIBLE_DIGITS}")
    return value


# Public holidays of 2026 that fall on weekdays (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆); a deployment
# sets its own year's list. Make-up working weekends (调休) are not modelled.
DEFAULT_HOLIDAYS = ("2026-01-01,2026-02-16,2026-02-17,2026-02-18,2026-02-19,2026-02-20,2026-04-06,"
                    "2026-05-01,2026-05-04,2026-05-05,2026-06-19,2026-09-25,"
                    "2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07")


WARM_UP_CHOICES = ("server", "app", "off")


def _warm_up(text):
    """WARM_UP: when the models and dictionaries load (portal/warmup.py)."""
    value = text.strip().lower()
    if value not in WARM_UP_CHOICES:
        raise ValueError(f"WARM_UP={text}: 请设为 {' / '.join(WARM_UP_CHOICES)} 之一")
    return value


def _instance_default(name):
    return lambda config: config["INSTANCE_PATH"] / name


SETTINGS = (
    Setting("MINGZHANG_INSTANCE", PROJECT_ROOT / "instance", "数据库、搜索索引、上传文件所在目录",
            key="INSTANCE_PATH", parse=Path),
    Setting("DATABASE_URL", lambda c: f"sqlite:///{c['INSTANCE_PATH'] / 'mingzhang.db'}",
            "SQLAlchemy 地址；PostgreSQL 用 `postgresql+psycopg://…`"),
    Setting("SEARCH_BACKEND", "sqlite", "`sqlite`（内嵌 FTS5）或 `elasticsearch`"),
    Setting("SEARCH_INDEX_PATH", _instance_default("search.db"), "内嵌搜索索引文件", parse=Path),
    Setting("ELASTICSEARCH_URL", "", "Elasticsearch 地址"),
    Setting("ELASTICSEARCH_INDEX", "mingzhang", "Elasticsearch 索引别名"),
    Setting("ELASTICSEARCH_TIMEOUT", "2", "ES 单次请求超时（秒）"),
    Setting("ELASTICSEARCH_RETRY_AFTER", "30", "ES 失败后改用本地索引的时长（秒）"),
    Setting("SEARCH_HYBRID", "1", "搜索是否融合语义向量（`1`/`0`）"),
    Setting("SEARCH_HYBRID_MAX_DOCS", "50000", "要嵌入的文档（项目、报告、部门）超过此数时该索引不建向量，搜索只按关键词并注明"
            "（`0` 不设上限）"),
    Setting("SEARCH_EMBEDDING_CACHE", "", "段落向量缓存文件（默认 `.cache/search-embeddings.sqlite`；`off` 关闭）"),
    Setting("EMBEDDING_MODEL", "", "sentence-transformers 模型名或路径（默认：内置 e5-small 转换）"),
    Setting("EMBEDDING_THREADS", 1, "语义模型计算用的线程数；默认 1：与其他进程共用 CPU 时（gunicorn 的另一个 worker、"
            "导入时的去标识化）多线程互相空等反而更慢，只有空闲的多核机器上批量导入时才值得调大", parse=int),
    Setting("SEARCH_INDEX_THREADS", 0, "命令行导入（`mingzhang import`/`demo`）和 `mingzhang reindex` 批量计算语义向量时 torch "
            "用的线程数；默认 0 = 全部 CPU 核（这时进程里没有别的计算）；网页上发布后的重建一律用 `EMBEDDING_THREADS`",
            parse=int),
    Setting("WARM_UP", "server", "何时加载语义模型、分词词典、问答词表和搜索索引：`server`（默认，gunicorn 每个 worker "
            "启动时，首个问答和搜索无需等待）、`app`（`create_app` 时，供其他 WSGI 服务器使用）、`off`（首次用到时）",
            parse=_warm_up),
    Setting("NLQ_EMBEDDINGS", True, "问答是否用向量匹配生僻词", parse=_flag),
    Setting("MINSHENG_CLASSES", "", "民生支出包含的类（逗号分隔；默认 205,207,208,210,211,212,213,221）"),
    Setting("PUBLIC_BASE_URL", "", "生成的白皮书里链接使用的网站地址"),
    Setting("MINGZHANG_BUILD_ID", "", "程序版本，参与 HTTP 缓存的 ETag（默认：源代码摘要）", key="BUILD_ID"),
    # Empty keys mean "the instance's own": portal/keys.py generates them at random on first start.
    Setting("SECRET_KEY", "", "会话、CSRF、访问者摘要的密钥；不设置时使用实例目录中的 `secret_key` 文件"
            "（首次启动时随机生成，权限 0600）"),
    Setting("PSEUDONYM_KEY", "", "个人代号（HMAC）的密钥，各次发布间须保持不变；不设置时使用实例目录中的 "
            "`pseudonym_key` 文件（首次启动时随机生成）；从不借用 `SECRET_KEY`"),
    Setting("STAFF_SESSION_HOURS", 12, "工作人员登录会话的最长有效时间（小时），到期须重新登录", parse=int),
    Setting("WTF_CSRF_TIME_LIMIT", 7200, "表单安全令牌（CSRF）的有效期（秒）；过期后提交会被拒绝并提示刷新页面",
            parse=int),
    Setting("RATELIMIT_STORAGE_URI", "memory://", "限流计数存储；多进程部署用 `redis://…`"),
    Setting("RATELIMIT_FALLBACK", True, "Redis 不可达时各 worker 改在自己内存中计数，继续服务；`0` 则此时请求返回 500",
            key="RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", parse=_flag),
    Setting("RATELIMIT_STORAGE_TIMEOUT", 0.5, "等待 Redis（连接与每条命令）的秒数，超过即视为不可达", parse=float),
    Setting("RATELIMIT_WRITE", "5 per minute", "评议提交的限流"),
    Setting("RATELIMIT_ASK", "30 per minute", "问答接口的限流"),
    Setting("RATELIMIT_DOWNLOAD", "30 per minute",
            "带筛选条件、按请求即时生成的开放数据下载的限流（整表下载是每次发布生成一次的文件，不计）"),
    Setting("DOWNLOADS_ACCEL_REDIRECT", "",
            "设为 nginx 内部 location（如 `/_downloads/`）时，整表下载文件由 nginx 发送（`X-Accel-Redirect`）"),
    Setting("RATELIMIT_LOGIN", "10 per minute", "每个客户端登录尝试的限流（除打开登录页的 GET 外，任何请求方法都计数）"),
    Setting("LOGIN_LOCKOUT_THRESHOLD", 10, "同一账号连续登录失败多少次后暂时锁定（与客户端无关）", parse=int),
    Setting("LOGIN_LOCKOUT_SECONDS", 60, "首次锁定的秒数；此后每再失败一次加倍", parse=int),
    Setting("LOGIN_LOCKOUT_MAX_SECONDS", 3600, "锁定时长的上限（秒）", parse=int),
    Setting("COMMENTS_PREMODERATED", True, "新评议是否先审后发", parse=_flag),
    Setting("INQUIRY_DEADLINE_DAYS", 15, "在线质询的答复期限（工作日，周末和 INQUIRY_HOLIDAYS 不计）", parse=int),
    Setting("INQUIRY_HOLIDAYS", parse_holidays(DEFAULT_HOLIDAYS), "不计入答复期限的节假日，逗号分隔的 YYYY-MM-DD",
            parse=parse_holidays),
    Setting("CITY_NAME", "示例市", "站点显示的城市名"),
    Setting("MINGZHANG_ENV", "development", "`production` 时会话 Cookie 一律加 Secure"),
    Setting("MAX_UPLOAD_MB", 50 * MB, "后台上传大小上限（MB）", key="MAX_CONTENT_LENGTH", parse=int, scale=MB),
    Setting("MAX_BODY_KB", 64 * 1024, "其他所有请求（评议、登录、接口）的请求体上限（KB）；超过即返回 413，不读取请求体",
            key="MAX_BODY_BYTES", parse=int, scale=1024),
    Setting("MINGZHANG_PROXY_COUNT", 0, "门户前面添加 `X-Forwarded-*` 头的反向代理层数；0 表示忽略这些头",
            key="TRUSTED_PROXY_COUNT", parse=int),
    Setting("IMPORT_MAX_ROWS", ImportLimits.max_rows, "每个导入文件（工作表）的最多数据行数", parse=int),
    Setting("IMPORT_MAX_FILE_MB", ImportLimits.max_file_mb, "每个导入文件的大小上限（MB）", parse=int),
    Setting("IMPORT_MAX_XLSX_INFLATED_MB", ImportLimits.max_xlsx_inflated_mb,
            "XLSX 解压后大小上限（MB，防「压缩炸弹」）", parse=int),
    Setting("ANONYMIZE_VISIBLE_DIGITS", VISIBLE_DIGITS, "脱敏后号码保留的末几位原始数字（0–4，不能调高）",
            parse=_visible_digits),
)

# Read by gunicorn.conf.py in the server process, not by the app: declared here so they are documented
# and tested with the rest.
SERVER_SETTINGS = (
    Setting("PORT", 5000, "`make run` / `mingzhang serve` 的端口", parse=int),
    Setting("WEB_CONCURRENCY", 1, "gunicorn 进程数", parse=int),
    Setting("GUNICORN_THREADS", 8, "每个 gunicorn 进程的线程数", parse=int),
    Setting("GUNICORN_TIMEOUT", 60, "gunicorn 请求超时（秒）", parse=int),
    Setting("ACCESS_LOG_FULL", False, "gunicorn 访问日志是否记录客户端 IP 和完整查询字符串（默认 `0`：都不记录）",
            parse=_flag),
    Setting("TORCH_THREADS", 1, "每个 worker 计算语义向量时 torch 使用的线程数（默认 1：多个请求并行已占满 CPU）",
            parse=int),
)


def env_value(setting, config=None):
    """The setting's value from the environment, or its default."""
    text = os.environ.get(setting.env)
    if text in (None, ""):
        default = setting.default
        return default(config) if callable(default) else default
    return setting.parse(text) * setting.scale if setting.scale != 1 else setting.parse(text)


def load_config(overrides=None):
    config = {}
    for setting in SETTINGS:
        config[setting.config_key] = env_value(setting, config)
    # Redis down: count per process rather than fail requests; the store is retried with backoff.
    config["RATELIMIT_SWALLOW_ERRORS"] = config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"]
    if overrides:
        config.update(overrides)
    return config


def import_limits(config):
    """The importer's caps for this deployment."""
    return ImportLimits(max_rows=config["IMPORT_MAX_ROWS"], max_file_mb=config["IMPORT_MAX_FILE_MB"],
                        max_xlsx_inflated_mb=config["IMPORT_MAX_XLSX_INFLATED_MB"])
