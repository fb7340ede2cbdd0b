#!/usr/bin/env python3
"""A bounded flood of malformed and hostile HTTP against `faultline serve`, loopback only.

Starts the release binary on a free 127.0.0.1 port (its own short header and idle timeouts
so slow cases end quickly), sends every category of hostile input below, and checks what a
hardened server must hold to:

  - the process stays alive (a crash is counted, the server restarted, the flood goes on);
  - no case hangs: every connection gets an answer or a close within its deadline;
  - client errors are never answered with a 5xx;
  - RSS (VmRSS from /proc/PID/status, sampled every 100 ms) stays bounded;
  - a valid request afterwards is answered correctly.

It prints one table (cases, statuses, 5xx, hangs per category) and the totals, and exits 0
when all checks hold, 1 otherwise. Python 3 standard library only; every count and wait is
bounded (`--max-seconds`, default 300).

    swift build -c release --scratch-path .build-release --product faultline
    python3 Benchmarks/hostile/flood.py [--binary .build-release/release/faultline]
"""

import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

HOST = "127.0.0.1"
HEADER_TIMEOUT = 2.0
IDLE_TIMEOUT = 5.0
CHAT = "/v1/chat/completions"
GEMINI = "/v1beta/models/gemini-2.5-flash:generateContent"


# ---------------------------------------------------------------- server


class Server:
    """The `faultline serve` process under test, restarted if it dies."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir
        self.config = os.path.join(workdir, "flood-mock.yaml")
        with open(self.config, "w") as f:
            f.write(f"header_timeout: {HEADER_TIMEOUT}\nidle_timeout: {IDLE_TIMEOUT}\n")
        self.proc = None
        self.port = None
        self.crashes = []
        self.max_rss_kib = 0
        self.rss_samples = []
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--host", HOST, "--port", "0", "--seed", "7", "--config", self.config],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.workdir)
        line = self.proc.stdout.readline().decode()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not match:
            raise SystemExit(f"serve did not start: {line!r} {self.proc.stderr.read().decode()[:400]}")
        self.port = int(match.group(1))
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()  # drain
        threading.Thread(target=self._drain_stderr, args=(self.proc,), daemon=True).start()
        if not self._sampler.is_alive():
            self._sampler.start()

    def _drain_stderr(self, proc):
        proc.stderr_text = proc.stderr.read().decode(errors="replace")

    def rss_kib(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return 0
        return 0

    def _sample(self):
        while not self._stop.is_set():
            rss = self.rss_kib()
            self.max_rss_kib = max(self.max_rss_kib, rss)
            self.rss_samples.append((time.monotonic(), rss))
            time.sleep(0.1)

    def alive(self):
        return self.proc.poll() is None

    def ensure_alive(self, category):
        """Restarts a dead server and records the crash against `category`."""
        if self.alive():
            return True
        time.sleep(0.2)
        stderr = getattr(self.proc, "stderr_text", "")
        self.crashes.append((category, self.proc.returncode, stderr.strip().splitlines()[-3:]))
        self.start()
        return False

    def stop(self):
        self._stop.set()
        if self.proc and self.alive():
            self.proc.terminate()
            started = time.monotonic()
            try:
                code = self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = "killed after 5 s"
            return code, time.monotonic() - started
        return None, 0.0


# ---------------------------------------------------------------- one exchange


class Result:
    __slots__ = ("statuses", "ending", "seconds", "body")

    def __init__(self, statuses, ending, seconds, body=b""):
        self.statuses = statuses  # status codes of every response read, in order
        self.ending = ending      # eof | reset | timeout | open (stopped early on purpose)
        self.seconds = seconds
        self.body = body


STATUS = re.compile(rb"HTTP/1\.[01] (\d{3}) ")


def exchange(port, data, *, read_timeout=12.0, half_close=False, trickle=None, until=None, rcvbuf=None):
    """Sends `data` (at once, or a byte every `trickle` seconds), reads until close or
    `read_timeout`; `until(received)` may stop reading early (ending `open`)."""
    started = time.monotonic()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.settimeout(5)
    received = bytearray()
    ending = "timeout"
    try:
        sock.connect((HOST, port))
        if trickle:
            sock.settimeout(trickle)
            for i in range(len(data)):
                if time.monotonic() > started + read_timeout:
                    break  # still no answer: counted as a hang below
                try:
                    sock.sendall(data[i:i + 1])
                except OSError:
                    break
                try:
                    chunk = sock.recv(65536)
                    if not chunk:
                        ending = "eof"
                        break
                    received += chunk
                    break
                except socket.timeout:
                    continue
        else:
            try:
                sock.sendall(data)
            except OSError:
                pass  # the server may answer and close before reading everything
        if half_close:
            try:
                sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        if ending != "eof":
            deadline = started + read_timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    ending = "timeout"
                    break
                sock.settimeout(left)
                try:
                    chunk = sock.recv(65536)
                except socket.timeout:
                    ending = "timeout"
                    break
                except ConnectionResetError:
                    ending = "reset"
                    break
                if not chunk:
                    ending = "eof"
                    break
                received += chunk
                if until and until(received):
                    ending = "open"
                    break
    except ConnectionResetError:
        ending = "reset"
    except OSError as error:
        ending = f"error {error.errno}"
    finally:
        sock.close()
    statuses = [int(m.group(1)) for m in STATUS.finditer(bytes(received))]
    return Result(statuses, ending, time.monotonic() - started, bytes(received))


def request(method="POST", path=CHAT, body=b"", headers=(), version="1.1"):
    if isinstance(body, str):
        body = body.encode()
    head = f"{method} {path} HTTP/{version}\r\nhost: {HOST}\r\ncontent-type: application/json\r\n"
    for header in headers:
        head += header + "\r\n"
    return head.encode() + f"content-length: {len(body)}\r\n\r\n".encode() + body


def chat(messages_text="hi", **extra):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": messages_text}]}
    body.update(extra)
    return json.dumps(body)


# ---------------------------------------------------------------- categories
# Each case: (label, bytes, options, expectation). Expectation "client-error" means any
# 5xx is a failure; "answer" means a complete 2xx is required; "408" a timeout answer.


def framing_cases(rng):
    raw = [
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/1.1\r\n\r\n",  # no Host
        b"GET /v1/models HTTP/1.1\r\nhost: a\r\nhost: b\r\n\r\n",
        b"GET /v1/models HTTP/9.9\r\nhost: a\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nhost: a\r\n folded: value\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nhost: a\r\nbad header\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nhost : a\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nhost: a\r\nx: a\x00b\r\n\r\n",
        b"GET /v1/mo dels HTTP/1.1\r\nhost: a\r\n\r\n",
        b"GET /v1/models HTTP/1.1\rhost: a\r\r\n\r\n",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        b"GET /\r\n",
        b"G\xffT /v1/models HTTP/1.1\r\nhost: a\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nhost: a\r\n" + b"x-big: " + b"a" * 90_000 + b"\r\n\r\n",
        b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nhost: a\r\n\r\n",
        b"GET /v1/models HTTP/1.1\r\nhost: a\r\n" + b"".join(b"x-%d: 1\r\n" % i for i in range(20_000)) + b"\r\n",
        b"A" * 10 + b" /v1/models HTTP/1.1\r\nhost: a\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: nope\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: -1\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: +2\r\n\r\n{}",
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: 99999999999999999999999\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: 0x10\r\n\r\n",
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\nexpect: 200-ok\r\ncontent-length: 2\r\n\r\n{}",
        b"\r\n" * 1000 + b"GET /v1/models HTTP/1.1\r\nhost: a\r\n\r\n",
    ]
    cases = [(f"framing-{i}", data, {}, "client-error") for i, data in enumerate(raw)]
    for i in range(60):  # seeded random bytes, some with a plausible start
        junk = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 4096)))
        if i % 2:
            junk = b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\n" + junk + b"\r\n\r\n"
        cases.append((f"random-{i}", junk, {"half_close": True}, "client-error"))
    return cases


def smuggling_cases(rng):
    body = chat().encode()
    hidden = b"GET /_faultline/reset HTTP/1.1\r\nhost: a\r\n\r\n"
    def head(*fields, version="1.1"):
        return (f"POST {CHAT} HTTP/{version}\r\nhost: a\r\n" + "".join(f + "\r\n" for f in fields) + "\r\n").encode()
    raw = [
        head(f"content-length: {len(body)}", "transfer-encoding: chunked") + b"0\r\n\r\n" + hidden,
        head("transfer-encoding: chunked", f"content-length: {len(body)}") + b"0\r\n\r\n" + hidden,
        head("content-length: 5", "content-length: 6") + b"{}{}{}",
        head("content-length: 2", "content-length: 2") + b"{}",
        head("content-length: 2, 2") + b"{}",
        head("transfer-encoding: chunked, identity") + b"2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: xchunked") + b"2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding:  chunked ") + b"2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked", "transfer-encoding: chunked") + b"2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked", version="1.0") + b"2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding\t: chunked") + b"2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked") + b"fffffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked") + b"-2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked") + b"2 junk\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked") + b"2;ext=\x01\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked") + b"2\n{}\n0\n\n",
        head("transfer-encoding: chunked") + b"2\r\n{}XX0\r\n\r\n",
        head("transfer-encoding: chunked") + b"0x2\r\n{}\r\n0\r\n\r\n",
        head("transfer-encoding: chunked") + b"2\r\n{}\r\n0\r\nx-trailer: " + b"t" * 9000 + b"\r\n\r\n",
        head("transfer-encoding: chunked") + b"2\r\n{}\r\n0\r\nbad trailer\r\n\r\n",
        head("transfer-encoding: chunked") + b"1" * 9000 + b"\r\n",
        head(f"content-length: {len(body)}") + body + b"GET / HTTP/1.1\r\nhost: a\r\ncontent-length: 5\r\n\r\n",
    ]
    return [(f"smuggle-{i}", data, {"half_close": True}, "client-error") for i, data in enumerate(raw)]


def json_cases(rng):
    deep = 100_000
    cases = [
        ("deep-arrays", request(body=b'{"model":"m","messages":' + b"[" * deep + b"]" * deep + b"}"), {}),
        ("deep-objects", request(body=b'{"model":"m","messages":' + b'{"a":' * deep + b"1" + b"}" * deep + b"}"), {}),
        ("deep-unclosed", request(body=b"[" * 1_000_000), {}),
        ("huge-string", request(body=chat("x" * 9_000_000)), {}),
        ("over-limit", request(body=b" " * (11 << 20)), {}),
        ("over-limit-declared", b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: 99999999999\r\n\r\n", {}),
        ("many-keys", request(body="{" + ",".join(f'"k{i}":{i}' for i in range(200_000)) + "}"), {}),
        ("many-messages", request(body=chat(messages=[{"role": "user", "content": "x"}] * 100_000) if False else
                                  json.dumps({"model": "m", "messages": [{"role": "user", "content": "x"}] * 100_000})), {}),
        ("huge-number", request(body=b'{"model":"m","max_tokens":1' + b"0" * 100_000 + b',"messages":[]}'), {}),
        ("exp-number", request(body=b'{"model":"m","max_tokens":1e999999999,"messages":[{"role":"user","content":"x"}]}'), {}),
        ("neg-max-tokens", request(body=chat(max_tokens=-9223372036854775808)), {}),
        ("big-max-tokens", request(body=chat(max_tokens=18446744073709551615)), {}),
        ("bad-utf8", request(body=b'{"model":"m","messages":[{"role":"user","content":"\xff\xfe\xc0\x80"}]}'), {}),
        ("escapes", request(body=chat("\\u0000" * 1000 + "\ud800")), {}),
        ("lone-surrogate", request(body=b'{"model":"m","messages":[{"role":"user","content":"\\ud800\\udc00\\udfff"}]}'), {}),
        ("not-json", request(body=b"\x00" * 1000), {}),
        ("trailing", request(body=chat() + "}}}}"), {}),
        ("gemini-deep", request(path=GEMINI, body=b'{"contents":' + b"[" * deep + b"]" * deep + b"}"), {}),
        ("anthropic-deep", request(path="/v1/messages", body=b'{"model":"m","max_tokens":1,"messages":' + b"[" * deep + b"]" * deep + b"}"), {}),
        ("tools-many", request(body=chat(tools=[{"type": "function", "function": {"name": f"f{i}", "parameters": {"type": "object"}}} for i in range(20_000)], tool_choice="required")), {}),
    ]
    return [(label, data, opts, "client-error") for label, data, opts in cases]


def schema_cases(rng):
    def openai(schema):
        return request(body=chat(response_format={"type": "json_schema", "json_schema": {"name": "s", "schema": schema}}))
    def gemini(schema):
        body = {"contents": [{"role": "user", "parts": [{"text": "hi"}]}],
                "generationConfig": {"responseMimeType": "application/json", "responseSchema": schema}}
        return request(path=GEMINI, body=json.dumps(body))
    def tool(schema):
        return request(body=chat(tools=[{"type": "function", "function": {"name": "f", "parameters": schema}}], tool_choice="required"))
    nested = {"type": "string"}
    for _ in range(25):
        nested = {"type": "array", "items": nested, "minItems": 2}
    schemas = {
        "minItems-1e18": {"type": "array", "items": {"type": "string"}, "minItems": 10**18},
        "minItems-string": {"type": "array", "items": {"type": "string"}, "minItems": "1000000000000000000"},
        "minItems-float": {"type": "array", "items": {"type": "string"}, "minItems": 1e300},
        "maxItems-neg": {"type": "array", "items": {"type": "string"}, "minItems": 5, "maxItems": -5},
        "minLength-huge": {"type": "string", "minLength": 10**12},
        "minLength-1e8": {"type": "string", "minLength": 100_000_000},
        "minProperties": {"type": "object", "minProperties": 10**9},
        "nested-minItems-25": nested,
        "ref-loop": {"$ref": "#", "type": "object", "required": ["a"], "properties": {"a": {"$ref": "#"}}},
        "numbers": {"type": "integer", "minimum": 1e308, "maximum": -1e308, "multipleOf": 1e-308},
    }
    cases = []
    for name, schema in schemas.items():
        cases.append((f"openai-{name}", openai(schema), {}, "client-error"))
        cases.append((f"gemini-{name}", gemini(schema), {}, "client-error"))
        cases.append((f"tool-{name}", tool(schema), {}, "client-error"))
    return cases


def fault_header_cases(rng):
    specs = [
        "latency(ms=1e308)", "latency(ms=-1)", "latency(ms=nan)", "latency(ms=inf)", "latency(ms=1, ms=2)",
        ";;;;", "((((", "latency(", "latency(ms=)", "throttle(retry_after=1e308)", "throttle(retry_after=-5)",
        "stall(after_chunks=99999999999999999999)", "truncate(after_chunks=-1)", "chunk_gap(ms=1e308)",
        "drift(path=..)", "drift(path=a..b)", "unknown_fault(x=1)", "latency(ms=1)" * 2000,
        "\u00e9\u202e\u0000", "bandwidth(bytes_per_s=0)", "bandwidth(bytes_per_s=1e-300)",
        "duplicate_chunk(at=1e18)", "split_utf8(at=-9223372036854775808)", "latency(p=2)", "latency(every=0)",
        "latency(window=5..1)", "latency(first=-1)", "garbage(bytes=1e15)", "keepalive(every_ms=0)",
    ]
    cases = []
    for i, spec in enumerate(specs):
        header = "x-faultline-fault: " + spec.encode("utf-8", "surrogatepass").decode("latin-1")
        cases.append((f"fault-{i}", request(body=chat(), headers=[header]), {}, "client-error"))
    cases.append(("fault-huge-header", request(body=chat(), headers=["x-faultline-fault: " + "a" * 90_000]), {}, "client-error"))
    admin = [json.dumps({"provider": None, "faults": [s]}) for s in specs[:12]]
    for i, body in enumerate(admin):
        cases.append((f"admin-fault-{i}", request("PUT", "/_faultline/faults", body=body), {}, "client-error"))
    cases.append(("admin-oversize", request("PUT", "/_faultline/faults", body=b" " * (11 << 20)), {}, "client-error"))
    cases.append(("admin-reset", request("POST", "/_faultline/reset"), {}, "answer"))
    return cases


def slowloris_cases(rng):
    # Trickles a byte every 0.5 s; the 408 must come near HEADER_TIMEOUT whatever the trickle.
    data = request(body=chat(), headers=["x-padding: " + "p" * 200])
    return [(f"slowloris-{i}", data, {"trickle": 0.5, "read_timeout": HEADER_TIMEOUT + 8}, "408") for i in range(24)]


def half_close_cases(rng):
    stream = chat("stream please", stream=True)
    cases = []
    for i in range(12):
        cases.append((f"halfclose-latency-{i}", request(body=chat(f"late {i}"), headers=["x-faultline-fault: latency(ms=300)"]),
                      {"half_close": True}, "answer"))
        cases.append((f"halfclose-stream-{i}", request(body=stream), {"half_close": True}, "stream"))
        cases.append((f"halfclose-pipelined-{i}", request(body=chat("a")) + request(body=chat("b")) + request(body=chat("c")),
                      {"half_close": True}, "answer3"))
        cases.append((f"halfclose-partial-{i}", b"POST /v1/chat/completions HTTP/1.1\r\nhost: a\r\ncontent-length: 100\r\n\r\n{",
                      {"half_close": True}, "closed"))
    return cases


# ---------------------------------------------------------------- checks


def judge(expectation, result):
    """(hang, bad5xx, failure text or None)"""
    hang = result.ending == "timeout"
    bad = [s for s in result.statuses if s >= 500]
    failure = None
    if expectation == "answer" and (not result.statuses or result.statuses[0] != 200):
        failure = f"expected a 200, got {result.statuses} ({result.ending})"
    elif expectation == "answer3" and result.statuses != [200, 200, 200]:
        failure = f"expected 3 answers, got {result.statuses} ({result.ending})"
    elif expectation == "stream" and not (result.statuses[:1] == [200] and result.body.endswith(b"0\r\n\r\n")
                                          and b"[DONE]" in result.body):
        failure = f"stream not whole: {result.statuses} {len(result.body)} bytes ({result.ending})"
    elif expectation == "408" and result.statuses != [408]:
        failure = f"expected a 408, got {result.statuses} ({result.ending})"
    elif expectation == "closed" and (result.statuses or result.ending not in ("eof", "reset")):
        failure = f"expected a close, got {result.statuses} ({result.ending})"
    return hang, bad, failure


def run_category(server, name, cases, workers, table, failures, accepted, deadline):
    stats = table.setdefault(name, {"cases": 0, "statuses": collections.Counter(), "endings": collections.Counter(),
                                    "5xx": 0, "hangs": 0, "failures": 0, "max_s": 0.0})
    def one(case):
        label, data, options, expectation = case
        if time.monotonic() > deadline:
            return None
        result = exchange(server.port, data, **options)
        return label, expectation, result
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(one, cases):
            if outcome is None:
                continue
            label, expectation, result = outcome
            hang, bad, failure = judge(expectation, result)
            stats["cases"] += 1
            stats["statuses"].update(result.statuses or ["none"])
            stats["endings"][result.ending] += 1
            stats["max_s"] = max(stats["max_s"], result.seconds)
            if hang:
                stats["hangs"] += 1
                failures.append(f"{name}/{label}: hang ({result.seconds:.1f} s, statuses {result.statuses})")
            if bad:
                stats["5xx"] += len(bad)
                failures.append(f"{name}/{label}: 5xx {bad}")
            if failure:
                stats["failures"] += 1
                failures.append(f"{name}/{label}: {failure}")
            if expectation == "client-error" and any(200 <= s < 300 for s in result.statuses):
                accepted.append(f"{name}/{label}: {result.statuses}")
    if not server.ensure_alive(name):
        failures.append(f"{name}: the server died (restarted)")


def journal_last_id(server):
    """The id of the newest journaled request (0 if none): provider requests answered so far."""
    result = exchange(server.port, request("GET", "/_faultline/journal"), half_close=True, read_timeout=10)
    try:
        entries = json.loads(result.body.split(b"\r\n\r\n", 1)[1])["entries"]
        return max((e["id"] for e in entries), default=0)
    except (IndexError, ValueError, KeyError):
        return 0


def never_reading(server, clients, requests, table, failures):
    """`clients` connections each pipeline `requests` requests with ~100 KB answers and never
    read; RSS is sampled while they hold, then they are closed."""
    schema = {"type": "array", "minItems": 1000, "maxItems": 1000, "items": {"type": "string", "minLength": 90, "maxLength": 90}}
    one = request(body=chat("big", response_format={"type": "json_schema", "json_schema": {"name": "big", "schema": schema}}))
    probe = exchange(server.port, request(body=chat("big", response_format={"type": "json_schema", "json_schema": {"name": "big", "schema": schema}})),
                     until=lambda r: False, read_timeout=10, half_close=True)
    answer_bytes = len(probe.body)
    before = server.rss_kib()
    first_id = journal_last_id(server)
    sockets = []
    sent_total = 0
    for _ in range(clients):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect((HOST, server.port))
        sock.setblocking(False)
        data = one * requests
        sent = 0
        stop = time.monotonic() + 5
        while sent < len(data) and time.monotonic() < stop:
            try:
                sent += sock.send(data[sent:sent + 65536])
            except BlockingIOError:
                time.sleep(0.01)
        sent_total += sent // len(one)
        sockets.append(sock)
    time.sleep(3)
    held = server.rss_kib()
    answered = journal_last_id(server) - first_id
    peak = max((rss for t, rss in server.rss_samples[-40:]), default=held)
    for sock in sockets:
        sock.close()
    time.sleep(1)
    after = server.rss_kib()
    stats = table.setdefault("never-reading", {"cases": clients, "statuses": collections.Counter(), "endings": collections.Counter(),
                                               "5xx": 0, "hangs": 0, "failures": 0, "max_s": 3.0})
    stats["statuses"]["unread"] = sent_total
    if not server.ensure_alive("never-reading"):
        failures.append("never-reading: the server died (restarted)")
    return {"answer_bytes": answer_bytes, "requests_sent": sent_total, "answered": answered, "rss_before_kib": before,
            "rss_held_kib": held, "rss_peak_kib": peak, "rss_after_kib": after}


def final_check(server):
    result = exchange(server.port, request(body=chat("final check")), half_close=True, read_timeout=10)
    ok = result.statuses == [200] and b'"choices"' in result.body and b'"content"' in result.body
    return ok, result


# ---------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--binary", default=os.path.join(root, ".build-release/release/faultline"))
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--verbose", action="store_true", help="list the hostile cases answered 2xx")
    parser.add_argument("--skip", default="", help="comma-separated categories to leave out (e.g. schema)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()
    deadline = started + args.max_seconds
    skip = set(filter(None, args.skip.split(",")))

    workdir = tempfile.mkdtemp(prefix="faultline-flood-")
    server = Server(os.path.abspath(args.binary), workdir)
    server.start()
    time.sleep(0.3)
    rss_start = server.rss_kib()
    table, failures, accepted = {}, [], []
    categories = [
        ("framing", framing_cases), ("smuggling", smuggling_cases), ("json", json_cases),
        ("fault-header", fault_header_cases), ("half-close", half_close_cases), ("never-reading", None),
        ("slowloris", slowloris_cases), ("schema", schema_cases),
    ]
    pipelined = None
    for name, make in categories:
        if name in skip or time.monotonic() > deadline:
            continue
        if make is None:
            pipelined = never_reading(server, clients=4, requests=2000, table=table, failures=failures)
        else:
            run_category(server, name, make(rng), args.workers, table, failures, accepted, deadline)
    ok, final = final_check(server)
    if not ok:
        failures.append(f"final valid request: {final.statuses} ({final.ending}) {final.body[:200]!r}")
    rss_end = server.rss_kib()
    code, stop_seconds = server.stop()

    print(f"\nfaultline serve flood: {sum(s['cases'] for s in table.values())} cases in {time.monotonic() - started:.0f} s "
          f"(header_timeout {HEADER_TIMEOUT} s, idle_timeout {IDLE_TIMEOUT} s, seed {args.seed})\n")
    print(f"| category | cases | statuses | endings | 5xx | hangs | failed checks | slowest |")
    print(f"|---|---:|---|---|---:|---:|---:|---:|")
    for name, s in table.items():
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(s["statuses"].items(), key=lambda kv: str(kv[0])))
        endings = ", ".join(f"{k}×{v}" for k, v in sorted(s["endings"].items()))
        print(f"| {name} | {s['cases']} | {statuses} | {endings} | {s['5xx']} | {s['hangs']} | {s['failures']} | {s['max_s']:.1f} s |")
    print()
    print(f"crashes: {len(server.crashes)}" + "".join(f"\n  {c[0]}: exit {c[1]} {c[2]}" for c in server.crashes))
    print(f"RSS: start {rss_start / 1024:.0f} MiB, max {server.max_rss_kib / 1024:.0f} MiB, end {rss_end / 1024:.0f} MiB")
    if pipelined:
        p = pipelined
        print(f"never-reading: 4 clients pipelined {p['requests_sent']} requests for ~{p['answer_bytes'] // 1024} KiB answers; "
              f"{p['answered']} answered while unread; RSS {p['rss_before_kib'] / 1024:.0f} → {p['rss_held_kib'] / 1024:.0f} MiB while held "
              f"(peak {p['rss_peak_kib'] / 1024:.0f}), {p['rss_after_kib'] / 1024:.0f} MiB after close")
    print(f"final valid request: {'answered correctly' if ok else 'FAILED'}")
    print(f"SIGTERM: exit {code} in {stop_seconds:.2f} s")
    if accepted and args.verbose:
        print(f"\nhostile inputs answered 2xx (accepted as valid; not a failure by itself):")
        for line in accepted:
            print("  " + line)
    if failures:
        print(f"\n{len(failures)} problems:")
        for line in failures[:80]:
            print("  " + line)
    return 1 if failures or server.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
