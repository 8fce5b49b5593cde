import TrawlCore

extension OpenAPIDocument {
    /// The operator's view of the processes sharing the store.
    static var workerPaths: [(String, ConfigValue)] {
        pairs([
            "/v1/workers": [
                "get": operation("listWorkers",
                                 "List the processes sharing the store (API servers, crawl workers), most recently "
                                     + "started first, with the caller's tenant's runs each executes",
                                 parameters: listParameters, responses: ["200": json("WorkerList")]),
            ],
        ])
    }
}
