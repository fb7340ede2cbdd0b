"""The official openai, anthropic and google-genai SDKs through `faultline record`.

Usage: python3 Tests/sdk/record_sdks.py http://127.0.0.1:RECORDER_PORT KEY

Each SDK sends one plain and one streamed request to the recorder (which forwards them to
the mock standing in for the provider) with only its base URL changed and `KEY` as its
API key. The Swift test that runs this script (Tests/FaultlineChaosTests/SDK/RecordSDKTests.swift)
then checks what was recorded: six fixtures that pass the check, that the mock replays
byte for byte, and that hold no trace of KEY. Each SDK skips itself when not importable.
"""

import sys
import traceback

FAILURES = []


def check(name, body):
    try:
        body()
        print(f"ok   {name}")
    except Exception:  # noqa: BLE001 (every failure is reported, then the script exits 1)
        FAILURES.append(name)
        print(f"FAIL {name}\n{traceback.format_exc()}")


def openai_calls(base, key):
    import openai

    client = openai.OpenAI(base_url=f"{base}/v1", api_key=key, max_retries=0)

    def plain():
        response = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Record a plain OpenAI answer."}]
        )
        assert response.choices[0].message.content, response

    def stream():
        text = ""
        with client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Record a streamed OpenAI answer."}],
            stream=True,
            stream_options={"include_usage": True},
        ) as chunks:
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    text += chunk.choices[0].delta.content
        assert text, "no streamed text"

    check("openai plain", plain)
    check("openai stream", stream)


def anthropic_calls(base, key):
    import anthropic

    client = anthropic.Anthropic(base_url=base, api_key=key, max_retries=0)

    def plain():
        message = client.messages.create(
            model="claude-sonnet-4-5", max_tokens=128, messages=[{"role": "user", "content": "Record a plain Anthropic answer."}]
        )
        assert message.content and message.content[0].text, message

    def stream():
        with client.messages.stream(
            model="claude-sonnet-4-5", max_tokens=128, messages=[{"role": "user", "content": "Record a streamed Anthropic answer."}]
        ) as events:
            text = "".join(events.text_stream)
            final = events.get_final_message()
        assert text and final.stop_reason, final

    check("anthropic plain", plain)
    check("anthropic stream", stream)


def genai_calls(base, key):
    from google import genai
    from google.genai import types

    client = genai.Client(api_key=key, http_options=types.HttpOptions(base_url=base, timeout=20_000))

    def plain():
        response = client.models.generate_content(model="gemini-2.5-flash", contents="Record a plain Gemini answer.")
        assert response.text, response

    def stream():
        text = "".join(
            chunk.text or ""
            for chunk in client.models.generate_content_stream(model="gemini-2.5-flash", contents="Record a streamed Gemini answer.")
        )
        assert text, "no streamed text"

    check("google-genai plain", plain)
    check("google-genai stream", stream)


def main():
    base, key = sys.argv[1].rstrip("/"), sys.argv[2]
    for module, calls in (("openai", openai_calls), ("anthropic", anthropic_calls), ("google.genai", genai_calls)):
        try:
            __import__(module)
        except ImportError:
            print(f"skip {module}: not importable")
            continue
        calls(base, key)
    if FAILURES:
        print(f"{len(FAILURES)} failed: {', '.join(FAILURES)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
