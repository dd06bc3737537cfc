"""The password rule for staff accounts: what `mingzhang create-user` and a reset accept.

A password must have at least MIN_LENGTH characters and be more than one kind of character (not only
digits, not only lower-case letters: 1234567890 was accepted before), must not be a common password or
one with only digits and symbols around a common word (Password2024!), and must not contain the
username. Problems are explained in Chinese, all at once.
"""
import re
import string
from functools import lru_cache
from pathlib import Path

MIN_LENGTH = 10
MIN_DISTINCT_CHARACTERS = 5
COMMON_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"
# Digits and symbols a person adds around a common word to pass a rule (Password2024!, !!admin123).
_PADDING = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_CLASSES = (string.digits, string.ascii_lowercase, string.ascii_uppercase)


@lru_cache(maxsize=1)
def common_passwords():
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _kinds(password):
    """How many kinds of character: ASCII digits, lower-case, upper-case; anything else counts as one more."""
    kinds = {index for ch in password for index, chars in enumerate(_CLASSES) if ch in chars}
    if any(not any(ch in chars for chars in _CLASSES) for ch in password):
        kinds.add(len(_CLASSES))
    return len(kinds)


def _is_common(password):
    lowered = password.lower()
    return lowered in common_passwords() or _PADDING.sub("", lowered) in common_passwords()


def problems(password, username=""):
    """The rule's objections to ``password`` (Chinese), empty when it is acceptable."""
    password = password or ""
    found = []
    if len(password) < MIN_LENGTH:
        found.append(f"密码至少 {MIN_LENGTH} 个字符")
    if _kinds(password) < 2:
        found.append("密码不能只由一类字符组成（如全是数字或全是小写字母），请混合字母、数字或符号")
    elif len(set(password)) < MIN_DISTINCT_CHARACTERS:
        found.append(f"密码中至少要有 {MIN_DISTINCT_CHARACTERS} 个不同的字符")
    if _is_common(password):
        found.append("这是常见密码（或常见密码加数字、符号），很容易被猜中")
    name = (username or "").strip().lower()
    if len(name) >= 3 and name in password.lower():
        found.append("密码不能包含用户名")
    return found
