// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Trawl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trawl", targets: ["TrawlCLI"]),
        .library(name: "TrawlCore", targets: ["TrawlCore"]),
        .library(name: "TrawlTestSupport", targets: ["TrawlTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Hummingbird's own transport: the API answers requests its HTTP parser refuses (MalformedRequestResponder).
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
    ],
    targets: [
        // System libraries: thin module maps plus a shim of typed wrappers for variadic C calls.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // RE2 is C++: a four-function C face over it, so Swift needs no C++ interop.
        // One linear scan of a page's tags, in C so that it stays cheap in debug builds (see its header).
        .target(name: "CTagScan"),
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2"), .linkedLibrary("pthread")]),

        // The domain: pure policy and the crawl loop, behind protocols. Knows no server or CLI; its one C library is
        // RE2, because running tenants' URL patterns in linear time is part of the policy's contract.
        .target(
            name: "TrawlCore",
            dependencies: [
                "CRE2",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                // SHA-256 of payloads: a re-crawl tells an identical body from a changed one by its digest.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Adapters: each imports the core and one outside world, never each other.
        .target(name: "TrawlFetch", dependencies: ["TrawlCore", "CCurl"]),
        .target(name: "TrawlHTML", dependencies: ["TrawlCore", "CLibXML2", "CZlib", "CTagScan"]),
        .target(
            name: "TrawlEmbed",
            dependencies: ["TrawlCore", "COpenBLAS", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "TrawlStore",
            dependencies: [
                "TrawlCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, which GRDB wraps: the crawl's batch inserts bind values through it (`DirectStatement`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The second store: PostgreSQL through postgres-nio, for many processes on one database.
        .target(
            name: "TrawlPostgres",
            dependencies: [
                "TrawlCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TrawlExport",
            dependencies: ["TrawlCore", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // HTTP: routes and DTOs, generic over the core's CrawlService.
        .target(
            name: "TrawlAPI",
            dependencies: [
                "TrawlCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // HMAC for the console's CSRF tokens.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The one composition root.
        .target(
            name: "TrawlRuntime",
            dependencies: [
                "TrawlCore", "TrawlFetch", "TrawlHTML", "TrawlStore", "TrawlPostgres", "TrawlExport", "TrawlEmbed",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "TrawlCLI",
            dependencies: [
                "TrawlRuntime", "TrawlCore", "TrawlAPI", "TrawlEmbed", "TrawlExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TrawlTestSupport",
            dependencies: [
                "TrawlCore", "CZlib", "TrawlStore", "TrawlPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "TrawlCoreTests", dependencies: ["TrawlCore", "TrawlTestSupport"]),
        .testTarget(name: "TrawlFetchTests", dependencies: ["TrawlFetch", "TrawlTestSupport"]),
        .testTarget(
            name: "TrawlEmbedTests", dependencies: ["TrawlEmbed", "TrawlFetch", "TrawlTestSupport"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "TrawlHTMLTests", dependencies: ["TrawlHTML"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrawlStoreTests", dependencies: ["TrawlStore", "TrawlPostgres", "TrawlTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(
            name: "TrawlExportTests",
            dependencies: ["TrawlExport", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "TrawlAPITests",
            dependencies: ["TrawlAPI", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "TrawlRuntimeTests",
            dependencies: ["TrawlRuntime", "TrawlTestSupport", "TrawlStore", "TrawlExport", "TrawlHTML", "TrawlAPI", "TrawlEmbed",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    cxxLanguageStandard: .cxx17
)
