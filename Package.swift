// swift-tools-version:6.1
import PackageDescription

// Dependencies point down only: Wire ← Chain, Chaos ← Suite ← CLI; Reports reads Suite's result model.
let package = Package(
    name: "Faultline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "faultline", targets: ["faultline"]),
        .library(name: "FaultlineWire", targets: ["FaultlineWire"]),
        .library(name: "FaultlineChain", targets: ["FaultlineChain"]),
        .library(name: "FaultlineChaos", targets: ["FaultlineChaos"]),
        .library(name: "FaultlineSuite", targets: ["FaultlineSuite"]),
        .library(name: "FaultlineReports", targets: ["FaultlineReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "FaultlineWire"),
        .target(
            name: "FaultlineChain",
            dependencies: [
                "FaultlineWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "FaultlineChaos",
            dependencies: [
                "FaultlineWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                // The recorder's upstream client (TLS to the live providers).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .target(
            name: "FaultlineSuite",
            dependencies: [
                "FaultlineWire", "FaultlineChain", "FaultlineChaos",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(name: "FaultlineReports", dependencies: ["FaultlineSuite"]),
        .executableTarget(
            name: "faultline",
            dependencies: [
                "FaultlineWire", "FaultlineChain", "FaultlineChaos", "FaultlineSuite", "FaultlineReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic fuzzing shared by the test targets: campaigns, mutations, the corpus.
        .target(name: "FaultlineFuzzSupport", dependencies: ["FaultlineWire"], path: "Tests/FaultlineFuzzSupport", exclude: ["Corpus"]),
        .testTarget(
            name: "FaultlineWireTests",
            dependencies: ["FaultlineWire", "FaultlineFuzzSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Resources")]
        ),
        .testTarget(name: "FaultlineChainTests", dependencies: ["FaultlineChain", "FaultlineChaos"]),
        .testTarget(
            name: "FaultlineChaosTests",
            dependencies: [
                "FaultlineChaos", "FaultlineFuzzSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "FaultlineSuiteTests", dependencies: ["FaultlineSuite", "FaultlineFuzzSupport"], exclude: ["Loading/BrokenSuites"]),
        .testTarget(name: "FaultlineReportsTests", dependencies: ["FaultlineReports", "FaultlineSuite"], resources: [.copy("Resources")]),
        // Runs the built `faultline` as a user does (exit codes, signals, terminal output).
        .testTarget(name: "faultlineTests"),
    ]
)
