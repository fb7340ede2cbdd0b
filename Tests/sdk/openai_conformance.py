"""The official `openai` SDK against the Faultline mock, with only the base URL changed.

Usage: python3 Tests/sdk/openai_conformance.py http://127.0.0.1:PORT

Every check is a separate named call; retries are off (`max_retries=0`) so an error
surfaces on the first attempt and the run stays fast. Facts checked against
openai-python 3.57.0 (`src/openai/_streaming.py`, `_exceptions.py`, `lib/azure.py`).
"""

import asyncio
import json

import openai
import pydantic

from sdkcheck import FAULT_HEADER, PERSON_SCHEMA, WEATHER_SCHEMA, check, expect_raises, journal, run, validate

MODEL = "gpt-4o-mini"
KEY = "test-key-not-secret"


def client(base, path="/v1"):
    return openai.OpenAI(base_url=base + path, api_key=KEY, max_retries=0, timeout=20)


def ask(text):
    return [{"role": "system", "content": "You are terse."}, {"role": "user", "content": text}]


def fault(spec):
    return {FAULT_HEADER: spec}


@check
def text_completion(base):
    completion = client(base).chat.completions.create(model=MODEL, messages=ask("Say hello to the SDK test."))
    assert completion.object == "chat.completion", completion.object
    assert completion.id.startswith("chatcmpl"), completion.id
    assert completion._request_id, "x-request-id header missing (the SDK exposes it as _request_id)"
    choice = completion.choices[0]
    assert isinstance(choice.message.content, str) and choice.message.content, f"content: {choice.message.content!r}"
    assert choice.message.role == "assistant"
    assert choice.finish_reason == "stop", choice.finish_reason
    usage = completion.usage
    assert usage is not None, "usage missing"
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0, usage
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens, usage


@check
def models_list(base):
    ids = [model.id for model in client(base).models.list()]
    assert MODEL in ids, f"{MODEL} not listed: {ids}"


@check
def streaming_text_and_usage(base):
    stream = client(base).chat.completions.create(
        model=MODEL, messages=ask("Stream a short sentence."), stream=True, stream_options={"include_usage": True}
    )
    text, finish, usage, ids = "", None, None, set()
    for chunk in stream:
        ids.add(chunk.id)
        assert chunk.object == "chat.completion.chunk", chunk.object
        if chunk.usage is not None:
            usage = chunk.usage
            assert chunk.choices == [], "the usage chunk has no choices"
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    assert text, "no text streamed"
    assert finish == "stop", finish
    assert len(ids) == 1, f"one id per stream, got {ids}"
    assert usage is not None, "no usage chunk although include_usage was asked"
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens, usage


@check
def stream_helper_final_completion(base):
    with client(base).chat.completions.stream(model=MODEL, messages=ask("Stream through the helper.")) as stream:
        deltas = "".join(event.delta for event in stream if event.type == "content.delta")
        final = stream.get_final_completion()
    assert deltas, "no content.delta events"
    assert final.choices[0].message.content == deltas, (final.choices[0].message.content, deltas)
    assert final.choices[0].finish_reason == "stop", final.choices[0].finish_reason


@check
def async_client_stream_and_error(base):
    """AsyncOpenAI goes through httpx2's async transport: same stream, same exception types."""
    async def main():
        async with openai.AsyncOpenAI(base_url=base + "/v1", api_key=KEY, max_retries=0, timeout=20) as aclient:
            stream = await aclient.chat.completions.create(model=MODEL, messages=ask("Async stream."), stream=True)
            text = "".join([chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices])
            assert text, "no text from the async stream"
            try:
                await aclient.chat.completions.create(model=MODEL, messages=ask("async throttled"),
                                                      extra_headers=fault("throttle(retry_after=3)"))
            except openai.RateLimitError as error:
                assert error.response.headers.get("retry-after") == "3", dict(error.response.headers)
            else:
                raise AssertionError("expected openai.RateLimitError from the async client")
    asyncio.run(main())


@check
def forced_tool_call(base):
    completion = client(base).chat.completions.create(
        model=MODEL,
        messages=ask("What is the weather in Paris?"),
        tools=[{"type": "function", "function": {"name": "get_weather", "description": "Weather forecast", "parameters": WEATHER_SCHEMA}},
               {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )
    message = completion.choices[0].message
    assert message.tool_calls, f"no tool call: {message}"
    call = message.tool_calls[0]
    assert call.type == "function" and call.function.name == "get_weather", call
    assert call.id, "tool call id missing"
    assert isinstance(call.function.arguments, str), f"arguments must be a JSON string, got {type(call.function.arguments)}"
    validate(json.loads(call.function.arguments), WEATHER_SCHEMA)
    # A named tool_choice ends with `stop` at OpenAI, `required`/auto with `tool_calls`.
    assert completion.choices[0].finish_reason in ("tool_calls", "stop"), completion.choices[0].finish_reason


@check
def streamed_tool_call(base):
    with client(base).chat.completions.stream(
        model=MODEL,
        messages=ask("Weather in Lyon, streamed."),
        tools=[{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_SCHEMA}}],
        tool_choice="required",
    ) as stream:
        final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    assert calls and calls[0].function.name == "get_weather", final
    validate(json.loads(calls[0].function.arguments), WEATHER_SCHEMA)


class Person(pydantic.BaseModel):
    name: str
    age: int
    languages: list[str]


@check
def structured_output_parse(base):
    completion = client(base).chat.completions.parse(
        model=MODEL, messages=ask("Extract: Ada, 36, speaks English and French."), response_format=Person
    )
    message = completion.choices[0].message
    assert isinstance(message.parsed, Person), f"parsed: {message.parsed!r}, content: {message.content!r}"
    validate(json.loads(message.content), PERSON_SCHEMA)


@check
def structured_output_json_schema(base):
    completion = client(base).chat.completions.create(
        model=MODEL,
        messages=ask("Extract the person as JSON."),
        response_format={"type": "json_schema", "json_schema": {"name": "person", "schema": PERSON_SCHEMA, "strict": True}},
    )
    validate(json.loads(completion.choices[0].message.content), PERSON_SCHEMA)


@check
def throttle_rate_limit_error(base):
    error = expect_raises(openai.RateLimitError, lambda: client(base).chat.completions.create(
        model=MODEL, messages=ask("throttled"), extra_headers=fault("throttle(retry_after=2)")))
    assert error.status_code == 429, error.status_code
    assert error.response.headers.get("retry-after") == "2", dict(error.response.headers)
    assert error.request_id, "x-request-id missing on the error"
    assert error.code is None or isinstance(error.code, str), error.code
    assert error.type in ("requests", "tokens", "rate_limit_exceeded") or error.code == "rate_limit_exceeded", error.body


@check
def overloaded_internal_server_error(base):
    error = expect_raises(openai.InternalServerError, lambda: client(base).chat.completions.create(
        model=MODEL, messages=ask("overloaded"), extra_headers=fault("overloaded")))
    assert error.status_code == 503, error.status_code


@check
def context_overflow_bad_request(base):
    error = expect_raises(openai.BadRequestError, lambda: client(base).chat.completions.create(
        model=MODEL, messages=ask("too long"), extra_headers=fault("context_overflow")))
    assert error.status_code == 400, error.status_code
    assert error.code == "context_length_exceeded", error.body


@check
def reset_mid_stream_connection_error(base):
    """The SDK wraps the transport's read error in APIConnectionError (`_streaming.py`)."""
    stream = client(base).chat.completions.create(
        model=MODEL, messages=ask("reset me"), stream=True, extra_headers=fault("reset_mid_stream(after_chunks=2)"))
    received = []
    expect_raises(openai.APIConnectionError, lambda: received.extend(stream))
    assert 1 <= len(received) <= 2, f"the reset must come after the first chunks, got {len(received)} chunks"


@check
def truncated_stream_ends_quietly(base):
    """provider-wire.md: the SDK does not notice a stream without `[DONE]`; only the
    missing finish_reason tells. Observed: no exception, no finish_reason."""
    chunks = list(client(base).chat.completions.create(
        model=MODEL, messages=ask("truncate me"), stream=True, extra_headers=fault("truncate(after_chunks=2)")))
    finishes = [choice.finish_reason for chunk in chunks for choice in chunk.choices if choice.finish_reason]
    assert finishes == [], f"a truncated stream must not carry a finish_reason, got {finishes}"
    assert len(chunks) <= 2, f"truncate(after_chunks=2) delivered {len(chunks)} chunks"


@check
def azure_deployment_path(base):
    azure = openai.AzureOpenAI(azure_endpoint=base, api_version="2024-10-21", api_key=KEY, max_retries=0, timeout=20)
    completion = azure.chat.completions.create(model=MODEL, messages=ask("Hello from Azure."))
    assert completion.choices[0].message.content, completion
    last = journal(base)[-1]
    assert last["path"].startswith(f"/openai/deployments/{MODEL}/chat/completions"), last["path"]
    assert "api-version=2024-10-21" in last["path"], last["path"]


@check
def named_provider_mount(base):
    """The mock under test mounts `openai-b` with the config fault `throttle(retry_after=1, first=1)`:
    its first request is refused, the next one answered, and the default mount never sees that fault."""
    b = client(base, "/openai-b/v1")
    error = expect_raises(openai.RateLimitError, lambda: b.chat.completions.create(model=MODEL, messages=ask("Hello, provider b.")))
    assert error.response.headers.get("retry-after") == "1", dict(error.response.headers)
    completion = b.chat.completions.create(model=MODEL, messages=ask("Hello, provider b."))
    assert completion.choices[0].message.content, completion
    last = journal(base)[-1]
    assert last["provider"] == "openai-b", last
    assert last["path"] == "/v1/chat/completions", last["path"]
    assert last["retry_count"] == 0, f"x-stainless-retry-count should be journaled as 0: {last}"
    assert last["key_id"] and KEY not in json.dumps(last), "the journal keeps a key id, never the key"


if __name__ == "__main__":
    run()
