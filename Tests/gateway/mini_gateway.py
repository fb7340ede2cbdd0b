"""A minimal OpenAI-compatible gateway for the gateway-scenario tests: it forwards each
POST /v1/chat/completions to its upstreams in order and falls back to the next one on a
429, a 5xx or a connection error, as a LiteLLM router with fallbacks does. One attempt per
upstream, no retries of its own.

    python3 mini_gateway.py UPSTREAM_BASE [UPSTREAM_BASE ...]

Prints `listening on http://127.0.0.1:PORT` once ready (port chosen by the OS), serves until
killed or its stdin closes.
"""
import http.client
import http.server
import sys
import threading
import urllib.parse


class Gateway(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstreams: list = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        status, headers, payload = 502, {"content-type": "application/json"}, b'{"error":{"message":"no upstream answered"}}'
        for base in self.upstreams:
            url = urllib.parse.urlsplit(base)
            try:
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                connection.request("POST", url.path + self.path, body, {"content-type": "application/json", "authorization": "Bearer upstream"})
                response = connection.getresponse()
                status, headers, payload = response.status, {"content-type": response.getheader("content-type", "application/json")}, response.read()
                connection.close()
            except OSError:
                continue
            if status != 429 and status < 500:
                break
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def main():
    Gateway.upstreams = sys.argv[1:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # the test closes stdin (or kills the process) to stop it


if __name__ == "__main__":
    main()
