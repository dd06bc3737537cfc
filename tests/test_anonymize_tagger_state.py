"""Name detection reads jieba's dictionary frequencies, which load lazily on the first cut: read before any
text was cut, every word looked rare, so an answer could depend on what was scrubbed before (issue #19)."""
import subprocess
import sys


def test_same_answer_before_the_tagger_has_loaded():
    # jieba loads its dictionary on the first cut: a frequency read before it finds every word rare
    code = ("from anonymize.names import word_like\n"
            "assert word_like('高峰') and word_like('建国')\n")
    subprocess.run([sys.executable, "-c", code], check=True)
