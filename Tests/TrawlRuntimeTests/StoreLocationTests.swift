import Testing
import TrawlCore
import TrawlRuntime

struct StoreLocationTests {
    @Test(arguments: [
        ("trawl.db", "trawl.db"), ("/var/lib/trawl/trawl.db", "/var/lib/trawl/trawl.db"), ("sqlite:trawl.db", "trawl.db"),
        ("sqlite:///var/lib/t.db", "/var/lib/t.db"), ("data:2026.db", "data:2026.db"),
    ])
    func pathsAndSQLiteURLsAreSQLiteFiles(text: String, path: String) throws {
        #expect(try StoreLocation(parsing: text) == .sqlite(path: path))
    }

    @Test func postgresURLsArePostgresStoresShownWithoutTheirPassword() throws {
        for text in ["postgres://trawl:s3cret@db.internal:5433/trawl", "postgresql://trawl:s3cret@db.internal:5433/trawl?sslmode=require"] {
            let location = try StoreLocation(parsing: text)
            guard case .postgres(let postgres) = location else {
                Issue.record("\(text) is not a PostgreSQL store")
                continue
            }
            #expect(postgres.host == "db.internal" && postgres.port == 5433 && postgres.database == "trawl")
            #expect(postgres.password == "s3cret")
            #expect(location.description == "postgres://trawl@db.internal:5433/trawl")
        }
        // A malformed PostgreSQL URL is refused without echoing it.
        #expect {
            _ = try StoreLocation(parsing: "postgres://trawl:s3cret@db.internal/")
        } throws: { error in
            let message = (error as? StoreError)?.message ?? ""
            return message.contains("names no database") && !message.contains("s3cret") && !message.contains("db.internal")
        }
    }

    @Test func otherSchemesAreRefusedWithoutEchoingTheValue() {
        #expect {
            _ = try StoreLocation(parsing: "mysql://root:pw@h/db")
        } throws: { error in
            let message = (error as? StoreError)?.message ?? ""
            return message.contains("'mysql' store scheme is not supported") && !message.contains("pw")
        }
        #expect(throws: StoreError.self) { _ = try StoreLocation(parsing: "") }
        #expect(throws: StoreError.self) { _ = try StoreLocation(parsing: "sqlite:") }
    }
}
