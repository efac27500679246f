"""Throughput and agreement of envoi's schedules (Python binding) against python-dateutil's rrule.

One Python process; see ../README.md ("Schedules"). Run with a Python that has the envoi wheel and
requirements.txt installed (run.sh sets one up):

    python schedule_compare.py [--strict]

Expansion: 10,000 occurrences of a daily and an hourly rule from 2026-01-01 09:00 in
Europe/Brussels, as a simple envoi schedule, as an envoi RRULE (`from_rrule`) and as a dateutil
`rrule` with a zoneinfo-aware DTSTART (`list(rule)`, count=10,000). `next_after`: a daily 09:00
rule started ten years before the query (dateutil's `rule.after(t)`).

Environment: ROUNDS (default 9, at least 7), MIN_ROUND_S (0.3), WARMUP_S (0.5) as in compare.py;
ENVOI_CORE_DAILY_PER_S and ENVOI_CORE_HOURLY_PER_S (occurrences/s of the Rust core's expansion,
from criterion; run.sh passes them) add a cross-process "core ÷ dateutil" ratio.
``--strict`` exits 1 when envoi and dateutil disagree on a daily rule or on next_after.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from importlib import metadata
from typing import Callable
from zoneinfo import ZoneInfo

import envoi
from dateutil import rrule as du
from envoi.schedule import Schedule

ROUNDS = max(7, int(os.environ.get("ROUNDS", "9")))
MIN_ROUND_NS = int(float(os.environ.get("MIN_ROUND_S", "0.3")) * 1e9)
WARMUP_NS = int(float(os.environ.get("WARMUP_S", "0.5")) * 1e9)
N = 10_000
TZ = "Europe/Brussels"
ZONE = ZoneInfo(TZ)
START = datetime(2026, 1, 1, 9, 0, tzinfo=ZONE)
OLD_START = datetime(2016, 11, 30, 9, 0, tzinfo=ZONE)
NOW = datetime(2026, 11, 30, 11, 0, tzinfo=ZONE)


def timed_round(fn: Callable[[], int], min_ns: int) -> tuple[float, int]:
    """Runs fn until min_ns have passed; returns (units per second, calls), fn returning units."""
    units = calls = 0
    clock = time.perf_counter_ns
    start = clock()
    while True:
        units += fn()
        calls += 1
        elapsed = clock() - start
        if elapsed >= min_ns:
            return units / (elapsed / 1e9), calls


def measure(subjects: dict[str, Callable[[], int]]) -> dict[str, dict[str, float]]:
    for fn in subjects.values():
        timed_round(fn, WARMUP_NS)
    rates: dict[str, list[float]] = {name: [] for name in subjects}
    # Interleaved rounds: noise from other work on the machine spreads over every subject.
    for _ in range(ROUNDS):
        for name, fn in subjects.items():
            rates[name].append(timed_round(fn, MIN_ROUND_NS)[0])
    return {
        name: {"median": statistics.median(v), "min": min(v), "max": max(v)} for name, v in rates.items()
    }


def fmt_ratio(value: float) -> str:
    return f"{round(value):,}×" if value >= 100 else f"{value:.1f}×" if value >= 10 else f"{value:.2f}×"


def instants(values) -> list[datetime]:
    return [value.astimezone(timezone.utc) for value in values]


def agreement(name: str, mine: list[datetime], theirs: list[datetime], peer: str = "dateutil") -> bool:
    a, b = instants(mine), instants(theirs)
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    line = f"  {name}: envoi {len(a)}, {peer} {len(b)} occurrences, {len(set(a) & set(b))} instants in both"
    if a != b:
        repeats = len(b) - len(set(b))
        show = lambda xs: ", ".join(str(x.astimezone(ZONE)) for x in xs[:2]) or "-"  # noqa: E731
        line += f"; only envoi: {len(only_a)} ({show(only_a)}); only {peer}: {len(only_b)} ({show(only_b)})"
        if repeats:
            line += f"; {peer} repeats {repeats} instant(s)"
    print(line)
    return a == b


def main() -> int:
    strict = "--strict" in sys.argv
    problems: list[str] = []
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"envoi schedule peer comparison (Python {platform.python_version()}, envoi {envoi.__version__}, "
        f"python-dateutil {metadata.version('python-dateutil')}, {os.cpu_count()} cores, load {load})"
    )
    print(f"expansion: {N:,} occurrences from {START.isoformat()} ({TZ}); next_after: daily from "
          f"{OLD_START.isoformat()}, query {NOW.isoformat()}\n")

    cases = {}
    for name, unit, freq in [("daily", "days", du.DAILY), ("hourly", "hours", du.HOURLY)]:
        simple = Schedule(START, every=1, unit=unit, tz=TZ)
        rule = Schedule.from_rrule(f"RRULE:FREQ={name.upper()}", START, tz=TZ)
        last = simple.occurrence(N - 1)
        peer = du.rrule(freq, dtstart=START, count=N)
        cases[name] = (simple, rule, last, peer)

    print("== Agreement (same UTC instants, across the DST changes of 2026-2053)")
    for name, (simple, rule, last, peer) in cases.items():
        theirs = list(peer)
        for kind, schedule in [("simple", simple), ("RRULE", rule)]:
            ok = agreement(f"{name} {kind}", schedule.between(START, last, limit=N), theirs)
            if not ok and name == "daily":
                problems.append(f"{name} {kind}: envoi and dateutil disagree")
    hourly_simple, hourly_rule, hourly_last, _ = cases["hourly"]
    agreement("hourly RRULE (as 'envoi RRULE') vs hourly simple", hourly_rule.between(START, hourly_last, limit=N),
              hourly_simple.between(START, hourly_last, limit=N), peer="simple")
    print("  Hourly differences are expected: dateutil steps wall-clock hours with a fixed tzinfo (in the"
          " spring gap it yields a nonexistent 02:00, the same instant as 03:00, and it yields each"
          " autumn's repeated hour once); an envoi RRULE also steps wall-clock hours (the gap's 02:00"
          " moves to 03:00 and is not repeated, the fold takes its first instant); a simple envoi"
          " schedule counts elapsed hours (SPEC).")

    old_simple = Schedule(OLD_START, every=1, unit="days", tz=TZ)
    old_rule = Schedule.from_rrule("RRULE:FREQ=DAILY", OLD_START, tz=TZ)
    old_peer = du.rrule(du.DAILY, dtstart=OLD_START)
    nexts = [old_simple.next_after(NOW), old_rule.next_after(NOW), old_peer.after(NOW)]
    same_next = len({n.astimezone(timezone.utc) for n in nexts}) == 1
    print(f"  next_after({NOW.isoformat()}): envoi simple {nexts[0]}, envoi RRULE {nexts[1]}, "
          f"dateutil {nexts[2]}: {'agree' if same_next else 'DISAGREE'}")
    if not same_next:
        problems.append("next_after disagreement")

    print(f"\n== Expansion (occurrences/s; median of {ROUNDS} interleaved rounds of ≥{MIN_ROUND_NS / 1e9} s)")
    subjects: dict[str, Callable[[], int]] = {}
    for name, (simple, rule, last, peer) in cases.items():
        subjects[f"envoi {name} simple"] = lambda s=simple, b=last: len(s.between(START, b, limit=N))
        subjects[f"envoi {name} RRULE"] = lambda s=rule, b=last: len(s.between(START, b, limit=N))
        subjects[f"dateutil {name}"] = lambda p=peer: len(list(p))
    rates = measure(subjects)
    for name, rate in rates.items():
        print(f"  {name:<28} {round(rate['median']):>12,} occ/s  (min {round(rate['min']):,}, "
              f"max {round(rate['max']):,}; {N / rate['median'] * 1e3:.2f} ms per {N:,})")

    print(f"\n== next_after, daily, started ten years ago (µs/call; median of {ROUNDS} interleaved rounds)")
    calls = measure({
        "envoi simple": lambda: 1 if old_simple.next_after(NOW) else 0,
        "envoi RRULE": lambda: 1 if old_rule.next_after(NOW) else 0,
        "dateutil after": lambda: 1 if old_peer.after(NOW) else 0,
    })
    for name, rate in calls.items():
        print(f"  {name:<28} {1e6 / rate['median']:>10.2f} µs  (min {1e6 / rate['max']:.2f}, max {1e6 / rate['min']:.2f})")

    print("\n== Ratios (higher is faster for envoi)")
    for name in cases:
        du_rate = rates[f"dateutil {name}"]["median"]
        for kind in ("simple", "RRULE"):
            ratio = rates[f"envoi {name} {kind}"]["median"] / du_rate
            print(f"  envoi Python {name} {kind} ÷ dateutil{'':<6} {fmt_ratio(ratio):>8}  target ≥3×: "
                  f"{'met' if ratio >= 3 else 'MISSED'}")
        core = os.environ.get(f"ENVOI_CORE_{name.upper()}_PER_S")
        if core:
            ratio = float(core) / du_rate
            print(f"  core {name} simple ÷ dateutil (cross-process) {fmt_ratio(ratio):>8}  target ≥10×: "
                  f"{'met' if ratio >= 10 else 'MISSED'}")
    for kind in ("simple", "RRULE"):
        ratio = calls[f"envoi {kind}"]["median"] / calls["dateutil after"]["median"]
        print(f"  next_after envoi {kind} ÷ dateutil after{'':<3} {fmt_ratio(ratio):>8}")

    if problems:
        print("\n== Problems")
        for problem in problems:
            print(f"  - {problem}")
    return 1 if strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
