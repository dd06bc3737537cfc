"""De-identification: the one place that decides what about a private person may be published.

Public interface (used by the importer, comments, white papers and the leak scanner):

- ``Deidentifier(pseudonym_key, known_person_names=(), public_terms=())``
    - ``public_terms``: the publication's own public names (lexicon.public_terms_from_tables:
      regions incl. short names and townships, departments, companies, classes, project names);
      person-name guesses inside or across them are dropped. Fiscal vocabulary is always protected.
    - ``.record(table, row) -> dict``: apply the field policy (policy.py) to one raw row;
      raw PII columns are dropped, person names pseudonymised, free text scrubbed.
    - ``.text(text, context=None) -> str``: scrub free text.
    - ``.report() -> dict``: counts per identifier type and treatment (JSON-serialisable).
    - ``user_text=True``: comments, inquiries, questions — the same detectors, but cue words
      (「金额」「编号」) never switch number detection off; ``visible_digits`` (≤ 4) per masks.py.
    - ``.scrub(text) -> (text, [(kind, treatment)])``: what changed, for moderation.
- ``scrub_text(text) -> str``: the user-text Deidentifier (comments, questions, white papers).
- ``masks.masked_kinds(text)``: the kinds of the masks in already-scrubbed text (moderation queue).
- ``deidentify.private_identifiers(text)``: the identifiers the leak scanner reports in non-prose text.
- ``python -m anonymize.evaluate [--errors]``: P/R per type on tests/data/pii_corpus.jsonl.
- ``python -m portal.privacy.audit --raw DIR [--db URL]``: false positives on real text (audit.py).
"""
from .deidentify import Deidentifier, scrub_text  # noqa: F401
