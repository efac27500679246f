#!/usr/bin/env bash
# CI of the Node binding (package `envoi`), from a fresh clone: needs node 20+, npm and cargo only.
#
#   1. npm ci                              — the pinned toolchain (@napi-rs/cli, typescript, @types/node)
#   2. napi build --platform --release     — the addon, in the workspace target dir (--locked)
#   3. drift check                         — regenerated index.d.ts / index.js must equal the committed ones
#   4. tsc --strict --noEmit               — test/types.ts against index.d.ts
#   5. node --test                         — the contract's behaviours through Node
#
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

step() { printf '\n==> %s\n' "$*"; }

step "toolchain: node $(node --version), npm $(npm --version), $(cargo --version)"

step "npm ci"
npm ci --no-audit --no-fund

# Keep the committed generated files to compare after the build regenerates them.
committed="$(mktemp -d)"
trap 'rm -rf "$committed"' EXIT
for file in index.d.ts index.js; do
  if [[ ! -f "$file" ]]; then
    echo "error: $file is missing; run 'npm run build' and commit it" >&2
    exit 1
  fi
  cp "$file" "$committed/$file"
done

step "napi build --platform --release -- --locked"
start=$SECONDS
npx napi build --platform --release -- --locked
echo "built in $((SECONDS - start)) s: $(ls ./*.node)"

step "drift check of the generated index.d.ts and index.js"
for file in index.d.ts index.js; do
  if ! diff -u "$committed/$file" "$file"; then
    echo "error: $file changed when regenerated; run 'npm run build' and commit it" >&2
    exit 1
  fi
done
echo "no drift"

step "tsc --strict --noEmit -p test/tsconfig.json"
npx tsc --strict --noEmit -p test/tsconfig.json
echo "types ok"

step "node --test"
node --test test/*.test.mjs
