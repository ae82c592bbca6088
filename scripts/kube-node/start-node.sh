#!/bin/bash
# A real single-node Kubernetes v1.20 on this machine: etcd + kube-apiserver + kube-controller-manager +
# kube-scheduler + kubelet (Docker through the kubelet's built-in dockershim) + kube-proxy (iptables).
# Pods really run as Docker containers on the docker0 bridge of THIS machine; Service IPs (10.0.0.0/24) are
# kube-proxy's iptables rules on this machine. Nothing leaves the machine.
# Needs: build.sh (binaries in $K/bin), base-image.sh (dockerd running, pause image). State under $K/run.
set -euo pipefail
K=${K:-${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/kube}; R=$K/run; P=$K/pki; PORT=${PORT:-6443}; EP=${ETCD_PORT:-2379}
if ! command -v conntrack >/dev/null || ! command -v socat >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq conntrack socat >/dev/null
fi
HOSTIP=$(ip -4 -o addr show docker0 | awk '{print $4}' | cut -d/ -f1)   # the host as seen from pods
[ -n "$HOSTIP" ] || { echo "no docker0: run base-image.sh first"; exit 1; }
# Service IPs are routed to docker0, so a packet that kube-proxy has not (yet) rewritten stays on this machine.
ip route replace 10.0.0.0/24 dev docker0
mkdir -p "$R" "$P"; rm -rf "$R/etcd-data"
if [ ! -f "$P/ca.crt" ]; then
  (cd "$P"
   openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=kube-node-ca" -keyout ca.key -out ca.crt 2>/dev/null
   openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout apiserver.key -out apiserver.csr 2>/dev/null
   printf 'subjectAltName=IP:127.0.0.1,IP:%s,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\n' "$HOSTIP" > ext.cnf
   openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile ext.cnf -out apiserver.crt 2>/dev/null
   openssl genrsa -out sa.key 2048 2>/dev/null; openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
   echo "$(openssl rand -hex 16),admin,admin-uid,system:masters" > tokens.csv)
fi
TOKEN=$(cut -d, -f1 "$P/tokens.csv")
cat > "$K/kubeconfig" <<EOK
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster: {server: "https://127.0.0.1:$PORT", certificate-authority: "$P/ca.crt"}
users:
- name: admin
  user: {token: "$TOKEN"}
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: default}
current-context: local
EOK
bg() { local name=$1; shift; "$@" > "$R/$name.log" 2>&1 & echo $! > "$R/$name.pid"; }
bg etcd etcd --name default --data-dir "$R/etcd-data" \
  --listen-client-urls http://127.0.0.1:$EP --advertise-client-urls http://127.0.0.1:$EP \
  --listen-peer-urls http://127.0.0.1:$((EP+1)) --initial-advertise-peer-urls http://127.0.0.1:$((EP+1)) \
  --initial-cluster default=http://127.0.0.1:$((EP+1)) --listen-metrics-urls http://127.0.0.1:$((EP+2))
until curl -sf http://127.0.0.1:$EP/health >/dev/null 2>&1; do sleep 0.05; done
# Bound to all addresses so pods reach it at $HOSTIP (the 'kubernetes' Service points there); token auth only.
bg apiserver "$K/bin/kube-apiserver" --etcd-servers=http://127.0.0.1:$EP \
  --bind-address=0.0.0.0 --advertise-address="$HOSTIP" --secure-port=$PORT --insecure-port=0 \
  --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" --client-ca-file="$P/ca.crt" \
  --token-auth-file="$P/tokens.csv" --authorization-mode=Node,RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true --kubelet-preferred-address-types=InternalIP --cert-dir="$R/certs" --profiling=false
until curl -sf --cacert "$P/ca.crt" -H "Authorization: Bearer $TOKEN" https://127.0.0.1:$PORT/readyz >/dev/null 2>&1; do
  kill -0 "$(cat "$R/apiserver.pid")" 2>/dev/null || { echo "kube-apiserver exited"; tail -20 "$R/apiserver.log"; exit 1; }
  sleep 0.1
done
bg kcm "$K/bin/kube-controller-manager" --kubeconfig="$K/kubeconfig" --authentication-kubeconfig="$K/kubeconfig" \
  --authorization-kubeconfig="$K/kubeconfig" --bind-address=127.0.0.1 --port=0 --secure-port=10257 --leader-elect=false \
  --service-account-private-key-file="$P/sa.key" --root-ca-file="$P/ca.crt" --use-service-account-credentials=true
bg scheduler "$K/bin/kube-scheduler" --kubeconfig="$K/kubeconfig" --authentication-kubeconfig="$K/kubeconfig" \
  --authorization-kubeconfig="$K/kubeconfig" --bind-address=127.0.0.1 --port=0 --secure-port=10259 --leader-elect=false
cat > "$R/kubelet.yaml" <<EOC
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $HOSTIP
port: 10250
readOnlyPort: 0
authentication: {anonymous: {enabled: true}, webhook: {enabled: false}, x509: {clientCAFile: "$P/ca.crt"}}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
cgroupsPerQOS: false
enforceNodeAllocatable: []
failSwapOn: false
clusterDomain: cluster.local
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
# A changed ConfigMap reaches mounted volumes at the next pod sync: 10 s here instead of the default
# 1 min, so the suite's parameter change is seen sooner (docs/kubernetes.md gives the default's delay).
syncFrequency: 10s
EOC
bg kubelet "$K/bin/kubelet" --kubeconfig="$K/kubeconfig" --config="$R/kubelet.yaml" --container-runtime=docker \
  --pod-infra-container-image=k8s.gcr.io/pause:3.2 --hostname-override=node-1 --node-ip="$HOSTIP" \
  --root-dir="$R/kubelet" --cert-dir="$R/kubelet-pki"
bg proxy "$K/bin/kube-proxy" --kubeconfig="$K/kubeconfig" --hostname-override=node-1 --proxy-mode=iptables \
  --conntrack-max-per-core=0 --bind-address=127.0.0.1 --metrics-bind-address=127.0.0.1:10249 --healthz-bind-address=127.0.0.1:10256
export KUBECONFIG=$K/kubeconfig
for i in $(seq 1 120); do kubectl get node node-1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True && break; sleep 0.5; done
kubectl get nodes
