#!/bin/sh
# Generates the Python gRPC code for the organizer API with Debian's protoc and grpc_python_plugin
# (packages protobuf-compiler, protobuf-compiler-grpc, libprotobuf-dev).
# Usage: ./regenerate.sh [OUTPUT_DIR]   (default: ./generated next to this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/generated"}
proto="$here/../../src/main/proto"
mkdir -p "$out"
protoc -I "$proto" -I /usr/include \
    --python_out="$out" \
    --grpc_out="$out" \
    --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin \
    "$proto"/framewise/organizer/v1/*.proto
echo "generated into $out"
