"""Validates provider answers against the official SDKs' own types, as strictly as the SDK can.

Usage:
    python3 Tests/sdk/validate_types.py --fixtures fixtures [--base-url http://127.0.0.1:8089]

`--fixtures DIR` checks every `response.json` / `response.sse` under DIR (`DIR/<dialect>/<case>/`);
`--base-url URL` sends the main request shapes (text, forced tool, JSON schema output, streams
of each, error statuses and mid-stream errors) to a running mock with plain HTTP and checks the
raw answers. Each body is parsed the way the SDK parses it and validated with the SDK's own
strict path (`_strict_response_validation=True`):

- openai: `ChatCompletion`, stream frames `ChatCompletionChunk` (SSE split by `openai._streaming`,
  stopping at `[DONE]`, an `error` object raising as the SDK does); error bodies `ErrorObject`.
- anthropic: `Message`, stream frames `RawMessageStreamEvent` (SSE split by `anthropic._streaming`,
  which skips `ping` and, silently, any event without an `event:` line); error bodies `ErrorResponse`.
- google-genai: `GenerateContentResponse` through the SDK's own `_from_mldev` conversion and
  `_from_response` (extra fields removed, then `model_validate`: bytes fields must be base64);
  stream segments split by `google.genai._api_client.HttpResponse`; error bodies as
  `errors.APIError` reads them (`error.code` an integer, `message`, `status`).

A finding is one of `invalid` (a pydantic ValidationError, with the field's path), `not_json`,
`skipped` (a frame with data the SDK drops unread) or `truncated` (a stream without its
terminal event: the SDK ends quietly, the answer is cut). A fixture whose `case.json` has
`brokenOnPurpose.sdkFindings` passes when its findings are exactly those (frame, kind, path);
every other file passes when it has none. The mock's answers under drift and stream faults
are checked the same way against the findings each fault must cause (MOCK_CASES).

Prints one line per finding of a failing answer (`path: frame N: kind: field: message`), then
the totals; exits 1 on any failure, 2 on bad usage. Frames are the SSE events as the SDK's
decoder yields them, 0-based, pings included.
"""

import argparse
import json
import pathlib
import sys
import urllib.error
import urllib.request

import anthropic
import httpx2
import openai
import pydantic
from anthropic import _models as anthropic_models
from anthropic import _streaming as anthropic_streaming
from google.genai import _api_client as genai_client
from google.genai import models as genai_models
from google.genai import types as genai_types
from openai import _models as openai_models
from openai import _streaming as openai_streaming


class Finding:
    """One way a body fails the SDK: `frame` is the 0-based SSE event as the SDK's decoder
    yields it (pings included; None for a whole body), `path` the field of an `invalid` one."""

    def __init__(self, frame, kind, message, path=None):
        self.frame, self.kind, self.message, self.path = frame, kind, message, path

    def key(self):
        return (self.frame, self.kind, self.path)

    def __str__(self):
        return f"{_where(self.frame)}{self.kind}: " + (f"{self.path}: " if self.path else "") + self.message


def _describe(key):
    """A declared finding, `(frame, kind, path)` or `(kind, path)`, as a report line shows it."""
    frame, kind, path = key if len(key) == 3 else (None, *key)
    return f"{_where(frame)}{kind}" + (f": {path}" if path else "")


def _where(frame):
    return f"frame {frame}: " if frame is not None else ""


class Result:
    """What validating one body found, and how many frames (or whole bodies) were validated."""

    def __init__(self):
        self.findings = []
        self.frames = 0
        self.errors = 0  # error bodies and frames: what the SDK raises as its APIError

    def validate(self, frame, check, value):
        try:
            check(value)
        except pydantic.ValidationError as error:
            seen = set()
            for path, item in _union_resolved(error.errors()):
                if path not in seen:
                    seen.add(path)
                    message = f"{item['msg']} (input {item.get('input')!r:.60})"
                    self.findings.append(Finding(frame, "invalid", message, path))
        self.frames += 1

    def validate_error(self, frame, check, value):
        self.errors += 1
        self.validate(frame, check, value)

    def json(self, frame, text):
        try:
            return json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            self.findings.append(Finding(frame, "not_json", f"{error}: {text[:80]!r}"))
            return None


def _is_member(part):
    """A union member's class name in a pydantic error location (field names are lower case)."""
    return isinstance(part, str) and part[:1].isupper()


def _union_resolved(items):
    """The errors as (path, error) with union members resolved. Pydantic reports every member of
    a union it tried; keep only the member whose `type` tag matched, or say that none did.
    Member names are left out of the path (`content.0.input`)."""
    def path(loc):
        return ".".join(str(part) for part in loc if not _is_member(part))

    tags = {i["loc"][:-1]: i for i in items
            if len(i["loc"]) >= 2 and i["loc"][-1] == "type" and _is_member(i["loc"][-2]) and i["type"] in ("literal_error", "missing")}
    out = []
    for item in items:
        loc = item["loc"]
        outermost = next((loc[:n] for n in range(1, len(loc) + 1) if loc[:n] in tags), None)
        if outermost is None:
            out.append((path(loc), item))
            continue
        union = outermost[:-1]
        matched = any(len(o["loc"]) > len(union) and o["loc"][:len(union)] == union and _is_member(o["loc"][len(union)])
                      and o["loc"][:len(union) + 1] not in tags for o in items)
        if not matched:
            tag = tags[outermost]
            found = f"type {tag['input']!r}" if tag["type"] == "literal_error" else "no type"
            out.append((path(union), {"msg": f"matches no member of the union ({found})", "input": tag["input"]}))
    return out


# openai ------------------------------------------------------------------------------------

def _openai_error(body):
    # OpenAI._make_status_error: the `error` object, or the body itself.
    data = body.get("error", body) if isinstance(body, dict) else body
    openai_models.validate_type(type_=openai.types.shared.ErrorObject, value=data)


def _openai_body(result, body):
    result.validate(None, lambda v: openai_models.validate_type(type_=openai.types.chat.ChatCompletion, value=v), body)


def _openai_stream(result, raw):
    # openai._streaming.Stream.__stream__: stop at [DONE]; a frame with `error` raises APIError.
    for frame, sse in enumerate(openai_streaming.SSEDecoder().iter_bytes(iter([raw]))):
        if sse.data.startswith("[DONE]"):
            return
        data = result.json(frame, sse.data)
        if data is None:
            return
        if isinstance(data, dict) and data.get("error"):
            result.validate_error(frame, _openai_error, data)
            return
        result.validate(frame, lambda v: openai_models.validate_type(type_=openai.types.chat.ChatCompletionChunk, value=v), data)
    result.findings.append(Finding(None, "truncated", "the stream ends without data: [DONE]"))


# anthropic ---------------------------------------------------------------------------------

def _anthropic_error(body):
    anthropic_models.validate_type(type_=anthropic.types.ErrorResponse, value=body)


def _anthropic_body(result, body):
    result.validate(None, lambda v: anthropic_models.validate_type(type_=anthropic.types.Message, value=v), body)


def _anthropic_stream(result, raw):
    # anthropic._streaming.Stream.__stream__: skip `ping` and events without `event:`;
    # `event: error` raises; an event without data is skipped.
    event_type = anthropic.types.RawMessageStreamEvent
    stopped = False
    for frame, sse in enumerate(anthropic_streaming.SSEDecoder().iter_bytes(iter([raw]))):
        if sse.event == "ping":
            continue
        if sse.event is None:
            if sse.data:
                result.findings.append(Finding(frame, "skipped", f"no event: line, so the SDK drops this frame unread: {sse.data[:80]!r}"))
            continue
        if sse.event == "error":
            data = result.json(frame, sse.data)
            if data is not None:
                result.validate_error(frame, _anthropic_error, data)
            return
        if not sse.data:
            continue
        data = result.json(frame, sse.data)
        if data is None:
            return
        result.validate(frame, lambda v: anthropic_models.validate_type(type_=event_type, value=v), data)
        stopped = stopped or sse.event == "message_stop"
    if not stopped:
        result.findings.append(Finding(None, "truncated", "the stream ends without message_stop"))


# google-genai ------------------------------------------------------------------------------

def _gemini_error(body):
    # errors.APIError reads error.code (an int: raise_error compares it), message and status.
    error = body.get("error") if isinstance(body, dict) else None
    problems = []
    if not isinstance(error, dict):
        problems.append("error: expected an object")
    else:
        if not isinstance(error.get("code"), int) or isinstance(error.get("code"), bool):
            problems.append(f"error.code: expected an integer, got {error.get('code')!r}")
        for key in ("message", "status"):
            if not isinstance(error.get(key), str):
                problems.append(f"error.{key}: expected a string, got {error.get(key)!r}")
    if problems:
        raise pydantic.ValidationError.from_exception_data(
            "GeminiErrorBody",
            [{"type": "value_error", "loc": ("body",), "input": body, "ctx": {"error": "; ".join(problems)}}],
        )


def _gemini_response(value):
    # Models.generate_content / _generate_content_stream: _from_mldev, then _from_response.
    converted = genai_models._GenerateContentResponse_from_mldev(value, None, None)
    genai_types.GenerateContentResponse._from_response(response=converted, kwargs={})


def _gemini_body(result, body):
    result.validate(None, _gemini_response, body)


def _gemini_stream(result, raw):
    # BaseApiClient.request_streamed: a segment whose JSON starts with {"error": raises.
    segments = genai_client.HttpResponse({}, response_stream=httpx2.Response(200, content=raw))._iter_response_stream()
    finished = False
    for frame, text in enumerate(segments):
        data = result.json(frame, text)
        if data is None:
            return
        if isinstance(data, dict) and "error" in data:
            result.validate_error(frame, _gemini_error, data)
            return
        result.validate(frame, _gemini_response, data)
        candidates = data.get("candidates") or [] if isinstance(data, dict) else []
        finished = finished or any(isinstance(c, dict) and c.get("finishReason") for c in candidates)
        finished = finished or bool(isinstance(data, dict) and (data.get("promptFeedback") or {}).get("blockReason"))
    if not finished:
        result.findings.append(Finding(None, "truncated", "the stream ends without a finishReason"))


DIALECTS = {
    "openai-chat": (_openai_body, _openai_stream, _openai_error),
    "anthropic-messages": (_anthropic_body, _anthropic_stream, _anthropic_error),
    "gemini": (_gemini_body, _gemini_stream, _gemini_error),
}


def check_answer(dialect, status, content_type, raw):
    """Validates one raw answer (status, content type, body bytes) of `dialect`."""
    body_check, stream_check, error_check = DIALECTS[dialect]
    result = Result()
    if status == 200 and content_type.startswith("text/event-stream"):
        stream_check(result, raw)
        return result
    body = result.json(None, raw.decode("utf-8", errors="replace"))
    if body is not None:
        if status == 200:
            body_check(result, body)
        else:
            result.validate_error(None, error_check, body)
    return result


# fixtures ----------------------------------------------------------------------------------

def check_fixture(case_dir):
    """Validates one fixture folder against its declared break (none unless `brokenOnPurpose`)."""
    case = json.loads((case_dir / "case.json").read_text())
    response = case["response"]
    raw = (case_dir / response["body"]).read_bytes()
    content_type = {k.lower(): v for k, v in response.get("headers", {}).items()}.get("content-type", "")
    result = check_answer(case_dir.parent.name, response["status"], content_type, raw)
    declared = (case.get("brokenOnPurpose") or {}).get("sdkFindings", [])
    return result, {(d.get("frame"), d["kind"], d.get("path")) for d in declared}, case_dir / response["body"]


def fixture_dirs(root):
    root = pathlib.Path(root)
    if (root / "case.json").exists():
        return [root]
    return sorted(p.parent for p in root.glob("**/case.json") if p.parent.parent.name in DIALECTS)


# the mock's generated answers --------------------------------------------------------------

WEATHER = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
    "required": ["city", "unit"],
    "additionalProperties": False,
}
PERSON = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
    "required": ["name", "age"],
    "additionalProperties": False,
}


def openai_request(shape, stream):
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"validate_types {shape} {stream}"}]}
    if shape == "tool":
        body["tools"] = [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER}}]
        body["tool_choice"] = {"type": "function", "function": {"name": "get_weather"}}
    if shape == "json":
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "person", "schema": PERSON, "strict": True}}
    if stream:
        body.update(stream=True, stream_options={"include_usage": True})
    return "/v1/chat/completions", {"authorization": "Bearer any"}, body


def anthropic_request(shape, stream):
    body = {"model": "claude-sonnet-4-5", "max_tokens": 256,
            "messages": [{"role": "user", "content": f"validate_types {shape} {stream}"}]}
    if shape == "tool":
        body["tools"] = [{"name": "get_weather", "description": "Current weather.", "input_schema": WEATHER}]
        body["tool_choice"] = {"type": "tool", "name": "get_weather"}
    if shape == "json":
        body["output_config"] = {"format": {"type": "json_schema", "schema": PERSON}}
    if stream:
        body["stream"] = True
    return "/v1/messages", {"x-api-key": "any", "anthropic-version": "2023-06-01"}, body


def gemini_request(shape, stream):
    body = {"contents": [{"role": "user", "parts": [{"text": f"validate_types {shape} {stream}"}]}]}
    if shape == "tool":
        body["tools"] = [{"functionDeclarations": [{"name": "get_weather", "description": "Current weather.", "parametersJsonSchema": WEATHER}]}]
        body["toolConfig"] = {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}}
    if shape == "json":
        body["generationConfig"] = {"responseMimeType": "application/json", "responseJsonSchema": PERSON}
    method = "streamGenerateContent?alt=sse" if stream else "generateContent"
    return f"/v1beta/models/gemini-2.5-flash:{method}", {"x-goog-api-key": "any"}, body


REQUESTS = {"openai-chat": openai_request, "anthropic-messages": anthropic_request, "gemini": gemini_request}

# (shape, stream, fault header or None, what the SDK must see): "ok", "error" (an error body or
# frame, valid for the SDK) or, for answers broken on purpose, {dialect: {(kind, path), ...}}.
ERROR_FAULTS = ("throttle(retry_after=2)", "overloaded", "server_error(status=500)", "outage",
                "quota_exhausted", "context_overflow", "auth_error")
MOCK_CASES = [
    (shape, stream, None, "ok") for shape in ("text", "tool", "json") for stream in (False, True)
] + [
    ("text", False, fault, "error") for fault in ERROR_FAULTS
] + [
    ("text", True, f"error_event(after_chunks=2, kind={kind})", "error") for kind in ("overloaded", "server_error", "rate_limited")
] + [
    ("text", False, "content_filter", {"openai-chat": "error", "anthropic-messages": "error", "gemini": "ok"}),
    ("tool", True, "truncate(after_chunks=2)", {d: {("truncated", None)} for d in ("openai-chat", "anthropic-messages", "gemini")}),
    ("text", True, "malformed_chunk(at=2)", {d: {("not_json", None)} for d in ("openai-chat", "anthropic-messages", "gemini")}),
    ("text", True, "missing_event_name", {"openai-chat": "ok", "gemini": "ok",
                                          "anthropic-messages": {("skipped", None), ("truncated", None)}}),
    ("tool", False, "tool_args_object", {"openai-chat": {("invalid", "choices.0.message.tool_calls.0.function.arguments")},
                                         "anthropic-messages": {("invalid", "content.0.input")},
                                         "gemini": {("invalid", "candidates.0.content.parts.0.functionCall.args")}}),
]


def fetch(base, dialect, shape, stream, fault):
    path, headers, body = REQUESTS[dialect](shape, stream)
    headers = {"content-type": "application/json", **headers}
    if fault:
        headers["x-faultline-fault"] = fault
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read()


# main --------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description="Validate fixtures and the mock's answers against the official SDKs' types.")
    parser.add_argument("--fixtures", help="fixtures folder (or one dialect's or case's folder)")
    parser.add_argument("--base-url", help="a running mock, e.g. http://127.0.0.1:8089")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print a line for each file that passed")
    args = parser.parse_args()
    if not args.fixtures and not args.base_url:
        parser.error("give --fixtures DIR, --base-url URL, or both")

    checked = failed = frames = 0

    def report(name, result, expected, key=Finding.key):
        nonlocal checked, failed, frames
        checked += 1
        frames += result.frames
        found = {key(f) for f in result.findings}
        if found != expected:
            failed += 1
            for finding in result.findings:
                if key(finding) not in expected:
                    print(f"{name}: {finding}")
            for missing in sorted(expected - found, key=str):
                print(f"{name}: {_describe(missing)}: declared broken on purpose but not found")
        elif args.verbose:
            print(f"ok {name} ({result.frames} frames)" + (", broken on purpose as declared" if expected else ""))

    if args.fixtures:
        dirs = fixture_dirs(args.fixtures)
        if not dirs:
            print(f"no fixtures under {args.fixtures}", file=sys.stderr)
            sys.exit(2)
        for case_dir in dirs:
            try:
                result, expected, path = check_fixture(case_dir)
            except (OSError, KeyError, json.JSONDecodeError) as error:
                checked += 1
                failed += 1
                print(f"{case_dir}: cannot read the fixture: {type(error).__name__}: {error}")
                continue
            report(str(path), result, expected)

    if args.base_url:
        base = args.base_url.rstrip("/")
        for dialect in DIALECTS:
            for shape, stream, fault, expect in MOCK_CASES:
                expect = expect.get(dialect, "ok") if isinstance(expect, dict) else expect
                name = f"mock {dialect} {shape}{' stream' if stream else ''}{' ' + fault if fault else ''}"
                try:
                    status, content_type, raw = fetch(base, dialect, shape, stream, fault)
                except OSError as error:  # urllib.error.URLError, a reset, a timeout
                    checked += 1
                    failed += 1
                    print(f"{name}: cannot get an answer from {base}: {error}")
                    continue
                result = check_answer(dialect, status, content_type, raw)
                if expect == "ok" and result.errors:
                    result.findings.append(Finding(None, "error", f"expected an answer, got status {status}: {raw[:120]!r}"))
                if expect == "error" and not result.errors:
                    result.findings.append(Finding(None, "no_error", f"expected an error, got status {status}"))
                report(name, result, expect if isinstance(expect, set) else set(), key=lambda f: (f.kind, f.path))

    print(f"{checked} answers, {frames} frames validated against the official SDK types: "
          f"{checked - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
