"""What a page state does with its dialogs, which are its substates next to their components."""

from __future__ import annotations

import reflex as rx


async def close_dialogs(page: rx.State) -> None:
    """Close every dialog of the page (a new load, or the thing shown is gone): each substate has `_close()`."""
    for substate_class in type(page).get_substates():
        (await page.get_state(substate_class))._close()
