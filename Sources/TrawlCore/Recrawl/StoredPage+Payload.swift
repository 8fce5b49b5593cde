extension StoredPage {
    /// The page as if its payload had come with it: a revisit's body, status and head from the page that holds them.
    /// Pages that hold their own payload come back as they are.
    public func resolved(with payload: StoredPayload?) -> StoredPage {
        guard page.revisit != nil, let payload else { return self }
        var resolved = self
        resolved.page.body = payload.body
        resolved.page.status = payload.status
        resolved.page.responseHead = payload.responseHead.isEmpty ? Self.head(status: payload.status,
                                                                              contentType: payload.contentType ?? page.contentType)
            : payload.responseHead
        return resolved
    }

    /// A minimal head for a payload whose own was not kept: its status and type, which is what readers of it use.
    private static func head(status: Int, contentType: String?) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Payload")\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        return Array((head + "\r\n").utf8)
    }
}
