#!/usr/bin/env bash
# Self-test of the Peppol validator (validate.sh) on the hand-written files in testdata/:
#   - testdata/valid/*.xml must pass: exit 0, zero errors per file (the warning file: exactly its
#     one warning, printed, not failing);
#   - testdata/invalid/*.xml must fail, each with exactly the rule its name promises (table below);
#   - a directory with no *.xml, a non-UBL root and malformed XML must fail too.
# Works from any cwd. Ends with "peppol selftest: N passed, N failed"; exits non-zero on a failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VALIDATE="$HERE/validate.sh"
DATA="$HERE/testdata"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }

# section FILE OUTPUT: the report lines of one file, from its "== FILE" header to its "=> " verdict.
section() { awk -v f="$1" 'index($0, "== " f "  [") == 1 {on = 1} on {print} on && /^  => / {exit}' "$2"; }
# error_ids SECTION: the sorted, distinct rule ids of its ERROR lines.
error_ids() { printf '%s\n' "$1" | sed -n 's/^  ERROR \([^ ]*\) .*/\1/p' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

# --- valid files ---------------------------------------------------------------------------------
bash "$VALIDATE" "$DATA/valid" >"$WORK/valid.out" 2>"$WORK/valid.err"
status=$?
cat "$WORK/valid.out"
[ "$status" = 0 ] && pass "valid: validate.sh exits 0" || { fail "valid: validate.sh exit $status"; cat "$WORK/valid.err"; }
count=0
for file in "$DATA"/valid/*.xml; do
    count=$((count + 1))
    name="$(basename "$file")"
    report="$(section "$DATA/valid/$name" "$WORK/valid.out")"
    if printf '%s\n' "$report" | grep -q '^  => VALID (0 error(s), '; then
        pass "valid/$name: VALID with zero errors"
    else
        fail "valid/$name: expected VALID with zero errors, got: ${report:-no report}"
    fi
done
[ "$count" -ge 2 ] && pass "valid: $count files checked" || fail "valid: only $count files in testdata/valid"
report="$(section "$DATA/valid/invoice-be-21-warning-ubl-cr-003.xml" "$WORK/valid.out")"
if printf '%s\n' "$report" | grep -q '^  WARNING UBL-CR-003 ' &&
    printf '%s\n' "$report" | grep -q '^  => VALID (0 error(s), 1 warning(s))'; then
    pass "valid/invoice-be-21-warning-ubl-cr-003.xml: warning UBL-CR-003 printed, file still valid"
else
    fail "valid/invoice-be-21-warning-ubl-cr-003.xml: expected one UBL-CR-003 warning, got: $report"
fi
report="$(section "$DATA/valid/creditnote-be-21.xml" "$WORK/valid.out")"
if printf '%s\n' "$report" | head -n1 | grep -q '\[eu.peppol.bis3:creditnote:'; then
    pass "valid/creditnote-be-21.xml: validated with the credit-note rule set"
else
    fail "valid/creditnote-be-21.xml: not validated with eu.peppol.bis3:creditnote: $report"
fi

# --- invalid files: FILE -> the one rule id it must break ----------------------------------------
declare -A expected=(
    [br-co-15-wrong-total.xml]="BR-CO-15"
    [be-enterprise-number-check-digits.xml]="PEPPOL-COMMON-R043"
    [xsd-unknown-element.xml]="XSD"
)
bash "$VALIDATE" "$DATA/invalid" >"$WORK/invalid.out" 2>"$WORK/invalid.err"
status=$?
cat "$WORK/invalid.out"
[ "$status" = 1 ] && pass "invalid: validate.sh exits 1" || { fail "invalid: validate.sh exit $status (expected 1)"; cat "$WORK/invalid.err"; }
for file in "$DATA"/invalid/*.xml; do
    name="$(basename "$file")"
    want="${expected[$name]:-}"
    if [ -z "$want" ]; then
        fail "invalid/$name: no expected rule in selftest.sh's table"
        continue
    fi
    report="$(section "$DATA/invalid/$name" "$WORK/invalid.out")"
    got="$(error_ids "$report")"
    if [ "$got" = "$want" ] && printf '%s\n' "$report" | grep -q '^  => INVALID '; then
        pass "invalid/$name: INVALID, breaks exactly $want"
    else
        fail "invalid/$name: expected INVALID with exactly [$want], got [$got]: ${report:-no report}"
    fi
done
for name in "${!expected[@]}"; do
    [ -f "$DATA/invalid/$name" ] || fail "invalid/$name: listed in selftest.sh but missing"
done

# --- nothing to validate, not UBL, not XML -------------------------------------------------------
mkdir -p "$WORK/empty" "$WORK/bad"
echo "not xml" >"$WORK/empty/readme.txt"
bash "$VALIDATE" "$WORK/empty" >"$WORK/empty.out" 2>&1
status=$?
[ "$status" = 2 ] && grep -q 'no \*.xml file' "$WORK/empty.out" &&
    pass "a directory without *.xml fails (exit 2)" || fail "a directory without *.xml: exit $status: $(cat "$WORK/empty.out")"

echo '<order xmlns="urn:example:not-ubl"/>' >"$WORK/bad/not-ubl.xml"
printf '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">\n<a>\n</Invoice>\n' >"$WORK/bad/malformed.xml"
bash "$VALIDATE" "$WORK/bad" >"$WORK/bad.out" 2>&1
status=$?
[ "$status" = 1 ] && pass "non-UBL / malformed files: validate.sh exits 1" || fail "non-UBL / malformed: exit $status"
[ "$(error_ids "$(section "$WORK/bad/not-ubl.xml" "$WORK/bad.out")")" = "ROOT" ] &&
    pass "a non-UBL root element is an error (ROOT)" || fail "non-UBL root: $(cat "$WORK/bad.out")"
[ "$(error_ids "$(section "$WORK/bad/malformed.xml" "$WORK/bad.out")")" = "XML" ] &&
    pass "malformed XML is an error (XML)" || fail "malformed XML: $(cat "$WORK/bad.out")"

echo "peppol selftest: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
