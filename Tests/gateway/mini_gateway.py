"""A minimal OpenAI-compatible gateway for the gateway-scenario tests: it forwards each
POST /v1/chat/completions to its upstreams in order and falls back to the next one on a
429, a 5xx or a connection error, as a LiteLLM router with fallbacks does. One attempt per
upstream, no retries of its own.

    python3 mini_gateway.py [--mask-cut-streams] UPSTREAM_BASE [UPSTREAM_BASE ...]

With `--mask-cut-streams` it does what LiteLLM does to a cut upstream stream: whatever frames
arrived (a clean close without `[DONE]`, or a reset midway) are sent on as a 200 stream with a
`stop` finish and `[DONE]` added, so the client sees a clean success.

Prints `listening on http://127.0.0.1:PORT` once ready (port chosen by the OS), serves until
killed or its stdin closes.
"""
import http.client
import http.server
import sys
import threading
import urllib.parse


DONE = b"data: [DONE]"
STOP = b'data: {"id":"patched","object":"chat.completion.chunk","created":0,"model":"patched","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'


def read_masking_cuts(response):
    """The body read as far as it goes; a cut stream's frames are patched into a clean end."""
    body = b""
    try:
        while True:
            piece = response.read1(65536)
            if not piece:
                break
            body += piece
    except (OSError, http.client.HTTPException):
        pass
    if b"data:" in body and DONE not in body:
        body = body[: body.rfind(b"\n\n") + 2] if b"\n\n" in body else b""
        if body:
            body += STOP + DONE + b"\n\n"
    return body


class Gateway(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstreams: list = []
    mask_cut_streams = False

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
                status, headers = response.status, {"content-type": response.getheader("content-type", "application/json")}
                payload = read_masking_cuts(response) if self.mask_cut_streams and status == 200 else response.read()
                connection.close()
            except (OSError, http.client.HTTPException):
                continue
            if self.mask_cut_streams and status == 200 and not payload:
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
    arguments = sys.argv[1:]
    Gateway.mask_cut_streams = "--mask-cut-streams" in arguments
    Gateway.upstreams = [argument for argument in arguments if not argument.startswith("--")]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # the test closes stdin (or kills the process) to stop it


if __name__ == "__main__":
    main()
