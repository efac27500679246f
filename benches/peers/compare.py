"""Throughput and agreement of envoi's SMS segmentation (Python binding) against PyPI's smsutil.

One Python process; see ../README.md. Run with a Python that has the envoi wheel and
requirements.txt installed (run.sh sets one up):

    python compare.py [--strict] [--json FILE]

Environment: ROUNDS (default 9, at least 7), MIN_ROUND_S (0.3), WARMUP_S (1) and RANDOM_TEXTS
(3000), as in compare.mjs.
``--strict`` exits 1 when envoi differs from a tricky text's SPEC expectation or when smsutil
disagrees with envoi for a reason cases.json does not explain.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import sys
import time
import unicodedata
from importlib import metadata
from pathlib import Path
from typing import Callable, NamedTuple

import envoi
import smsutil

HERE = Path(__file__).resolve().parent
ROUNDS = max(7, int(os.environ.get("ROUNDS", "9")))
MIN_ROUND_NS = int(float(os.environ.get("MIN_ROUND_S", "0.3")) * 1e9)
WARMUP_NS = int(float(os.environ.get("WARMUP_S", "1")) * 1e9)


class Result(NamedTuple):
    encoding: str  # "gsm7" | "ucs2" | "?" on error
    parts: int
    error: str | None = None


def load_mix() -> list[str]:
    """The mix, read exactly as benches/sms.rs does (one message per line, `\\n` escaped)."""
    raw = (HERE.parent / "data" / "sms_mix.txt").read_text(encoding="utf-8")
    lines = [line[:-1] if line.endswith("\r") else line for line in raw.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return [line.replace("\\n", "\n") for line in lines]


def load_cases() -> list[dict]:
    cases = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))["cases"]
    for case in cases:
        case["text"] = "".join(piece * count for piece, count in case["build"])
    return cases


def run_envoi(text: str) -> Result:
    analysis = envoi.sms.analyze(text, max_parts=255)
    return Result(analysis.encoding, analysis.part_count)


def run_smsutil(text: str) -> Result:
    split = smsutil.split(text)
    return Result("gsm7" if split.encoding == "gsm0338" else "ucs2", len(split.parts))


def run_envoi_floor(_text: str) -> Result:
    analysis = envoi.sms.analyze("", max_parts=255)
    return Result(analysis.encoding, analysis.part_count)


LIBS: dict[str, Callable[[str], Result]] = {"envoi": run_envoi, "smsutil": run_smsutil}
LABEL = {
    "envoi": "envoi (Python binding)",
    "smsutil": "smsutil",
    "envoi floor": 'envoi analyze("") (per-call floor)',
}


def safely(fn: Callable[[str], Result], text: str) -> Result:
    try:
        return fn(text)
    except Exception as error:  # noqa: BLE001 - a peer's crash is a result to show
        return Result("?", -1, f"{type(error).__name__}: {error}"[:60])


def show(result: Result) -> str:
    return f"error: {result.error}" if result.error else f"{result.encoding}/{result.parts}"


def same(a: Result, b: Result) -> bool:
    return (a.encoding, a.parts) == (b.encoding, b.parts)


def has_multi_code_point_cluster(text: str) -> bool:
    """A rough test (Python has no grapheme segmentation in the standard library): a combining
    mark, a ZWJ, a variation selector, a skin-tone modifier or a regional indicator."""
    for char in text:
        code = ord(char)
        if (
            unicodedata.combining(char)
            or code in (0x200D, 0xFE0F)
            or 0x1F3FB <= code <= 0x1F3FF
            or 0x1F1E6 <= code <= 0x1F1FF
        ):
            return True
    return False


def explain_mix(text: str, mine: Result, theirs: Result) -> str:
    if mine.encoding != theirs.encoding:
        if mine.encoding == "ucs2":
            forced = " ".join(repr(c) for _, c in envoi.sms.analyze(text, max_parts=255).non_gsm)
            return f"encoding: envoi finds {forced} outside GSM-7, smsutil does not"
        return "encoding: smsutil treats a GSM-7 character as non-GSM"
    if mine.encoding == "ucs2" and has_multi_code_point_cluster(text):
        return "parts: a grapheme cluster at a cut (envoi keeps it whole, SPEC §5)"
    return "UNEXPLAINED"


def timed_round(fn: Callable[[str], Result], messages: list[str], min_ns: int) -> tuple[float, int]:
    count = 0
    sink = 0
    clock = time.perf_counter_ns
    start = clock()
    while True:
        for message in messages:
            sink += fn(message).parts
        count += len(messages)
        elapsed = clock() - start
        if elapsed >= min_ns:
            return count / (elapsed / 1e9), sink


def measure(mix: list[str]) -> dict[str, dict[str, float]]:
    subjects = {
        "envoi": (run_envoi, mix),
        "smsutil": (run_smsutil, mix),
        "envoi floor": (run_envoi_floor, [""]),
    }
    for fn, messages in subjects.values():
        timed_round(fn, messages, WARMUP_NS)
    rates: dict[str, list[float]] = {name: [] for name in subjects}
    # Interleaved rounds: noise from the other builders spreads over every library.
    for _ in range(ROUNDS):
        for name, (fn, messages) in subjects.items():
            rates[name].append(timed_round(fn, messages, MIN_ROUND_NS)[0])
    return {
        name: {"median": statistics.median(values), "min": min(values), "max": max(values)}
        for name, values in rates.items()
    }


def fmt(value: float) -> str:
    return f"{round(value):,}"


def fmt_ratio(value: float) -> str:
    return f"{round(value):,}×" if value >= 100 else f"{value:.1f}×" if value >= 10 else f"{value:.2f}×"


def main() -> int:
    strict = "--strict" in sys.argv
    json_out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    mix = load_mix()
    cases = load_cases()
    problems: list[str] = []

    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"envoi SMS peer comparison (Python {platform.python_version()}, envoi {envoi.__version__}, "
        f"smsutil {metadata.version('smsutil')}, {os.cpu_count()} cores, load {load})"
    )
    print(f"mix: {len(mix)} messages from benches/data/sms_mix.txt; envoi options max_parts=255\n")

    print("== Agreement on the mix (encoding and part count vs envoi)")
    disagreements = []
    for index, text in enumerate(mix):
        mine, theirs = safely(run_envoi, text), safely(run_smsutil, text)
        if not same(mine, theirs):
            disagreements.append((index, text, mine, theirs, explain_mix(text, mine, theirs)))
    print(f"  smsutil: {len(mix) - len(disagreements)}/{len(mix)} agree")
    by_why: dict[str, list] = {}
    for item in disagreements:
        by_why.setdefault(item[4], []).append(item)
    for why, items in by_why.items():
        if why == "UNEXPLAINED":
            problems.append(f"UNEXPLAINED mix disagreement with smsutil ({len(items)} messages)")
        index, text, mine, theirs, _ = items[0]
        print(
            f"    {len(items)} × {why}; e.g. line {index + 1}: envoi {show(mine)}, "
            f"smsutil {show(theirs)}: {text[:70]!r}"
        )

    # Random texts (seeded): GSM-7, extension and non-GSM characters, CR LF and emoji, but no
    # multi-code-point grapheme cluster, where smsutil's rules should give envoi's answer.
    rng = random.Random(7)
    gsm = 'abcXYZ 019@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà'
    extension, other = "^{}\\[~]|€\f", ["ж", "ç", "’", "😀", "中", "\r\n"]
    random_disagreements = 0
    count = int(os.environ.get("RANDOM_TEXTS", "3000"))
    for _ in range(count):
        ucs2 = rng.random() < 0.4
        text = ""
        for _ in range(rng.randrange(1, 420)):  # from 1: the empty text is a known smsutil error
            r = rng.random()
            text += rng.choice(extension) if r < 0.08 else rng.choice(other) if ucs2 and r < 0.15 else rng.choice(gsm)
        mine, theirs = safely(run_envoi, text), safely(run_smsutil, text)
        if not same(mine, theirs):
            random_disagreements += 1
            if random_disagreements <= 3:
                problems.append(f"random text disagreement: envoi {show(mine)}, smsutil {show(theirs)}: {text!r}")
                print(f"    envoi {show(mine)}, smsutil {show(theirs)}: {text[:70]!r}…")
    print(f"  random texts (1-420 chars, seeded): smsutil: {count - random_disagreements}/{count} agree")

    print("\n== Agreement on tricky texts (encoding/parts; SPEC = SPEC §5 and TS 23.038/23.040)")
    rows = []
    for case in cases:
        mine, theirs = safely(run_envoi, case["text"]), safely(run_smsutil, case["text"])
        expect = Result(case["expect"]["encoding"], case["expect"]["parts"])
        envoi_cell = show(mine)
        if not same(mine, expect):
            envoi_cell += "  ≠SPEC!"
            problems.append(f'envoi differs from SPEC on "{case["id"]}": {show(mine)}, expected {show(expect)}')
        rows.append((case, mine, theirs, [case["id"], show(expect), envoi_cell, show(theirs) + ("" if same(theirs, mine) else " ✘")]))
    header = ["case", "SPEC", "envoi", "smsutil"]
    widths = [max(len(header[i]), *(len(r[3][i]) for r in rows)) for i in range(len(header))]
    line = lambda cells: "  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells))  # noqa: E731
    print(line(header))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row[3]))
    print("\n  Disagreements with envoi (✘), and why:")
    found = False
    for case, mine, theirs, _ in rows:
        if same(mine, theirs):
            continue
        found = True
        why = case.get("why", {}).get("smsutil")
        if not why:
            problems.append(f'UNEXPLAINED: smsutil on "{case["id"]}": {show(theirs)} vs envoi {show(mine)}')
        print(f'  - smsutil on "{case["id"]}": {show(theirs)} vs envoi {show(mine)}.')
        print(f"      {why or 'UNEXPLAINED: no note in cases.json; check who is right per TS 23.038/23.040 and SPEC §5.'}")
    if not found:
        print("  none")

    print(
        f"\n== Throughput on the mix (messages/s; median of {ROUNDS} interleaved rounds of "
        f"≥{MIN_ROUND_NS / 1e9} s after {WARMUP_NS / 1e9} s warm-up)"
    )
    rates = measure(mix)
    for name, rate in rates.items():
        print(
            f"  {LABEL[name]:<40} {fmt(rate['median']):>12} msg/s  (min {fmt(rate['min'])}, "
            f"max {fmt(rate['max'])}; {1e9 / rate['median']:.0f} ns/msg)"
        )
    ratio = rates["envoi"]["median"] / rates["smsutil"]["median"]
    verdict = "met" if ratio >= 10 else "MISSED"
    print("\n== Ratios (higher is faster for envoi)")
    print(f"  {'envoi Python ÷ smsutil':<40} {fmt_ratio(ratio):>12}  target ≥10×: {verdict}")

    if problems:
        print("\n== Problems")
        for problem in problems:
            print(f"  - {problem}")
    if json_out:
        Path(json_out).write_text(
            json.dumps(
                {
                    "python": platform.python_version(),
                    "load": os.getloadavg(),
                    "rates": rates,
                    "ratio": ratio,
                    "mix_agreement": {"agree": len(mix) - len(disagreements), "total": len(mix)},
                    "cases": [
                        {"id": case["id"], "expect": case["expect"], "envoi": show(mine), "smsutil": show(theirs)}
                        for case, mine, theirs, _ in rows
                    ],
                    "problems": problems,
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
