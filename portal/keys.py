"""The instance's two secrets: SECRET_KEY (sessions, CSRF, visitor digests) and PSEUDONYM_KEY (pseudonyms).

Neither has a usable default. An empty setting means "this instance's own key": generated at random on
first start into the instance folder (``secret_key``, ``pseudonym_key``, mode 0600) and read from there
afterwards, so `make run`, docker compose and a production server each get keys nobody else knows.

The pseudonym key never falls back to SECRET_KEY: a pseudonym is an HMAC of a person's name, so whoever
holds its key can hash common surnames × given names and read the names back (the attack of issue #12
matched 10,987 of 12,066 payees with a key that had been published in this repository).
"""
import hashlib
import logging
import os
import secrets
from pathlib import Path

from ledger.errors import UserError

log = logging.getLogger(__name__)

SECRET_KEY_FILE = "secret_key"
PSEUDONYM_KEY_FILE = "pseudonym_key"
MIN_PSEUDONYM_KEY_CHARS = 16
# SHA-256 of the keys this repository once shipped (the development default of portal/config.py and the
# value in docker-compose.yml). Anyone can sign sessions or recompute pseudonyms with them, so they are
# refused wherever they come from. Digests, so that no usable key stays in the code.
PUBLISHED_KEY_DIGESTS = frozenset({
    "b1eec8e40ecc8c64006489fa40d4f3627970695f3f5e90925c6d1262b0c99a60",
    "92809ab604c9377285fbbcf82c4f30db65f107ecfd7217c7e62c17a2b3be7633",
})


class PseudonymKeyMissing(UserError):
    """Publishing real data needs a pseudonym key of its own (Chinese message for staff and the CLI)."""

    code = "pseudonym_key_missing"
    status = 503


def is_published_key(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest() in PUBLISHED_KEY_DIGESTS


def _read_key(path):
    if path.stat().st_mode & 0o077:
        # A key readable by other users is as good as published: tighten it, and say so.
        log.warning("key file %s was readable by other users; its mode is now 0600", path)
        path.chmod(0o600)
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise RuntimeError(f"密钥文件 {path} 为空：请删除它（重启时重新生成）或写入原来的密钥")
    return key


def instance_key(folder, name):
    """The key stored in ``folder/name``, created at random (mode 0600) when missing.

    The new key is written to a private temporary file and linked into place, so two processes starting
    at once never see a half-written key and agree on one (the second link fails and reads the first).
    """
    path = Path(folder) / name
    if path.exists():
        return _read_key(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{name}.{secrets.token_hex(8)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return _read_key(path)


def resolve_keys(config):
    """Fill empty SECRET_KEY / PSEUDONYM_KEY from the instance folder; refuse keys known to the public."""
    folder = Path(config["INSTANCE_PATH"])
    if not config.get("SECRET_KEY"):
        try:
            config["SECRET_KEY"] = instance_key(folder, SECRET_KEY_FILE)
        except OSError as exc:
            raise RuntimeError(f"无法在实例目录 {folder} 生成或读取密钥文件（{exc}）：请让该目录可写，"
                               "或用环境变量 SECRET_KEY 提供密钥") from None
    if not config.get("PSEUDONYM_KEY"):
        try:
            config["PSEUDONYM_KEY"] = instance_key(folder, PSEUDONYM_KEY_FILE)
        except OSError as exc:  # serving needs no pseudonym key; publishing is refused without one
            log.warning("no pseudonym key: %s (publishing real data is refused until there is one)", exc)
            config["PSEUDONYM_KEY"] = ""
    for name in ("SECRET_KEY", "PSEUDONYM_KEY"):
        if config[name] and is_published_key(config[name]):
            raise RuntimeError(f"{name} 是曾随代码公开的默认值，任何人都知道它：请删除该设置（门户会在实例目录"
                               "生成随机密钥）或换成自己生成的随机密钥")


def require_pseudonym_key(config, is_demo=False):
    """Raise PseudonymKeyMissing unless real data can be given pseudonyms nobody else can recompute."""
    key = config.get("PSEUDONYM_KEY") or ""
    if is_demo and key:
        return  # fictional people: any key will do
    if len(key) >= MIN_PSEUDONYM_KEY_CHARS and key != config.get("SECRET_KEY") and not is_published_key(key):
        return
    raise PseudonymKeyMissing(message=(
        "未发布任何数据：没有专用的个人代号密钥（PSEUDONYM_KEY）。个人代号是用该密钥对姓名计算的 HMAC，"
        "密钥缺失、过短（少于 16 个字符）、与 SECRET_KEY 相同或曾被公开时，任何人都能用常见姓名反推出代号对应的真实姓名。"
        "请删除 PSEUDONYM_KEY 设置并确保实例目录可写（门户会生成随机的 instance/pseudonym_key），"
        "或设置一个单独保管、永不更换的随机密钥，然后重新发布。"))
