#!/usr/bin/env python3
"""Recording overhead: the latency `faultline record` adds per request, and what it does to
a stream's chunk timing, measured side by side in one run against the same mock.

Usage: python3 Benchmarks/record/bench.py [--binary .build-release/release/faultline] [--requests 2000] [--streams 40]

Starts `faultline serve` (chunk gap 20 ms for the streams) and `faultline record` in front
of it, then interleaves requests sent directly to the mock and through the recorder, each
over its own keep-alive connection:
  - plain: a non-stream OpenAI request; latency = request written → last byte read;
    "added" is recorder − direct, quantile by quantile;
  - stream: an OpenAI stream of ~20 chunks 20 ms apart; the gap between consecutive
    body reads at the client, direct and through the recorder, and their difference
    index by index (each pair of streams answers the same prompt with the same chunks).
Prints one `name: value` line per figure (for Benchmarks/README.md).
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listening on {port}")


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


PLAIN = json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Benchmark the recorder."}]})


def stream_body(i):
    return json.dumps({
        "model": "gpt-4o-mini", "stream": True,
        "messages": [{"role": "user", "content": f"Stream number {i} for the recorder benchmark, long enough for twenty chunks of text."}],
    })


def plain_latency(conn):
    start = time.perf_counter()
    conn.request("POST", "/v1/chat/completions", PLAIN, {"content-type": "application/json", "authorization": "Bearer sk-bench"})
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - start) * 1000


def stream_gaps(conn, body):
    conn.request("POST", "/v1/chat/completions", body, {"content-type": "application/json"})
    response = conn.getresponse()
    arrivals = []
    while True:
        piece = response.read1(65536)
        if not piece:
            break
        arrivals.append(time.perf_counter())
    return [(b - a) * 1000 for a, b in zip(arrivals, arrivals[1:])]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build-release/release/faultline")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--streams", type=int, default=40)
    args = parser.parse_args()

    mock_port, record_port = free_port(), free_port()
    out = tempfile.mkdtemp(prefix="faultline-record-bench-")
    mock = subprocess.Popen([args.binary, "serve", "--port", str(mock_port), "--chunk-gap-ms", "20", "--threads", "1", "--fixtures", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    recorder = subprocess.Popen([args.binary, "record", "--upstream", f"http://127.0.0.1:{mock_port}", "--out", out, "--port", str(record_port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(mock_port)
        wait_port(record_port)
        direct = http.client.HTTPConnection("127.0.0.1", mock_port)
        proxied = http.client.HTTPConnection("127.0.0.1", record_port)
        for _ in range(50):  # warm-up: connections, caches, the recorder's upstream pool
            plain_latency(direct)
            plain_latency(proxied)
        d, p = [], []
        for _ in range(args.requests):
            d.append(plain_latency(direct))
            p.append(plain_latency(proxied))
        for q, name in ((0.5, "p50"), (0.99, "p99")):
            print(f"plain {name}: direct {quantile(d, q):.3f} ms, through the recorder {quantile(p, q):.3f} ms, "
                  f"added {quantile(p, q) - quantile(d, q):.3f} ms")

        dg, pg, delta = [], [], []
        for i in range(args.streams):
            body = stream_body(i)
            a = stream_gaps(direct, body)
            b = stream_gaps(proxied, body)
            dg += a
            pg += b
            delta += [abs(y - x) for x, y in zip(a, b)]
        print(f"stream chunks: {len(dg)} gaps direct, {len(pg)} through the recorder")
        for q, name in ((0.5, "p50"), (0.99, "p99")):
            print(f"chunk gap {name}: direct {quantile(dg, q):.3f} ms, through the recorder {quantile(pg, q):.3f} ms")
        print(f"chunk gap |recorder - direct| index by index: p50 {quantile(delta, 0.5):.3f} ms, p99 {quantile(delta, 0.99):.3f} ms, max {max(delta):.3f} ms")
        recorded = sum(1 for _, _, files in os.walk(out) if "case.json" in files)
        print(f"fixtures recorded: {recorded}")
    finally:
        for process in (recorder, mock):
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
