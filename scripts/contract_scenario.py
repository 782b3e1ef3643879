#!/usr/bin/env python3
"""Walks every operation of the management API through its success paths and main errors,
in an order that makes them succeed, and checks each answer against the OpenAPI document the
server serves: the status is the expected one and is documented, the media type is the
documented one, the body matches the documented schema and documented required headers are
there. Complements schemathesis, whose generated requests mostly meet 400s and 404s.

  contract_scenario.py --api http://127.0.0.1:PORT/api/v1/gateway --token ADMIN --viewer-token OTHER

Needs `jsonschema_rs` (schemathesis brings it). Prints one line per request
and `N passed, N failed` at the end; exits 1 when a check failed.
"""
import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

from jsonschema_rs import Draft202012Validator


class Contract:
    """The served OpenAPI document and the checks of one answer against it."""

    def __init__(self, document):
        self.document = document
        self.validators = {}

    def validator(self, schema):
        """A validator for a schema of the document; the components ride along so that its
        `#/components/...` references resolve."""
        key = json.dumps(schema, sort_keys=True)
        if key not in self.validators:
            self.validators[key] = Draft202012Validator(
                {**schema, "components": self.document["components"]}, validate_formats=True)
        return self.validators[key]

    def resolve(self, node):
        """Follows local `$ref`s (responses, headers) to the object they name."""
        while "$ref" in node:
            target = self.document
            for part in pointer_parts(node["$ref"]):
                target = target[part]
            node = target
        return node

    def problems(self, method, template, status, content_type, headers, body):
        """Everything in one answer that the document does not allow."""
        operation = self.document["paths"].get(template, {}).get(method.lower())
        if operation is None:
            return [f"{method} {template} is not in the document"]
        documented = operation["responses"].get(str(status))
        if documented is None:
            return [f"status {status} is not documented (documented: {', '.join(operation['responses'])})"]
        documented = self.resolve(documented)
        found = []
        for name, header in documented.get("headers", {}).items():
            if self.resolve(header).get("required") and name.lower() not in headers:
                found.append(f"required header {name} is missing")
        content = documented.get("content")
        if not content:
            if body:
                found.append(f"status {status} is documented without a body, got {len(body)} bytes")
            return found
        media_type = (content_type or "").split(";")[0].strip()
        if media_type not in content:
            return found + [f"media type {media_type!r} is not documented ({', '.join(content)})"]
        try:
            instance = json.loads(body)
        except ValueError:
            return found + ["the body is not JSON"]
        for error in self.validator(content[media_type].get("schema", {})).iter_errors(instance):
            location = "/".join(str(part) for part in error.instance_path) or "(body)"
            found.append(f"body at {location}: {error.message[:300]}")
        return found


def pointer_parts(reference):
    if not reference.startswith("#/"):
        raise ValueError(f"only local references are supported, got {reference}")
    return [part.replace("~1", "/").replace("~0", "~") for part in reference[2:].split("/")]


class Scenario:
    """Sends requests, checks each answer, counts the results."""

    def __init__(self, api, contract, token):
        self.api = api.rstrip("/")
        self.contract = contract
        self.token = token
        self.passed = 0
        self.failed = 0

    def call(self, method, template, expect, path=None, body=None, raw=None, headers=None, token=...,
             query=None):
        """Sends one request; checks its status against `expect` and the answer against the document.
        Returns the parsed JSON body (or None) and the response headers."""
        url_path = template
        for name, value in (path or {}).items():
            url_path = url_path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
        url = self.api + url_path + ("?" + urllib.parse.urlencode(query) if query else "")
        request_headers = dict(headers or {})
        token = self.token if token is ... else token
        if token:
            request_headers["Authorization"] = f"Bearer {token}"
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            request_headers.setdefault("Content-Type", "application/json")
        request = urllib.request.Request(url, data=data, method=method, headers=request_headers)
        label = f"{method} {url_path}{'?' + urllib.parse.urlencode(query) if query else ''}"
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, answer_headers, answer = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, answer = error.code, error.headers, error.read()
        except OSError as error:
            self.failed += 1
            print(f"FAIL {label} -> no answer: {error}")
            return None, {}
        lowered = {name.lower(): value for name, value in answer_headers.items()}
        found = self.contract.problems(method, template, status, lowered.get("content-type"), lowered, answer)
        if status != expect:
            found.insert(0, f"expected status {expect}, got {status}: {answer[:300]!r}")
        label = f"{label} -> {status}"
        if found:
            self.failed += 1
            print(f"FAIL {label}")
            for problem in found:
                print(f"       {problem}")
        else:
            self.passed += 1
            print(f"ok   {label}")
        try:
            parsed = json.loads(answer) if answer else None
        except ValueError:
            parsed = None
        return parsed, lowered


def run(scenario, viewer_token):
    call = scenario.call
    service = {"serviceName": "orders"}
    route = {"routeName": "orders-api"}
    upstream = {"upstreamName": "orders-upstream"}
    target = {**upstream, "targetAddress": "10.0.0.7:8080"}

    # Public endpoints, authentication and authorization.
    call("GET", "/health", 200, token=None)
    call("GET", "/openapi.json", 200, token=None)
    call("GET", "/services", 401, token=None)
    call("GET", "/services", 401, token="not.a.token")
    call("GET", "/services", 403, token=viewer_token)

    # Services.
    orders = {"name": "orders", "url": "http://orders.internal:8080/v1", "tags": ["team-a"]}
    _, headers = call("POST", "/services", 201, body=orders)
    call("POST", "/services", 200, body=orders, headers={"If-Match": headers.get("etag", "*")})
    call("POST", "/services", 412, body=orders, headers={"If-Match": '"stale"'})
    call("POST", "/services", 201, body={"name": "billing", "host": "billing.internal", "port": 9000,
                                         "protocol": "https", "path": "/api", "retries": 2})
    call("POST", "/services", 400, body={"name": "bad name", "url": "ftp://x", "port": 0, "unknown": 1})
    call("POST", "/services", 400, raw=b"{not json", headers={"Content-Type": "application/json"})
    call("POST", "/services", 415, raw=b"name=orders", headers={"Content-Type": "text/plain"})
    call("POST", "/services", 413, raw=b" " * (2 << 20), headers={"Content-Type": "application/json"})
    page, _ = call("GET", "/services", 200, query={"size": "1"})
    if page and page.get("offset"):
        call("GET", "/services", 200, query={"size": "1", "offset": page["offset"]})
    call("GET", "/services", 400, query={"size": "0"})
    call("GET", "/services/{serviceName}", 200, path=service)
    call("GET", "/services/{serviceName}", 404, path={"serviceName": "missing"})

    # Routes.
    orders_api = {"name": "orders-api", "paths": ["/orders", "~/orders/\\d+$"], "methods": ["GET", "POST"],
                  "hosts": ["api.example.com", "*.example.org"], "headers": {"X-Api-Version": ["2"]}}
    call("POST", "/services/{serviceName}/routes", 201, path=service, body=orders_api)
    call("POST", "/services/{serviceName}/routes", 200, path=service, body=orders_api)
    call("POST", "/services/{serviceName}/routes", 409, path={"serviceName": "billing"}, body=orders_api)
    call("POST", "/services/{serviceName}/routes", 404, path={"serviceName": "missing"}, body=orders_api)
    call("POST", "/services/{serviceName}/routes", 400, path=service, body={"name": "empty"})
    call("GET", "/routes", 200)
    call("GET", "/routes/{routeName}", 200, path=route)
    call("GET", "/routes/{routeName}", 404, path={"routeName": "missing"})

    # Plugins.
    plugin_body = {"name": "correlation-id", "service": "orders", "config": {"header_name": "X-Trace"}}
    plugin, _ = call("POST", "/plugins", 201, body=plugin_body)
    call("POST", "/plugins", 409, body=plugin_body)
    call("POST", "/plugins", 400, body={"name": "correlation-id", "config": {"nope": True}})
    call("GET", "/plugins", 200)
    plugin_id = {"pluginId": (plugin or {}).get("id", "00000000-0000-4000-8000-000000000000")}
    call("GET", "/plugins/{pluginId}", 200, path=plugin_id)
    call("PATCH", "/plugins/{pluginId}", 200, path=plugin_id, body={"config": {"echo_downstream": False},
                                                                    "enabled": False})
    call("PATCH", "/plugins/{pluginId}", 412, path=plugin_id, body={"enabled": True},
         headers={"If-Match": '"stale"'})
    call("PATCH", "/plugins/{pluginId}", 400, path=plugin_id, body={"name": "cors"})
    call("GET", "/plugins/{pluginId}", 404, path={"pluginId": "00000000-0000-4000-8000-000000000000"})

    # Upstreams, targets and health.
    upstream_body = {
        "name": "orders-upstream", "algorithm": "consistent-hashing", "hash_on": "header",
        "hash_on_header": "X-User-ID",
        "healthchecks": {"active": {"http_path": "/health", "healthy": {"interval_s": 5, "successes": 2}},
                         "passive": {"unhealthy": {"http_failures": 5}}},
        "targets": [{"target": "10.0.0.5:8080", "weight": 100}, "10.0.0.6:8080"],
    }
    call("POST", "/upstreams", 201, body=upstream_body)
    call("POST", "/upstreams", 200, body=upstream_body)
    call("POST", "/upstreams", 400, body={"name": "preset"})
    call("GET", "/upstreams", 200)
    call("GET", "/upstreams/{upstreamName}", 200, path=upstream)
    call("GET", "/upstreams/{upstreamName}", 404, path={"upstreamName": "missing"})
    call("POST", "/upstreams/{upstreamName}/targets", 201, path=upstream, body={"target": "10.0.0.7:8080"})
    call("POST", "/upstreams/{upstreamName}/targets", 200, path=upstream,
         body={"target": "10.0.0.7:8080", "weight": 5})
    call("POST", "/upstreams/{upstreamName}/targets", 404, path={"upstreamName": "missing"},
         body={"target": "10.0.0.7:8080"})
    call("GET", "/upstreams/{upstreamName}/targets", 200, path=upstream)
    call("PATCH", "/upstreams/{upstreamName}/targets/{targetAddress}/weight", 200, path=target,
         body={"weight": 50})
    call("PATCH", "/upstreams/{upstreamName}/targets/{targetAddress}/weight", 400, path=target,
         body={"weight": 70000})
    call("PATCH", "/upstreams/{upstreamName}/targets/{targetAddress}/weight", 404,
         path={**upstream, "targetAddress": "10.9.9.9:1"}, body={"weight": 1})
    call("POST", "/upstreams/{upstreamName}/targets/{targetAddress}/unhealthy", 200, path=target)
    call("GET", "/upstreams/{upstreamName}/health", 200, path=upstream)
    call("POST", "/upstreams/{upstreamName}/targets/{targetAddress}/healthy", 200, path=target)
    call("GET", "/upstreams/{upstreamName}/health", 404, path={"upstreamName": "missing"})

    # Load-balancing presets.
    call("POST", "/upstreams/preset/round-robin", 201,
         body={"upstream": "rr", "targets": ["10.0.1.1:80", "10.0.1.2:80"], "service": "billing"})
    call("POST", "/upstreams/preset/round-robin", 200, body={"upstream": "rr", "targets": ["10.0.1.1:80"]})
    call("POST", "/upstreams/preset/weighted", 201,
         body={"upstream": "weighted", "targets": [{"target": "10.0.2.1:80", "weight": 90},
                                                   {"target": "10.0.2.2:80", "weight": 10}]})
    call("POST", "/upstreams/preset/sticky-header", 201,
         body={"upstream": "sticky-h", "header": "X-Session-ID", "targets": ["10.0.3.1:80"]})
    call("POST", "/upstreams/preset/sticky-cookie", 201, body={"upstream": "sticky-c", "targets": ["10.0.4.1:80"]})
    call("POST", "/upstreams/preset/least-connections", 201,
         body={"upstream": "least", "targets": [{"target": "10.0.5.1:80"}, "10.0.5.2:80"]})
    call("POST", "/upstreams/preset/weighted", 400, body={"upstream": "w2", "targets": ["10.0.2.1:80"]})
    call("POST", "/upstreams/preset/round-robin", 400, body={"upstream": "rr2", "service": "missing"})

    # Tenant rate limits.
    tenant = {"tenantId": "tenant-a"}
    limit = {"minute": 600, "hour": 20000, "algorithm": "token_bucket", "service": "orders"}
    call("POST", "/tenants/{tenantId}/rate-limit", 201, path=tenant, body=limit)
    call("POST", "/tenants/{tenantId}/rate-limit", 200, path=tenant, body=limit)
    call("POST", "/tenants/{tenantId}/rate-limit", 400, path=tenant, body={"second": 10, "minute": 5})
    call("GET", "/tenants/{tenantId}/rate-limit", 200, path=tenant)
    call("DELETE", "/tenants/{tenantId}/rate-limit", 412, path=tenant, headers={"If-Match": '"stale"'})
    call("DELETE", "/tenants/{tenantId}/rate-limit", 204, path=tenant)
    call("GET", "/tenants/{tenantId}/rate-limit", 404, path=tenant)

    # Canary and mirror.
    canary = {"upstream": "orders-upstream", "percentage": 10, "hash_on": "cookie", "hash_on_cookie": "uid",
              "steps": {"increment": 10, "interval_s": 300}}
    call("POST", "/services/{serviceName}/canary", 201, path=service, body=canary)
    call("POST", "/services/{serviceName}/canary", 200, path=service, body=canary)
    call("POST", "/services/{serviceName}/canary", 404, path={"serviceName": "missing"}, body=canary)
    call("GET", "/services/{serviceName}/canary", 200, path=service)
    call("GET", "/services/{serviceName}", 200, path=service)
    call("GET", "/services", 200)
    call("DELETE", "/upstreams/{upstreamName}", 400, path=upstream)
    mirror = {"url": "http://shadow.internal:8080", "sample_percent": 12.5, "include_body": False}
    call("POST", "/routes/{routeName}/mirror", 201, path=route, body=mirror)
    call("POST", "/routes/{routeName}/mirror", 200, path=route, body={"upstream": "weighted"})
    call("POST", "/routes/{routeName}/mirror", 400, path=route, body={"upstream": "weighted", "url": "http://x"})
    call("GET", "/routes/{routeName}/mirror", 200, path=route)

    # Deletes, innermost first.
    call("DELETE", "/routes/{routeName}/mirror", 204, path=route)
    call("GET", "/routes/{routeName}/mirror", 404, path=route)
    call("DELETE", "/services/{serviceName}/canary", 204, path=service)
    call("DELETE", "/services/{serviceName}/canary", 404, path=service)
    call("DELETE", "/plugins/{pluginId}", 204, path=plugin_id)
    call("DELETE", "/plugins/{pluginId}", 404, path=plugin_id)
    call("DELETE", "/upstreams/{upstreamName}/targets/{targetAddress}", 204, path=target)
    call("DELETE", "/upstreams/{upstreamName}/targets/{targetAddress}", 404, path=target)
    call("DELETE", "/routes/{routeName}", 412, path=route, headers={"If-Match": '"stale"'})
    call("DELETE", "/routes/{routeName}", 204, path=route)
    call("DELETE", "/services/{serviceName}", 204, path=service)
    call("DELETE", "/services/{serviceName}", 404, path=service)
    call("DELETE", "/upstreams/{upstreamName}", 204, path=upstream)
    call("DELETE", "/upstreams/{upstreamName}", 404, path=upstream)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", required=True, help="http://127.0.0.1:PORT/api/v1/gateway")
    parser.add_argument("--token", required=True, help="a token with the ADMIN role")
    parser.add_argument("--viewer-token", required=True, help="a valid token without the ADMIN role")
    args = parser.parse_args()
    with urllib.request.urlopen(args.api.rstrip("/") + "/openapi.json", timeout=30) as response:
        contract = Contract(json.load(response))
    scenario = Scenario(args.api, contract, args.token)
    run(scenario, args.viewer_token)
    print(f"{scenario.passed} passed, {scenario.failed} failed")
    return 1 if scenario.failed else 0


if __name__ == "__main__":
    sys.exit(main())
