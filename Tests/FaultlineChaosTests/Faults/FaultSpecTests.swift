import FaultlineChaos
import Testing

@Suite struct FaultSpecTests {
    @Test func parsesNameAndParametersInWrittenOrder() throws {
        let spec = try FaultSpec(parsing: " throttle( retry_after=2 , scope=tokens ) ")
        #expect(spec.name == "throttle")
        #expect(spec.parameters.map(\.key) == ["retry_after", "scope"])
        #expect(spec.parameters.map(\.value) == ["2", "tokens"])
        #expect(spec["scope"] == "tokens")
    }

    @Test(arguments: ["reset", "reset()", "  hang  "])
    func parensAreOptional(text: String) throws {
        #expect(try FaultSpec(parsing: text).parameters.isEmpty)
    }

    @Test func quotedValuesKeepCommasSemicolonsAndEscapes() throws {
        let specs = try FaultSpec.parseList(#"drift(rename="usage:a,b;c"); unknown_finish_reason(reason='say \'hi\'')"#)
        #expect(specs.count == 2)
        #expect(specs[0]["rename"] == "usage:a,b;c")
        #expect(specs[1]["reason"] == "say 'hi'")
    }

    @Test func listSkipsEmptyEntries() throws {
        let specs = try FaultSpec.parseList("latency(ms=50);; reset ;")
        #expect(specs.map(\.name) == ["latency", "reset"])
        #expect(try FaultSpec.parseList("").isEmpty)
    }

    @Test(arguments: [
        "latency(ms=50, dist=lognormal, p99=400)", "reset", #"drift(rename="usage:token usage")"#,
        "throttle(retry_after=2, p=0.5, first=3, every=2, window=1..5)",
    ])
    func descriptionReparsesToTheSameSpec(text: String) throws {
        let spec = try FaultSpec(parsing: text)
        #expect(try FaultSpec(parsing: spec.description) == spec)
    }

    @Test(arguments: [
        ("latncy(ms=5)", "unknown fault `latncy`; did you mean `latency`?"),
        ("timout", "known: latency, slow_first_token"),
        ("throttle(retry=2)", "throttle: unknown parameter `retry`; expected retry_after, scope, p, first, every, window"),
        ("latency(ms=fast)", "latency: `ms` must be a number, got `fast`"),
        ("latency(ms=-1)", "latency: `ms` must be in 0...3600000, got -1"),
        ("throttle(p=1.5)", "throttle: `p` must be in 0...1, got 1.5"),
        ("reset(every=0)", "reset: `every` must be in 1..."),
        ("reset(window=5)", "reset: `window` must be FROM..UNTIL"),
        ("reset(window=9..3)", "0 <= FROM <= UNTIL"),
        ("latency(dist=pareto)", "`dist` must be one of fixed, uniform, normal, lognormal"),
        ("latency(ms=5", "latency: missing `)`"),
        ("latency(ms)", "parameter `ms` needs a value"),
        ("reset extra", "expected `;` between faults at character 7"),
        ("drift", "drift: give one of drop=PATH"),
        ("drift(rename=usage)", "`rename` must be PATH:NEW_NAME"),
        ("rate_limit", "rate_limit: give `rpm`, `tpm` or both"),
        ("server_error(status=404)", "`status` must be in 500...599"),
        (#"drift(drop="a[x]")"#, "must be an index like [0] or [*]"),
    ])
    func badSpecsSayWhatIsWrong(text: String, message: String) {
        do {
            _ = try FaultSpec.parseList(text)
            Issue.record("`\(text)` parsed")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
