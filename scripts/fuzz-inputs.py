#!/usr/bin/env python3
"""Mutation fuzzing of Faultline's inputs through `faultline check` and `faultline run`.

Copies the bundled suites/, chains/ and fixtures/ (tasks included) into a temporary
workspace, makes seeded mutants of one file at a time (lines deleted, duplicated or
swapped, values swapped, numbers made huge, negative or strings, truncation, control
and ANSI bytes, broken indentation, …), and runs on each mutant:

  faultline check <workspace>
  faultline run <suite> --clock virtual --report-dir <tmp> --quiet

It holds Faultline to issue 17's promise: only exit codes 0, 1 and 2; every exit 2 names
a real `file:line:column`; nothing slower than the per-run timeout. Anything else is
listed with its mutant kept under --keep for reproduction, and the script exits 1.

  python3 scripts/fuzz-inputs.py --binary .build-release/release/faultline --mutants 400 --seed 1
  python3 scripts/fuzz-inputs.py --mutants 2000 --seed $(date +%s)      # nightly

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSITION = re.compile(r"(?:^|\s)(\S+?\.(?:yaml|yml|json|sse)):(\d+):(\d+):", re.M)
# Every suite's scenarios get at most this many requests, so one run stays short.
SMALL_REQUESTS = 12


def build_workspace(dest):
    for name in ("suites", "chains", "fixtures"):
        shutil.copytree(os.path.join(ROOT, name), os.path.join(dest, name))
    for suite in os.listdir(os.path.join(dest, "suites")):
        path = os.path.join(dest, "suites", suite)
        if not os.path.isfile(path):
            continue
        with open(path) as f:
            text = f.read()
        text = re.sub(r"(\brequests:\s*)(\d+)", lambda m: m.group(1) + str(min(int(m.group(2)), SMALL_REQUESTS)), text)
        with open(path, "w") as f:
            f.write(text)


def targets(workspace):
    out = []
    for folder, _, files in os.walk(workspace):
        for name in files:
            if name.endswith((".yaml", ".json", ".sse")):
                out.append(os.path.relpath(os.path.join(folder, name), workspace))
    return sorted(out)


NUMBER = re.compile(rb"-?\b\d+(?:\.\d+)?\b")
HUGE = [b"99999999999999999999", b"1e308", b"-1", b"-99999999", b"0", b"9223372036854775807", b"\"12\"", b"NaN", b".inf"]
CONTROL = [b"\x1b[2J", b"\x1b[31m", b"\x00", b"\x07", b"\x08", b"\r", b"\x7f", b"\xe2\x80\xae", b"\xff\xfe"]


def mutate(data, rng):
    """One mutation of `data` (bytes); returns (new bytes, name of the mutation)."""
    lines = data.split(b"\n")
    kind = rng.choice([
        "delete-line", "duplicate-line", "swap-lines", "number", "number", "truncate",
        "control-bytes", "indent", "dedent", "swap-values", "delete-char", "insert-char", "empty-value",
    ])
    if kind == "delete-line" and len(lines) > 1:
        del lines[rng.randrange(len(lines))]
    elif kind == "duplicate-line":
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == "swap-lines" and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "number":
        spots = list(NUMBER.finditer(data))
        if spots:
            m = rng.choice(spots)
            return data[:m.start()] + rng.choice(HUGE) + data[m.end():], kind
        kind = "truncate"
    elif kind == "indent":
        i = rng.randrange(len(lines))
        lines[i] = b" " * rng.choice([1, 2, 3, 7]) + lines[i]
    elif kind == "dedent":
        i = rng.randrange(len(lines))
        lines[i] = lines[i].lstrip(b" ")
    elif kind == "swap-values":
        values = [i for i, l in enumerate(lines) if b":" in l]
        if len(values) > 1:
            i, j = rng.choice(values), rng.choice(values)
            a, b = lines[i].split(b":", 1), lines[j].split(b":", 1)
            lines[i], lines[j] = a[0] + b":" + b[1], b[0] + b":" + a[1]
    elif kind == "empty-value":
        values = [i for i, l in enumerate(lines) if b":" in l]
        if values:
            i = rng.choice(values)
            lines[i] = lines[i].split(b":", 1)[0] + b":"
    if kind == "truncate":
        return data[: rng.randrange(len(data) + 1)], kind
    if kind in ("control-bytes", "delete-char", "insert-char"):
        at = rng.randrange(len(data) + 1)
        if kind == "control-bytes":
            return data[:at] + rng.choice(CONTROL) + data[at:], kind
        if kind == "delete-char":
            return data[:at] + data[at + 1:], kind
        return data[:at] + bytes([rng.choice(b"{}[]:,\"'-#&*!|>%@`")]) + data[at:], kind
    return b"\n".join(lines), kind


def suite_for(target, workspace):
    """The suite to run for a mutated file: itself, a suite that uses it, or its fixture's conformance."""
    if target.startswith("suites/"):
        return target
    base = os.path.basename(target)
    if target.startswith(("chains/", "fixtures/tasks/")):
        for suite in sorted(os.listdir(os.path.join(workspace, "suites"))):
            if not suite.endswith(".yaml"):
                continue
            with open(os.path.join(workspace, "suites", suite), "rb") as f:
                if base.encode() in f.read():
                    return "suites/" + suite
        return "suites/status.yaml"
    # A fixture: a conformance suite of its case alone (the bundled one replays every
    # fixture's recorded timing over real sockets, about 20 s).
    case = os.path.dirname(target)
    with open(os.path.join(workspace, "suites", "fuzz-conformance.yaml"), "w") as f:
        f.write(f"suite: fuzz-conformance\nscenarios:\n  - name: mutated fixture\n    kind: conformance\n    fixtures: ../{case}\n")
    return "suites/fuzz-conformance.yaml"


def run(cmd, cwd, timeout):
    started = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout + p.stderr, time.monotonic() - started
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"") + (e.stderr or b""), time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release/release/faultline"))
    parser.add_argument("--mutants", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per faultline invocation")
    parser.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "faultline-fuzz-failures"))
    parser.add_argument("--no-run", action="store_true", help="only `faultline check`")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary}: not an executable; build it with `swift build -c release --scratch-path .build-release --product faultline`")

    rng = random.Random(args.seed)
    base = tempfile.mkdtemp(prefix="faultline-fuzz-base-")
    build_workspace(base)
    files = targets(base)
    exits = {}
    failures = []
    slowest = []
    mutations = {}
    started = time.monotonic()
    for n in range(args.mutants):
        work = tempfile.mkdtemp(prefix="faultline-fuzz-")
        shutil.rmtree(work)
        shutil.copytree(base, work)
        target = rng.choice(files)
        path = os.path.join(work, target)
        with open(path, "rb") as f:
            data = f.read()
        applied = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            data, kind = mutate(data, rng)
            applied.append(kind)
            mutations[kind] = mutations.get(kind, 0) + 1
        with open(path, "wb") as f:
            f.write(data)

        reports = os.path.join(work, "reports")
        commands = [("check", [binary, "check", "suites", "chains", "fixtures"])]
        if not args.no_run:
            commands.append(("run", [binary, "run", suite_for(target, work), "--clock", "virtual", "--report-dir", reports, "--quiet"]))
        problems = []
        outputs = []
        for name, cmd in commands:
            code, output, seconds = run(cmd, work, args.timeout)
            text = output.decode("utf-8", "replace")
            key = f"{name} {'timeout' if code is None else code}"
            exits[key] = exits.get(key, 0) + 1
            slowest.append((seconds, name, target, applied))
            allowed = (0, 2) if name == "check" else (0, 1, 2)
            if code is None:
                problems.append(f"{name}: no exit within {args.timeout:.0f} s")
            elif code not in allowed:
                problems.append(f"{name}: exit {code}")
            elif code == 2 and not POSITION.search(text):
                problems.append(f"{name}: exit 2 without file:line:column")
            if code is not None and code < 0 or re.search(r"Fatal error|Illegal instruction|Segmentation", text):
                problems.append(f"{name}: crashed")
            if "\x1b" in text:
                problems.append(f"{name}: printed a raw ESC byte")
            if name == "run" and code in (0, 1):
                try:
                    with open(os.path.join(reports, "results.json")) as f:
                        json.load(f)
                except Exception as e:  # noqa: BLE001 - any failure to read the report is the finding
                    problems.append(f"run: results.json unreadable ({e})")
            outputs.append(f"$ faultline {name} (exit {code})\n{text[-3000:]}")
        if problems:
            keep = os.path.join(args.keep, f"mutant-{args.seed}-{n}")
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(work, keep, ignore=shutil.ignore_patterns("reports"))
            with open(os.path.join(keep, "FINDING.txt"), "w") as f:
                f.write(f"file: {target}\nmutations: {', '.join(applied)}\nproblems: {'; '.join(problems)}\n\n{chr(10).join(outputs)}\n")
            failures.append((n, target, applied, problems, keep))
        shutil.rmtree(work, ignore_errors=True)
        if (n + 1) % 50 == 0:
            print(f"… {n + 1}/{args.mutants} mutants, {len(failures)} finding(s)", file=sys.stderr)

    shutil.rmtree(base, ignore_errors=True)
    total = time.monotonic() - started
    slowest.sort(reverse=True)
    print(f"mutants: {args.mutants} (seed {args.seed}) in {total:.0f} s")
    print("exits: " + ", ".join(f"{k}: {v}" for k, v in sorted(exits.items())))
    print("mutations: " + ", ".join(f"{k} {v}" for k, v in sorted(mutations.items())))
    print("slowest: " + "; ".join(f"{s:.2f} s {name} ({target}: {'+'.join(kinds)})" for s, name, target, kinds in slowest[:3]))
    print(f"findings: {len(failures)}")
    for n, target, applied, problems, keep in failures:
        print(f"  #{n} {target} [{'+'.join(applied)}]: {'; '.join(problems)} -> {keep}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
