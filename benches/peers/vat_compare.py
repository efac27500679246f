"""Throughput and agreement of envoi's VAT-number validation (Python binding) against python-stdnum.

One Python process, the same inputs for both. Run with a Python that has the envoi wheel and
requirements.txt installed (run.sh's venv, or bindings-python/.venv plus python-stdnum):

    python vat_compare.py [--strict]

Inputs, all from core/tests/data/vat_stdnum.tsv (python-stdnum 2.2's verdicts on 10,748 inputs),
the rows without a country argument (stdnum.eu.vat takes none):

- ``valid``: the numbers stdnum accepts, as typed there (most with spaces, dots or dashes);
- ``typed``: those of them typed with separators or in lower case;
- ``mix``: every row: valid numbers, their invalid variants (a digit changed, transposed, dropped
  or added, another prefix, no prefix), separators, lower case, full-width digits.

Subjects: ``stdnum.eu.vat.is_valid(n)``, ``stdnum.eu.vat.validate(n)`` (raises on an invalid
number; caught), ``envoi.vat.validate(n).valid`` and ``envoi.vat.validate_many(numbers)`` (one call
per list). Each is timed with ``timeit``: a run is one pass over the input list, repeated with
``number`` calibrated so a repeat lasts at least MIN_ROUND_S; ROUNDS interleaved repeats (noise from
other work on the machine spreads over every subject); the table shows the median time per number
and the ratios of the medians.

Environment: ROUNDS (default 9, at least 5), MIN_ROUND_S (0.2). ENVOI_CORE_VAT_PER_S (numbers/s of
the Rust core on the mix, from criterion, if a bench provides it) adds a cross-process
"core ÷ stdnum" line. ``--strict`` exits 1 when envoi and stdnum disagree on a row that is not one of
the TSV's deliberate differences (SPEC section 7), or when the binding is under 10× stdnum's
``is_valid`` on a set.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import timeit
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Callable, NamedTuple

from stdnum import exceptions as stdnum_exceptions
from stdnum.eu import vat as stdnum_vat

import envoi
from envoi import vat

HERE = Path(__file__).resolve().parent
TSV = HERE.parent.parent / "core" / "tests" / "data" / "vat_stdnum.tsv"
ROUNDS = max(5, int(os.environ.get("ROUNDS", "9")))
MIN_ROUND_S = float(os.environ.get("MIN_ROUND_S", "0.2"))
TARGET = 10.0
SEPARATORS = set(" .,:-/")


class Row(NamedTuple):
    number: str
    stdnum: str  # "valid" | "invalid", as recorded
    difference: str  # "" or the deliberate difference (SPEC section 7)


def unescape(text: str) -> str:
    out, chars = [], iter(text)
    for c in chars:
        out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)] if c == "\\" else c)
    return "".join(out)


def load() -> list[Row]:
    lines = [line for line in TSV.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[0].split("\t")[:3] == ["input", "country", "stdnum"], lines[0]
    rows = []
    for line in lines[1:]:
        number, country, verdict, _, _, _, difference, _ = line.split("\t")
        if not country:
            rows.append(Row(unescape(number), verdict, difference))
    return rows


def subjects(numbers: list[str]) -> dict[str, Callable[[], object]]:
    is_valid = stdnum_vat.is_valid
    stdnum_validate = stdnum_vat.validate
    refused = stdnum_exceptions.ValidationError
    validate = vat.validate
    validate_many = vat.validate_many

    def stdnum_is_valid() -> object:
        for number in numbers:
            is_valid(number)
        return None

    def stdnum_validate_all() -> object:
        for number in numbers:
            try:
                stdnum_validate(number)
            except refused:
                pass
        return None

    def envoi_validate() -> object:
        for number in numbers:
            validate(number).valid
        return None

    def envoi_validate_many() -> object:
        return validate_many(numbers)

    return {
        "stdnum is_valid": stdnum_is_valid,
        "stdnum validate": stdnum_validate_all,
        "envoi validate": envoi_validate,
        "envoi validate_many": envoi_validate_many,
    }


def measure(runs: dict[str, Callable[[], object]], count: int) -> dict[str, dict[str, float]]:
    """Median, min and max ns per number over ROUNDS interleaved timeit repeats."""
    timers = {name: timeit.Timer(run) for name, run in runs.items()}
    loops = {}
    for name, timer in timers.items():
        number, elapsed = timer.autorange()  # also the warm-up
        loops[name] = max(1, round(number * MIN_ROUND_S / max(elapsed, 1e-9)))
    per_number: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, timer in timers.items():
            seconds = timer.timeit(number=loops[name])
            per_number[name].append(seconds / loops[name] / count * 1e9)
    return {
        name: {"median": statistics.median(v), "min": min(v), "max": max(v)} for name, v in per_number.items()
    }


def fmt_ratio(value: float) -> str:
    return f"{value:,.0f}×" if value >= 100 else f"{value:.1f}×"


def main() -> int:
    strict = "--strict" in sys.argv
    problems: list[str] = []
    load_avg = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"envoi VAT-number validation vs python-stdnum (Python {platform.python_version()}, "
        f"envoi {envoi.__version__}, python-stdnum {metadata.version('python-stdnum')}, "
        f"{platform.machine()}, {os.cpu_count()} cores, load {load_avg})"
    )
    rows = load()
    valid = [row for row in rows if row.stdnum == "valid"]
    sets = {
        "valid": valid,
        "typed": [row for row in valid if SEPARATORS & set(row.number) or row.number != row.number.upper()],
        "mix": rows,
    }

    print(f"\n== Agreement ({TSV.relative_to(HERE.parent.parent)}, rows without a country)")
    for name, chosen in sets.items():
        numbers = [row.number for row in chosen]
        mine = [result.valid for result in vat.validate_many(numbers)]
        theirs = [stdnum_vat.is_valid(number) for number in numbers]
        differ = [(row, m) for row, m, t in zip(chosen, mine, theirs) if m != t]
        deliberate = Counter(row.difference for row, _ in differ if row.difference)
        unexplained = [row for row, _ in differ if not row.difference]
        kinds = f" ({', '.join(f'{kind} {n}' for kind, n in deliberate.most_common())})" if deliberate else ""
        print(
            f"  {name:<6} {len(numbers):>6,} numbers: {len(numbers) - len(differ):,} same verdict, "
            f"{sum(deliberate.values())} deliberate differences{kinds}, {len(unexplained)} unexplained"
        )
        if unexplained:
            problems.append(f"{name}: {len(unexplained)} unexplained disagreements, e.g. {unexplained[0].number!r}")

    print(
        f"\n== Throughput (ns per number: median of {ROUNDS} interleaved timeit repeats of ≥{MIN_ROUND_S} s "
        f"each; in brackets min–max)"
    )
    header = ["set", "numbers", *subjects([]).keys(), "is_valid ÷ validate", "validate ÷ validate",
              "is_valid ÷ many"]
    table: list[list[str]] = []
    for name, chosen in sets.items():
        numbers = [row.number for row in chosen]
        timed = measure(subjects(numbers), len(numbers))
        median = {subject: value["median"] for subject, value in timed.items()}
        cells = [f"{value['median']:,.0f} [{value['min']:,.0f}–{value['max']:,.0f}]" for value in timed.values()]
        ratio = median["stdnum is_valid"] / median["envoi validate"]
        table.append([
            name,
            f"{len(numbers):,}",
            *cells,
            fmt_ratio(ratio),
            fmt_ratio(median["stdnum validate"] / median["envoi validate"]),
            fmt_ratio(median["stdnum is_valid"] / median["envoi validate_many"]),
        ])
        if ratio < TARGET:
            problems.append(f"{name}: envoi.vat.validate is {ratio:.1f}× stdnum's is_valid (target ≥{TARGET:.0f}×)")
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header))]
    print("  " + "  ".join(cell.rjust(width) for cell, width in zip(header, widths)))
    for row in table:
        print("  " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths)))

    core = os.environ.get("ENVOI_CORE_VAT_PER_S", "")
    if core:
        mix_stdnum = float(table[-1][2].split()[0].replace(",", ""))
        print(f"\n  Rust core (criterion, other process): {float(core):,.0f} numbers/s on the mix = "
              f"{fmt_ratio(float(core) * mix_stdnum / 1e9)} stdnum's is_valid")

    print(f"\n  Target: the Python binding ≥{TARGET:.0f}× stdnum (issue 6).", end=" ")
    print("Met on every set." if not any("target" in p for p in problems) else "NOT met: see above.")
    for problem in problems:
        print(f"  ! {problem}")
    return 1 if strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
