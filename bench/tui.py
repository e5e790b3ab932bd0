"""The reader app on the whole Reuters-21578 database: start-up, search as you type, opening
articles, memory. Baselines measured in the same run.

    .venv/bin/python bench/tui.py [--db /tmp/reuters.db] [--queries 40] [--opens 100]

- start-up: `briefing open` in a pseudo-terminal (160x48), from spawn to the first frame that
  shows the article list; the floor is `less` on one article in the same pseudo-terminal, from
  spawn to its first screen. Also the bare `import textual.app` (what any Textual app pays).
- search: the app run headless; real words typed one key at a time (150 ms apart, as a quick
  typist), each key timed from the key event to the end of the first frame that draws the
  results of the search it started (debounce included). The first letter of a word and the
  space after it start no search (one would rank nearly every article, the other repeats
  the search on screen); those keys are timed to their echo.
- open: Enter on an article, timed to the end of the first frame drawing it (reader, actors
  and links panes).
- memory: peak RSS (VmHWM) of the real app in the pseudo-terminal after searching, opening
  articles and jumping to the end of the 21k-row list.

The database is copied first (the app migrates and writes bookmarks; the original is untouched).
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, percentile, save, summary_ms  # noqa: E402
from bench.ingest_search import make_queries  # noqa: E402
from briefing.store.corpus import Corpus  # noqa: E402

PYTHON = sys.executable
SIZE = (160, 48)


# --- a pseudo-terminal ------------------------------------------------------------------------

class Pty:
    """A process on a pseudo-terminal of a given size, its output collected as it comes."""

    def __init__(self, argv: list[str], size=SIZE, env: dict | None = None) -> None:
        self.master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                     start_new_session=True, cwd=ROOT,
                                     env={**os.environ, "TERM": "xterm-256color", **(env or {})})
        os.close(slave)
        self.output = b""

    def wait_for(self, needle: str, timeout: float = 30.0) -> float:
        """Seconds from spawn until `needle` has been written to the terminal."""
        target = needle.encode()
        deadline = time.perf_counter() + timeout
        while target not in self.output:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{needle!r} not shown; got {self.output[-400:]!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break
        return time.perf_counter() - self.started

    def drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        line = next(ln for ln in status.splitlines() if ln.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        os.close(self.master)


# --- start-up ---------------------------------------------------------------------------------

def python_env(work: Path, bytecode: bool) -> dict:
    """Bytecode cached as an installed package has it (this VM sets PYTHONDONTWRITEBYTECODE,
    which recompiles every briefing module at each start), kept out of the source tree."""
    if not bytecode:
        return {"PYTHONDONTWRITEBYTECODE": "1"}
    return {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(work / "pycache")}


def first_frame(db: Path, needle: str, env: dict) -> float:
    term = Pty([PYTHON, "-m", "briefing", "open", "--db", str(db)], env=env)
    try:
        return term.wait_for(needle)
    finally:
        term.close()


def bench_startup(db: Path, first_title: str, article_text: str, runs: int, work: Path) -> dict:
    keys = {"BRIEFING_KEYS": str(work / "none.toml")}
    cached, uncached = {**keys, **python_env(work, True)}, {**keys, **python_env(work, False)}
    needle = first_title[:24]
    first_frame(db, needle, cached)  # writes the bytecode cache
    app_times = [first_frame(db, needle, cached) for _ in range(runs)]
    no_pyc_times = [first_frame(db, needle, uncached) for _ in range(runs)]
    article = work / "article.txt"
    article.write_text(article_text)
    less_times = []
    for _ in range(runs):
        term = Pty(["less", str(article)])
        try:
            less_times.append(term.wait_for(article_text.split("\n")[0][:24]))
        finally:
            term.close()
    def run_python(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", code], check=True, env={**os.environ, **cached})
        return time.perf_counter() - start

    imports = [run_python("import textual.app") for _ in range(runs)]
    bare = [run_python("pass") for _ in range(runs)]
    med = lambda xs: round(percentile(xs, 50) * 1000, 1)  # noqa: E731
    return {"briefing_first_frame_ms": med(app_times),
            "briefing_first_frame_no_bytecode_cache_ms": med(no_pyc_times),
            "less_first_screen_ms": med(less_times), "python_bare_ms": med(bare),
            "python_import_textual_ms": med(imports), "runs": runs,
            "all_briefing_ms": [round(t * 1000, 1) for t in app_times]}


# --- headless: search and open ----------------------------------------------------------------

def clocks() -> tuple[list[float], dict[str, float]]:
    """Timestamp every finished frame, and when the search bar last took a key and the screen
    last handled search results and an opened article (patched in, so the app itself carries
    no benchmark code)."""
    from textual.screen import Screen

    from briefing.tui.screens.main import MainScreen
    from briefing.tui.widgets.search_bar import SearchInput

    frames: list[float] = []
    handled: dict[str, float] = {}
    draw = Screen._compositor_refresh

    def timed_draw(self):
        draw(self)
        frames.append(time.perf_counter())

    def timed(name: str, handler):
        def run(self, *args):
            handler(self, *args)
            handled[name] = time.perf_counter()
        return run

    Screen._compositor_refresh = timed_draw
    MainScreen.on_results_ready = timed("results", MainScreen.on_results_ready)
    SearchInput._watch_value = timed("typed", SearchInput._watch_value)
    MainScreen.on_article_ready = timed("article", MainScreen.on_article_ready)
    return frames, handled


async def wait_until(condition, timeout: float = 10.0, state=lambda: "") -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the app did not get there {state()}")
        await asyncio.sleep(0.0005)


async def painted_after(frames: list[float], moment: float) -> float:
    """The end of the first frame drawn after `moment`."""
    await wait_until(lambda: frames and frames[-1] > moment)
    return next(f for f in frames if f > moment)


def press(app, char: str) -> None:
    """A key as the terminal driver delivers it (Pilot.press also waits for the app to go
    idle, which would be timed along with the key)."""
    from textual import events

    key = {" ": "space", "/": "slash", "\r": "enter"}.get(char, char)
    app._driver.send_message(events.Key(key, char))


async def bench_headless(db: Path, queries: list[str], opens: int, work: Path) -> dict:
    from briefing.tui.app import make_app
    from briefing.tui.screens.main import same_query, starting_a_word

    frames, handled = clocks()
    app = make_app(db, keys_file=work / "none.toml", export_dir=work)
    keystrokes: list[float] = []
    echoes: list[float] = []  # keys that start no search: their echo, timed
    slowest: list[tuple[float, str]] = []
    open_times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_until(lambda: screen.article_list.total > 1000)
        for query in queries:
            screen.article_list.focus()
            press(app, "/")
            await asyncio.sleep(0.2)
            for typed, char in ((query[:i + 1], c) for i, c in enumerate(query)):
                started_generation = screen._generation
                t0 = time.perf_counter()
                press(app, char)
                if starting_a_word(typed) or same_query(typed, screen.query_text):
                    # No search by design (a word's first letter; a space): time the echo.
                    await wait_until(lambda: handled.get("typed", 0) > t0)
                    echoes.append(await painted_after(frames, handled["typed"]) - t0)
                else:
                    # The search this key starts (after the debounce), its results handled...
                    await wait_until(lambda: screen._generation > started_generation
                                     and screen.article_list.generation == screen._generation
                                     and handled.get("results", 0) > t0)
                    # ...and the first frame drawn after that.
                    keystrokes.append(await painted_after(frames, handled["results"]) - t0)
                    slowest.append((keystrokes[-1], typed))
                await asyncio.sleep(max(0.0, 0.150 - (time.perf_counter() - t0)))
            screen.search("")
            await wait_until(lambda: screen.article_list.generation == screen._generation)
        rng = random.Random(3)
        listing = screen.article_list
        screen.search("")
        await wait_until(lambda: listing.generation == screen._generation and listing.total_known,
                         state=lambda: (listing.generation, screen._generation, listing.total,
                                        [(w.name, w.state.name) for w in app.workers]))
        listing.focus()
        for _ in range(opens):
            index = rng.randrange(0, 45)  # rows of the first page, already drawn
            listing.cursor = index
            await pilot.pause()
            target = listing.current.id
            t0 = time.perf_counter()
            press(app, "\r")
            await wait_until(lambda: screen.reader.article_id == target
                             and handled.get("article", 0) > t0)
            open_times.append(await painted_after(frames, handled["article"]) - t0)
            await asyncio.sleep(0.05)
    return {"keystroke_to_results_painted": summary_ms(keystrokes),
            "first_letter_keystroke_to_echo_painted": summary_ms(echoes),
            "slowest_keystrokes": [(round(t * 1000, 1), q) for t, q in sorted(slowest)[-12:]],
            "open_article_to_painted": summary_ms(open_times),
            "keystrokes": len(keystrokes), "queries": queries}


# --- memory -----------------------------------------------------------------------------------

def bench_memory(db: Path, queries: list[str], work: Path) -> dict:
    term = Pty([PYTHON, "-m", "briefing", "open", "--db", str(db)],
               env={"BRIEFING_KEYS": str(work / "none.toml"), **python_env(work, True)})
    try:
        term.wait_for("articles")
        term.drain(1.0)
        for query in queries[:10]:
            term.send("/" + query)
            term.drain(0.3)
            term.send("\r")  # open the first result
            term.drain(0.3)
            term.send("\x1b")  # back to the list
            term.drain(0.1)
            term.send("/" + "\x7f" * (len(query) + 2))  # clear the search
            term.drain(0.3)
        term.send("\x1b")
        term.send("G")  # the end of the whole list
        term.drain(1.5)
        return {"peak_rss_mb": round(term.peak_rss_mb(), 1)}
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/reuters.db"),
                        help="an ingested Reuters-21578 database (copied, never modified)")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--opens", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} not found: briefing ingest ../shared/data/reuters21578 "
                         f"--db {args.db}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "reuters.db"
        shutil.copy(args.db, db)
        corpus = Corpus.open(db, seed=False)  # migrates the copy once, outside the timings
        first = corpus.list_articles("", 0, 1)[0]
        article = corpus.article(first.id)
        texts = [corpus.article(h.id).text for h in corpus.list_articles("", 0, 2000)]
        total = corpus.count("")
        corpus.close()
        queries = make_queries(texts, args.queries)
        # This VM is shared: the load average says how much of the 2 cores the run had.
        result = {"database": {"articles": total}, "load_average_before": os.getloadavg()}
        result["startup"] = bench_startup(db, first.title or "", article.text, args.runs, work)
        print("start-up", result["startup"])
        result.update(asyncio.run(bench_headless(db, queries, args.opens, work)))
        print("search", result["keystroke_to_results_painted"])
        print("open", result["open_article_to_painted"])
        result["memory"] = bench_memory(db, queries, work)
        print("memory", result["memory"])
        result["load_average_after"] = os.getloadavg()
    print("saved", save("tui", result))


if __name__ == "__main__":
    main()
