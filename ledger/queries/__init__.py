"""Read queries over a publication: the one place for budget, execution and project aggregates.

Every function takes an open SQLAlchemy connection and a publication id first, uses
SQLAlchemy Core (parameterised) and returns plain dicts/lists with amounts in integer fen.
Views, the JSON API, comparison pages and the question box all reuse these.

Modules:
- reference: years, months, regions, departments, functional classes (names and trees)
- execution: budget vs. spent totals and breakdowns (execution = spent / budget)
- projects: project listing with filters/sort, one project, its updates
- records: the individual budget, expenditure and payment records behind a figure
- paging: a small Page value shared by paged listings
- cache: per-publication memoisation (published data never changes)
"""
from .execution import Scope  # noqa: F401  (the scope type most callers need)
from .paging import Page  # noqa: F401
