"""Where the project keeps its folders, from a checkout or from an installed wheel.

A checkout (pyproject.toml beside the packages) keeps everything in the project folder, as
`make run` expects; an installed wheel keeps caches in ~/.cache/mingzhang and the instance in the
working directory, never inside site-packages.
"""
from pathlib import Path

PACKAGE_PARENT = Path(__file__).resolve().parent.parent
IS_CHECKOUT = (PACKAGE_PARENT / "pyproject.toml").is_file()
PROJECT_ROOT = PACKAGE_PARENT if IS_CHECKOUT else Path.cwd()
CACHE_DIR = PROJECT_ROOT / ".cache" if IS_CHECKOUT else Path.home() / ".cache" / "mingzhang"


def templates_dir():
    """The Jinja templates: top-level templates/ in a checkout, portal/templates in a wheel."""
    packaged = PACKAGE_PARENT / "portal" / "templates"
    return packaged if packaged.is_dir() else PACKAGE_PARENT / "templates"
