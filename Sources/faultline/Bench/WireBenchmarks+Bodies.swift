import FaultlineWire

/// The bodies the wire benchmarks read: shaped like what the providers send, built
/// deterministically so every run measures the same bytes.
extension WireBenchmarks {
    static func benchModel(_ id: DialectID) -> String {
        switch id {
        case .openAIChat: "gpt-4o-mini"
        case .anthropicMessages: "claude-sonnet-4-5"
        case .gemini: "gemini-2.5-flash"
        }
    }

    /// Plain prose with some non-ASCII, so decoders pay for UTF-8 as they would in production.
    static func storyText(characters: Int) -> String {
        let words = ["the", "river", "ran", "past", "Zürich", "and", "東京", "while", "a", "fox", "naïvely", "slept", "—", "🦊"]
        var random = SeededRandom(seed: 7)
        var text = ""
        while text.count < characters {
            text += words[Int(random.next() % UInt64(words.count))] + " "
        }
        return text
    }

    /// OpenAI chat.completion.chunk events, `data: {...}\n\n` each, ending with `data: [DONE]`.
    static func openAIStreamBody(minimumBytes: Int) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(minimumBytes + 512)
        var random = SeededRandom(seed: 1)
        let words = ["Hello", " world", ",", " the", " quick", " brown", " fox", " jumps", " über", " 世界", " 🦊", "\n"]
        var index = 0
        while body.count < minimumBytes {
            let chunk: JSONValue = [
                "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
                "object": "chat.completion.chunk",
                "created": 1_741_569_952,
                "model": "gpt-4o-mini-2024-07-18",
                "service_tier": "default",
                "system_fingerprint": "fp_44709d6fcb",
                "choices": [
                    [
                        "index": 0,
                        "delta": ["content": .string(words[Int(random.next() % UInt64(words.count))])],
                        "logprobs": nil,
                        "finish_reason": nil,
                    ]
                ],
            ]
            body += SSEEncoder.frame(data: chunk.bytes)
            index += 1
        }
        body += SSEEncoder.frame(data: "[DONE]")
        return body
    }

    /// A ~1 KB OpenAI chat.completion with text, a tool call, usage and its details.
    static func openAICompletionBody() -> [UInt8] {
        let content =
            "Paris is sunny today with a high of 21 °C and a light breeze from the west. "
            + "Tomorrow brings clouds in the morning and a chance of showers after 3 pm, so take an umbrella. "
            + "The weekend looks dry and warm — ideal for a walk along the Seine. "
        let value: JSONValue = [
            "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
            "object": "chat.completion",
            "created": 1_741_570_283,
            "model": "gpt-4o-2024-08-06",
            "choices": [
                [
                    "index": 0,
                    "message": [
                        "role": "assistant",
                        "content": .string(content),
                        "refusal": nil,
                        "tool_calls": [
                            [
                                "id": "call_pDPbYvBSGMMeZRDkgvUxVswi",
                                "type": "function",
                                "function": [
                                    "name": "get_forecast",
                                    "arguments": "{\"city\":\"Paris\",\"days\":3,\"units\":\"metric\"}",
                                ],
                            ]
                        ],
                        "annotations": [],
                    ],
                    "logprobs": nil,
                    "finish_reason": "tool_calls",
                ]
            ],
            "usage": [
                "prompt_tokens": 1117,
                "completion_tokens": 46,
                "total_tokens": 1163,
                "prompt_tokens_details": ["cached_tokens": 0, "audio_tokens": 0],
                "completion_tokens_details": [
                    "reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0,
                    "rejected_prediction_tokens": 0,
                ],
            ],
            "service_tier": "default",
            "system_fingerprint": "fp_fc9f1d7035",
        ]
        return value.bytes
    }
}
