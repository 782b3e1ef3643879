import Testing
import TollgateCore

/// Every error is an RFC 9457 problem document (`application/problem+json`).
@Suite("Problem documents")
struct EndpointProblemTests {
    @Test func aValidationProblemListsEachFieldWithAMessage() async throws {
        try await withTestGateway { gateway in
            let response = try await gateway.post("/services", ["host": "orders.internal", "port": 70000])
            expectProblem(response, status: 400, fields: ["name", "port"])
            #expect(response["type"] == "https://tollgate.dev/problems/validation")
            #expect(response["title"] == "Invalid request payload")
            #expect(response["detail"] == "2 fields are invalid")
            let errors = try #require(response["errors"]?.arrayElements)
            for error in errors {
                #expect(error.objectValue?.keys.sorted() == ["field", "message"])
            }
        }
    }

    @Test func otherProblemsCarryNoFieldErrors() async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createService("billing")
            try await gateway.createRoute("orders-api", service: "orders")
            let problems = [
                (try await gateway.get("/services/nobody"), 404),
                (try await gateway.post("/services/billing/routes", ["name": "orders-api", "paths": ["/b"]]), 409),
                (try await gateway.delete("/services/orders", headers: [("If-Match", "\"stale\"")]), 412),
                (try await gateway.post("/services", raw: Array("name=orders".utf8), contentType: "application/x-www-form-urlencoded"), 415),
                (try await gateway.get("/services", credentials: .none), 401),
            ]
            for (response, status) in problems {
                expectProblem(response, status: status)
                #expect(response["errors"] == nil, "\(response.path)")
            }
        }
    }

    @Test func anUnknownEndpointGetsAProblem404() async throws {
        try await withTestGateway { gateway in
            expectProblem(try await gateway.get("/no-such-endpoint"), status: 404)
        }
    }
}
