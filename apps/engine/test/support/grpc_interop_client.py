"""Calls a seldon-engine over gRPC with grpcio (gRPC's C-core client, what most Seldon Python
clients use) and prints one JSON line per call for apps/engine/test/grpc-python-interop.test.ts.

usage: grpc_interop_client.py <port> <request hex>
"""
import json
import sys

import grpc

port, request_hex = sys.argv[1], sys.argv[2]
request = bytes.fromhex(request_hex)
raw = lambda b: b  # messages stay bytes; the test decodes them


def report(**fields):
    print(json.dumps(fields), flush=True)


for compression in ("none", "gzip"):
    channel = grpc.insecure_channel(
        f"127.0.0.1:{port}",
        compression=grpc.Compression.Gzip if compression == "gzip" else grpc.Compression.NoCompression,
    )
    predict = channel.unary_unary(
        "/seldon.protos.Seldon/Predict", request_serializer=raw, response_deserializer=raw
    )
    response, call = predict.with_call(request, metadata=(("seldon-puid", "py-puid"),), timeout=10)
    report(
        call="predict",
        compression=compression,
        code=call.code().name,
        response=response.hex(),
        puid=dict(call.initial_metadata()).get("seldon-puid"),
    )
    try:
        predict(b"\xff\xff\xff", timeout=10)
        report(call="bad", compression=compression, code="OK")
    except grpc.RpcError as err:
        report(
            call="bad",
            compression=compression,
            code=err.code().name,
            details=err.details(),
            errorCode=dict(err.trailing_metadata() or ()).get("seldon-error-code"),
        )
    health = channel.unary_unary(
        "/grpc.health.v1.Health/Check", request_serializer=raw, response_deserializer=raw
    )
    report(call="health", compression=compression, response=health(b"", timeout=10).hex())
    unknown = channel.unary_unary("/no.Such/Method", request_serializer=raw, response_deserializer=raw)
    try:
        unknown(b"", timeout=10)
        report(call="unknown", compression=compression, code="OK")
    except grpc.RpcError as err:
        report(call="unknown", compression=compression, code=err.code().name)
    channel.close()
