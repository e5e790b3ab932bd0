"""One Corpus per thread. sqlite3 connections refuse to cross threads, and Textual's thread
workers run on asyncio's small reused executor pool, so each pool thread opens its own
connection once and keeps it (WAL lets them all read while another process ingests)."""

from __future__ import annotations

import threading
from pathlib import Path

from briefing.store.corpus import Corpus


class Corpora:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def get(self) -> Corpus:
        corpus = getattr(self._local, "corpus", None)
        if corpus is None:
            # seed=False: the CLI seeded a brand-new database before the app started.
            corpus = self._local.corpus = Corpus.open(self.path, seed=False)
        return corpus
