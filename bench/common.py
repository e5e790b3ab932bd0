"""Shared by the benchmarks: where the data is, timing, percentiles, result files."""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"


def reuters_files(data: Path = DATA) -> list[Path]:
    files = sorted((data / "reuters21578").glob("reut2-*.sgm"))
    if not files:
        raise SystemExit(f"Reuters-21578 not found under {data}/reuters21578")
    return files


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(func, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 3), "p95_ms": round(percentile(ms, 95), 3),
            "mean_ms": round(statistics.fmean(ms), 3)}


def words_per_s(texts: list[str], func) -> float:
    """Words of `texts` per CPU second of this process (one core) spent running `func` on each."""
    words = sum(len(t.split()) for t in texts)
    start = time.process_time()
    for text in texts:
        func(text)
    return words / (time.process_time() - start)


def save(name: str, result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    result["machine"] = {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
