"""Line-API widgets look styles up for every line they draw, and each lookup walks the CSS
(~0.4 ms), which made a full repaint of the list cost a frame. Component styles are looked up
once per CSS change (themes and classes reset the cache); the base style once per frame."""

from __future__ import annotations

from rich.style import Style


class CachedStyles:
    _style_cache: dict[tuple[str, bool], Style]

    def style(self, component: str, partial: bool = True) -> Style:
        """A component class's style. Partial (the default, for overlays) has only the
        properties its CSS names, so a mention's colour does not hide a passage's background
        when both apply; full styles are for a line's base."""
        cache = self.__dict__.setdefault("_style_cache", {})
        style = cache.get((component, partial))
        if style is None:
            style = cache[(component, partial)] = self.get_component_rich_style(  # type: ignore
                component, partial=partial)
        return style

    def notify_style_update(self) -> None:
        self.__dict__["_style_cache"] = {}
        super().notify_style_update()  # type: ignore[misc]


class ListFrame:
    """For a list drawn line by line: what every line needs (scroll top, width, focus, base
    style) measured once per frame in `_frame`, not once per line (each costs a walk of the
    styles)."""

    _frame: tuple[int, int, bool, Style]

    def render_lines(self, crop):
        self._frame = (round(self.scroll_offset.y),  # type: ignore[attr-defined]
                       self.scrollable_content_region.width,  # type: ignore[attr-defined]
                       self.has_focus, self.rich_style)  # type: ignore[attr-defined]
        return super().render_lines(crop)  # type: ignore[misc]
