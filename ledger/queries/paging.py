"""A page of a listing: items plus the counts needed for navigation."""
from dataclasses import dataclass, field

MAX_PER_PAGE = 500
STREAM_BATCH = 1000  # rows fetched from the cursor at a time by ``stream``


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int
    sums: dict = field(default_factory=dict)  # e.g. {"amount_fen": …} over the whole filtered set

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page)) if self.per_page else 1

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def first_index(self):
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self):
        return min(self.total, self.page * self.per_page) if self.per_page else self.total


def clamp(page, per_page):
    """Sanitised (page, per_page, offset): page ≥ 1, 1 ≤ per_page ≤ MAX_PER_PAGE.

    ``per_page=None`` means everything on one page (downloads).
    """
    if per_page is None:
        return 1, None, 0
    page = max(1, int(page or 1))
    per_page = min(MAX_PER_PAGE, max(1, int(per_page or 50)))
    return page, per_page, (page - 1) * per_page


def stream(conn, query):
    """The rows of ``query`` as dicts, fetched from the database cursor ``STREAM_BATCH`` at a time (a
    server-side cursor on PostgreSQL): a download of a whole listing never holds the listing in memory."""
    for row in conn.execute(query.execution_options(yield_per=STREAM_BATCH)).mappings():
        yield dict(row)
