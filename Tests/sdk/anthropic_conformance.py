"""The official `anthropic` SDK against the Faultline mock, with only the base URL changed.

Usage: python3 Tests/sdk/anthropic_conformance.py http://127.0.0.1:PORT

Every check is a separate named call; retries are off (`max_retries=0`). Facts checked
against anthropic-sdk-python 2.13.0 (`src/anthropic/_streaming.py`, `_error_classes.py`,
`lib/streaming/_messages.py`).
"""

import asyncio

import anthropic
import httpx2
import pydantic

from sdkcheck import FAULT_HEADER, PERSON_SCHEMA, WEATHER_SCHEMA, check, expect_raises, run, validate

MODEL = "claude-haiku-4-5"
KEY = "test-key-not-secret"
WEATHER_TOOL = {"name": "get_weather", "description": "Weather forecast", "input_schema": WEATHER_SCHEMA}


def client(base, **options):
    return anthropic.Anthropic(base_url=base, api_key=KEY, max_retries=0, timeout=20, **options)


def ask(text):
    return [{"role": "user", "content": text}]


def fault(spec):
    return {FAULT_HEADER: spec}


@check
def text_completion(base):
    message = client(base).messages.create(model=MODEL, max_tokens=256, system="Be terse.", messages=ask("Say hello to the SDK test."))
    assert message.type == "message" and message.role == "assistant", message
    assert message.id.startswith("msg_"), message.id
    assert message._request_id, "request-id header missing (the SDK exposes it as _request_id)"
    assert message.content and message.content[0].type == "text" and message.content[0].text, message.content
    assert message.stop_reason == "end_turn", message.stop_reason
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0, message.usage


@check
def streaming_raw_events(base):
    stream = client(base).messages.create(model=MODEL, max_tokens=256, messages=ask("Stream a short sentence."), stream=True)
    types, text, input_tokens, output_tokens, stop = [], "", None, None, None
    for event in stream:
        types.append(event.type)
        if event.type == "message_start":
            input_tokens = event.message.usage.input_tokens
        elif event.type == "content_block_delta" and event.delta.type == "text_delta":
            text += event.delta.text
        elif event.type == "message_delta":
            output_tokens = event.usage.output_tokens
            stop = event.delta.stop_reason
    assert types[0] == "message_start" and types[-1] == "message_stop", types
    assert "content_block_start" in types and "content_block_stop" in types, types
    assert text, "no text streamed"
    assert stop == "end_turn", stop
    assert input_tokens and input_tokens > 0, "message_start carries input tokens"
    assert output_tokens and output_tokens > 0, "message_delta carries cumulative output tokens"


@check
def stream_helper_final_message(base):
    with client(base).messages.stream(model=MODEL, max_tokens=256, messages=ask("Stream through the helper.")) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text, "no text from text_stream"
    assert final.content[0].text == text, (final.content[0].text, text)
    assert final.stop_reason == "end_turn", final.stop_reason
    assert final.usage.input_tokens > 0 and final.usage.output_tokens > 0, final.usage


@check
def async_client_stream_helper_and_error(base):
    """AsyncAnthropic goes through httpx2's async transport: same helper, same exception types."""
    async def main():
        async with anthropic.AsyncAnthropic(base_url=base, api_key=KEY, max_retries=0, timeout=20) as aclient:
            async with aclient.messages.stream(model=MODEL, max_tokens=128, messages=ask("Async stream.")) as stream:
                text = "".join([piece async for piece in stream.text_stream])
                final = await stream.get_final_message()
            assert text and final.content[0].text == text, (text, final.content)
            try:
                await aclient.messages.create(model=MODEL, max_tokens=64, messages=ask("async overloaded"),
                                              extra_headers=fault("overloaded"))
            except anthropic.OverloadedError as error:
                assert error.status_code == 529, error.status_code
            else:
                raise AssertionError("expected anthropic.OverloadedError from the async client")
    asyncio.run(main())


@check
def bearer_auth_token(base):
    """The SDK sends `Authorization: Bearer` for both `api_key` and `auth_token`; both must work."""
    bearer = anthropic.Anthropic(base_url=base, auth_token=KEY, max_retries=0, timeout=20)
    message = bearer.messages.create(model=MODEL, max_tokens=64, messages=ask("Hello with a token."))
    assert message.content[0].text, message


@check
def forced_tool_call(base):
    message = client(base).messages.create(
        model=MODEL, max_tokens=256, messages=ask("What is the weather in Paris?"),
        tools=[WEATHER_TOOL, {"name": "get_time", "input_schema": {"type": "object", "properties": {}}}],
        tool_choice={"type": "tool", "name": "get_weather"},
    )
    uses = [block for block in message.content if block.type == "tool_use"]
    assert uses and uses[0].name == "get_weather", message.content
    assert uses[0].id.startswith("toolu_"), uses[0].id
    assert isinstance(uses[0].input, dict), f"input must be an object, got {type(uses[0].input)}"
    validate(uses[0].input, WEATHER_SCHEMA)
    assert message.stop_reason == "tool_use", message.stop_reason


@check
def streamed_tool_call_helper(base):
    """The helper joins `input_json_delta` fragments and raises if they are not valid JSON."""
    with client(base).messages.stream(
        model=MODEL, max_tokens=256, messages=ask("Weather in Lyon, streamed."),
        tools=[WEATHER_TOOL], tool_choice={"type": "any"},
    ) as stream:
        final = stream.get_final_message()
    uses = [block for block in final.content if block.type == "tool_use"]
    assert uses and uses[0].name == "get_weather", final.content
    validate(uses[0].input, WEATHER_SCHEMA)
    assert final.stop_reason == "tool_use", final.stop_reason


class Person(pydantic.BaseModel):
    name: str
    age: int
    languages: list[str]


@check
def structured_output_parse(base):
    """`messages.parse(output_format=…)` sends `output_config.format` json_schema."""
    message = client(base).messages.parse(
        model=MODEL, max_tokens=256, messages=ask("Extract: Ada, 36, speaks English and French."), output_format=Person)
    assert isinstance(message.parsed_output, Person), f"parsed_output: {message.parsed_output!r}, content: {message.content}"


@check
def structured_output_via_tool(base):
    """The older structured-output idiom: one forced tool whose input is the answer."""
    message = client(base).messages.create(
        model=MODEL, max_tokens=256, messages=ask("Extract the person."),
        tools=[{"name": "record_person", "input_schema": PERSON_SCHEMA}],
        tool_choice={"type": "tool", "name": "record_person"},
    )
    uses = [block for block in message.content if block.type == "tool_use"]
    assert uses, message.content
    validate(uses[0].input, PERSON_SCHEMA)


@check
def throttle_rate_limit_error(base):
    error = expect_raises(anthropic.RateLimitError, lambda: client(base).messages.create(
        model=MODEL, max_tokens=64, messages=ask("throttled"), extra_headers=fault("throttle(retry_after=2)")))
    assert error.status_code == 429, error.status_code
    assert error.response.headers.get("retry-after") == "2", dict(error.response.headers)
    assert error.body["error"]["type"] == "rate_limit_error", error.body
    assert error.request_id, "request-id header missing"


@check
def overloaded_529(base):
    error = expect_raises(anthropic.OverloadedError, lambda: client(base).messages.create(
        model=MODEL, max_tokens=64, messages=ask("overloaded"), extra_headers=fault("overloaded")))
    assert isinstance(error, anthropic.InternalServerError)
    assert error.status_code == 529, error.status_code
    assert error.body["error"]["type"] == "overloaded_error", error.body


@check
def context_overflow_bad_request(base):
    error = expect_raises(anthropic.BadRequestError, lambda: client(base).messages.create(
        model=MODEL, max_tokens=64, messages=ask("too long"), extra_headers=fault("context_overflow")))
    assert error.status_code == 400, error.status_code
    assert error.body["error"]["type"] == "invalid_request_error", error.body
    assert "too long" in error.body["error"]["message"], error.body


@check
def reset_mid_stream_transport_error(base):
    """provider-wire.md: mid-stream, anthropic lets the raw httpx2 transport error through
    (`_streaming.py` re-raises; only the request itself is wrapped in APIConnectionError)."""
    stream = client(base).messages.create(
        model=MODEL, max_tokens=256, messages=ask("reset me"), stream=True,
        extra_headers=fault("reset_mid_stream(after_chunks=2)"))
    received = []
    error = expect_raises((httpx2.TransportError, anthropic.APIConnectionError), lambda: received.extend(stream))
    assert 1 <= len(received) <= 2, f"the reset must come after the first events, got {len(received)}"
    print(f"  reset mid-stream surfaced as {type(error).__module__}.{type(error).__name__}")


@check
def truncated_stream_ends_quietly(base):
    """No `message_stop`, no error: the raw iterator just ends (provider-wire.md)."""
    events = list(client(base).messages.create(
        model=MODEL, max_tokens=256, messages=ask("truncate me"), stream=True,
        extra_headers=fault("truncate(after_chunks=2)")))
    types = [event.type for event in events]
    assert "message_stop" not in types, types
    assert not any(event.type == "message_delta" for event in events), f"no stop reason may arrive: {types}"


if __name__ == "__main__":
    run()
