"""The ERP and the mail server of the benchmark, on loopback: an HTTP ERP that answers 200 to every POST and
counts requests and distinct Idempotency-Keys (GET /stats), and an SMTP sink that accepts every message.

Usage: sinks.py ERP_PORT SMTP_PORT
"""
import http.server
import json
import socketserver
import sys
import threading

erp_port, smtp_port = int(sys.argv[1]), int(sys.argv[2])
lock = threading.Lock()
requests, keys, mails = [0], set(), [0]


class Erp(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with lock:
            requests[0] += 1
            keys.add(self.headers.get("Idempotency-Key"))
        self.answer(b"{}")

    def do_GET(self):
        with lock:
            stats = {"requests": requests[0], "distinct_keys": len(keys), "mails": mails[0]}
        self.answer(json.dumps(stats).encode())

    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip().upper()
            if command.startswith("EHLO"):
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif command == "DATA":
                self.wfile.write(b"354 go ahead\r\n")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                with lock:
                    mails[0] += 1
                self.wfile.write(b"250 queued\r\n")
            elif command == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class SmtpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


threading.Thread(target=SmtpServer(("127.0.0.1", smtp_port), Smtp).serve_forever, daemon=True).start()
http.server.ThreadingHTTPServer(("127.0.0.1", erp_port), Erp).serve_forever()
