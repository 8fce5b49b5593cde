/// The JSON of `POST /embeddings`, as OpenAI defines it and compatible servers accept it.
enum EmbeddingsWire {
    /// The request body.
    struct Request: Encodable {
        var model: String
        var input: [String]
        /// Asked for explicitly: some servers default to base64.
        var encodingFormat = "float"

        enum CodingKeys: String, CodingKey {
            case model, input
            case encodingFormat = "encoding_format"
        }
    }

    /// A successful response: one item per input, `index` saying which.
    struct Response: Decodable {
        struct Item: Decodable {
            /// Position of the input; some servers leave it out and answer in order.
            var index: Int?
            var embedding: [Float]
        }

        var data: [Item]
    }

    /// An error response, `{"error": {"message": …}}`; other shapes are reported by status alone.
    struct ErrorResponse: Decodable {
        struct Detail: Decodable {
            var message: String?
        }

        var error: Detail
    }
}
