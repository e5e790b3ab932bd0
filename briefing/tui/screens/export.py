"""The export dialog: what to export (offered from where the reader is), in which format,
where to. The export itself runs in a worker through `briefing.tui.exporting`."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from briefing.tui.exporting import FORMATS, ExportRequest, ScopeChoice


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]
    """Tab moves between the choices; Enter in the path exports."""

    def __init__(self, scopes: list[ScopeChoice], directory: Path) -> None:
        super().__init__()
        self.scopes = scopes
        self.directory = directory
        self._path_edited = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static("Export a briefing", classes="dialog-title")
            with RadioSet(id="export-scope"):
                for i, scope in enumerate(self.scopes):
                    # Labels quote queries and actor names: Text, never markup.
                    yield RadioButton(Text(scope.label), value=i == 0)
            with RadioSet(id="export-format"):
                for i, fmt in enumerate(FORMATS):
                    yield RadioButton(fmt, value=i == 0)
            yield Input(str(self._default_path("markdown")), id="export-path")
            yield Checkbox("Overwrite if the file exists", id="export-force")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-scope", RadioSet).focus()

    def _default_path(self, fmt: str) -> Path:
        return self.directory / f"briefing{FORMATS[fmt]}"

    @property
    def fmt(self) -> str:
        index = self.query_one("#export-format", RadioSet).pressed_index
        return list(FORMATS)[max(0, index)]

    @on(RadioSet.Changed, "#export-format")
    def format_changed(self) -> None:
        if not self._path_edited:
            path = self.query_one("#export-path", Input)
            with path.prevent(Input.Changed):
                path.value = str(self._default_path(self.fmt))

    @on(Input.Changed, "#export-path")
    def path_edited(self) -> None:
        self._path_edited = True

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def go(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Give a file to write.", severity="warning")
            return
        scope = self.scopes[max(0, self.query_one("#export-scope", RadioSet).pressed_index)]
        self.dismiss(ExportRequest(scope.kind, scope.value, self.fmt, Path(raw).expanduser(),
                                   self.query_one("#export-force", Checkbox).value))

    @on(Button.Pressed, "#export-cancel")
    def cancel(self) -> None:
        self.dismiss(None)
