"""One table of decline reasons (nlq.decline.REASONS): every code the question box can give is in it, the API
schema's enum is it, and a code outside it is refused (the schema once listed 8 of the 17 codes in use, and a
generated request found 「unsure」 breaking the documented contract)."""
import re
from pathlib import Path

import pytest

from nlq.decline import REASONS, Decline
from portal.openapi import openapi_document

NLQ = Path(__file__).resolve().parent.parent / "nlq"


def test_every_code_written_in_nlq_is_in_the_table():
    written = {code for path in NLQ.rglob("*.py") for code in re.findall(r'Decline\("([a-z_]+)"', path.read_text())}
    assert written and written <= set(REASONS), written - set(REASONS)


def test_the_api_schema_lists_exactly_the_table(demo_app):
    with demo_app.test_request_context("/"):
        document = openapi_document(demo_app)
    reason = document["paths"]["/api/ask"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    found = reason["properties"]["decline"]["properties"]["reason"]["enum"]
    assert found == list(REASONS)


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        Decline("because", "原因")
