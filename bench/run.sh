#!/usr/bin/env bash
# Runs the benchmarks briefly (or fully with "full") and prints one ratio line per comparison.
# Usage: bench/run.sh [quick|full]     (from the repository root or anywhere); quick ends with the paired lines
#                                       at 10 s per comparison and 100000 entries
#        bench/run.sh redis             the Redis comparisons alone (2 forks, 8 iterations, 100000 entries)
#        bench/run.sh typed             issue 17's typed-data comparisons alone (PersistentMap with the JSON codec
#                                       against the raw Store, a binary codec and MapDB's HTreeMap; quick timing,
#                                       100000 entries); quick and full runs include them
#        bench/run.sh stalls [entries]  stalls of live updates and switches under load (default 100000 entries)
#        bench/run.sh paired [seconds] [name,name,prefix*] [--entries N] [--runs N] [--chart file.png]
#                                       paired ratios in rounds of 200 ms slices (default 60 s per comparison,
#                                       1000000 entries, every comparison); the chart always goes to
#                                       bench/target/paired-<date>.png, and also to each --chart file;
#                                       --runs N (default 1) runs it all in N fresh JVMs one after the other,
#                                       each writing its rounds to bench/target/paired-runs/<date>/run-<i>.tsv,
#                                       then pools them: a two-level bootstrap (runs, then rounds), since JVMs
#                                       differ by more than one run's interval shows; the chart is the pooled one
#        bench/run.sh transactions [seconds] [--only memory,lmdb,lmdb-nosync,redis] [--breakdown]
#                                  [--entries N] [--runs N] [--chart file.png]
#                                       issue 16: an uncontended transaction of 1 read + 1 write against a replace,
#                                       paired as above, per backend (default 20 s each, 100000 entries), then
#                                       transfers between 4 hot accounts from 2 and 4 threads (conflicts a second);
#                                       lmdb-nosync: LMDB in NO_SYNC mode, where no fsync hides the kernel's work;
#                                       the chart goes to bench/target/transactions-<date>.png and each --chart file;
#                                       --runs N pools the cost lines of N JVMs as paired --runs does;
#                                       --breakdown adds the costs of lesser transactions, a get and a put per backend
#        bench/run.sh transforms [seconds] [--entries N] [--only ratio,throughput,lmdb-size] [--runs N]
#                                [--chart file.png]
#                                       issue 18: value transforms on Datafaker customer records (20000 made from a
#                                       seed at start): compression ratio through Stowage against raw zstd-jni and
#                                       lz4-java; put+get through each chain paired against the kernel with the
#                                       library (or the JDK Cipher) called around it, and against no chain (default
#                                       20 s each); LMDB's data.mdb for N records with each chain and none (default
#                                       1000000); the chart goes to bench/target/transforms-<date>.png and to each
#                                       --chart file; --runs N pools the paired lines of N JVMs as paired --runs does
#        bench/run.sh feeds [seconds] [--rate N]
#                                       issue 19: how long a committed change takes to reach a store listener and a
#                                       pull feed while 2 writers put N values a second (default 20000) and a reader
#                                       gets at full speed; p50/p99/p99.9/max from the put's start (default 20 s)
#        bench/run.sh sql [seconds] [--entries N] [--only sqlite,postgresql,lmdb] [--runs N] [--chart file.png]
#                                       issue 20: the kernel on the SQL extension paired against the raw JDBC
#                                       driver sending the same statements (get, put, 1000-put batch, 1% glob) on
#                                       SQLite (durable, WAL) and on a PostgreSQL cluster the bench starts itself
#                                       (default 20 s each, 100000 entries), then the kernel on SQLite against the
#                                       kernel on LMDB (reported); the chart goes to bench/target/sql-<date>.png and
#                                       to each --chart file; --runs N pools the lines of N JVMs as paired --runs does
#        bench/run.sh jcache [seconds] [--entries N] [--only get,put] [--runs N] [--chart file.png]
#                                       issue 21: Cache.get and Cache.put of small serializable values through
#                                       Stowage's JCache provider on memory paired against Caffeine's and Ehcache 3's,
#                                       all by value, and Caffeine by value against by reference (default 20 s each,
#                                       10000 entries); the chart goes to bench/target/jcache-<date>.png and to each
#                                       --chart file; --runs N pools the lines of N JVMs as paired --runs does
#        bench/run.sh index [seconds] [--entries N] [--only put,lookup] [--runs N] [--chart file.png]
#                                       issue 19: a put on LMDB (durable) into a store with 1 and with 3 JSON
#                                       indexes paired against one with none (goal: 1 index costs <= 2x, ratio
#                                       >= 0.50), and a lookup by index against a full scan on N entries loaded in
#                                       batches (default 20 s each, 1000000 entries); the chart goes to
#                                       bench/target/index-<date>.png and to each --chart file; --runs N pools the
#                                       lines of N JVMs as paired --runs does
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
  # BENCH_JAVA_OPTS adds JVM options, e.g. BENCH_JAVA_OPTS=-XX:+UseZGC to see the stalls a concurrent collector leaves
  # shellcheck disable=SC2086
  exec java -Xmx4g ${BENCH_JAVA_OPTS:-} --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar" io.stowage.bench.Stalls "$bundles" "${2:-100000}"
fi
# One JVM of Paired <seconds> <entries> [--only …] [--chart …]… [--samples run.tsv]
paired_jvm() {
  java -Xms4g -Xmx4g -XX:+AlwaysPreTouch --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar" io.stowage.bench.Paired "$@"
}
paired() {
  paired_jvm "$@" --chart "$root/bench/target/paired-$(date -u +%Y-%m-%dT%H%M%SZ).png"
}
# One JVM of io.stowage.bench.<class> with the rest of the arguments
bench_jvm() {
  local class="$1"
  shift
  java -Xms4g -Xmx4g -XX:+AlwaysPreTouch --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$jar" "io.stowage.bench.$class" "$@"
}
# Runs <class> with "${options[@]}" in $runs JVMs: one draws "${charts[@]}" itself; more write their samples under
# bench/target/<name>-runs/$stamp, then PooledRuns pools them into the charts
jvm_runs() {
  local name="$1" class="$2" run
  if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/run.sh $name: --runs takes a count of JVM runs, 1 or more, not '$runs'" >&2; exit 2
  fi
  if [ "$runs" -eq 1 ]; then
    bench_jvm "$class" "${options[@]}" "${charts[@]}"
    return
  fi
  local folder="$root/bench/target/$name-runs/$stamp"
  local files=()
  for ((run = 1; run <= runs; run++)); do
    echo "$name: JVM run $run of $runs"
    bench_jvm "$class" "${options[@]}" --samples "$folder/run-$run.tsv"
    files+=("$folder/run-$run.tsv")
  done
  java -cp "$jar" io.stowage.bench.PooledRuns "${charts[@]}" "${files[@]}"
}
if [ "$mode" = transactions ]; then
  shift
  seconds=20
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seconds="$1"; shift; fi
  options=()
  entries=100000
  runs=1
  stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
  charts=(--chart "$root/bench/target/transactions-$stamp.png")
  while [ $# -gt 0 ]; do
    case "$1" in
      --only) options+=(--only "$2"); shift 2 ;;
      --breakdown) options+=(--breakdown); shift ;;
      --entries) entries="$2"; shift 2 ;;
      --runs) runs="$2"; shift 2 ;;
      --chart) charts+=(--chart "$2"); shift 2 ;;
      *) echo "bench/run.sh transactions: unknown option $1" >&2; exit 2 ;;
    esac
  done
  options=("$seconds" "$entries" "${options[@]}")
  jvm_runs transactions TransactionPaired
  exit
fi
if [ "$mode" = feeds ]; then
  shift
  bench_jvm FeedLatency "$@"
  exit
fi
if [ "$mode" = transforms ] || [ "$mode" = sql ] || [ "$mode" = jcache ] || [ "$mode" = index ]; then
  shift
  options=()
  runs=1
  stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
  charts=(--chart "$root/bench/target/$mode-$stamp.png")
  while [ $# -gt 0 ]; do
    case "$1" in
      --runs) runs="$2"; shift 2 ;;
      --chart) charts+=(--chart "$2"); shift 2 ;;
      *) options+=("$1"); shift ;;
    esac
  done
  case "$mode" in
    sql) jvm_runs sql SqlPaired ;;
    jcache) jvm_runs jcache JCachePaired ;;
    index) jvm_runs index IndexPaired ;;
    *) jvm_runs transforms TransformPaired ;;
  esac
  exit
fi
if [ "$mode" = paired ]; then
  shift
  seconds=60
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seconds="$1"; shift; fi
  options=()
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then options+=(--only "$1"); shift; fi
  entries=1000000
  runs=1
  charts=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --entries) entries="$2"; shift 2 ;;
      --runs) runs="$2"; shift 2 ;;
      --chart) charts+=(--chart "$2"); shift 2 ;;
      *) echo "bench/run.sh paired: unknown option $1" >&2; exit 2 ;;
    esac
  done
  if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench/run.sh paired: --runs takes a count of JVM runs, 1 or more, not '$runs'" >&2; exit 2
  fi
  if [ "$runs" -eq 1 ]; then
    paired "$seconds" "$entries" "${options[@]}" "${charts[@]}"
    exit
  fi
  stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
  folder="$root/bench/target/paired-runs/$stamp"
  files=()
  for ((run = 1; run <= runs; run++)); do
    echo "paired: JVM run $run of $runs"
    paired_jvm "$seconds" "$entries" "${options[@]}" --samples "$folder/run-$run.tsv"
    files+=("$folder/run-$run.tsv")
  done
  java -cp "$jar" io.stowage.bench.PooledRuns --chart "$root/bench/target/paired-$stamp.png" "${charts[@]}" \
    "${files[@]}"
  exit
fi
java -jar "$jar" "$mode"
if [ "$mode" = quick ]; then
  paired 10 100000
fi
