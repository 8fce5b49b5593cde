import Foundation

/// The `page` token of lists ordered by an integer position rather than by creation time (a run's log, URLs
/// and edges): the last item's position, plus the binding fingerprint as in `PageCursor`.
struct SequenceCursor: Codable, Equatable, Sendable {
    /// The last item's position (a store sequence or a fingerprint's bits).
    var position: Int64
    /// A second coordinate where one position holds several items (an edge's index within its page).
    var index: Int
    var binding: String

    private enum CodingKeys: String, CodingKey {
        case position = "p", index = "x", binding = "b"
    }

    /// A cursor after (`position`, `index`) in the list fingerprinted by `binding`.
    init(position: Int64, index: Int = 0, binding: String) {
        self.position = position
        self.index = index
        self.binding = binding
    }

    /// The token clients pass back as `page`.
    var token: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Base64URL.encode((try? encoder.encode(self)) ?? Data())
    }

    /// Decodes `token`, rejecting anything malformed or minted for another list.
    init(token: String, expecting binding: String) throws(APIError) {
        guard let data = Base64URL.decode(token), let cursor = try? JSONDecoder().decode(SequenceCursor.self, from: data),
              cursor.binding == binding
        else { throw APIError.invalidCursor }
        self = cursor
    }
}
