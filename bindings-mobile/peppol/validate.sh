#!/usr/bin/env bash
# Validate UBL 2.1 invoices / credit notes against Peppol BIS Billing 3.0 (UBL XSD + EN 16931 +
# Peppol rules, via phive-rules-peppol). See README.md in this folder.
#
#   bash bindings-mobile/peppol/validate.sh DIR [DIR_OR_FILE...]   # every *.xml in DIR (not recursive)
#
# Exit status: 0 every file valid (warnings allowed), 1 some file has an error, 2 bad arguments or no
# *.xml file found (an empty run never passes), other: the build failed.
#
# Builds the validator once with Maven (target/envoi-peppol-validator.jar + target/lib) and reuses it;
# it rebuilds only when pom.xml or src/ changed. Maven tries offline first (everything is cached in
# ~/.m2 after the first download) and goes online only if that fails. MVN_FLAGS adds Maven flags, as
# in ../ci.sh; JAVA_HOME picks the JDK (17 or newer).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HERE/target/envoi-peppol-validator.jar"
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi

if [ "$#" -eq 0 ]; then
    echo "usage: $0 DIR [DIR_OR_FILE...]   (validates every *.xml in each DIR)" >&2
    exit 2
fi

needs_build() {
    [ ! -f "$JAR" ] || [ ! -d "$HERE/target/lib" ] ||
        [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]
}

build() {
    local log="$HERE/target/build.log" status=0
    mkdir -p "$HERE/target"
    echo "peppol: building the validator (mvn package in $HERE) ..." >&2
    # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
    if ! (cd "$HERE" && mvn -B -q --no-transfer-progress -Dstyle.color=never -o ${MVN_FLAGS:-} package) >"$log" 2>&1; then
        echo "peppol: offline build failed (first run?), retrying online" >&2
        # shellcheck disable=SC2086
        (cd "$HERE" && mvn -B -q --no-transfer-progress -Dstyle.color=never ${MVN_FLAGS:-} package) >"$log" 2>&1 || status=$?
    fi
    if [ "$status" != 0 ] || [ ! -f "$JAR" ]; then
        cat "$log" >&2
        echo "peppol: error: the validator did not build (mvn exit $status); log: $log" >&2
        exit 3
    fi
    touch "$JAR" # newer than every source, even if Maven left an up-to-date jar alone
}

# One build at a time (several callers may share this folder); re-check under the lock.
if needs_build; then
    mkdir -p "$HERE/target"
    exec 9>"$HERE/target/.build.lock"
    flock 9
    if needs_build; then build; fi
    flock -u 9
    exec 9>&-
fi

# Quick start: one short-lived JVM; C1 only and the serial collector start faster than the defaults
# for this workload (XSLT compilation of the Schematron dominates).
exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dstdout.encoding=UTF-8 -Dfile.encoding=UTF-8 \
    -jar "$JAR" "$@"
