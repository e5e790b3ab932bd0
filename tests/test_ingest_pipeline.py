"""Bad input is reported per file/record and never stops the rest; interruption loses nothing."""

import pytest

from briefing.ingest import pipeline
from briefing.ingest.record import REPAIRED, SKIPPED_FILE
from tests.helpers import SEEDS, write_file


def test_bad_files_are_named_and_the_rest_is_ingested(tmp_path, corpus):
    good = write_file(tmp_path / "in" / "good.txt", "LIMA (Reuters) - Peru voted on Sunday.")
    binary = write_file(tmp_path / "in" / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = write_file(tmp_path / "in" / "sub" / "empty.txt", "  \n ")
    odd = write_file(tmp_path / "in" / "slides.pptx", b"PK\x03\x04 not a format we read")
    report = corpus.ingest([tmp_path / "in", tmp_path / "missing.txt"])
    reasons = {p.where: p.reason for p in report.problems}
    assert report.added == 1 and report.files == 5
    assert "binary" in reasons[str(binary)]
    assert reasons[str(empty)] == "empty file"
    assert "unknown format" in reasons[str(odd)]
    assert "no such file" in reasons[str(tmp_path / "missing.txt")]
    assert all(p.action == SKIPPED_FILE for p in report.problems)
    article = corpus.article(1)
    assert (article.place, article.source, article.text) == ("Lima", "Reuters", "Peru voted on Sunday.")
    assert article.origin == str(good)


def test_invalid_utf8_is_repaired_and_named_by_line(tmp_path, corpus):
    path = write_file(tmp_path / "latin.txt", b"Title line\n\nFirst line fine.\nCaf\xe9 au lait.\n")
    report = corpus.ingest([path])
    assert report.added == 1
    [problem] = report.problems
    assert (problem.where, problem.action) == (f"{path}:4", REPAIRED)
    assert "\ufffd" in corpus.article(1).text


def test_utf16_with_bom_and_control_characters(tmp_path, corpus):
    text = "Headline\n\nThe \x1b[2Jminister\x07 arrived.\r\nMore."
    path = write_file(tmp_path / "u16.txt", text.encode("utf-16"))
    corpus.ingest([path])
    article = corpus.article(1)
    assert article.title == "Headline"
    assert article.text == "The minister arrived.\nMore."


def test_reingest_is_a_noop_and_folders_are_recursive(tmp_path, corpus):
    write_file(tmp_path / "a" / "b" / "c" / "deep.txt", "Deep story text.")
    write_file(tmp_path / "a" / ".hidden" / "skip.txt", "Hidden story text.")
    first = corpus.ingest([tmp_path / "a", SEEDS])
    second = corpus.ingest([tmp_path / "a", SEEDS])
    assert (first.added, second.added, second.unchanged) == (3, 0, 3)


def test_interrupted_ingest_keeps_committed_batches_and_rerun_completes(tmp_path, corpus, monkeypatch):
    folder = tmp_path / "many"
    for i in range(25):
        write_file(folder / f"{i:03}.txt", f"Story number {i} about trade talks.")
    real_read = pipeline.read_path
    calls = {"n": 0}

    def flaky(path, fmt="auto"):
        calls["n"] += 1
        if calls["n"] == 18:  # mid-batch: batch 4 (files 16-20) is half-read
            raise KeyboardInterrupt
        yield from real_read(path, fmt)

    monkeypatch.setattr(pipeline, "read_path", flaky)
    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest(corpus.db, [folder], batch_size=5)
    stored = corpus.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert stored == 15  # three whole batches, nothing of the fourth
    assert corpus.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.setattr(pipeline, "read_path", real_read)
    report = pipeline.ingest(corpus.db, [folder], batch_size=5)
    assert (report.added, report.unchanged) == (10, 15)
    assert corpus.db.execute("SELECT COUNT(DISTINCT text) FROM articles").fetchone()[0] == 25
