"""`copydesk lsp` as a new user meets it with the plainest stdio client: hand-written framing,
no capabilities declared. Open the seed, get its findings, apply a quick fix (a command,
since this client takes no code action literals), see the finding cleared; send garbage,
and the server answers it and keeps serving; shutdown and exit cleanly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading

import pytest

from conftest import copydesk_bin

TIMEOUT = 30


class Plain:
    def __init__(self, cwd, env=None):
        self.p = subprocess.Popen(
            [copydesk_bin(), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
            env=env,
        )
        self.stderr = []
        self.stderr_reader = threading.Thread(target=lambda: self.stderr.extend(self.p.stderr), daemon=True)
        self.stderr_reader.start()
        self.next_id = 1

    def raw(self, data: bytes):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg: dict):
        body = json.dumps(msg).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def recv(self) -> dict:
        length = None
        while True:
            line = self.p.stdout.readline()
            assert line, "the server closed its output"
            line = line.strip()
            if not line:
                break
            name, value = line.split(b":", 1)
            assert name.lower() == b"content-length", f"unexpected header {line!r}"
            length = int(value)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        return i

    def until(self, pred) -> dict:
        while True:
            m = self.recv()
            if pred(m):
                return m


def covered(text: str, rng: dict) -> str:
    """The text a range covers, reading its positions as UTF-16 code units (what a client
    that negotiated nothing counts in)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def index(pos: dict) -> int:
        i, units = starts[pos["line"]], 0
        while units < pos["character"]:
            units += len(text[i].encode("utf-16-le")) // 2
            i += 1
        return i

    return text[index(rng["start"]) : index(rng["end"])]


@pytest.fixture
def plain(tmp_path):
    s = Plain(tmp_path)
    timer = threading.Timer(TIMEOUT, s.p.kill)
    timer.start()
    yield s
    timer.cancel()
    s.p.kill()


def test_seed_fix_and_garbage_with_a_plain_stdio_client(plain: Plain, tmp_path, seed_text: str):
    i = plain.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    init = plain.until(lambda m: m.get("id") == i)["result"]
    assert init["capabilities"]["positionEncoding"] == "utf-16"
    plain.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = (tmp_path / "story.txt").as_uri()
    plain.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": seed_text}}})
    published = lambda v: lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["version"] == v
    diags = plain.until(published(1))["params"]["diagnostics"]
    misspelled = [d for d in diags if d["code"] == "misspelling"]
    assert [d["message"] for d in misspelled] == ["Misspelling «سلسة»: write «سلسلة»", "Misspelling «للإدراة»: write «للإدارة»"]
    assert [covered(seed_text, d["range"]) for d in misspelled] == ["سلسة", "للإدراة"], "ranges cover exactly the words"

    target = misspelled[1]
    i = plain.request("textDocument/codeAction",
                      {"textDocument": {"uri": uri}, "range": target["range"], "context": {"diagnostics": [target]}})
    actions = plain.until(lambda m: m.get("id") == i)["result"]
    assert all(isinstance(a["command"], str) for a in actions), "no literals for a client that did not ask"
    fix = next(a for a in actions if a["title"] == "Replace with «للإدارة»")
    i = plain.request("workspace/executeCommand", {"command": fix["command"], "arguments": fix["arguments"]})
    apply, answered = None, False
    while apply is None or not answered:  # the command's answer and the server's request, in any order
        m = plain.recv()
        if m.get("method") == "workspace/applyEdit":
            apply = m
            plain.send({"jsonrpc": "2.0", "id": m["id"], "result": {"applied": True}})
        elif m.get("id") == i:
            assert "error" not in m
            answered = True
    edits = apply["params"]["edit"]["changes"][uri]
    plain.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": 2},
                           "contentChanges": [{"range": e["range"], "text": e["newText"]} for e in reversed(edits)]}})
    diags = plain.until(published(2))["params"]["diagnostics"]
    assert [d["message"] for d in diags if d["code"] == "misspelling"] == ["Misspelling «سلسة»: write «سلسلة»"]
    fixed = seed_text.replace("للإدراة", "للإدارة", 1)
    assert [covered(fixed, d["range"]) for d in diags if d["code"] == "misspelling"] == ["سلسة"]

    for junk, code in [(b"Content-Length: 9\r\n\r\n{not json", -32700), (b"\x00\x01 garbage\r\n\r\n", -32700),
                       (b"Content-Length: abc\r\n\r\n", -32700), (b'Content-Length: 2\r\n\r\n[]', -32600)]:
        plain.raw(junk)
        err = plain.until(lambda m: "error" in m and m.get("id") is None)
        assert err["error"]["code"] == code, (junk, err)
    i = plain.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                      "range": {"start": {"line": 10**6, "character": 10**6}, "end": {"line": 0, "character": 0}},
                      "context": {"diagnostics": []}})
    assert "result" in plain.until(lambda m: m.get("id") == i)

    # An unknown header, and Content-Lengths shorter and longer than their bodies: each costs
    # at most its own message; the server resynchronises at the next header.
    def frame(msg: dict, delta: int = 0, before: bytes = b"") -> bytes:
        body = json.dumps(msg, ensure_ascii=False).encode()
        return before + b"Content-Length: %d\r\n\r\n" % (len(body) + delta) + body

    def action(i: int) -> dict:
        return {"jsonrpc": "2.0", "id": i, "method": "textDocument/codeAction",
                "params": {"textDocument": {"uri": uri + "-not-open"},
                           "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                           "context": {"diagnostics": []}}}

    def answers(*ids) -> dict:
        got = {}
        while len(got) < len(ids):
            m = plain.recv()
            if m.get("id") in ids and "method" not in m:
                got[m["id"]] = m
        return got

    plain.raw(frame(action(901), before=b"X-Foo: bar\r\n"))
    assert answers(901)[901]["result"] is None
    plain.raw(frame(action(902), delta=-20) + frame(action(903)))
    got = answers(902, 903)
    assert got[902]["error"]["code"] == -32700 and got[903]["result"] is None, got
    plain.raw(frame(action(904), delta=+100) + frame(action(905)))
    got = answers(904, 905)
    assert got[904]["result"] is None and got[905]["result"] is None, got

    i = plain.request("shutdown", None)
    plain.until(lambda m: m.get("id") == i)
    plain.send({"jsonrpc": "2.0", "method": "exit"})
    assert plain.p.wait(timeout=TIMEOUT) == 0
    plain.stderr_reader.join(timeout=TIMEOUT)
    assert any(b"malformed" in line for line in plain.stderr), "malformed input is logged to stderr"


def test_shutdown_keeps_the_dictionary_verdicts_for_the_next_start(tmp_path, seed_text: str):
    """The server writes the verdict cache on shutdown, as the CLI does after a check, so the
    next start answers from it instead of parsing the dictionary."""
    cache = tmp_path / "cache"
    s = Plain(tmp_path, env={**os.environ, "COPYDESK_CACHE_DIR": str(cache)})
    timer = threading.Timer(TIMEOUT, s.p.kill)
    timer.start()
    try:
        i = s.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        s.until(lambda m: m.get("id") == i)
        s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        uri = (tmp_path / "story.txt").as_uri()
        s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": seed_text}}})
        s.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        # The compiled dictionary (hunspell-*.bin) may be written as soon as it is first needed;
        # the verdicts wait for shutdown.
        assert not list(cache.glob("verdicts-*")), "no verdicts are written before shutdown"
        i = s.request("shutdown", None)
        s.until(lambda m: m.get("id") == i)
        written = list(cache.glob("verdicts-*"))
        assert written, f"no verdict cache in {cache}: {list(cache.iterdir()) if cache.exists() else 'no folder'}"
        assert written[0].stat().st_size > 1000, "the seed story's verdicts are in it"
        s.send({"jsonrpc": "2.0", "method": "exit"})
        assert s.p.wait(timeout=TIMEOUT) == 0
    finally:
        timer.cancel()
        s.p.kill()
