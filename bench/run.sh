#!/usr/bin/env bash
# Runs the benchmarks briefly (or fully with "full") and prints one ratio line per comparison.
# Usage: bench/run.sh [quick|full]     (from the repository root or anywhere)
#        bench/run.sh redis             the Redis comparisons alone (2 forks, 8 iterations, 100000 entries)
#        bench/run.sh stalls [entries]  stalls of live updates and switches under load (default 100000 entries)
#        bench/run.sh paired [seconds]  paired ratios in alternating 200 ms slices (default 60 s per comparison)
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
if [ "$mode" = paired ]; then
  exec java -Xms4g -Xmx4g --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar" io.stowage.bench.Paired "${2:-60}"
fi
exec java -jar "$jar" "$mode"
