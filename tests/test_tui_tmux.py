"""The real app in a real terminal (tmux): start-up, key parsing and drawing as a person gets
them, through search -> open -> follow the seed's realizes link -> come back -> quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from tests.test_tui_support import fresh_db

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=False).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "app")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(f"briefing-test-{uuid.uuid4().hex[:8]}")
    yield session
    session("kill-server")


def test_search_open_follow_the_link_and_back_in_tmux(tmux, tmp_path):
    db = fresh_db(tmp_path)
    env = {"BRIEFING_KEYS": str(tmp_path / "no-keys.toml"), "TERM": "xterm-256color"}
    # COLUMNS/LINES inherited from the test runner would override the pane's real size.
    command = " ".join(["env", "-u", "COLUMNS", "-u", "LINES",
                        *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "briefing",
                        "open", "--db", str(db)])
    tmux("new-session", "-d", "-s", "app", "-x", "120", "-y", "36", "-c", os.getcwd(), command)
    tmux.wait_for("2 articles")
    time.sleep(0.5)  # Textual drops keys that arrive while it is still setting up the terminal
    tmux("send-keys", "-t", "app", "/")
    tmux("send-keys", "-t", "app", "-l", "grenada")
    tmux.wait_for("1 result")
    tmux("send-keys", "-t", "app", "Enter")
    shown = tmux.wait_for("Links (2)")
    assert "Mexico City  ·  Reuters" in shown  # the plan's dateline, in the reader
    tmux("send-keys", "-t", "app", "l")
    time.sleep(0.3)
    tmux("send-keys", "-t", "app", "Enter")
    shown = tmux.wait_for("planned, not reported: Grenada")
    assert "who visited St. Lucia" in shown  # the realization, beside the plan
    tmux("send-keys", "-t", "app", "o")
    shown = tmux.wait_for("Kingston  ·  Reuters")  # the trip's dateline, in the reader
    assert "planned, not reported" not in shown
    tmux("send-keys", "-t", "app", "[")
    tmux.wait_for("Mexico City  ·  Reuters")
    tmux("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "app" in tmux("list-sessions"):
        time.sleep(0.1)
    assert "app" not in tmux("list-sessions")
