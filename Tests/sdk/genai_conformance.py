"""The official `google-genai` SDK against the Faultline mock, with only the base URL changed.

Usage: python3 Tests/sdk/genai_conformance.py http://127.0.0.1:PORT

Every check is a separate named call. The SDK retries nothing by default
(`retry_args(None)` is one attempt, `_api_client.py`), so no option is needed for that.
Facts checked against python-genai 3.6.1 (`google/genai/_api_client.py`, `errors.py`).
"""

import asyncio
import json

import httpx2
import pydantic
from google import genai
from google.genai import errors, types

from sdkcheck import FAULT_HEADER, WEATHER_SCHEMA, check, expect_raises, journal, run, validate

MODEL = "gemini-2.5-flash"
KEY = "test-key-not-secret"


def client(base, version=None):
    options = types.HttpOptions(base_url=base, timeout=20_000)  # milliseconds
    if version:
        options.api_version = version
    return genai.Client(api_key=KEY, http_options=options)


def fault(spec, **config):
    return types.GenerateContentConfig(http_options=types.HttpOptions(headers={FAULT_HEADER: spec}), **config)


def assert_usage(usage):
    assert usage is not None, "usageMetadata missing"
    assert usage.prompt_token_count and usage.candidates_token_count, usage
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count, usage


@check
def text_completion(base):
    gemini = client(base)
    response = gemini.models.generate_content(model=MODEL, contents="Say hello to the SDK test.")
    assert response.text, f"no text: {response}"
    assert response.candidates[0].finish_reason == types.FinishReason.STOP, response.candidates[0].finish_reason
    assert response.candidates[0].content.role == "model", response.candidates[0].content.role
    assert_usage(response.usage_metadata)
    assert journal(base)[-1]["path"].startswith(f"/v1/models/{MODEL}:generateContent"), "the SDK default version is v1"


@check
def text_completion_v1beta(base):
    gemini = client(base, "v1beta")
    response = gemini.models.generate_content(model=MODEL, contents="Hello on v1beta.")
    assert response.text, response
    assert journal(base)[-1]["path"].startswith(f"/v1beta/models/{MODEL}:generateContent"), journal(base)[-1]["path"]


@check
def streaming_text_and_usage(base):
    gemini = client(base)
    chunks = list(gemini.models.generate_content_stream(model=MODEL, contents="Stream a short sentence."))
    assert len(chunks) > 1, f"expected several chunks, got {len(chunks)}"
    text = "".join(chunk.text or "" for chunk in chunks)
    assert text, "no text streamed"
    assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP, chunks[-1].candidates[0].finish_reason
    assert_usage(chunks[-1].usage_metadata)
    assert journal(base)[-1]["path"].endswith(":streamGenerateContent?alt=sse"), journal(base)[-1]["path"]


@check
def async_client_stream_and_error(base):
    """`client.aio` goes through the async transport: same chunks, same exception types."""
    gemini = client(base)

    async def main():
        chunks = [chunk async for chunk in await gemini.aio.models.generate_content_stream(model=MODEL, contents="Async stream.")]
        assert "".join(chunk.text or "" for chunk in chunks), "no text from the async stream"
        assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP, chunks[-1]
        try:
            await gemini.aio.models.generate_content(model=MODEL, contents="async throttled", config=fault("throttle(retry_after=3)"))
        except errors.ClientError as error:
            assert error.code == 429, error.code
        else:
            raise AssertionError("expected google.genai.errors.ClientError from the async client")
    asyncio.run(main())


@check
def forced_tool_call(base):
    gemini = client(base)
    declaration = types.FunctionDeclaration(name="get_weather", description="Weather forecast", parameters=WEATHER_SCHEMA)
    other = types.FunctionDeclaration(name="get_time", parameters={"type": "object", "properties": {"zone": {"type": "string"}}})
    response = gemini.models.generate_content(
        model=MODEL,
        contents="What is the weather in Paris?",
        config=types.GenerateContentConfig(
            tools=[types.Tool(function_declarations=[declaration, other])],
            tool_config=types.ToolConfig(function_calling_config=types.FunctionCallingConfig(
                mode=types.FunctionCallingConfigMode.ANY, allowed_function_names=["get_weather"])),
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        ),
    )
    calls = response.function_calls
    assert calls and calls[0].name == "get_weather", f"function calls: {calls}"
    assert isinstance(calls[0].args, dict), f"args must be an object, got {type(calls[0].args)}"
    validate(calls[0].args, WEATHER_SCHEMA)
    assert response.candidates[0].finish_reason == types.FinishReason.STOP, "Gemini ends a function call with STOP"


class Person(pydantic.BaseModel):
    name: str
    age: int
    languages: list[str]


@check
def structured_output_response_schema(base):
    gemini = client(base)
    response = gemini.models.generate_content(
        model=MODEL,
        contents="Extract: Ada, 36, speaks English and French.",
        config=types.GenerateContentConfig(response_mime_type="application/json", response_schema=Person),
    )
    assert isinstance(response.parsed, Person), f"parsed: {response.parsed!r}, text: {response.text!r}"
    json.loads(response.text)


@check
def throttle_client_error_429(base):
    gemini = client(base)
    error = expect_raises(errors.ClientError, lambda: gemini.models.generate_content(
        model=MODEL, contents="throttled", config=fault("throttle(retry_after=2)")))
    assert error.code == 429 and error.status == "RESOURCE_EXHAUSTED", (error.code, error.status)
    details = error.details["error"].get("details", [])
    retry = [d for d in details if d.get("@type") == "type.googleapis.com/google.rpc.RetryInfo"]
    assert retry and retry[0]["retryDelay"] == "2s", f"RetryInfo with retryDelay 2s expected in {details}"


@check
def overloaded_server_error_503(base):
    gemini = client(base)
    error = expect_raises(errors.ServerError, lambda: gemini.models.generate_content(
        model=MODEL, contents="overloaded", config=fault("overloaded")))
    assert error.code == 503 and error.status == "UNAVAILABLE", (error.code, error.status)


@check
def context_overflow_client_error_400(base):
    gemini = client(base)
    error = expect_raises(errors.ClientError, lambda: gemini.models.generate_content(
        model=MODEL, contents="too long", config=fault("context_overflow")))
    assert error.code == 400 and error.status == "INVALID_ARGUMENT", (error.code, error.status)


@check
def reset_mid_stream_transport_error(base):
    """google-genai has no connection-error class: the raw httpx2 error surfaces (provider-wire.md)."""
    gemini = client(base)
    received = []
    error = expect_raises(httpx2.TransportError, lambda: received.extend(gemini.models.generate_content_stream(
        model=MODEL, contents="reset me", config=fault("reset_mid_stream(after_chunks=2)"))))
    assert 1 <= len(received) <= 2, f"the reset must come after the first chunks, got {len(received)}"
    print(f"  reset mid-stream surfaced as {type(error).__module__}.{type(error).__name__}")


@check
def truncated_stream_ends_quietly(base):
    """A Gemini stream has no terminal event; only the missing finishReason tells."""
    gemini = client(base)
    chunks = list(gemini.models.generate_content_stream(
        model=MODEL, contents="truncate me", config=fault("truncate(after_chunks=2)")))
    reasons = [c.finish_reason for chunk in chunks for c in (chunk.candidates or []) if c.finish_reason]
    assert reasons == [], f"a truncated stream must not carry a finishReason, got {reasons}"
    assert len(chunks) <= 2, f"truncate(after_chunks=2) delivered {len(chunks)} chunks"


@check
def blocked_prompt_is_prompt_feedback(base):
    """A blocked prompt is a 200 with `promptFeedback.blockReason` and no candidates."""
    gemini = client(base)
    response = gemini.models.generate_content(model=MODEL, contents="blocked", config=fault("content_filter"))
    assert response.prompt_feedback and response.prompt_feedback.block_reason, response
    assert not response.candidates, response.candidates
    assert response.text is None, response.text


@check
def blocked_prompt_on_a_stream_is_one_chunk(base):
    """On streamGenerateContent the refusal is still a stream: one promptFeedback chunk."""
    gemini = client(base)
    chunks = list(gemini.models.generate_content_stream(model=MODEL, contents="blocked stream", config=fault("content_filter")))
    assert len(chunks) == 1, f"expected one chunk, got {len(chunks)}"
    assert chunks[0].prompt_feedback and chunks[0].prompt_feedback.block_reason, chunks[0]
    assert not chunks[0].candidates, chunks[0].candidates


if __name__ == "__main__":
    run()
