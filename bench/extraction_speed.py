"""Throughput and memory of the extraction engine on one core.

    .venv/bin/python bench/extraction_speed.py [--repeat 40] [--memory-articles 10000]

1. Texts: the corpus HTML through trafilatura (timed separately, as a baseline: the
   cost of main-text extraction that always precedes ours in the pipeline).
2. Baseline 2: the cost of only normalising the text (``fold`` + sentence split +
   tokens) — the floor any extractor over this text pays.
3. Engine: ``Extractor.extract`` over the corpus repeated ``--repeat`` times, one core
   (the process is pinned to CPU 0 where the OS allows), articles per second by wall
   clock and by the process's CPU time (the latter does not drop when other processes
   share the core; the 1-minute load average is recorded beside it).
4. Memory: RSS before and after ``--memory-articles`` extractions of *distinct* inputs
   (each article gets a unique closing sentence with a new date and number, and a
   different publication date), sampled every 1,000 articles; it should stay flat.

Results go to bench/results/extraction_speed.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from incidents.extraction import default_extractor  # noqa: E402
from incidents.extraction.text import fold, sentences, tokens  # noqa: E402

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--memory-articles", type=int, default=10_000)
    parser.add_argument("--out", default=str(ROOT / "bench/results/extraction_speed.json"))
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    corpus = Path(args.corpus)
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    htmls = [
        (corpus / "articles" / f"{lab['slug']}.html").read_text(encoding="utf-8") for lab in labels
    ]
    pubs = [datetime.fromisoformat(lab["published"]).date() for lab in labels]

    t0 = time.perf_counter()
    texts = [trafilatura.extract(h, favor_precision=True) or "" for h in htmls]
    trafilatura_s = (time.perf_counter() - t0) / len(htmls)

    t0 = time.perf_counter()
    ex = default_extractor()
    build_s = time.perf_counter() - t0
    for text, pub in zip(texts, pubs, strict=True):  # warm-up (lazy language model, caches)
        ex.extract(text, published=pub)

    n = len(texts) * args.repeat
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            f = fold(text)
            sentences(text)
            tokens(f)
    normalise_s = (time.perf_counter() - t0) / n

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for text, pub in zip(texts, pubs, strict=True):
            ex.extract(text, published=pub)
    engine_s = (time.perf_counter() - t0) / n
    engine_cpu_s = (time.process_time() - c0) / n  # CPU time: robust when the host is busy

    t0 = time.perf_counter()
    for _ in range(max(1, args.repeat // 4)):
        for text, pub in zip(texts, pubs, strict=True):
            ex.extract(text, published=pub, lang=None)
    detect_s = (time.perf_counter() - t0) / (len(texts) * max(1, args.repeat // 4))

    gc.collect()
    samples = [(0, round(rss_mb(), 1))]
    t0 = time.perf_counter()
    for i in range(args.memory_articles):
        k = i % len(texts)
        day = date(2024, 1, 1) + timedelta(days=i % 700)
        unique = (
            f"\nReport {i}: on {day.day} {MONTHS[day.month - 1]} a meeting of "
            f"{(i % 90) + 10} delegates was held."
        )
        ex.extract(texts[k] + unique, published=pubs[k] + timedelta(days=i % 5))
        if (i + 1) % 1000 == 0:
            samples.append((i + 1, round(rss_mb(), 1)))
    memory_s = time.perf_counter() - t0

    report = {
        "cpu_pinned": hasattr(os, "sched_setaffinity"),
        "corpus_articles": len(texts),
        "timed_articles": n,
        "extractor_build_seconds": round(build_s, 3),
        "engine_articles_per_second": round(1 / engine_s, 1),
        "engine_ms_per_article": round(engine_s * 1000, 3),
        "engine_cpu_articles_per_second": round(1 / engine_cpu_s, 1),
        "host_load_average_1min": round(os.getloadavg()[0], 2),
        "engine_with_language_detection_articles_per_second": round(1 / detect_s, 1),
        "baseline_normalise_only_articles_per_second": round(1 / normalise_s, 1),
        "baseline_trafilatura_articles_per_second": round(1 / trafilatura_s, 1),
        "engine_cost_vs_normalise": round(engine_s / normalise_s, 1),
        "engine_cost_vs_trafilatura": round(engine_s / trafilatura_s, 2),
        "memory_articles": args.memory_articles,
        "memory_seconds": round(memory_s, 1),
        "rss_mb_samples": samples,
        "rss_mb_start": samples[0][1],
        "rss_mb_end": samples[-1][1],
        "rss_mb_growth_after_first_1000": round(
            samples[-1][1] - samples[min(1, len(samples) - 1)][1], 1
        ),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    width = max(len(k) for k in report)
    for key, value in report.items():
        if key != "rss_mb_samples":
            print(f"{key:<{width}}  {value}")
    print("rss samples (articles, MB):", samples)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
