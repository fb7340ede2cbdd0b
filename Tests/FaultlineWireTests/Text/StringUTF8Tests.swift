import Testing

@testable import FaultlineWire

@Suite struct StringUTF8Tests {
    @Test func suffixComparesBytes() {
        #expect("/v1/chat/completions".hasUTF8Suffix("/chat/completions"))
        #expect("/chat/completions".hasUTF8Suffix("/chat/completions"))
        #expect(!"/completions".hasUTF8Suffix("/chat/completions"))
        #expect(!"/v1/chat/Completions".hasUTF8Suffix("/chat/completions"))
        #expect("café".hasUTF8Suffix("é"))
        #expect("x".hasUTF8Suffix(""))
    }

    @Test func rangeFindsTheFirstOccurrence() {
        let path: Substring = "/openai/deployments/gpt-4o/chat/completions"[...]
        let found = path.utf8Range(of: "/openai/deployments/")
        #expect(found.map { String(path[$0.upperBound...]) } == "gpt-4o/chat/completions")
        #expect(path.utf8Range(of: "/chat/completions").map { String(path[..<$0.lowerBound]) } == "/openai/deployments/gpt-4o")
        #expect(path.utf8Range(of: "/nope") == nil)
        #expect(path.utf8Range(of: "") == nil)
        #expect("aab".utf8Range(of: "ab").map { "aab"[$0] } == "ab")
    }
}
