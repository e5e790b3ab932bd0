from __future__ import annotations

import pytest

from tests.helpers import SEEDS


@pytest.fixture
def corpus(tmp_path):
    from briefing.store.corpus import Corpus

    c = Corpus(tmp_path / "t.db")
    yield c
    c.close()


@pytest.fixture
def seeded(corpus):
    corpus.ingest([SEEDS])
    return corpus
