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

    @Test func otherSchemesAreRefusedWithoutEchoingTheValue() {
        for text in ["postgres://trawl:s3cret@db.internal:5432/trawl", "postgresql://trawl:s3cret@db/trawl?sslmode=require"] {
            #expect {
                _ = try StoreLocation(parsing: text)
            } throws: { error in
                let message = (error as? StoreError)?.message ?? ""
                return message.contains("PostgreSQL") && !message.contains("s3cret") && !message.contains("db.internal")
            }
        }
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
