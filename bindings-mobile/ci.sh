#!/usr/bin/env bash
# CI of the mobile SDK (envoi-mobile, uniffi): build the cdylib, generate Kotlin and Swift from
# that exact library, fail if the committed copies drifted, then compile and test Kotlin on the JVM.
#
# Needs only cargo, a JDK 17 and Maven (3.8+); Maven artifacts are fetched once, then cached in
# ~/.m2 (pass MVN_FLAGS=-o to run offline). Swift cannot be compiled here: it is generated and
# drift-checked only.
#
#   bash bindings-mobile/ci.sh            # check (exits non-zero on any failure or drift)
#   bash bindings-mobile/ci.sh --update   # rewrite the committed generated files, then test
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
RELEASE_DIR="$TARGET_DIR/release"
KOTLIN_COMMITTED="$HERE/kotlin/src/generated/kotlin"
SWIFT_COMMITTED="$HERE/swift"
UPDATE=0
[ "${1:-}" = "--update" ] && UPDATE=1

step() { printf '\n==> %s\n' "$*"; }
timed() { # runs "$@", prints how long it took, and returns its exit status
    local started=$SECONDS status=0
    "$@" || status=$?
    printf '    (%ss)\n' "$((SECONDS - started))"
    return "$status"
}

cd "$ROOT"

step "build the library: cargo build --release -p envoi-mobile --locked"
timed cargo build --release -p envoi-mobile --locked

# The generator only reads the library's metadata: a dev build is fast enough and reuses the
# artifacts of `cargo test --workspace` (a cold release build of its dependencies takes minutes).
step "build the bindings generator: cargo build -p uniffi-bindgen --locked"
timed cargo build -p uniffi-bindgen --locked

LIBRARY=""
for name in libenvoi_mobile.so libenvoi_mobile.dylib; do
    if [ -f "$RELEASE_DIR/$name" ]; then LIBRARY="$RELEASE_DIR/$name"; break; fi
done
if [ -z "$LIBRARY" ]; then
    echo "error: no libenvoi_mobile.so or .dylib in $RELEASE_DIR" >&2
    exit 1
fi
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"

GENERATED="$(mktemp -d)"
trap 'rm -rf "$GENERATED"' EXIT
for language in kotlin swift; do
    step "generate $language from $LIBRARY (config: bindings-mobile/uniffi.toml)"
    timed "$BINDGEN" generate --library "$LIBRARY" --language "$language" \
        --out-dir "$GENERATED/$language" --no-format
done

drift=0
check() { # check NAME GENERATED_DIR COMMITTED_DIR
    if [ "$UPDATE" = 1 ]; then
        rm -rf "$3" && mkdir -p "$3" && cp -R "$2/." "$3/"
        echo "    updated $3"
    elif diff -ru "$3" "$2" >"$GENERATED/$1.diff" 2>&1; then
        echo "    $1: committed bindings match the library"
    else
        echo "error: the committed $1 bindings differ from the ones generated from the library:" >&2
        head -n 60 "$GENERATED/$1.diff" >&2
        drift=1
    fi
}
step "drift check of the committed bindings"
check kotlin "$GENERATED/kotlin" "$KOTLIN_COMMITTED"
check swift "$GENERATED/swift" "$SWIFT_COMMITTED"
if [ "$drift" = 1 ]; then
    echo "error: regenerate them with: bash bindings-mobile/ci.sh --update (and commit the result)" >&2
    exit 1
fi

step "compile and test Kotlin on the JVM: mvn -q -B test (library from $RELEASE_DIR)"
cd "$HERE/kotlin"
rm -rf target/surefire-reports
status=0
# shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
timed mvn -q -B -Dstyle.color=never ${MVN_FLAGS:-} test "-Denvoi.library.dir=$RELEASE_DIR" || status=$?

# One closing line for CI logs: Maven is quiet (-q) when everything passes.
tests=0 failed=0 skipped=0
for report in target/surefire-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    header="$(grep -m1 -o '<testsuite [^>]*>' "$report")"
    attribute() { printf '%s' "$header" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    tests=$((tests + $(attribute tests)))
    failed=$((failed + $(attribute failures) + $(attribute errors)))
    skipped=$((skipped + $(attribute skipped)))
done
echo "kotlin: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
if [ "$status" != 0 ] || [ "$tests" = 0 ] || [ "$failed" != 0 ]; then
    echo "error: Kotlin tests failed (mvn exit $status, $tests tests ran)" >&2
    exit 1
fi
echo "bindings-mobile: OK"
