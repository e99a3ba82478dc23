// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pool",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Pool", targets: ["Pool"]),
        .executable(name: "poolctl", targets: ["poolctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // C shim over glpk.h: every GLPK call runs inside a setjmp guard here, in C, so a GLPK
        // fatal error never longjmps across Swift frames (see Sources/CGLPK/pool_glpk.c).
        .target(
            name: "CGLPK",
            path: "Sources/CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(
            name: "Pool",
            dependencies: [
                "CGLPK",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            path: "Sources/Pool"
        ),
        .executableTarget(
            name: "poolctl",
            dependencies: [
                "Pool",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/poolctl"
        ),
        .testTarget(
            name: "PoolTests",
            dependencies: ["Pool"],
            path: "Tests/PoolTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
