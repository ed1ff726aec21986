"""A proxyless gRPC xDS client (PyPI grpcio) for gwapi's ADS server tests.

Usage: grpc_xds_client.py PORT_ONE PORT_TWO, with GRPC_XDS_BOOTSTRAP naming the xDS bootstrap.
Starts two echo servers on 127.0.0.1 ("one" and "two"), then for each line read from stdin (a backend
name) calls xds:///echo-target until the reply comes from that backend (at most 20 s), printing
"OK <reply>" or "FAIL <last reply or error>".
"""

import sys
import time
from concurrent import futures

import grpc


def serve(port, name):
    def say(request, _context):
        return name.encode() + b" " + request

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    handler = grpc.method_handlers_generic_handler(
        "echo.Echo", {"Say": grpc.unary_unary_rpc_method_handler(say)}
    )
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    return server


def main():
    servers = [serve(sys.argv[1], "one"), serve(sys.argv[2], "two")]
    channel = grpc.insecure_channel("xds:///echo-target")
    say = channel.unary_unary("/echo.Echo/Say")
    for line in sys.stdin:
        expected = line.strip()
        last = "no reply"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                reply = say(b"hi", timeout=5, wait_for_ready=True).decode()
                last = reply
                if reply.startswith(expected + " "):
                    break
            except grpc.RpcError as error:
                last = f"{error.code()}: {error.details()}"
            time.sleep(0.1)
        else:
            print(f"FAIL {last}", flush=True)
            return 1
        print(f"OK {last}", flush=True)
    channel.close()
    for server in servers:
        server.stop(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
