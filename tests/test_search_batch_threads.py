"""A command-line index job encodes its passages on every core; a web worker keeps its one thread."""
import os

import torch

from search.semantic import batch_threads, torch_threads


def test_a_command_line_job_uses_every_core_unless_told():
    assert batch_threads({"BATCH_JOB": True, "SEARCH_INDEX_THREADS": 0}) == (os.cpu_count() or 1)
    assert batch_threads({"BATCH_JOB": True, "SEARCH_INDEX_THREADS": 3}) == 3


def test_a_web_worker_keeps_its_thread_count():
    assert batch_threads({"SEARCH_INDEX_THREADS": 4}) is None


def test_the_thread_count_is_restored_after_the_block_even_on_error():
    before = torch.get_num_threads()
    try:
        with torch_threads(before + 1):
            assert torch.get_num_threads() == before + 1
            raise RuntimeError("index failed")
    except RuntimeError:
        pass
    assert torch.get_num_threads() == before
    with torch_threads(None):
        assert torch.get_num_threads() == before
