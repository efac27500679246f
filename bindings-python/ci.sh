#!/usr/bin/env bash
# CI of the Python binding: venv, pinned tools, wheel, tests, type checks.
#
# Needs only python3 (3.10+; 3.11 preferred), pip and cargo. Runs from any directory.
#   ENVOI_VENV           the virtual environment to create or reuse (default bindings-python/.venv)
#   PYTHON               the interpreter that creates it (default python3.11, else python3)
#   ENVOI_PY_TARGET_DIR  cargo's target dir for the wheel build (default: the workspace's target/).
#                        Only maturin builds this crate in the release profile, so sharing target/
#                        reuses the core's release artifacts; set e.g. target/python if something
#                        else runs `cargo build --release` on envoi-python (pyo3 would rebuild
#                        each time the two alternate).
# Exits non-zero on the first failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="${ENVOI_VENV:-$HERE/.venv}"
if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi
TARGET_DIR="${ENVOI_PY_TARGET_DIR:-$ROOT/target}"
WHEELS="$TARGET_DIR/wheels/envoi-python"

step() {
    echo
    echo "==> [bindings-python] $*"
}

run() {
    echo "+ $*"
    "$@"
}

SECONDS=0

step "virtual environment $VENV (from $PYTHON)"
if [[ ! -x "$VENV/bin/python" ]]; then
    run "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
run "$PY" --version

step "pinned tools (requirements-dev.txt)"
run "$PY" -m pip install --disable-pip-version-check --quiet -r "$HERE/requirements-dev.txt"

step "wheel: maturin build --release --locked (target dir $TARGET_DIR)"
rm -rf "$WHEELS"
cd "$HERE"
run "$VENV/bin/maturin" build --release --locked --interpreter "$PY" \
    --target-dir "$TARGET_DIR" --out "$WHEELS"
shopt -s nullglob
wheels=("$WHEELS"/envoi-*.whl)
shopt -u nullglob
if [[ ${#wheels[@]} -ne 1 ]]; then
    echo "expected exactly one wheel in $WHEELS, found ${#wheels[@]}" >&2
    exit 1
fi
echo "built ${wheels[0]} (${SECONDS}s so far)"

step "install the wheel into the venv"
run "$PY" -m pip install --disable-pip-version-check --quiet --force-reinstall --no-deps "${wheels[0]}"

# Run the checks from an empty directory so `envoi` can only be the installed wheel, never the
# sources in python/ (which lack the compiled _envoi module).
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
run "$PY" -c 'import envoi, envoi._envoi as native; print("envoi", envoi.__version__, "from", native.__file__)'

step "pytest"
run "$PY" -m pytest --rootdir "$HERE" -c "$HERE/pyproject.toml" -p no:cacheprovider "$HERE/tests"

step "stubs match the runtime: python -m mypy.stubtest envoi"
# No allowlist: the stubs describe every public name exactly.
run "$PY" -m mypy.stubtest envoi --mypy-config-file "$HERE/pyproject.toml"

step "the tests type-check against the stubs: mypy --strict tests"
run "$PY" -m mypy --strict --config-file "$HERE/pyproject.toml" --cache-dir "$WORK/.mypy_cache" "$HERE/tests"

step "done in ${SECONDS}s"
