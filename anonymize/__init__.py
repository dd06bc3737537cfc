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
- ``scrub_text(text) -> str``: stateless scrub for user input (comments, questions).
- ``python -m anonymize.audit --raw DIR [--db URL]``: false positives on real text (audit.py).
"""
from .deidentify import Deidentifier, scrub_text  # noqa: F401
