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

    @Test func listReadsEachEntry() throws {
        let specs = try FaultSpec.parseList(" latency(ms=50) ; reset ")
        #expect(specs.map(\.name) == ["latency", "reset"])
    }

    @Test func driftMayRepeatItsChanges() throws {
        let spec = try FaultSpec(parsing: "drift(drop=usage, drop=id, rename=model:engine)")
        let drift = try #require(try FaultCatalogue.make(spec).fault as? Drift)
        #expect(drift.changes.count == 3)
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
        ("", "no fault given"),
        ("   ", "no fault given"),
        (";;;;", "empty fault at character 1"),
        ("latency(ms=50);; reset", "empty fault at character 16"),
        ("reset;", "empty fault"),
        ("latency(ms=1, ms=2)", "latency: `ms` is given twice"),
        ("throttle(p=0.5, retry_after=1, p=0.1)", "throttle: `p` is given twice"),
        ("drift(drop=a..b)", "path `a..b` has an empty segment"),
        ("drift(drop=a.)", "has an empty segment"),
        ("drift(drop=$..a)", "has an empty segment"),
        ("drift(drop=choices.[0])", "has an empty segment"),
        ("drift(drop=)", "is empty"),
        ("latency(ms=1e308)", "`ms` must be in 0...3600000"),
        ("latency(ms=nan)", "`ms` must be a number"),
        ("latency(ms=inf)", "`ms` must be a number"),
        ("latency(p99=3600001)", "`p99` must be in 0...3600000"),
        ("chunk_gap(jitter=1e300)", "`jitter` must be in 0...3600000"),
        ("throttle(retry_after=1e12)", "`retry_after` must be in 0...86400"),
        ("garbage(bytes=99999999999)", "`bytes` must be in 1...1048576"),
        ("drop_chunk(at=99999999999999999999)", "`at` must be a whole number"),
        ("rate_limit(rpm=0)", "`rpm` must be in 1...1000000000"),
        ("reset(p=-0.1)", "`p` must be in 0...1"),
        ("reset(first=-1)", "`first` must be in 0..."),
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
