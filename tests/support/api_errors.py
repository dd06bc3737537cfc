"""The API's error contract as a schemathesis check, shared by the suite and bench/fuzz_api.py."""
import json

# 414 comes from gunicorn before the request reaches the app (only the bench runs behind gunicorn).
NOT_THE_APPS = {414}


def error_body_check(ctx, response, case):
    """Every 4xx/5xx answer of the API is JSON {"error": {"code": str, "message": str}}."""
    if response.status_code < 400 or response.status_code in NOT_THE_APPS:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), f"{response.status_code} answered with {content_type}"
    error = json.loads(response.content)["error"]
    assert isinstance(error["code"], str) and error["code"], error
    assert isinstance(error["message"], str) and error["message"], error
    return None
