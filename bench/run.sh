#!/usr/bin/env bash
# Runs the benchmarks briefly (or fully with "full") and prints one ratio line per comparison.
# Usage: bench/run.sh [quick|full]     (from the repository root or anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-quick}"
jar="$root/bench/target/benchmarks.jar"
# Rebuild after a change to any main source or POM (a POM may bring in another engine version)
stale() {
  [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune \
    -o \( -name '*.java' -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]
}
if stale; then
  (cd "$root" && mvn -q -DskipTests -pl bench -am package)
fi
exec java -jar "$jar" "$mode"
