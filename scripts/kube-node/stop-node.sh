#!/bin/bash
# Stops what start-node.sh started (by the pids it wrote) and removes the pods' containers.
K=${K:-${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/kube}; R=$K/run
for n in proxy kubelet scheduler kcm apiserver etcd; do [ -f "$R/$n.pid" ] && kill "$(cat "$R/$n.pid")" 2>/dev/null; rm -f "$R/$n.pid"; done
sleep 1
ids=$(docker ps -aq --filter name=k8s_ 2>/dev/null); [ -n "$ids" ] && docker rm -f $ids >/dev/null
exit 0
