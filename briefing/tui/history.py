"""Back and forward between articles, as in a browser: opening an article from anywhere but the
history itself drops the forward entries. Each article also keeps its reading position."""

from __future__ import annotations


class History:
    def __init__(self) -> None:
        self._entries: list[int] = []
        self._index = -1
        self.positions: dict[int, int] = {}  # article id -> character offset at the top

    @property
    def current(self) -> int | None:
        return self._entries[self._index] if self._entries else None

    def visit(self, article_id: int) -> None:
        if self.current == article_id:
            return
        del self._entries[self._index + 1:]
        self._entries.append(article_id)
        self._index = len(self._entries) - 1

    def back(self) -> int | None:
        if self._index <= 0:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> int | None:
        if self._index >= len(self._entries) - 1:
            return None
        self._index += 1
        return self.current

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1
