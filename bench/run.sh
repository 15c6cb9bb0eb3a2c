#!/usr/bin/env bash
# Runs the benchmarks briefly (or fully with "full") and prints one ratio line per comparison.
# Usage: bench/run.sh [quick|full]     (from the repository root or anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-quick}"
jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -name '*.java' -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -q -DskipTests -pl bench -am package)
fi
exec java -jar "$jar" "$mode"
