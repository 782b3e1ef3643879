import NIOHTTP1
import Testing
import TollgateCore
import TollgateProxy

@Suite("Routing at scale")
struct RoutingScaleTests {
    /// 10,000 routes of five shapes: host+path, path, wildcard host, path+method, regex.
    static let fixture = RoutingFixture(
        (0..<10_000).map { i in
            switch i % 5 {
            case 0: RouteSpec(name: "\(i)", paths: ["/api/v\(i % 3)"], hosts: ["svc\(i).example.com"])
            case 1: RouteSpec(name: "\(i)", paths: ["/r\(i)/items"])
            case 2: RouteSpec(name: "\(i)", paths: ["/"], hosts: ["*.t\(i).example.org"])
            case 3: RouteSpec(name: "\(i)", paths: ["/m\(i)"], methods: ["POST"])
            default: RouteSpec(name: "\(i)", paths: [#"~/u\#(i)/\d+$"#])
            }
        })

    @Test("each shape finds its route among 10,000", arguments: [0, 1, 2, 3, 4, 5_005, 7_777, 9_995, 9_998, 9_999])
    func spotChecks(_ i: Int) {
        let fixture = Self.fixture
        switch i % 5 {
        case 0:
            #expect(fixture.route("/api/v\(i % 3)/x", host: "svc\(i).example.com") == "\(i)")
            #expect(fixture.route("/api/v\((i + 1) % 3)/x", host: "svc\(i).example.com") == nil)
        case 1:
            #expect(fixture.route("/r\(i)/items/3") == "\(i)")
            #expect(fixture.route("/r\(i)/item") == nil)
        case 2:
            #expect(fixture.route("/any", host: "a.t\(i).example.org") == "\(i)")
            #expect(fixture.route("/any", host: "t\(i).example.org") == nil)
        case 3:
            #expect(fixture.route("/m\(i)", method: .POST) == "\(i)")
            #expect(fixture.route("/m\(i)", method: .GET) == nil)
        default:
            #expect(fixture.route("/u\(i)/77") == "\(i)")
            #expect(fixture.route("/u\(i)/77/x") == nil)
        }
    }

    @Test("a longer numbered prefix does not shadow a shorter one: /r1 vs /r11 vs /r111")
    func numberedPrefixes() {
        #expect(Self.fixture.route("/r11/items") == "11")
        #expect(Self.fixture.route("/r111/items") == "111")
        #expect(Self.fixture.route("/r1111/items") == "1111")
    }

    @Test("the table holds one compiled entry per route path")
    func count() {
        #expect(Self.fixture.table.count == 10_000)
    }
}
