import FaultlineChaos
import FaultlineWire
import Testing

/// A fault header written wrongly is the provider's 400 naming the mistake, never "no fault".
@Suite struct MockResponderFaultHeaderTests {
    @Test(arguments: [
        ("latency(ms=1, ms=2)", "`ms` is given twice"), (";;;;", "empty fault"), ("", "no fault given"),
        ("reset;", "empty fault"), ("drift(drop=)", "is empty"), ("drift(drop=usage..total)", "empty segment"),
        ("latency(ms=1e308)", "`ms` must be in 0...3600000"),
    ])
    func aBadHeaderIsRefused(header: String, mention: String) throws {
        let responder = try MockResponderTests.responder()
        let probe = ScriptProbe(responder.script(for: Requests.mock(.openAIChat, fault: header)))
        #expect(probe.status == 400)
        let text = String(decoding: probe.body, as: UTF8.self)
        #expect(text.contains(mention), "\(text)")
    }
}
