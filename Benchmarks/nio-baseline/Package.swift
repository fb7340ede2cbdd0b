// swift-tools-version:6.0
// The reference the mock's throughput target names: a bare SwiftNIO HTTP/1.1 server
// (NIO's own pipeline, HTTPRequestDecoder and HTTPResponseEncoder) answering every request
// with one constant body. Benchmark tooling only; Benchmarks/mock/run.sh builds and runs it.
import PackageDescription

let package = Package(
    name: "nio-baseline",
    dependencies: [.package(url: "https://github.com/apple/swift-nio", from: "2.101.2")],
    targets: [
        .executableTarget(
            name: "nio-baseline",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        )
    ]
)
