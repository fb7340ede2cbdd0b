"""Opens N keep-alive connections to the mock, sends one request on each and reads the
whole answer, then keeps them all open and idle, so `run.sh` can read the mock's RSS
with that many live connections. Loopback only; exits after --hold seconds or SIGTERM.

Usage: python3 hold_connections.py PORT COUNT BODY_FILE [--hold SECONDS]
"""

import socket
import sys
import time


def read_response(sock):
    """Reads one HTTP/1.1 response with a content-length body."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            raise ConnectionError("closed before the head")
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1]
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        piece = sock.recv(65536)
        if not piece:
            raise ConnectionError("closed in the body")
        body += piece
    return status


def main():
    port, count, body_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    hold = float(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--hold" else 60.0
    body = open(body_file, "rb").read()
    request = (
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer bench\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    sockets = []
    for index in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(request)
        status = read_response(sock)
        if status != b"200":
            print(f"connection {index}: status {status.decode()}", file=sys.stderr)
            sys.exit(1)
        sockets.append(sock)
    print(f"ready {len(sockets)}", flush=True)
    deadline = time.monotonic() + hold
    while time.monotonic() < deadline:
        time.sleep(0.2)


if __name__ == "__main__":
    main()
