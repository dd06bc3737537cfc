"""Deterministic demo data: the fictional city 示例市 as raw CSV/XLSX files.

``generate(out_dir, seed=20240101, as_of=None, scale=1.0) -> list[Path]`` writes the raw
files (documented layout, Chinese headers, raw personal data included, as a finance
bureau would hand them over) and returns their paths. ``build()`` gives the same data
as Python rows, for tests and benchmarks.
"""
from .generator import DEFAULT_SEED, build, default_as_of, generate  # noqa: F401
