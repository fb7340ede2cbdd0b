import AsyncHTTPClient
import FaultlineWire
import Foundation
import NIOCore

/// One `WireRequest` sent over real HTTP and its answer read whole, each body piece kept
/// with its arrival time: what the conformance scenario sends to the mock and what a canary
/// sends to a live provider.
struct WireExchange: Sendable {
    struct Piece: Sendable {
        var bytes: [UInt8]
        /// Milliseconds after the previous piece (the first: after the response head).
        var delayMs: Double
    }

    var response: WireResponse
    var pieces: [Piece]
    /// Milliseconds from sending to the response head.
    var headMs: Double

    var slices: [ArraySlice<UInt8>] { pieces.map { $0.bytes[...] } }

    /// Why no complete answer came, with what did (the head and the pieces before it).
    struct Failure: Error {
        var partial: WireExchange
        var underlying: any Error
    }

    /// Sends `request` to `url` and reads the whole answer.
    static func send(_ request: WireRequest, to url: String, client: HTTPClient, timeout: TimeAmount) async throws(Failure) -> WireExchange {
        let started = ContinuousClock.now
        func elapsedMs() -> Double { started.duration(to: .now).seconds * 1000 }
        var http = HTTPClientRequest(url: url)
        http.method = .RAW(value: request.method)
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        if !request.body.isEmpty { http.body = .bytes(ByteBuffer(bytes: request.body)) }
        var exchange = WireExchange(response: WireResponse(status: 0), pieces: [], headMs: 0)
        do {
            let response = try await client.execute(http, timeout: timeout)
            exchange.headMs = elapsedMs()
            exchange.response.status = Int(response.status.code)
            for header in response.headers { exchange.response.headers.add(header.name, header.value) }
            var last = exchange.headMs
            for try await buffer in response.body {
                let now = elapsedMs()
                let bytes = Array(buffer.readableBytesView)
                exchange.pieces.append(Piece(bytes: bytes, delayMs: now - last))
                exchange.response.body += bytes
                last = now
            }
        } catch {
            throw Failure(partial: exchange, underlying: error)
        }
        return exchange
    }
}
