#!/usr/bin/env bash
# Load test of `zhizao serve` (issue 17) with wrk: requests per second and
# latency percentiles for a full assessment (POST /api/assess, YAML in,
# JSON out; then the HTML report), and the server's RSS sampled while it
# answers at least 100,000 requests. Figures: docs/performance.md.
#
#   scripts/serve-load.sh [QUESTIONNAIRE]      (default: electronics-smart-factory.yaml)
#   ZHIZAO_BIN=target/release/zhizao PORT=18480 CONNECTIONS=8 scripts/serve-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${ZHIZAO_BIN:-target/release/zhizao}
file=${1:-questionnaires/examples/electronics-smart-factory.yaml}
port=${PORT:-18480}
conns=${CONNECTIONS:-8}
url="http://127.0.0.1:$port/api/assess"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }

"$bin" serve --addr "127.0.0.1:$port" >/dev/null &
pid=$!
work=$(mktemp -d)
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

# wrk sends the questionnaire as the body of every request.
body() {
  cat > "$work/$1.lua" <<LUA
local f = assert(io.open("$file", "rb")); wrk.body = f:read("*a"); f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/yaml"
wrk.headers["Accept"] = "$2"
LUA
}
body json application/json
body html text/html
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

echo "== $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg); $file"
echo "== RSS after start: $(rss) kB"
echo "== JSON assessment, $conns connections, 2 wrk threads, 20 s"
wrk -t2 -c"$conns" -d20s --latency -s "$work/json.lua" "$url"
echo "== HTML report, $conns connections, 2 wrk threads, 20 s"
wrk -t2 -c"$conns" -d20s --latency -s "$work/html.lua" "$url"

echo "== RSS over at least 100,000 JSON assessments"
total=0
round=0
while [ "$total" -lt 100000 ]; do
  out=$(wrk -t2 -c"$conns" -d15s -s "$work/json.lua" "$url")
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  total=$((total + n))
  round=$((round + 1))
  echo "round $round: $n requests (non-2xx: ${bad:-0}), total $total, RSS $(rss) kB"
done
