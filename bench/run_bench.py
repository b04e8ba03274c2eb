"""Rumbo benchmark: NLU accuracy on the test splits and chat latency.

Reports, per split and language, intent / topic / country accuracy and emergency recall on
every split in `tests/nlu/` (`bench.heldout.SPLITS`; none used in training), then p50/p99
latency of the gateway's `POST /api/chat` and of Rasa's own REST channel
(`POST /webhooks/rest/webhook`) in the same run, the resident memory of each process, and
the last training time.

Usage (after `make bench` started the services): python -m bench.run_bench
Environment: RASA_URL, GATEWAY_URL, BENCH_ROUNDS (default 200), BENCH_OUT (a JSON file).
"""

from __future__ import annotations

import json
import os
import statistics
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.heldout import SPLITS, load_examples, rasa_parser, score
from bot.safety import SafetyNet
from rumbo_content import ContentStore

RUN_DIR = Path(__file__).resolve().parent.parent / ".build" / "run"
# A realistic mix: short menu answers, full questions, and the three languages.
LATENCY_MESSAGES = [
    "hola", "como saco el PPT en colombia", "2", "y en Argentina?", "mas detalles",
    "posso usar o SUS sem documentos?", "my employer in Chile is not paying me", "gracias",
]


def post_json(url: str, body: dict[str, Any]) -> tuple[float, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.load(response)
    return (time.perf_counter() - started) * 1000, payload


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def latency(rasa_url: str, gateway_url: str, rounds: int) -> dict[str, dict[str, float]]:
    """Alternate the two endpoints message by message so both see the same load."""
    timings: dict[str, list[float]] = {"gateway /api/chat": [], "rasa REST webhook": []}
    for i in range(rounds):
        text = LATENCY_MESSAGES[i % len(LATENCY_MESSAGES)]
        user = f"bench-{i // len(LATENCY_MESSAGES)}"
        ms, _ = post_json(gateway_url + "/api/chat", {"user": user, "text": text})
        timings["gateway /api/chat"].append(ms)
        ms, _ = post_json(rasa_url + "/webhooks/rest/webhook",
                          {"sender": "rasa-" + user, "message": text})
        timings["rasa REST webhook"].append(ms)
    return {
        name: {"p50_ms": round(percentile(v, 50), 1), "p99_ms": round(percentile(v, 99), 1),
               "mean_ms": round(statistics.mean(v), 1), "n": len(v)}
        for name, v in timings.items()
    }


def rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    return round(kb / 1024, 1)


def memory() -> dict[str, float | None]:
    found = {}
    for pid_file in sorted(RUN_DIR.glob("*.pid")):
        found[pid_file.stem] = rss_mb(int(pid_file.read_text().strip()))
    return found


def main() -> None:
    rasa_url = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
    gateway_url = os.environ.get("GATEWAY_URL", "http://127.0.0.1:8000")
    rounds = int(os.environ.get("BENCH_ROUNDS", "200"))
    safety = SafetyNet.from_store(ContentStore.load())
    report: dict[str, Any] = {"accuracy": {}, "latency": latency(rasa_url, gateway_url, rounds)}
    for split, path in SPLITS.items():
        scores = score(load_examples(path), rasa_parser(rasa_url),
                       is_emergency=lambda text, _r: safety.detect(text) is not None)
        report["accuracy"][split] = {
            lang: {
                "examples": s.examples,
                "intent": round(s.intent_accuracy, 3),
                "topic": round(s.topic_accuracy, 3),
                "country": round(s.country_accuracy, 3),
                "emergencies_recognised": f"{s.emergencies_recognised}/{s.emergencies}",
            }
            for lang, s in sorted(scores.items())
        }
    report["memory_rss_mb"] = memory()
    train_file = RUN_DIR.parent / "train_seconds"
    report["training_seconds"] = (float(train_file.read_text()) if train_file.exists() else None)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if os.environ.get("BENCH_OUT"):
        Path(os.environ["BENCH_OUT"]).write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
