"""What the long lists (/cvs, /interviews) share: the page being looked at, its label, the pager's events, and the
search and status filter that send the list back to its first page."""

from __future__ import annotations

import reflex as rx

from hr_app.ui import paging

ALL = "all"  # a filter's value that keeps every row


class PagedList(rx.State, mixin=True):
    """A state mixin: the state keeps the rows of the page being looked at (`page_rows`) and implements
    `_read_page()`, which reads that page (in SQL: decision 105) and sets `page` (kept inside the list) and
    `shown_total` (how many rows its filters keep, on every page)."""

    page: int = 0
    shown_total: int = 0
    search: str = ""
    status_filter: str = ALL

    @rx.var
    def page_label(self) -> str:
        return paging.page_label(self.page, self.shown_total)

    @rx.var
    def has_previous_page(self) -> bool:
        return self.page > 0

    @rx.var
    def has_next_page(self) -> bool:
        return self.page < paging.last_page(self.shown_total)

    async def _read_page(self) -> None:
        raise NotImplementedError

    @rx.event
    async def previous_page(self) -> None:
        self.page = max(0, self.page - 1)
        await self._read_page()

    @rx.event
    async def next_page(self) -> None:
        self.page = min(self.page + 1, paging.last_page(self.shown_total))
        await self._read_page()

    async def _refilter(self) -> None:
        """The filters changed: the first page of what they keep."""
        self.page = 0
        await self._read_page()

    @rx.event
    async def set_search(self, value: str) -> None:
        self.search = value
        await self._refilter()

    @rx.event
    async def set_status_filter(self, value: str) -> None:
        self.status_filter = value
        await self._refilter()
