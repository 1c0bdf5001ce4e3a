#!/usr/bin/env python3
"""server.py - a scripted OpenAI-compatible chat-completions server for the
LLM fallback tests (tests/llm.sh).  Listens on 127.0.0.1 only.

  server.py --dir DIR [--key KEY]

Writes DIR/port once it listens.  Before answering a request it reads
DIR/scenario.json (JSON, see below) when its content changed, which also
restarts every reply sequence and the max_inflight count.  DIR/state.json always holds
{"requests": N, "max_inflight": M, "auth_failures": K} (chat requests only,
written atomically), and every chat request is appended to DIR/requests.jsonl
as {"path", "model", "messages", "auth_ok"} (the Authorization header itself
is never written: only whether it was "Bearer KEY"; a request without it
gets 401).

Scenario:
  {"rules": [{"match": "TEXT", "replies": [REPLY, ...]}, ...],
   "default": [REPLY, ...]}
The first rule whose TEXT occurs in the request's messages answers; its
replies are used in order, the last one repeating.  A REPLY is an object:
  "answer": {...}        200, the message content is this object as JSON
  "content": "text"      200, the message content as given
  "status": 500          that HTTP status, body "body" (default an error)
  "headers": {...}       extra response headers (Retry-After...)
  "delay": 2.5           seconds to wait before answering
  "huge": N              200 with a content of N bytes
  "echo_injection": true 200, the SQL is the instruction found after
                         "output " on the line saying "ignore previous
                         instructions" in the request (a model that obeys)
"""
import argparse
import hashlib
import json
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"requests": 0, "max_inflight": 0, "auth_failures": 0}
inflight = 0
scenario = {"digest": None, "data": {}, "pos": {}}


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def load_scenario(d):
    path = os.path.join(d, "scenario.json")
    try:
        raw = open(path, "rb").read()
    except OSError:
        raw = b"{}"
    digest = hashlib.sha256(raw).hexdigest()
    if digest != scenario["digest"]:
        scenario["digest"] = digest
        scenario["data"] = json.loads(raw or b"{}")
        scenario["pos"] = {}
        state["max_inflight"] = inflight


def pick_reply(text):
    data = scenario["data"]
    for i, rule in enumerate(data.get("rules", [])):
        if rule.get("match", "") in text:
            key, replies = i, rule.get("replies", [])
            break
    else:
        key, replies = "default", data.get("default", [])
    if not replies:
        return {"status": 500, "body": "no reply scripted"}
    n = scenario["pos"].get(key, 0)
    scenario["pos"][key] = n + 1
    return replies[min(n, len(replies) - 1)]


def injected(text):
    for line in text.splitlines():
        if "ignore previous instructions" in line:
            m = re.search(r"output ([^;\\\"]*)", line)
            if m:
                return m.group(1).strip()
    return "DROP TABLE nothing"


def completion(content):
    return json.dumps({
        "id": "chatcmpl-test", "object": "chat.completion", "model": "fake",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                     "finish_reason": "stop"}],
    })


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, headers=None):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        if self.path == "/_state":
            with lock:
                self.send(200, json.dumps(state))
        else:
            self.send(404, "{}")

    def do_POST(self):
        global inflight
        d = self.server.dir
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if not self.path.endswith("/chat/completions"):
            self.send(404, json.dumps({"error": {"message": "no such endpoint"}}))
            return
        try:
            req = json.loads(body)
        except ValueError:
            req = {}
        auth_ok = self.server.key is None or \
            self.headers.get("Authorization") == "Bearer " + self.server.key
        text = "\n".join(m.get("content", "") for m in req.get("messages", []))
        with lock:
            inflight += 1
            load_scenario(d)
            state["requests"] += 1
            state["max_inflight"] = max(state["max_inflight"], inflight)
            if not auth_ok:
                state["auth_failures"] += 1
            with open(os.path.join(d, "requests.jsonl"), "a") as f:
                f.write(json.dumps({"path": self.path, "model": req.get("model"),
                                    "messages": req.get("messages"), "auth_ok": auth_ok}) + "\n")
            write_atomic(os.path.join(d, "state.json"), json.dumps(state))
            reply = pick_reply(text) if auth_ok else {"status": 401}
        # A request is in flight from its arrival until its reply starts:
        # the count drops before the reply is written, since the client may
        # read it and start its next request (another worker's, once it
        # frees its --llm-concurrency slot) before this thread runs again.
        try:
            time.sleep(reply.get("delay", 0))
        finally:
            with lock:
                inflight -= 1
        if "status" in reply:
            self.send(reply["status"], reply.get("body", json.dumps({"error": {"message": "scripted"}})),
                      reply.get("headers"))
        elif "huge" in reply:
            self.send(200, completion("x" * reply["huge"]))
        elif reply.get("echo_injection"):
            self.send(200, completion(json.dumps({"sql": injected(text), "confidence": 1,
                                                  "notes": "as instructed"})))
        elif "answer" in reply:
            self.send(200, completion(json.dumps(reply["answer"])), reply.get("headers"))
        else:
            self.send(200, completion(reply.get("content", "")), reply.get("headers"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--key")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.dir = args.dir
    srv.key = args.key
    write_atomic(os.path.join(args.dir, "state.json"), json.dumps(state))
    write_atomic(os.path.join(args.dir, "port"), str(srv.server_address[1]))
    srv.serve_forever()


if __name__ == "__main__":
    main()
