import FaultlineChaos
import FaultlineWire
import Foundation

/// `faultline canary --record DIR`: each live exchange written as a fixture by the recorder's
/// `FixtureWriter`, so the same redaction and secret scan guard it, and refreshing the
/// fixtures from the real providers is one command.
enum CanaryRecording {
    static func save(_ sample: CanaryProbe.Sample, of probe: CanaryProbe, options: CanaryOptions, with writer: FixtureWriter) {
        let log = options.log
        guard sample.response.status != 0 else { return }  // nothing came back: nothing to keep
        let exchange = RecordedExchange(
            dialect: probe.provider.dialect, request: probe.request, response: sample.response,
            chunks: isStream(sample) ? sample.pieces.map { Fixture.Chunk(bytes: $0.bytes.count, delayMs: $0.delayMs) } : [],
            recording: Fixture.Recording(
                recordedAt: RetryAfter.rfc3339(unixSeconds: recordedAt.rounded(.down)),
                upstream: URL(string: probe.provider.baseURL).map { url in url.host.map { $0 + (url.port.map { ":\($0)" } ?? "") } ?? "" } ?? "",
                client: "faultline canary", faultlineVersion: options.version))
        do {
            switch try writer.write(exchange) {
            case .written(let path, let warnings):
                log("recorded \(path)")
                warnings.forEach { log("warning: \($0)") }
            case .refused(let reason):
                log("not recorded: \(reason)")
            }
        } catch {
            log("not recorded: \(error)")
        }
    }

    private static func isStream(_ sample: CanaryProbe.Sample) -> Bool {
        sample.response.headers["content-type"]?.lowercased().hasPrefix("text/event-stream") ?? false
    }

    /// `SOURCE_DATE_EPOCH` when set, so a recording can be reproduced.
    private static var recordedAt: Double {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
    }
}
