"""Issue+verify rate and length of envoi's signed tokens (Python binding) against itsdangerous.

One Python process. Run with a Python that has the envoi wheel and requirements.txt installed
(run.sh's venv, or bindings-python/.venv plus itsdangerous):

    python token_compare.py [--strict]

The token: the typical tracking token of the core's ``benches/token.rs`` (account 12345, message
1234567, occurrence 3, recipient 45678901, link 7, issued-at, an expiry 90 days later), for the
purpose ``click``, with a 32-byte key.

Subjects, each one issue then one verify of that token, checked to give the claims back:

- ``envoi signed``: ``ring.issue("click", claims, expires=timedelta(days=90))`` and
  ``ring.verify("click", token)``: the host's usual call, the binding reading the real clock;
- ``envoi sealed``: the same with ``sealed=True`` (AES-256-SIV: the claims unreadable);
- ``envoi signed, now=``: the same as signed with ``now=`` an aware datetime at both ends (a
  datetime crosses into Rust each time);
- ``itsdangerous``: ``URLSafeTimedSerializer(key, salt="click").dumps(claims)`` and
  ``.loads(token, max_age=90 days)``: the usual way (a dict payload; the salt separates purposes;
  the timestamp is the issue time, the expiry is checked with ``max_age``; HMAC-SHA1 and zlib, its
  defaults).

Each is timed with ``timeit``: ``number`` calibrated so a repeat lasts at least MIN_ROUND_S; ROUNDS
interleaved repeats (noise from other work on the machine spreads over every subject); the table
shows the median time per issue+verify, the rate, and the ratios of the medians.

Environment: ROUNDS (default 9, at least 5), MIN_ROUND_S (0.2). ENVOI_CORE_TOKEN_NS (ns per
issue+verify of the Rust core, from criterion's ``token/typical tracking/issue+verify``) adds a
cross-process "core ÷ itsdangerous" line; without it the script reads criterion's last estimate
under ``target/criterion`` when there is one, and says so. ``--strict`` exits 1 when the binding
is under 5× itsdangerous or a round trip does not give the claims back.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import timeit
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Callable

from itsdangerous import URLSafeSerializer, URLSafeTimedSerializer

import envoi
from envoi import tracking

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CRITERION = ROOT / "target" / "criterion" / "token_typical tracking" / "issue+verify" / "new" / "estimates.json"
ROUNDS = max(5, int(os.environ.get("ROUNDS", "9")))
MIN_ROUND_S = float(os.environ.get("MIN_ROUND_S", "0.2"))
TARGET_BINDING = 5.0
TARGET_CORE = 50.0

KEY = b"\x11" * 32
CLAIMS = {"account": 12_345, "message": 1_234_567, "occurrence": 3, "recipient": 45_678_901, "link": 7}
VALIDITY = timedelta(days=90)
MAX_AGE = int(VALIDITY.total_seconds())


def subjects() -> dict[str, Callable[[], object]]:
    ring = tracking.KeyRing({1: KEY}, 1)
    issue = ring.issue
    verify = ring.verify
    now = datetime.now(timezone.utc)
    expires_at = now + VALIDITY
    serializer = URLSafeTimedSerializer(KEY, salt="click")
    dumps = serializer.dumps
    loads = serializer.loads

    def envoi_signed() -> object:
        return verify("click", issue("click", CLAIMS, expires=VALIDITY)).claims

    def envoi_sealed() -> object:
        return verify("click", issue("click", CLAIMS, expires=VALIDITY, sealed=True)).claims

    def envoi_signed_now() -> object:
        return verify("click", issue("click", CLAIMS, expires=expires_at, now=now), now=now).claims

    def itsdangerous_timed() -> object:
        return loads(dumps(CLAIMS), max_age=MAX_AGE)

    return {
        "envoi signed": envoi_signed,
        "envoi sealed": envoi_sealed,
        "envoi signed, now=": envoi_signed_now,
        "itsdangerous": itsdangerous_timed,
    }


def measure(runs: dict[str, Callable[[], object]]) -> dict[str, dict[str, float]]:
    """Median, min and max ns per issue+verify over ROUNDS interleaved timeit repeats."""
    timers = {name: timeit.Timer(run) for name, run in runs.items()}
    loops = {}
    for name, timer in timers.items():
        number, elapsed = timer.autorange()  # also the warm-up
        loops[name] = max(1, round(number * MIN_ROUND_S / max(elapsed, 1e-9)))
    per_pair: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, timer in timers.items():
            seconds = timer.timeit(number=loops[name])
            per_pair[name].append(seconds / loops[name] * 1e9)
    return {name: {"median": statistics.median(v), "min": min(v), "max": max(v)} for name, v in per_pair.items()}


def fmt_ratio(value: float) -> str:
    return f"{value:,.0f}×" if value >= 100 else f"{value:.1f}×"


def core_ns() -> tuple[float | None, str]:
    """The core's ns per issue+verify: from the environment (this run), or criterion's last estimate."""
    given = os.environ.get("ENVOI_CORE_TOKEN_NS", "")
    if given:
        return float(given), "criterion, this run"
    if CRITERION.is_file():
        estimate = json.loads(CRITERION.read_text(encoding="utf-8"))["median"]["point_estimate"]
        modified = datetime.fromtimestamp(CRITERION.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return float(estimate), f"criterion's last median estimate, {modified}"
    return None, ""


def main() -> int:
    strict = "--strict" in sys.argv
    problems: list[str] = []
    load_avg = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"envoi signed tokens vs itsdangerous (Python {platform.python_version()}, envoi {envoi.__version__}, "
        f"itsdangerous {metadata.version('itsdangerous')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"load {load_avg})"
    )

    runs = subjects()
    for name, run in runs.items():
        if run() != CLAIMS:
            problems.append(f"{name}: the round trip did not give the claims back")

    ring = tracking.KeyRing({1: KEY}, 1)
    sent = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
    lengths = {
        "envoi signed": len(ring.issue("click", CLAIMS, expires=VALIDITY, now=sent)),
        "envoi sealed": len(ring.issue("click", CLAIMS, expires=VALIDITY, now=sent, sealed=True)),
        "itsdangerous URLSafeTimedSerializer (issued-at; expiry by max_age)": len(
            URLSafeTimedSerializer(KEY, salt="click").dumps(CLAIMS)
        ),
        "itsdangerous URLSafeSerializer (no time at all)": len(URLSafeSerializer(KEY, salt="click").dumps(CLAIMS)),
    }
    print(f"\n== Token length (characters) of the typical tracking token: {json.dumps(CLAIMS)}, issued-at, 90 days")
    width = max(len(name) for name in lengths)
    for name, length in lengths.items():
        print(f"  {name:<{width}}  {length:>4}")
    if lengths["envoi signed"] >= lengths["itsdangerous URLSafeTimedSerializer (issued-at; expiry by max_age)"]:
        problems.append("envoi's token is not shorter than itsdangerous's")

    print(
        f"\n== Issue+verify (median of {ROUNDS} interleaved timeit repeats of ≥{MIN_ROUND_S} s each; "
        f"in brackets min–max)"
    )
    timed = measure(runs)
    peer = timed["itsdangerous"]["median"]
    header = ["subject", "ns per issue+verify", "issue+verify/s", "÷ itsdangerous"]
    table = [
        [
            name,
            f"{value['median']:,.0f} [{value['min']:,.0f}–{value['max']:,.0f}]",
            f"{1e9 / value['median']:,.0f}",
            fmt_ratio(peer / value["median"]),
        ]
        for name, value in timed.items()
    ]
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header))]
    print("  " + "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(header)))
    for row in table:
        print("  " + "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))

    binding_ratio = peer / timed["envoi signed"]["median"]
    if binding_ratio < TARGET_BINDING:
        problems.append(
            f"the Python binding is {binding_ratio:.1f}× itsdangerous (target ≥{TARGET_BINDING:.0f}×)"
        )

    core, source = core_ns()
    if core:
        ratio = peer / core
        print(
            f"\n  Rust core ({source}, another process): {core:,.0f} ns per issue+verify = "
            f"{1e9 / core:,.0f}/s = {fmt_ratio(ratio)} itsdangerous (target ≥{TARGET_CORE:.0f}×)"
        )
        if ratio < TARGET_CORE:
            problems.append(f"the Rust core is {ratio:.1f}× itsdangerous (target ≥{TARGET_CORE:.0f}×)")
    else:
        print("\n  Rust core: no criterion figure (run cargo bench -p envoi-benches --bench token, or run.sh)")

    print(
        f"\n  Targets (issue 7): Python binding ≥{TARGET_BINDING:.0f}× itsdangerous: "
        f"{'met' if binding_ratio >= TARGET_BINDING else 'NOT met'} ({fmt_ratio(binding_ratio)})"
        + (f"; Rust core ≥{TARGET_CORE:.0f}×: {'met' if core and peer / core >= TARGET_CORE else 'NOT met'}"
           f" ({fmt_ratio(peer / core)})" if core else "")
    )
    for problem in problems:
        print(f"  ! {problem}")
    return 1 if strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
