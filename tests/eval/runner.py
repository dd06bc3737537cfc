"""Ask every question of a set through /api/ask and grade each answer with the one judge."""
import json
from dataclasses import dataclass

from .judge import declined, judge
from .oracle import Oracle


@dataclass
class Target:
    """Where a dataset's questions go (a Flask test client) and who knows their answers."""
    client: object
    oracle: Oracle


def ask(client, question, as_of):
    response = client.get("/api/ask", query_string={"q": question, "as_of": as_of.isoformat()})
    return response.status_code, response.get_json(silent=True) or {}


class AskMemo:
    """/api/ask's (status, body) per (portal, question, as_of), asked once in a test session.

    The evaluation sets are asked by several tests (tests/eval/test_eval_sets.py grades them,
    tests/test_answer_records.py adds their figures up from the records, tests/test_postgres_nlq.py compares
    them with PostgreSQL's): an answer is a function of the question, as_of and the publication (an answer
    that is not is listed as "unstable" in its set's known file), so each test reads the first one asked.
    A portal is its configuration (the same instance folder and settings), rate limits aside; every call
    gets its own copy of the body."""

    def __init__(self):
        self._answers, self.asked, self.reused = {}, 0, 0

    @staticmethod
    def portal(app):
        return tuple(sorted((key, repr(value)) for key, value in app.config.items() if not key.startswith("RATELIMIT")))

    def __call__(self, client, question, as_of):
        key = (self.portal(client.application), question, as_of.isoformat())
        if key in self._answers:
            self.reused += 1
        else:
            status, body = ask(client, question, as_of)
            self._answers[key] = status, json.dumps(body)
            self.asked += 1
        status, body = self._answers[key]
        return status, json.loads(body)


def chips_round_trip(client, body, as_of):
    """The chips sent back unchanged (as the /ask page's form does) ask the same question again, so the answer,
    a function of the question and as_of, is the same (tests/test_ask_chips.py follows it to the answer through
    the page's form). Read through the view's own rebuild of the question, without asking again."""
    if not body.get("chips"):
        return True
    from portal.views.ask import rebuilt_question

    args = {"as_of": as_of.isoformat(), "asked": body["question"]}
    for chip in body["chips"]:
        args[f"chip_{chip['key']}"] = args[f"was_{chip['key']}"] = chip["value"]
    with client.application.test_request_context("/api/ask", query_string=args):
        return rebuilt_question() == body["question"]


def grade(item, oracle, status, body):
    """(ok, expected, got): the first reading the answer satisfies, else the last one tried."""
    answer = body.get("answer") or {}
    if item.expect_decline:
        return declined(status, body), "decline", answer or body.get("error") or status
    if (body.get("decline") or {}).get("reason") == "no_records":  # 「没有符合条件的记录（合计为 0）」
        expected = [oracle.expected(reading) for reading in item.readings]
        return all(e == 0 for e in expected), expected, body["decline"]["message"]
    expected, got, ok = None, None, False
    for reading in item.readings:
        expected = oracle.expected(reading)
        if status != 200:
            got = body.get("error") or status
            continue
        try:
            ok, got = judge(reading.check, expected, answer, reading.unit, item.tolerance)
        except (TypeError, ValueError, KeyError, IndexError) as error:  # an answer of an unexpected shape is wrong
            ok, got = False, f"unjudgeable answer ({error!r}): {answer}"
        if ok:
            break
    return ok, expected, got


def run_set(eval_set, targets, as_of, ask=ask):
    """One result record per question, in the set's order (``ask``: e.g. the session's AskMemo)."""
    results = []
    for item in eval_set.items:
        target = targets[item.dataset]
        question = target.oracle.question(item)
        status, body = ask(target.client, question, as_of)
        ok, expected, got = grade(item, target.oracle, status, body)
        answer = body.get("answer") or {}
        results.append({
            "id": item.id, "kind": item.kind, "question": question, "ok": ok,
            "check": item.readings[0].check if item.readings else "decline", "expected": expected, "got": got,
            "understood": body.get("understood"), "answer_kind": answer.get("kind"), "unit": answer.get("unit"),
            "status": status, "confidence": body.get("confidence"), "notes": body.get("notes") or [],
            "declined": bool(body.get("decline")), "chips_same": chips_round_trip(target.client, body, as_of),
        })
    return results
