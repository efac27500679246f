#!/usr/bin/env bash
# Builds every fuzz target once with the nightly toolchain, then runs each for FUZZ_SECONDS (20 by
# default). Installs cargo-fuzz when it is missing. A crash fails the run and leaves its input in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${FUZZ_SECONDS:-20}
CARGO_FUZZ_VERSION=0.13.2

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzzing needs the nightly toolchain (rustup toolchain install nightly)" >&2
    exit 1
fi

# -O with -a: optimised, with debug assertions and overflow checks on.
cargo +nightly fuzz build -O -a
for target in $(cargo +nightly fuzz list); do
    echo "fuzzing $target for ${SECONDS_PER_TARGET}s"
    mkdir -p "corpus/$target"
    # Committed seeds (valid inputs to start from), when a target has some.
    seeds=()
    [ -d "seeds/$target" ] && seeds=("seeds/$target")
    log="corpus/$target.log"
    if ! cargo +nightly fuzz run -O -a "$target" "corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 >"$log" 2>&1; then
        # Show the finding itself (panic message, sanitizer report, reproducer), not only the stats.
        grep -v -E '^#[0-9]+' "$log" | tail -n 80
        echo "fuzz target $target failed; its input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
    tail -n 15 "$log"
done
