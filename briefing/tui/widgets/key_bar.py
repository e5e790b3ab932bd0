"""A one-line footer of the keys that work where the focus is. Textual's Footer mounts a widget
per key and restyles them all on every focus change (a third of start-up in a profile); this
draws the same hints as one Content line. Keys stay clickable."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 1fr; background: $footer-background;
             color: $footer-description-foreground; text-wrap: nowrap; text-overflow: clip; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen) -> None:
        seen: set[str] = set()
        parts: list[Content] = []
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            click = Style.from_meta({"@click": f"app.simulate_key({binding.key.split(',')[0]!r})"})
            parts.append(Content.assemble((f" {key} ", "bold $footer-key-foreground"),
                                          (f"{binding.description} ", "")).stylize(click))
        self.update(Content("").join(parts))
