"""The evaluation harness of the question box: sets, one oracle, one judge, one report (README.md)."""
