"""One page of a long list: the /cvs and /interviews states hold only the rows of the page being looked at,
read in SQL (decision 105); these are the page numbers (from 0) and their label."""

from __future__ import annotations

PAGE_SIZE = 50
EN_DASH = "\u2013"


def last_page(total: int, size: int = PAGE_SIZE) -> int:
    return max(0, (total - 1) // size)


def clamp_page(page: int, total: int, size: int = PAGE_SIZE) -> int:
    """A page that exists (a list that shrank under the user keeps them on its new last page)."""
    return min(max(0, page), last_page(total, size))


def page_label(page: int, total: int, size: int = PAGE_SIZE) -> str:
    """ "1-50 of 10,000" (an en dash between, thousands grouped); "0 of 0" for an empty list."""
    if total == 0:
        return "0 of 0"
    first = page * size + 1
    last = min(total, first + size - 1)
    return f"{first:,}{EN_DASH}{last:,} of {total:,}"
