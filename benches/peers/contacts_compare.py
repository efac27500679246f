"""Contact import through envoi's Python binding against Python ``csv`` + ``phonenumbers``.

One Python process. Run with a Python that has the envoi wheel and requirements.txt installed
(run.sh's venv, or bindings-python/.venv plus phonenumbers):

    python contacts_compare.py [--strict]

The file: the core bench's ``envoi_benches::ContactCsv`` (benches/src/lib.rs), generated here by
the same seeded SplitMix64 and the same formats, 100,000 data rows (ROWS): an Excel-FR-like export
(``;``, CRLF, accents), Belgian mobiles written five ways, some French and Dutch mobiles and
Brussels fixed lines, 2% invalid phones, 1% invalid emails, ~3% duplicates, 0.5% blank lines,
quoted notes with ``;`` and newlines. UTF-8 bytes in memory, read by every subject.

Subjects, each over the whole file:

- ``phonenumbers``: ``csv.reader`` over the decoded text, then per data row
  ``phonenumbers.parse(gsm, "BE")``, ``is_valid_number``, ``number_type`` (mobile or
  fixed-line-or-mobile) and ``format_number(E164)``, building a dict of the row's fields; blank
  rows skipped, bad numbers collected (what a host writes by hand with the usual libraries; it
  checks no email, detects no duplicate and sniffs no encoding or delimiter, so it does less);
- ``envoi import_csv``: ``envoi.contacts.import_csv(data)`` (encoding and delimiter sniffed,
  headers mapped, phones normalised, emails checked, duplicates reported), then
  ``len(report.contacts)`` and each contact's ``.mobile`` read (the contacts materialised);
- ``envoi ContactImporter``: the chunked form, ``chunk_size=1000``, each imported contact's
  ``.mobile`` read (what a host streaming to its store does).

Timing: ROUNDS interleaved runs of each subject (noise from other work spreads over every subject);
the table shows the median seconds per file, rows per second, and the ratio of the medians.
Environment: ROWS (default 100000), ROUNDS (default 5, at least 5). ENVOI_CORE_IMPORT_NS (ns per
100k-row file of the Rust core, criterion's ``contacts_import/report 100k rows``) adds a
cross-process "core ÷ phonenumbers" line; without it the script reads criterion's last estimate under
``target/criterion`` when there is one, and says so. ``--strict`` exits 1 when the binding is under
5× the peer (issue 9) or when envoi's counts do not add up.
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Callable

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

import envoi
from envoi import contacts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CRITERION = ROOT / "target" / "criterion" / "contacts_import" / "report 100k rows" / "new" / "estimates.json"
ROWS = int(os.environ.get("ROWS", "100000"))
ROUNDS = max(5, int(os.environ.get("ROUNDS", "5")))
TARGET_BINDING = 5.0
TARGET_CORE = 10.0

MASK = (1 << 64) - 1
FIRST_NAMES = ["Hélène", "Jan", "Zoé", "Pieter", "François", "Els", "Noël", "Marie", "Thomas", "Ann", "Gaëlle", "Lucas"]
LAST_NAMES = ["Dupont", "Peeters", "Janssens", "Lefèvre", "Maes", "Dubois", "Claes", "Müller", "Wouters", "Lambert",
              "De Smet", "Goossens"]
HEADER = "Nom;Prénom;GSM;E-mail;Langue;N° client;Remarque\r\n"


def contact_csv(rows: int) -> bytes:
    """The bytes of ``envoi_benches::ContactCsv::bytes(rows)``: the same generator, line for line."""
    state = 0x853C_49E6_748F_EA9B

    def random() -> int:
        nonlocal state
        state = (state + 0x9E37_79B9_7F4A_7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB) & MASK
        return z ^ (z >> 31)

    lines = [HEADER]
    for row in range(rows):
        roll = random() % 1000
        if roll < 5:
            lines.append("\r\n")
            continue
        person = random() % row if roll < 38 and row > 0 else row
        first = FIRST_NAMES[person % 12]
        last = LAST_NAMES[person // 12 % 12]
        subscriber = 100_000 + person % 900_000
        prefix = 470 + person // 900_000 % 30
        a, b, c = subscriber // 10_000, subscriber // 100 % 100, subscriber % 100
        kind = random() % 100
        if kind <= 1:
            phone = f"0{prefix} {a}"
        elif kind <= 5:
            phone = f"02 5{a:02} {b:02} {c:02}"
        elif kind <= 8:
            phone = f"+33 6 {a:02} {b:02} {c:02} {person % 100:02}"
        elif kind <= 10:
            phone = f"+31 6 {a:02}{b:02}{c:02}{person % 100:02}"
        elif kind <= 30:
            phone = f"0{prefix} {a:02} {b:02} {c:02}"
        elif kind <= 45:
            phone = f"0{prefix}/{a:02}.{b:02}.{c:02}"
        elif kind <= 65:
            phone = f"+32 {prefix} {a:02} {b:02} {c:02}"
        elif kind <= 80:
            phone = f"0032{prefix}{subscriber:06}"
        else:
            phone = f"+32{prefix}{subscriber:06}"
        if random() % 100 < 1:
            email = f"{first.lower()}.{person}.example.be"
        elif person % 7 < 1:
            email = f"{first.upper()}.{person}@Example.BE"
        else:
            email = f"{first.lower()}.{person}@example.be"
        language = ["fr", "nl", "FR", "en", ""][person % 5]
        note_roll = random() % 50
        if note_roll == 0:
            note = '"Rappeler après 18h\r\nsonner deux fois"'
        elif note_roll <= 5:
            note = f'"Client depuis {2000 + person % 25}; fidèle"'
        elif note_roll <= 25:
            note = ""
        else:
            note = "Newsletter"
        lines.append(f"{last};{first};{phone};{email};{language};C-{person:07};{note}\r\n")
    return "".join(lines).encode("utf-8")


def peer_import(data: bytes) -> tuple[int, int]:
    """Python csv + phonenumbers: a dict per row, E.164 mobiles, bad numbers collected."""
    parse = phonenumbers.parse
    is_valid = phonenumbers.is_valid_number
    number_type = phonenumbers.number_type
    format_number = phonenumbers.format_number
    e164 = PhoneNumberFormat.E164
    mobile_types = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
    NumberParseException = phonenumbers.NumberParseException
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";")
    next(reader)
    people = []
    bad = []
    for line, row in enumerate(reader, start=2):
        if not any(field.strip() for field in row):
            continue
        last, first, gsm, email, language, customer, note = (field.strip() for field in row)
        try:
            number = parse(gsm, "BE")
        except NumberParseException:
            bad.append(line)
            continue
        if not is_valid(number) or number_type(number) not in mobile_types:
            bad.append(line)
            continue
        people.append({
            "first_name": first,
            "last_name": last,
            "mobile": format_number(number, e164),
            "email": email,
            "language": language,
            "customer": customer,
            "note": note,
        })
    return len(people), len(bad)


def envoi_report(data: bytes) -> tuple[int, int]:
    report = contacts.import_csv(data)
    people = report.contacts
    mobiles = sum(1 for contact in people if contact.mobile is not None)
    return len(people), mobiles


def envoi_chunks(data: bytes) -> tuple[int, int]:
    imported = 0
    mobiles = 0
    for chunk in contacts.ContactImporter(data, chunk_size=1000):
        for outcome in chunk:
            contact = outcome.contact
            if contact is not None:
                imported += 1
                mobiles += contact.mobile is not None
    return imported, mobiles


def core_ns() -> tuple[float | None, str]:
    """The core's ns per 100k-row file: from the environment (this run), or criterion's last estimate."""
    given = os.environ.get("ENVOI_CORE_IMPORT_NS", "")
    if given:
        return float(given), "criterion, this run"
    if CRITERION.is_file():
        estimate = json.loads(CRITERION.read_text(encoding="utf-8"))["median"]["point_estimate"]
        modified = datetime.fromtimestamp(CRITERION.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return float(estimate), f"criterion's last median estimate, {modified}"
    return None, ""


def fmt_ratio(value: float) -> str:
    return f"{value:,.0f}×" if value >= 100 else f"{value:.1f}×"


def main() -> int:
    strict = "--strict" in sys.argv
    problems: list[str] = []
    load_avg = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"contact import: envoi vs csv + phonenumbers (Python {platform.python_version()}, envoi {envoi.__version__}, "
        f"phonenumbers {metadata.version('phonenumbers')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"load {load_avg})"
    )
    data = contact_csv(ROWS)
    print(f"  file: {ROWS:,} data rows, {len(data) / 1e6:.1f} MB (ContactCsv's generator)")

    report = contacts.import_csv(data)
    counts = report.counts
    print(f"  envoi: {counts}")
    if counts.rows != ROWS or counts.accounted() != counts.rows:
        problems.append(f"envoi's counts do not add up to {ROWS} rows: {counts}")
    kept, bad = peer_import(data)
    print(f"  phonenumbers: {kept:,} rows kept, {bad:,} bad or non-mobile numbers")

    subjects: dict[str, Callable[[bytes], tuple[int, int]]] = {
        "phonenumbers": peer_import,
        "envoi import_csv": envoi_report,
        "envoi ContactImporter": envoi_chunks,
    }
    seconds: dict[str, list[float]] = {name: [] for name in subjects}
    for _ in range(ROUNDS):
        for name, run in subjects.items():
            start = time.perf_counter()
            run(data)
            seconds[name].append(time.perf_counter() - start)

    print(f"\n== Import of the whole file (median of {ROUNDS} interleaved runs; in brackets min–max)")
    peer = statistics.median(seconds["phonenumbers"])
    header = ["subject", "s per file", "rows/s", "÷ phonenumbers"]
    table = []
    for name, values in seconds.items():
        median = statistics.median(values)
        table.append([
            name,
            f"{median:.3f} [{min(values):.3f}–{max(values):.3f}]",
            f"{ROWS / median:,.0f}",
            fmt_ratio(peer / median),
        ])
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header))]
    print("  " + "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(header)))
    for row in table:
        print("  " + "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))

    binding_ratio = peer / statistics.median(seconds["envoi import_csv"])
    if binding_ratio < TARGET_BINDING:
        problems.append(f"the Python binding is {binding_ratio:.1f}× phonenumbers (target ≥{TARGET_BINDING:.0f}×)")

    core, source = core_ns()
    if core:
        core_rows = 100_000 / (core / 1e9)
        ratio = core_rows / (ROWS / peer)
        print(
            f"\n  Rust core ({source}, another process): {core_rows:,.0f} rows/s = {fmt_ratio(ratio)} "
            f"phonenumbers (target ≥{TARGET_CORE:.0f}×)"
        )
    else:
        print("\n  Rust core: no criterion figure (cargo bench -p envoi-benches --bench contacts_import)")

    print(
        f"\n  Target (issue 9): Python binding ≥{TARGET_BINDING:.0f}× csv + phonenumbers: "
        f"{'met' if binding_ratio >= TARGET_BINDING else 'NOT met'} ({fmt_ratio(binding_ratio)})"
    )
    for problem in problems:
        print(f"  ! {problem}")
    return 1 if strict and problems else 0


if __name__ == "__main__":
    sys.exit(main())
