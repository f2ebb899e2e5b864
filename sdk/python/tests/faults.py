"""A TCP proxy between the SDK and the real api that breaks chosen exchanges for real: the connection is cut, the
answer is lost after the api did the work, or a gateway answers in the api's place. Each connection carries one
exchange (the SDK sends ``Connection: close``); the plan's actions apply to the connections in order, then every
exchange passes through untouched."""

import json
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

PASS = ("pass",)


def drop_answer() -> Tuple:
    """The request reaches the api and runs; its answer never reaches the client (the connection is closed)."""
    return ("drop_answer",)


def cut_answer_after(n_bytes: int) -> Tuple:
    """The client gets the first ``n_bytes`` of the api's answer, then the connection closes."""
    return ("cut", n_bytes)


def replace_answer(status: int, problem: dict, headers: Optional[dict] = None) -> Tuple:
    """The request reaches the api and runs; the client gets this problem answer instead (a gateway's 502)."""
    return ("replace", status, problem, headers or {})


def answer_instead(status: int, problem: dict, headers: Optional[dict] = None) -> Tuple:
    """The request never reaches the api; the client gets this problem answer (a 429 or 503 in front of it)."""
    return ("instead", status, problem, headers or {})


@dataclass
class Exchange:
    """What the proxy saw of one connection."""

    started: float
    request_head: str
    action: str
    forwarded: bool = False
    answer_head: str = ""

    def header(self, name: str) -> Optional[str]:
        for line in self.request_head.split("\r\n")[1:]:
            key, _, value = line.partition(":")
            if key.strip().lower() == name.lower():
                return value.strip()
        return None


@dataclass
class FaultProxy:
    """``with FaultProxy(api_url, [drop_answer()]) as proxy: Client(base_url=proxy.url) …``"""

    upstream_url: str
    plan: List[Tuple] = field(default_factory=list)
    exchanges: List[Exchange] = field(default_factory=list)

    def __post_init__(self) -> None:
        parsed = urllib.parse.urlsplit(self.upstream_url)
        self._upstream = (parsed.hostname or "127.0.0.1", parsed.port or 80)
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self._server.getsockname()[1]

    def __enter__(self) -> "FaultProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed = True
        try:
            self._server.shutdown(socket.SHUT_RDWR)  # wakes the accept() that close() alone would leave listening
        except OSError:
            pass
        self._server.close()
        self._thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                action = self.plan.pop(0) if self.plan else PASS
            threading.Thread(target=self._serve, args=(conn, action), daemon=True).start()

    def _serve(self, client: socket.socket, action: Tuple) -> None:
        with client:
            client.settimeout(30)
            head, body = _read_request(client)
            exchange = Exchange(time.time(), head.decode("latin-1"), action[0])
            with self._lock:
                self.exchanges.append(exchange)
            if action[0] == "instead":
                client.sendall(_problem_answer(action[1], action[2], action[3]))
                return
            answer = self._forward(head + body)
            exchange.forwarded = True
            exchange.answer_head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
            if action[0] == "drop_answer":
                return
            if action[0] == "cut":
                client.sendall(answer[: _head_length(answer) + action[1]])
                return
            if action[0] == "replace":
                client.sendall(_problem_answer(action[1], action[2], action[3]))
                return
            client.sendall(answer)

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self._upstream, timeout=60) as upstream:
            upstream.sendall(request)
            chunks = []
            while True:
                chunk = upstream.recv(65536)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)


def _read_request(sock: socket.socket) -> Tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n", body


def _head_length(answer: bytes) -> int:
    return answer.index(b"\r\n\r\n") + 4


def _problem_answer(status: int, problem: dict, headers: dict) -> bytes:
    body = json.dumps(problem).encode("utf-8")
    lines = ["HTTP/1.1 %d Problem" % status, "Content-Type: application/problem+json",
             "Content-Length: %d" % len(body), "Connection: close"]
    lines += ["%s: %s" % item for item in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
