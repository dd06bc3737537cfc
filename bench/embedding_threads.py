"""Benchmark: the embedding model (ledger/embedding.py) on 1 and on N torch threads — one short question at a
time (what /api/ask and search do per request) and a batch of titles (what a search-index build does).

    .venv/bin/python bench/embedding_threads.py [--threads 2] [--titles 512]

Prints wall and CPU milliseconds per question and seconds per batch, with the load average. Why it exists:
EMBEDDING_THREADS defaults to 1 because torch's threads spin while waiting for each other, so on cores shared
with another process (the other gunicorn worker, the import's de-identification) more threads are slower.
"""
import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUESTIONS = ["当月 支出", "全市 支出 增长 百分之多少", "农村 公路 修了 多少 公里", "义务教育 学校 改造", "养老 服务 补贴"]


def timed(fn, repeat):
    fn()  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - wall) / repeat, (time.process_time() - cpu) / repeat


def titles(count):
    """Project-like titles from the demo's vocabulary (no database needed)."""
    from ledger.demo.vocab import DISTRICTS, HOSPITAL_NAMES, PARK_NAMES, SCHOOL_NAMES

    works = [f"{s}改扩建工程" for s in SCHOOL_NAMES] + [f"{h}综合楼建设项目" for h in HOSPITAL_NAMES] + \
        [f"{p}公园提升改造" for p in PARK_NAMES]
    names = [f"{district[1]}{work}（{year}年）" for year in range(2019, 2027) for district in DISTRICTS
             for work in works]
    return names[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2, help="the other thread count tried")
    parser.add_argument("--titles", type=int, default=512)
    args = parser.parse_args()
    import torch

    from ledger.embedding import get_model

    model = get_model({})
    batch = titles(args.titles)
    print(f"model loaded; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    for threads in sorted({1, args.threads}):
        torch.set_num_threads(threads)
        per_question = [timed(lambda q=q: model.encode([q], prompt_name="query", normalize_embeddings=True), 5)
                        for q in QUESTIONS]
        wall_q = sum(w for w, _ in per_question) / len(per_question) * 1000
        cpu_q = sum(c for _, c in per_question) / len(per_question) * 1000
        wall_b, cpu_b = timed(lambda: model.encode(batch, batch_size=64, normalize_embeddings=True), 1)
        print(f"{threads} thread(s): one question {wall_q:.1f} ms wall, {cpu_q:.1f} ms CPU; "
              f"{len(batch)} titles {wall_b:.2f} s wall, {cpu_b:.2f} s CPU")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
