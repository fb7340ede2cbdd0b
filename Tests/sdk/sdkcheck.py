"""Shared runner for the official-SDK conformance scripts.

Each script registers named checks with `@check`; `run()` calls them in order against
the mock whose base URL is argv[1], prints `ok <name>` for a pass and `FAIL <name>`
with the assertion and traceback for a failure, and exits 1 when any check failed,
so the Swift test that runs the script can show the whole output.

Only the standard library is used here, so the scripts need nothing beyond the SDKs.
"""

import json
import sys
import traceback
import urllib.request

_CHECKS = []

# The fault header every SDK forwards untouched (DESIGN.md, fault catalogue).
FAULT_HEADER = "x-faultline-fault"

# A forced tool with required keys and an enum, so the arguments check proves something.
WEATHER_SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "description": "City name, e.g. Paris"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        "days": {"type": "integer", "minimum": 1, "maximum": 7},
    },
    "required": ["city", "unit", "days"],
    "additionalProperties": False,
}

# Structured output: an object with nested array, the shape an extraction task asks for.
PERSON_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "age": {"type": "integer"},
        "languages": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["name", "age", "languages"],
    "additionalProperties": False,
}


def check(fn):
    """Registers a check; its function name is the check's name."""
    _CHECKS.append(fn)
    return fn


def run():
    if len(sys.argv) != 2:
        print(f"usage: python3 {sys.argv[0]} BASE_URL   (e.g. http://127.0.0.1:8089)", file=sys.stderr)
        sys.exit(2)
    base = sys.argv[1].rstrip("/")
    failed = []
    for fn in _CHECKS:
        try:
            fn(base)
        except BaseException as error:  # noqa: BLE001 - a check must never stop the others
            if isinstance(error, KeyboardInterrupt):
                raise
            failed.append(fn.__name__)
            print(f"FAIL {fn.__name__}: {type(error).__name__}: {error}")
            print(traceback.format_exc())
        else:
            print(f"ok {fn.__name__}")
        sys.stdout.flush()
    print(f"{len(_CHECKS) - len(failed)}/{len(_CHECKS)} checks passed" + (f"; failed: {', '.join(failed)}" if failed else ""))
    sys.exit(1 if failed else 0)


def expect_raises(expected, call):
    """Runs `call` and returns the exception it raised, which must be an `expected` instance."""
    try:
        result = call()
    except expected as error:
        return error
    except Exception as error:  # noqa: BLE001
        raise AssertionError(f"expected {_names(expected)}, got {type(error).__module__}.{type(error).__name__}: {error}") from error
    raise AssertionError(f"expected {_names(expected)}, got no exception but {result!r:.300}")


def _names(expected):
    types = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(f"{t.__module__}.{t.__name__}" for t in types)


def validate(instance, schema, path="$"):
    """A small JSON Schema check (type, enum, required, properties, additionalProperties,
    items, minimum, maximum): enough to prove the mock's generated arguments obey the
    tool's schema, without a dependency. Raises AssertionError naming the path."""
    kind = schema.get("type")
    kinds = {
        "object": dict, "array": list, "string": str, "boolean": bool,
        "integer": int, "number": (int, float),
    }
    if isinstance(kind, str):
        kind = kind.lower()
        expected_type = kinds.get(kind)
        ok = expected_type is not None and isinstance(instance, expected_type)
        if kind in ("integer", "number") and isinstance(instance, bool):
            ok = False
        assert ok, f"{path}: expected {kind}, got {type(instance).__name__} {instance!r:.100}"
    if "enum" in schema:
        assert instance in schema["enum"], f"{path}: {instance!r} not in enum {schema['enum']}"
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if "minimum" in schema:
            assert instance >= schema["minimum"], f"{path}: {instance} < minimum {schema['minimum']}"
        if "maximum" in schema:
            assert instance <= schema["maximum"], f"{path}: {instance} > maximum {schema['maximum']}"
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            assert key in instance, f"{path}: required key `{key}` missing in {instance!r:.200}"
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                validate(value, properties[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                raise AssertionError(f"{path}: unexpected key `{key}` (additionalProperties is false)")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            validate(item, schema["items"], f"{path}[{index}]")


def journal(base):
    """The mock's journal entries (GET /_faultline/journal), newest last."""
    with urllib.request.urlopen(f"{base}/_faultline/journal", timeout=10) as response:
        payload = json.load(response)
    entries = payload.get("entries", payload) if isinstance(payload, dict) else payload
    assert isinstance(entries, list), f"journal: expected a list of entries, got {payload!r:.200}"
    return entries
