"""The slow mirror target of `bench/proxy.sh --policies`: an HTTP/1.1 server on 127.0.0.1 that
answers every request after sleeping SLEEP seconds (one thread per connection), and answers
GET /__bench/status at once with "requests N", the number of requests it has received (that one
included, as nginx's stub_status counts).

    python3 slow-server.py PORT SLEEP
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
SLEEP = float(sys.argv[2])
received = 0
received_lock = threading.Lock()


class SlowHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        global received
        with received_lock:
            received += 1
            count = received
        if self.path == "/__bench/status":
            body = f"requests {count}\n".encode()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            time.sleep(SLEEP)
            body = b"slow\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = answer

    def log_message(self, format, *args):
        pass


class SlowServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 4096


SlowServer(("127.0.0.1", PORT), SlowHandler).serve_forever()
