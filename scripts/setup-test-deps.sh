#!/usr/bin/env bash
# Installs what the test suites need beyond npm packages. Idempotent; heavy tools are cached
# outside the repository (SELDON_TS_CACHE, default ~/.cache/seldon-ts).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export SELDON_TS_CACHE="${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}"
mkdir -p "$SELDON_TS_CACHE"

apt_updated=""
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install $*" >&2; return 1; fi
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# kcat: librdkafka's mock Kafka cluster is the Kafka protocol peer of the Kafka tests.
if ! command -v kcat >/dev/null 2>&1; then
  echo "setup: installing kcat (Debian package)"
  # Older Debian/Ubuntu releases ship it as kafkacat; the tests call `kcat`.
  apt_install kcat || { apt_install kafkacat && ln -sf "$(command -v kafkacat)" /usr/local/bin/kcat; }
fi

# python3-onnx and python3-sklearn: the ONNX server's tests build their models with onnx.helper
# (packages/model-servers/test/onnx/make-models.py, examples/onnx-iris/make-model.py).
if ! /usr/bin/python3 -c 'import onnx, sklearn' >/dev/null 2>&1; then
  echo "setup: installing python3-onnx and python3-sklearn (Debian packages)"
  apt_install python3-onnx python3-sklearn
fi

# Debian's xgboost and scikit-learn: the XGBoost evaluator's tests train real models and compare
# answers with xgboost's own predictions (packages/model-servers/test/xgboost-*.test.ts).
if ! /usr/bin/python3 -c 'import xgboost, sklearn' >/dev/null 2>&1; then
  echo "setup: installing python3-xgboost and python3-sklearn (Debian packages)"
  apt_install python3-xgboost python3-sklearn
fi

# Debian's chromium: the Swagger UI page of the engine is checked in a real headless browser.
if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing chromium (Debian package)"
  apt_install chromium
fi

# grpcio (gRPC's C-core Python client, what most Seldon clients use) for the engine's gRPC
# interoperability test, installed into the cache rather than the system's Python.
pygrpc="$SELDON_TS_CACHE/pygrpc"
if ! PYTHONPATH="$pygrpc" python3 -c 'import grpc' >/dev/null 2>&1; then
  echo "setup: installing grpcio for Python into $pygrpc"
  # Not fatal here: without it only the interoperability test fails, and says why.
  python3 -m pip install -q --disable-pip-version-check --target "$pygrpc" grpcio >/dev/null 2>&1 ||
    echo "setup: WARNING: could not install grpcio; apps/engine/test/grpc-python-interop.test.ts will fail" >&2
fi

# Node 24 (the npm package `node`, which ships the binary) for the Node 24 suite of `npm test`: the
# projects run on Node 20 (>= 20.19) and Node 22/24, and the main run uses the machine's Node.
"$here/node24.sh" >/dev/null

# kube-apiserver + etcd for the operator tests (built once from Debian's kubernetes source).
if [ -x "$here/kube-envtest/ensure.sh" ]; then
  "$here/kube-envtest/ensure.sh"
fi
