"""A department's 绩效 average (and a white paper's) is the exact decimal mean of its projects' one-decimal
scores, rounded half up: 72.15 and 72.35 average 72.3 — not whatever the float sum's last bit says."""
import statistics
from fractions import Fraction

import pytest

from ledger.performance import mean_score


@pytest.mark.parametrize("scores, expected", [
    ([72.15 - 0.05, 72.4], 72.3),  # 72.1 and 72.4: exactly 72.25, half up
    ([80.1, 80.2], 80.2),  # 80.15
    ([60.0, 60.1, 60.2], 60.1),
    ([59.9], 59.9),
    ([0.0, 0.1], 0.1),  # 0.05
    ([100.0, 99.9, 99.9, 99.9], 99.9),  # 99.925
])
def test_ties_round_half_up(scores, expected):
    assert mean_score(scores) == expected


def test_no_scores_no_mean():
    assert mean_score([]) is None


def test_agrees_with_the_exact_mean_away_from_ties():
    for n in range(1, 40):
        scores = [round(30 + (i * 7.3) % 70, 1) for i in range(n)]
        exact = Fraction(sum(round(s * 10) for s in scores), 10 * n)
        if (exact * 100) % 10 != 5:  # not a tie at the second decimal
            assert mean_score(scores) == round(statistics.mean(scores), 1), scores
