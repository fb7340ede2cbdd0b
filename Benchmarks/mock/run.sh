#!/usr/bin/env bash
# The mock's throughput, latency precision and memory, side by side with nginx serving the
# same JSON body, all on 127.0.0.1 (Benchmarks/README.md, "Mock server", has the targets).
#
#   Benchmarks/mock/run.sh [--no-build]
#   DURATION=2s IDLE_CONNECTIONS=100 FAULTLINE=.build/debug/faultline Benchmarks/mock/run.sh   # a dry run
#
# Steps: release build of `faultline` (--scratch-path .build-release), wrk and nginx from
# apt when missing, then five bounded wrk runs of DURATION (default 10s) each:
#   1. mock, non-stream chat completion           (-t2 -c64)
#   2. nginx worker_processes 1, same body         (-t2 -c64)
#   3. nginx worker_processes auto, same body      (-t2 -c64)
#   4. mock, SSE stream (chunk gap 0)              (-t2 -c64)  responses/s
#   5. mock, latency(ms=100) fault                 (-t2 -c256 --latency)  p99 − 100 ms
# and the mock's RSS with 1,000 idle keep-alive connections. Everything it started is
# killed on exit (trap), whatever happens.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/Benchmarks/mock"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
IDLE_CONNECTIONS="${IDLE_CONNECTIONS:-1000}"
BUILD=1
[[ "${1:-}" == "--no-build" || -n "${FAULTLINE:-}" ]] && BUILD=0

WORK="$(mktemp -d /tmp/faultline-bench.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

say() { printf '%s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
if ((${#need[@]})); then
  say "installing ${need[*]} from apt"
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

if ((BUILD)); then
  say "building faultline (release, .build-release; the first build takes minutes)"
  (cd "$ROOT" && swift build -c release --scratch-path .build-release --product faultline 2>&1 | grep -E "error|Compiling faultline|Build" >&2)
fi
FAULTLINE="${FAULTLINE:-$ROOT/.build-release/release/faultline}"
[[ -x "$FAULTLINE" ]] || { say "no release binary at $FAULTLINE"; exit 2; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- the mock ---------------------------------------------------------------------------
# Chunk gap 0: stream throughput measures the server, not the configured pacing.
cat >"$WORK/mock.yaml" <<'YAML'
seed: 1
chunk_gap_ms: 0
YAML
(cd "$ROOT" && exec "$FAULTLINE" serve --config "$WORK/mock.yaml" --port 0 >"$WORK/mock.out" 2>"$WORK/mock.err") &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
for _ in $(seq 1 100); do grep -q '^listening on' "$WORK/mock.out" 2>/dev/null && break; sleep 0.1; done
MOCK_URL="$(sed -n 's/^listening on //p' "$WORK/mock.out")"
[[ -n "$MOCK_URL" ]] || { say "the mock did not start:"; cat "$WORK/mock.err" >&2; exit 3; }
MOCK_PORT="${MOCK_URL##*:}"

REQUEST='{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Benchmark: say hello in one sentence."}]}'
STREAM_REQUEST='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Benchmark: stream a sentence."}],"stream":true,"stream_options":{"include_usage":true}}'
printf '%s' "$REQUEST" >"$WORK/request.json"

post() { curl -sS -o "$2" -w '%{http_code}' -X POST "$MOCK_URL/v1/chat/completions" -H 'content-type: application/json' -H 'authorization: Bearer bench' --data-binary "$1"; }
status="$(post "$REQUEST" "$WORK/body.json")"
[[ "$status" == 200 ]] || { say "mock answered $status: $(cat "$WORK/body.json")"; exit 3; }
status="$(post "$STREAM_REQUEST" "$WORK/stream.sse")"
[[ "$status" == 200 ]] || { say "mock stream answered $status"; exit 3; }
STREAM_EVENTS="$(grep -c '^data: ' "$WORK/stream.sse" || true)"
say "mock at $MOCK_URL; body $(wc -c <"$WORK/body.json") bytes; stream $STREAM_EVENTS data events, $(wc -c <"$WORK/stream.sse") bytes"

# --- nginx, serving the mock's own answer bytes ------------------------------------------
mkdir -p "$WORK/www/v1/chat"
cp "$WORK/body.json" "$WORK/www/v1/chat/completions"
chmod -R a+rX "$WORK"  # nginx workers run as an unprivileged user
start_nginx() { # $1 = worker_processes value; sets NGINX_PORT (no subshell: PIDS must keep the pid)
  local port dir="$WORK/nginx-$1"
  port="$(free_port)"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
worker_processes $1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $dir;
  proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
  server {
    listen 127.0.0.1:$port;
    root $WORK/www;
    default_type application/json;
    # The static module refuses POST with 405; answer it with the file as a 200.
    error_page 405 =200 \$uri;
  }
}
CONF
  nginx -c "$dir/nginx.conf" -g 'daemon off;' </dev/null >"$dir/stdout.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
  local check
  check="$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$WORK/request.json" "http://127.0.0.1:$port/v1/chat/completions")"
  [[ "$check" == 200 ]] || { say "nginx answered $check to the POST: $(cat "$dir/error.log")"; exit 3; }
  NGINX_PORT="$port"
}

# --- wrk ----------------------------------------------------------------------------------
lua_post() { # $1 = body, $2 = extra header line (lua) or empty
  local file="$WORK/post-$RANDOM.lua"
  cat >"$file" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
$2
wrk.body = [==[$1]==]
LUA
  echo "$file"
}

run_wrk() { # $1 = label, $2 = url, $3 = lua, then wrk options; prints req/s, keeps the output
  local label="$1" url="$2" lua="$3"
  shift 3
  wrk -t2 -d"$DURATION" -s "$lua" "$@" "$url" >"$WORK/wrk-$label.txt" 2>&1 || true
  if grep -q 'Non-2xx' "$WORK/wrk-$label.txt"; then say "$label: $(grep 'Non-2xx' "$WORK/wrk-$label.txt")"; fi
  if grep -q 'Socket errors' "$WORK/wrk-$label.txt"; then say "$label: $(grep 'Socket errors' "$WORK/wrk-$label.txt")"; fi
  awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk-$label.txt"
}

to_ms() { # wrk latency value (e.g. 101.23ms, 950.00us, 1.02s) → milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

POST_LUA="$(lua_post "$REQUEST" "")"
STREAM_LUA="$(lua_post "$STREAM_REQUEST" "")"
LATENCY_LUA="$(lua_post "$REQUEST" 'wrk.headers["x-faultline-fault"] = "latency(ms=100)"')"

say "wrk: mock, non-stream ($DURATION, -c$CONNECTIONS)"
MOCK_RPS="$(run_wrk mock "$MOCK_URL/v1/chat/completions" "$POST_LUA" -c"$CONNECTIONS")"
start_nginx 1
NGINX1_PORT="$NGINX_PORT"
say "wrk: nginx worker_processes 1"
NGINX1_RPS="$(run_wrk nginx1 "http://127.0.0.1:$NGINX1_PORT/v1/chat/completions" "$POST_LUA" -c"$CONNECTIONS")"
start_nginx auto
NGINXA_PORT="$NGINX_PORT"
say "wrk: nginx worker_processes auto"
NGINXA_RPS="$(run_wrk nginxauto "http://127.0.0.1:$NGINXA_PORT/v1/chat/completions" "$POST_LUA" -c"$CONNECTIONS")"
# Only the mock on the cores from here on.
for pid in "${PIDS[@]:1}"; do kill "$pid" 2>/dev/null || true; done
say "wrk: mock, SSE stream"
STREAM_RPS="$(run_wrk stream "$MOCK_URL/v1/chat/completions" "$STREAM_LUA" -c"$CONNECTIONS")"
say "wrk: mock, latency(ms=100) at 256 connections"
run_wrk latency "$MOCK_URL/v1/chat/completions" "$LATENCY_LUA" -c256 --latency >/dev/null
P50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-latency.txt")")"
P99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-latency.txt")")"
LATENCY_RPS="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk-latency.txt")"

# --- RSS with idle keep-alive connections -------------------------------------------------
ulimit -n 65536 2>/dev/null || true
RSS_BEFORE_KB="$(ps -o rss= -p "$MOCK_PID" | tr -d ' ')"
python3 "$HERE/hold_connections.py" "$MOCK_PORT" "$IDLE_CONNECTIONS" "$WORK/request.json" --hold 30 >"$WORK/hold.out" 2>"$WORK/hold.err" &
HOLD_PID=$!
PIDS+=("$HOLD_PID")
for _ in $(seq 1 300); do grep -q '^ready' "$WORK/hold.out" 2>/dev/null && break; kill -0 "$HOLD_PID" 2>/dev/null || break; sleep 0.1; done
grep -q '^ready' "$WORK/hold.out" || { say "holding connections failed: $(cat "$WORK/hold.err")"; exit 3; }
sleep 1
RSS_KB="$(ps -o rss= -p "$MOCK_PID" | tr -d ' ')"
OPEN="$(ls /proc/"$MOCK_PID"/fd | wc -l)"
kill "$HOLD_PID" 2>/dev/null || true

# --- report -------------------------------------------------------------------------------
awk -v mock="$MOCK_RPS" -v n1="$NGINX1_RPS" -v na="$NGINXA_RPS" -v stream="$STREAM_RPS" -v events="$STREAM_EVENTS" \
  -v p50="$P50" -v p99="$P99" -v lrps="$LATENCY_RPS" -v rss="$RSS_KB" -v rss0="$RSS_BEFORE_KB" -v idle="$IDLE_CONNECTIONS" \
  -v fds="$OPEN" -v duration="$DURATION" -v conns="$CONNECTIONS" '
function verdict(ok) { return ok ? "met" : "MISSED" }
BEGIN {
  best = (n1 > na) ? n1 : na
  printf "\n| measure (wrk -t2, %s each, 127.0.0.1) | figure | target | |\n|---|---|---|---|\n", duration
  printf "| mock, non-stream completion, -c%d | %d req/s | | |\n", conns, mock
  printf "| nginx `worker_processes 1`, same body | %d req/s | | |\n", n1
  printf "| nginx `worker_processes auto`, same body | %d req/s | | |\n", na
  printf "| mock ÷ nginx (1 worker) | %.2f× | ≥ 0.4× | %s |\n", mock / n1, verdict(mock / n1 >= 0.4)
  printf "| mock ÷ nginx (auto) | %.2f× | ≥ 0.4× | %s |\n", mock / na, verdict(mock / na >= 0.4)
  printf "| mock, SSE stream (%d data events), -c%d | %d responses/s | ≥ 5,000 | %s |\n", events, conns, stream, verdict(stream >= 5000)
  printf "| `latency(ms=100)`, -c256: p50 / p99 | %.2f / %.2f ms (%d req/s) | | |\n", p50, p99, lrps
  printf "| p99 error (p99 − 100 ms) | %.2f ms | ≤ 2 ms | %s |\n", p99 - 100, verdict(p99 - 100 <= 2)
  printf "| mock RSS idle → with %d keep-alive connections (%d fds) | %.1f → %.1f MiB | ≤ 64 MiB | %s |\n", idle, fds, rss0 / 1024, rss / 1024, verdict(rss / 1024 <= 64)
}'
say "wrk outputs were in $WORK (removed on exit)"
