import FaultlineWire
import Testing

@testable import FaultlineChaos

struct MockServerConfigurationTests {
    @Test func readsEveryField() throws {
        let yaml = """
            host: 0.0.0.0
            port: 8080
            seed: 7
            chunk_gap_ms: 5
            first_byte_ms: 30
            max_body_bytes: 2048
            idle_timeout: 20
            header_timeout: 3
            threads: 1
            journal_capacity: 50
            faults: ["latency(ms=20)"]
            providers:
              - name: openai-primary
                faults: ["throttle(retry_after=2); overloaded"]
                required_key_env: PRIMARY_KEY
              - name: backup
            """
        let configuration = try MockServerConfiguration.parse(yaml: yaml, file: "mock.yaml", environment: ["PRIMARY_KEY": "sk-p"])
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 8080)
        #expect(configuration.mock.seed == 7)
        #expect(configuration.mock.chunkGapMs == 5)
        #expect(configuration.mock.firstByteMs == 30)
        #expect(configuration.maxBodyBytes == 2048)
        #expect(configuration.idleTimeout == 20)
        #expect(configuration.headerTimeout == 3)
        #expect(configuration.threads == 1)
        #expect(configuration.journalCapacity == 50)
        #expect(configuration.mock.faults.map(\.name) == ["latency"])
        #expect(configuration.mock.providers.map(\.name) == ["openai-primary", "backup"])
        #expect(configuration.mock.providers.first?.faults.map(\.name) == ["throttle", "overloaded"])
        #expect(configuration.mock.providers.first?.requiredKey == "sk-p")
        #expect(configuration.mock.providers.last?.requiredKey == nil)
    }

    @Test func emptyDocumentIsTheDefaults() throws {
        let configuration = try MockServerConfiguration.parse(yaml: "", file: "mock.yaml")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 0)
    }

    @Test(arguments: [
        ("seed: 1\nbogus: 2\n", "mock.yaml:2:", "bogus"),
        ("port: 70000\n", "mock.yaml:1:", "port"),
        ("threads: 0\n", "mock.yaml:1:", "threads"),
        ("faults: [\"timout(ms=1)\"]\n", "mock.yaml:1:", "timout"),
        ("providers:\n  - name: a\n    required_key_env: MISSING_VAR\n", "mock.yaml:3:", "MISSING_VAR"),
        ("providers:\n  - name: a\n  - name: a\n", "mock.yaml:3:", "already defined at line 2"),
        ("providers:\n  - name: v1\n", "mock.yaml:2:", "path segment"),
        ("providers:\n  - faults: []\n", "mock.yaml:2:", "missing `name`"),
        ("seed: [1\n", "mock.yaml:", "YAML syntax"),
        ("seed: 1\nchunk_gap_ms: 1.0e+308\n", "mock.yaml:2:", "chunk_gap_ms: expected a number in 0...3600000"),
        ("first_byte_ms: .inf\n", "mock.yaml:1:", "first_byte_ms: expected a number in 0...3600000"),
        ("chunk_gap_ms: -1\n", "mock.yaml:1:", "chunk_gap_ms: expected a number in 0...3600000"),
        ("idle_timeout: 1.0e+300\n", "mock.yaml:1:", "idle_timeout: expected a number in 0.001...86400"),
        ("header_timeout: 0\n", "mock.yaml:1:", "header_timeout: expected a number in 0.001...86400"),
        ("max_body_bytes: 9000000000000\n", "mock.yaml:1:", "max_body_bytes: expected a whole number in 1...1073741824"),
        ("journal_capacity: 100000000000\n", "mock.yaml:1:", "journal_capacity"),
        ("faults: [\"latency(ms=1, ms=2)\"]\n", "mock.yaml:1:", "`ms` is given twice"),
        ("faults: [\"drift(drop=a..b)\"]\n", "mock.yaml:1:", "empty segment"),
    ])
    func problemsNameFileAndLine(yaml: String, location: String, mention: String) {
        let error = #expect(throws: MockConfigurationError.self) {
            try MockServerConfiguration.parse(yaml: yaml, file: "mock.yaml")
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix(location), "\(text)")
        #expect(text.contains(mention), "\(text)")
    }
}
