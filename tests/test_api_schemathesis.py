"""Hostile input on the JSON API: schemathesis generates requests from /api/openapi.json.

Every operation of the real demo app gets schema-valid (positive) and schema-violating (negative)
requests, sent through the WSGI interface. Each response must: not be a 5xx; have a documented status
code and content type; match the documented response schema; and, when it is an error, be JSON
``{"error": {"code", "message"}}``. Operations with path parameters are also driven with identifiers
that exist in the demo (a region, a department, a project, a document), so the fuzzer gets past 404.

Bounded and deterministic (derandomized Hypothesis, no example database, no shrinking); the long run
with thousands of cases against gunicorn is bench/fuzz_api.py.

The question API is rate limited (RATELIMIT_ASK, 30/min by default) and may answer 429, which the
description documents. So that the fuzzer exercises answers rather than the limiter, this module builds
its own app over the demo instance with RATELIMIT_ASK raised through the config overrides.
"""
import time

import pytest

schemathesis = pytest.importorskip("schemathesis")

from conftest import _config_for  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.core.failures import FailureGroup  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from support.api_errors import error_body_check  # noqa: E402

EXAMPLES = 25  # per operation and generation mode
# Full downloads of the two big tables take seconds each (100k payments as XLSX: ~17 s on 2 cores);
# the in-suite run leaves them to bench/fuzz_api.py.
HEAVY_TABLES = {"payments", "expenditures"}



CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          error_body_check]


# The WSGI transport does not undo Content-Encoding: ask for plain bodies (compression itself is
# tested in tests/test_weight.py).
IDENTITY = {"Accept-Encoding": "identity"}

@pytest.fixture(scope="module")
def fuzz_app(demo_instance):
    from portal import create_app

    return create_app({**_config_for(demo_instance), "RATELIMIT_ASK": "100000 per minute"})


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", fuzz_app)


@pytest.fixture(scope="module")
def real_ids(fuzz_app):
    """Identifiers that exist in the demo, so path-parameter operations reach their real code."""
    client = fuzz_app.test_client()
    region = next(r for r in client.get("/api/regions").get_json()["regions"] if r["level"] == 1)["code"]
    dept = client.get(f"/api/departments?region={region}").get_json()["departments"][0]["code"]
    project = client.get("/api/projects?per_page=1").get_json()["projects"]["rows"][0]["code"]
    slug = client.get("/api/documents").get_json()["documents"][0]["slug"]
    pub = client.get("/api/summary").get_json()["publication"]["id"]
    return pub, {"/api/execution/region/{code}": {"code": region},
                 "/api/execution/region/{code}/dept/{dept}": {"code": region, "dept": dept},
                 "/api/projects/{code}": {"code": project},
                 "/api/projects/{code}/comments": {"code": project},
                 "/api/documents/{slug}": {"slug": slug}}


def test_description_covers_the_api(api_schema):
    paths = {op.path for op in operations(api_schema)}
    assert len(paths) >= 20, paths
    assert {"/api/ask", "/api/search", "/data/{table}.{fmt}", "/api/records/{kind}"} <= paths


def operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


def light(case):
    return not (case.operation.path.startswith("/data/") and case.path_parameters.get("table") in HEAVY_TABLES)


def strategy_for(operation, mode, real_ids):
    strategy = operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.POSITIVE:  # half the valid cases on data that exists (else mostly 404s)
        pub, ids = real_ids
        real = {"path_parameters": ids.get(operation.path)}
        if any(p.name == "pub" for p in operation.iter_parameters()):
            real["query"] = {"pub": pub}
        strategy = st.one_of(strategy, operation.as_strategy(generation_mode=mode, **real))
    return strategy.filter(light)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_every_operation_survives_generated_requests(api_schema, real_ids, mode):
    failures, counts, seconds = [], {}, {}
    for operation in operations(api_schema):
        if mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
            continue  # nothing to get wrong in a request without parameters
        label = f"{operation.method.upper()} {operation.path}"
        counts[label] = 0

        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                  phases=[Phase.explicit, Phase.generate],  # no shrinking: report the case as found
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy_for(operation, mode, real_ids))
        def run(case):
            counts[label] += 1
            try:
                case.call_and_validate(checks=CHECKS, headers=IDENTITY)
            except (Exception, FailureGroup) as exc:  # collect all failures, then fail once with all of them
                failures.append(f"{label}: {case.as_curl_command()}\n{str(exc)[:1500]}")

        started = time.perf_counter()
        try:
            run()
        except Unsatisfiable:  # e.g. a lone free-text parameter: no request violates the schema
            assert mode is GenerationMode.NEGATIVE and not counts.pop(label), label
            continue
        seconds[label] = time.perf_counter() - started
    print(" ".join(f"{k.split()[1]}={n}/{seconds[k]:.1f}s" for k, n in counts.items()))
    assert not failures, f"{len(failures)} failing cases:\n\n" + "\n\n".join(failures[:10])
    assert all(counts.values()), counts  # every operation was exercised
    assert sum(counts.values()) >= 8 * len(counts)


def test_server_errors_are_caught(api_schema):
    """The check is live: a 500 from the app would fail the run (so a pass above means something)."""
    operation = api_schema["/api/summary"]["GET"]
    case = operation.Case(query={})
    response = case.call()
    response.status_code = 500
    with pytest.raises(BaseException, match="Server error"):  # schemathesis raises a BaseExceptionGroup
        case.validate_response(response, checks=[not_a_server_error])
    with pytest.raises(BaseException, match="error_body_check"):
        response.status_code, response.content = 400, b"<html>oops</html>"
        response.headers["content-type"] = ["text/html"]
        case.validate_response(response, checks=[error_body_check])


def test_rate_limited_question_matches_the_description(demo_instance):
    """With the limit reached, /api/ask answers the documented 429 with a JSON error body."""
    from portal import create_app

    app = create_app({**_config_for(demo_instance), "RATELIMIT_ASK": "2 per minute"})
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    assert "429" in schema.raw_schema["paths"]["/api/ask"]["get"]["responses"]
    case = schema["/api/ask"]["GET"].Case(query={"q": "2025年教育支出是多少"})
    statuses = [case.call_and_validate(checks=CHECKS, headers=IDENTITY).status_code for _ in range(3)]
    assert statuses[-1] == 429, statuses
