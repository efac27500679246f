"""The binding runs core work with the interpreter released: other Python threads keep running."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

import envoi
from envoi.sms import analyze
from envoi.time import now_in

# Margin around each call's window for the GIL hand-over at its start and end (the default switch
# interval is 5 ms).
MARGIN = 0.02


@pytest.fixture(scope="module")
def slow_text() -> str:
    """A text whose analysis takes at least 0.6 s here (it fails with too_many_parts).

    Calibrated generously: the machine may be busier now than during the test, or idler."""
    size = 50_000
    while True:
        text = ("a" * 150 + "€") * (size // 151)
        start = time.perf_counter()
        with pytest.raises(envoi.SmsError):
            analyze(text, max_parts=255)
        if time.perf_counter() - start >= 0.6 or size >= 64_000_000:
            return text
        size *= 2


def test_analyze_in_several_threads_gives_the_serial_results() -> None:
    texts = ["", "a" * 161, "Hello 👋", "a" * 152 + "€" + "a" * 10, "€" * 100, "It’s “fine”"] * 20
    expected = [analyze(text, languages=["turkish"], smart_encoding=True) for text in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda t: analyze(t, languages=["turkish"], smart_encoding=True), texts))
    assert results == expected


def test_now_in_in_several_threads() -> None:
    base = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)

    class Clock:
        def __init__(self, minutes: int) -> None:
            self.value = base + timedelta(minutes=minutes)

        def now(self) -> datetime:
            return self.value

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda m: now_in(Clock(m)), range(400)))
    assert [r - base for r in results] == [timedelta(minutes=m) for m in range(400)]
    assert all(r.utcoffset() == timedelta(hours=1) for r in results)


def test_other_threads_run_while_analyze_works(slow_text: str) -> None:
    stamps: list[float] = []
    stop = threading.Event()

    def spin() -> None:
        # Each wake-up needs the interpreter: a stamp inside an analyze call proves it was released.
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.0005)

    windows: list[tuple[float, float]] = []
    codes: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(3)

    def work() -> None:
        barrier.wait()
        start = time.perf_counter()
        try:
            analyze(slow_text, max_parts=255)
        except envoi.SmsError as error:
            end = time.perf_counter()
            with lock:
                windows.append((start, end))
                codes.append(error.code)

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.05)
        workers = [threading.Thread(target=work) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        stop.set()
        spinner.join()

    assert codes == ["sms.too_many_parts"] * 3
    # Only windows long enough to tell a released interpreter from the hand-over at the edges count;
    # the text is calibrated so that they all are, but a much idler machine must not fail the test.
    long_windows = [(start, end) for start, end in windows if end - start > 4 * MARGIN]
    assert long_windows, f"every analyze call was too short to judge: {windows}"
    for start, end in long_windows:
        inside = [s for s in stamps if start + MARGIN < s < end - MARGIN]
        assert inside, f"no other thread ran during an analyze call of {end - start:.3f} s"
