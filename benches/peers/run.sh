#!/usr/bin/env bash
# Peer comparison of envoi's SMS segmentation: installs the peers, measures the Rust core with
# criterion, then runs compare.mjs (Node binding vs sms-segments-calculator and split-sms) and
# compare.py (Python binding vs smsutil), then schedule_compare.py (Python binding's schedules vs
# python-dateutil's rrule, with the core's expansion rate from criterion), then vat_compare.py
# (Python binding's VAT-number validation vs python-stdnum, with the core's rate from criterion)
# after vat_compare.mjs (Node binding's vs jsvat and stdnum-js); then token_compare.mjs (the Node
# binding's signed tokens vs jsonwebtoken and branca: issue+verify per second and token lengths)
# and token_compare.py (the Python binding's vs itsdangerous, with the core's rate from criterion);
# then contacts_compare.py (the Python binding's contact import vs Python csv + phonenumbers on the
# core bench's generated 100,000-row file, with the core's rate from criterion).
# Prints rates, ratios and agreement tables.
#
# For humans and optional CI; about a minute once the bindings and the bench are built (the first
# `cargo bench` build of envoi-benches takes a few minutes on 2 cores). Runs from any directory.
#
# Environment:
#   SKIP_CORE=1        skip the criterion run (no "core ÷ Twilio" ratio)
#   PEERS_VENV         virtual environment for compare.py (default benches/peers/.venv)
#   PYTHON             interpreter that creates it (default python3.11, else python3)
#   ROUNDS, MIN_ROUND_S, WARMUP_S   passed to the compare scripts (see compare.mjs)
#   STRICT=1           pass --strict to both scripts (exit 1 on an envoi/SPEC mismatch or an
#                      unexplained disagreement)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${PEERS_VENV:-$HERE/.venv}"
if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi
STRICT_FLAG=()
if [[ "${STRICT:-0}" == 1 ]]; then STRICT_FLAG=(--strict); fi

step() {
    echo
    echo "==> [peers] $*"
}

SECONDS=0

step "envoi Node module (bindings-node)"
shopt -s nullglob
node_binaries=("$ROOT"/bindings-node/envoi.*.node)
shopt -u nullglob
if [[ ! -f "$ROOT/bindings-node/index.js" || ${#node_binaries[@]} -eq 0 ]]; then
    if [[ -f "$ROOT/bindings-node/ci.sh" ]]; then
        echo "not built yet: bash bindings-node/ci.sh"
        bash "$ROOT/bindings-node/ci.sh"
    else
        echo "not built yet: npm ci && npm run build in bindings-node"
        (cd "$ROOT/bindings-node" && npm ci --no-audit --no-fund && npm run build)
    fi
fi
ls -l "$ROOT"/bindings-node/envoi.*.node

step "npm peers (package-lock.json)"
(cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts)

step "Python peers and the envoi wheel ($VENV)"
wheel_glob=("$ROOT"/target/wheels/envoi-python/envoi-*.whl)
if [[ ! -f "${wheel_glob[0]}" ]]; then
    echo "no envoi wheel yet: bash bindings-python/ci.sh builds it"
    bash "$ROOT/bindings-python/ci.sh"
    wheel_glob=("$ROOT"/target/wheels/envoi-python/envoi-*.whl)
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet -r "$HERE/requirements.txt"
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet --force-reinstall --no-deps "${wheel_glob[0]}"

core_rate=""
if [[ "${SKIP_CORE:-0}" != 1 ]]; then
    step "Rust core: cargo bench -p envoi-benches --bench sms -- --noplot 'sms/analyze/mix\$'"
    core_log="$(mktemp)"
    trap 'rm -f "$core_log"' EXIT
    (cd "$ROOT" && cargo bench -p envoi-benches --bench sms -- --noplot \
        --warm-up-time 2 --measurement-time 4 'sms/analyze/mix$') | tee "$core_log"
    # "thrpt:  [747.18 Kelem/s 811.42 Kelem/s 883.24 Kelem/s]": the middle value is the estimate.
    core_rate="$(awk '/thrpt:/ {
        gsub(/[\[\]]/, "");
        value = $4; unit = $5;
        scale = (unit ~ /^Gelem/) ? 1e9 : (unit ~ /^Melem/) ? 1e6 : (unit ~ /^Kelem/) ? 1e3 : 1;
        printf "%.0f", value * scale; exit }' "$core_log")"
    echo "core: ${core_rate:-?} messages/s"
fi

step "Node: envoi vs sms-segments-calculator (Twilio) and split-sms"
(cd "$HERE" && ENVOI_CORE_MSGS_PER_S="$core_rate" node compare.mjs "${STRICT_FLAG[@]}")

step "Python: envoi vs smsutil"
(cd "$HERE" && "$VENV/bin/python" compare.py "${STRICT_FLAG[@]}")

core_daily=""
core_hourly=""
if [[ "${SKIP_CORE:-0}" != 1 ]]; then
    step "Rust core: cargo bench -p envoi-benches --bench schedule -- --noplot '^schedule/expand/(daily|hourly), '"
    sched_log="$(mktemp)"
    trap 'rm -f "${core_log:-}" "$sched_log"' EXIT
    (cd "$ROOT" && cargo bench -p envoi-benches --bench schedule -- --noplot \
        --warm-up-time 1 --measurement-time 3 '^schedule/expand/(daily|hourly), ') | tee "$sched_log"
    rate_of() {
        awk -v name="schedule/expand/$1, " 'index($0, name) == 1 { found = 1 }
            found && /thrpt:/ {
                gsub(/[\[\]]/, "");
                value = $4; unit = $5;
                scale = (unit ~ /^Gelem/) ? 1e9 : (unit ~ /^Melem/) ? 1e6 : (unit ~ /^Kelem/) ? 1e3 : 1;
                printf "%.0f", value * scale; exit }' "$sched_log"
    }
    core_daily="$(rate_of daily)"
    core_hourly="$(rate_of hourly)"
    echo "core expansion: daily ${core_daily:-?}, hourly ${core_hourly:-?} occurrences/s"
fi

step "Python: envoi schedules vs python-dateutil's rrule"
(cd "$HERE" && ENVOI_CORE_DAILY_PER_S="$core_daily" ENVOI_CORE_HOURLY_PER_S="$core_hourly" \
    "$VENV/bin/python" schedule_compare.py "${STRICT_FLAG[@]}")

core_vat=""
if [[ "${SKIP_CORE:-0}" != 1 ]]; then
    step "Rust core: cargo bench -p envoi-benches --bench vat -- --noplot '^vat/validate/mix\$'"
    vat_log="$(mktemp)"
    trap 'rm -f "${core_log:-}" "${sched_log:-}" "$vat_log"' EXIT
    (cd "$ROOT" && cargo bench -p envoi-benches --bench vat -- --noplot \
        --warm-up-time 1 --measurement-time 3 '^vat/validate/mix$') | tee "$vat_log"
    core_vat="$(awk '/thrpt:/ {
        gsub(/[\[\]]/, "");
        value = $4; unit = $5;
        scale = (unit ~ /^Gelem/) ? 1e9 : (unit ~ /^Melem/) ? 1e6 : (unit ~ /^Kelem/) ? 1e3 : 1;
        printf "%.0f", value * scale; exit }' "$vat_log")"
    echo "core VAT validation: ${core_vat:-?} numbers/s on the mix"
fi

step "Node: envoi vat.validate vs jsvat and stdnum-js"
(cd "$HERE" && node vat_compare.mjs "${STRICT_FLAG[@]}")

step "Node: envoi tracking tokens vs jsonwebtoken (HS256) and branca"
(cd "$HERE" && node token_compare.mjs)

step "Python: envoi.vat.validate vs python-stdnum"
(cd "$HERE" && ENVOI_CORE_VAT_PER_S="$core_vat" "$VENV/bin/python" vat_compare.py "${STRICT_FLAG[@]}")

core_token_ns=""
if [[ "${SKIP_CORE:-0}" != 1 ]]; then
    step "Rust core: cargo bench -p envoi-benches --bench token -- --noplot '^token/typical tracking/issue\+verify\$'"
    token_log="$(mktemp)"
    trap 'rm -f "${core_log:-}" "${sched_log:-}" "${vat_log:-}" "$token_log"' EXIT
    (cd "$ROOT" && cargo bench -p envoi-benches --bench token -- --noplot \
        --warm-up-time 1 --measurement-time 3 '^token/typical tracking/issue\+verify$') | tee "$token_log"
    # "time:   [402.11 ns 405.02 ns 408.33 ns]": the middle value is the estimate.
    core_token_ns="$(awk '/time:/ {
        gsub(/[\[\]]/, "");
        for (i = 1; i < NF && $i != "time:"; i++) {}
        value = $(i + 3); unit = $(i + 4);
        scale = (unit == "ms") ? 1e6 : (unit == "µs" || unit == "us") ? 1e3 : (unit == "s") ? 1e9 : 1;
        printf "%.1f", value * scale; exit }' "$token_log")"
    echo "core token issue+verify: ${core_token_ns:-?} ns"
fi

step "Python: envoi signed tokens vs itsdangerous"
(cd "$HERE" && ENVOI_CORE_TOKEN_NS="$core_token_ns" "$VENV/bin/python" token_compare.py "${STRICT_FLAG[@]}")

core_import_ns=""
if [[ "${SKIP_CORE:-0}" != 1 ]]; then
    step "Rust core: cargo bench -p envoi-benches --bench contacts_import -- --noplot '^contacts_import/report 100k rows\$'"
    import_log="$(mktemp)"
    trap 'rm -f "${core_log:-}" "${sched_log:-}" "${vat_log:-}" "${token_log:-}" "$import_log"' EXIT
    (cd "$ROOT" && cargo bench -p envoi-benches --bench contacts_import -- --noplot \
        '^contacts_import/report 100k rows$') | tee "$import_log"
    # "time:   [1.2101 s 1.2346 s 1.2611 s]": the middle value is the estimate, in ns here.
    core_import_ns="$(awk '/time:/ {
        gsub(/[\[\]]/, "");
        for (i = 1; i < NF && $i != "time:"; i++) {}
        value = $(i + 3); unit = $(i + 4);
        scale = (unit == "s") ? 1e9 : (unit == "ms") ? 1e6 : (unit == "µs" || unit == "us") ? 1e3 : 1;
        printf "%.0f", value * scale; exit }' "$import_log")"
    echo "core contact import: ${core_import_ns:-?} ns per 100k-row file"
fi

step "Python: envoi.contacts.import_csv vs csv + phonenumbers"
(cd "$HERE" && ENVOI_CORE_IMPORT_NS="$core_import_ns" "$VENV/bin/python" contacts_compare.py "${STRICT_FLAG[@]}")

step "done in ${SECONDS}s (ratios above; a 2-core machine shared with builds is noisy: compare medians)"
