"""A same-length simplified-character view of text, so detectors written for simplified Chinese
read traditional text too (「陳秀蘭」「3棟2單元」「18號」) and offsets still point into the original.

The character table is OpenCC's TSCharacters (shipped in the opencc-python-reimplemented package
the portal already depends on); only one-character-to-one-character mappings are used, the first
candidate of each. Without the package the view is the text itself.
"""
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _table():
    try:
        import opencc
    except ImportError:  # the detectors still work on simplified text
        return {}
    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _tab, simplified = line.partition("\t")
        first = simplified.split(" ")[0] if simplified else ""
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            table[ord(traditional)] = first
    return table


def simplified(text):
    """``text`` with each traditional character replaced by its simplified one (same length)."""
    return text.translate(_table()) if text else text
