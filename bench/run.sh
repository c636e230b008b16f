#!/usr/bin/env bash
# Runs one load scenario against the shipped server jar (started as its own process by the scenario).
#   bench/run.sh throughput --store memory
#   bench/run.sh latency --store memory
#   bench/run.sh connections
#   bench/run.sh history
#   bench/run.sh compare      (CareChat beside the Node.js + Socket.IO peer in bench/peer-node; needs node and npm)
# Builds the server and bench jars first when they are missing (or when BENCH_BUILD=1).
# Results go to bench/results/; see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f bench/target/benchmarks.jar || ! -f bootstrap/target/carechat.jar || "${BENCH_BUILD:-0}" == 1 ]]; then
  mvn -q -B -ntp -DskipTests package -pl bench -am
fi
# the peer's dependencies come from npm through its lock file
if [[ "${1:-}" == compare && ! -d bench/peer-node/node_modules ]]; then
  (cd bench/peer-node && npm ci --no-audit --no-fund)
fi
# sockets are files: take every descriptor the hard limit allows (the server process inherits it)
ulimit -n "$(ulimit -Hn)"
exec java ${BENCH_JVM_OPTS:--Xms1g -Xmx4g} -cp bench/target/benchmarks.jar org.carechat.bench.Bench "$@"
