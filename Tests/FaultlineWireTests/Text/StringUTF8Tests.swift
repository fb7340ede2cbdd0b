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

    /// The contiguous fast path on slices, multi-byte text and the edges of the haystack.
    @Test func rangeWorksOnSlicesAndAtTheEdges() {
        let text = "xx/openai/deployments/d/chat/completions"
        let inner = text.dropFirst(2)
        #expect(inner.utf8Range(of: "/openai/").map { inner.distance(from: inner.startIndex, to: $0.lowerBound) } == 0)
        #expect("abc".utf8Range(of: "abcd") == nil)
        #expect("abc".utf8Range(of: "c").map { "abc"[$0] } == "c")
        #expect("naïve café".utf8Range(of: "café").map { String("naïve café"[$0]) } == "café")
        #expect("ab".utf8Range(of: "ab").map { "ab"[$0] } == "ab")
    }

    @Test func caseInsensitiveEqualityFoldsOnlyASCIILetters() {
        #expect("Content-Length".caseInsensitiveEquals("content-length"))
        #expect("X-API-KEY".caseInsensitiveEquals("x-api-key"[...]))
        #expect(!"content-length".caseInsensitiveEquals("content-lengths"))
        #expect(!"date".caseInsensitiveEquals("data"))
        #expect(!"@".caseInsensitiveEquals("`"))  // 0x40 and 0x60 are not a letter pair
        #expect("ÉTÉ".caseInsensitiveEquals("ÉTÉ") && !"été".caseInsensitiveEquals("ÉTÉ"))
        #expect(asciiCaseInsensitiveEquals("Bearer".utf8.lazy.map { $0 }, "bEARER".utf8))
    }

    @Test func hexIsZeroPaddedAndKeepsTheLowDigits() {
        #expect(FNV1a.hex(0xab, digits: 4) == "00ab")
        #expect(FNV1a.hex(0x1234_5678_9abc, digits: 12) == "123456789abc")
        #expect(FNV1a.hex(0xffff_1234, digits: 4) == "1234")
    }
}
