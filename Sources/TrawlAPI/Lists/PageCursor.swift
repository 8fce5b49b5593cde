import Foundation

/// The opaque `page` token: the last item's keyset position plus a fingerprint of the list it belongs to.
///
/// It is base64url JSON rather than a signed token because forging one gains nothing: it only positions a
/// listing the caller may already read in full. The fingerprint exists to catch mistakes (a cursor reused
/// with other filters would silently skip or repeat items), not attacks.
struct PageCursor: Codable, Equatable, Sendable {
    /// `created_at` of the last item, as seconds since the reference date so the value round-trips exactly.
    var createdAt: Double
    /// The last item's ID (lower-case UUID).
    var id: String
    /// The `ListBinding` fingerprint of the endpoint, tenant and filters the cursor was minted for.
    var binding: String

    private enum CodingKeys: String, CodingKey {
        case createdAt = "t", id = "i", binding = "b"
    }

    /// A cursor after the item at (`createdAt`, `id`) in the list fingerprinted by `binding`.
    init(createdAt: Date, id: String, binding: String) {
        self.createdAt = createdAt.timeIntervalSinceReferenceDate
        self.id = id
        self.binding = binding
    }

    /// The item's creation time.
    var date: Date { Date(timeIntervalSinceReferenceDate: createdAt) }

    /// The token clients pass back as `page`.
    var token: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Base64URL.encode((try? encoder.encode(self)) ?? Data())
    }

    /// Decodes `token`, rejecting anything malformed or minted for another list. Lists of items named by something
    /// other than a UUID (workers) pass `idIsUUID: false`: their IDs are still bounded in length.
    init(token: String, expecting binding: String, idIsUUID: Bool = true) throws(APIError) {
        guard let data = Base64URL.decode(token),
              let cursor = try? JSONDecoder().decode(PageCursor.self, from: data),
              cursor.binding == binding, cursor.createdAt.isFinite,
              idIsUUID ? UUID(uuidString: cursor.id) != nil : (1...256).contains(cursor.id.utf8.count)
        else { throw APIError.invalidCursor }
        self = cursor
    }
}
