#!/usr/bin/env bash
# Runs the benchmarks briefly (or fully with "full") and prints one ratio line per comparison.
# Usage: bench/run.sh [quick|full]     (from the repository root or anywhere); quick ends with the paired lines
#                                       at 10 s per comparison and 100000 entries
#        bench/run.sh redis             the Redis comparisons alone (2 forks, 8 iterations, 100000 entries)
#        bench/run.sh stalls [entries]  stalls of live updates and switches under load (default 100000 entries)
#        bench/run.sh paired [seconds] [name,name,prefix*] [--entries N] [--chart file.png]
#                                       paired ratios in rounds of 200 ms slices (default 60 s per comparison,
#                                       1000000 entries, every comparison); the chart always goes to
#                                       bench/target/paired-<date>.png, and also to each --chart file
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-quick}"
jar="$root/bench/target/benchmarks.jar"
# Rebuild after a change to any main source or POM (a POM may bring in another engine version)
stale() {
  [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune \
    -o \( -name '*.java' -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]
}
bundles="$root/distribution/target/stowage/bundle"
if stale || { [ "$mode" = stalls ] && [ ! -d "$bundles" ]; }; then
  (cd "$root" && mvn -q -DskipTests -pl bench,distribution -am package)
fi
if [ "$mode" = stalls ]; then
  exec java -Xmx4g --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar" io.stowage.bench.Stalls "$bundles" "${2:-100000}"
fi
# Paired <seconds> <entries> [--only …] [--chart …]…
paired() {
  java -Xms4g -Xmx4g --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar" io.stowage.bench.Paired "$@" --chart "$root/bench/target/paired-$(date -u +%Y-%m-%dT%H%M%SZ).png"
}
if [ "$mode" = paired ]; then
  shift
  seconds=60
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seconds="$1"; shift; fi
  options=()
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then options+=(--only "$1"); shift; fi
  entries=1000000
  while [ $# -gt 0 ]; do
    case "$1" in
      --entries) entries="$2"; shift 2 ;;
      --chart) options+=(--chart "$2"); shift 2 ;;
      *) echo "bench/run.sh paired: unknown option $1" >&2; exit 2 ;;
    esac
  done
  paired "$seconds" "$entries" "${options[@]}"
  exit
fi
java -jar "$jar" "$mode"
if [ "$mode" = quick ]; then
  paired 10 100000
fi
