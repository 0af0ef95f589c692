#!/bin/bash
# Three network namespaces for the migration proof of concept, one per provider's network:
# mpli-os (10.231.1.2), mpli-one (10.231.2.2) and mpli-lv (10.231.3.2). Each is joined to the
# root namespace by a veth pair (the root side is 10.231.N.1, where a relay listens) and has no
# default route, so no namespace reaches another: only a relay in the root namespace joins them.
# Idempotent. Needs root (CAP_NET_ADMIN) and iproute2.
source "$(dirname "$0")/lib.sh"
t=$(now)
apt_ensure iproute2
n=0
for ns in mpli-os mpli-one mpli-lv; do
  n=$((n + 1))
  if ! ip netns list | grep -qw "$ns"; then
    ip netns add "$ns"
    ip link add "$ns-r" type veth peer name "$ns-n"
    ip link set "$ns-n" netns "$ns"
    ip addr add "10.231.$n.1/24" dev "$ns-r"
    ip link set "$ns-r" up
    ip -n "$ns" addr add "10.231.$n.2/24" dev "$ns-n"
    ip -n "$ns" link set "$ns-n" up
    ip -n "$ns" link set lo up
  fi
done
# The proof that they are apart: from mpli-os, the other two networks are unreachable.
if ip netns exec mpli-os ip route get 10.231.2.2 >/dev/null 2>&1; then log "mpli-os has a route to mpli-one: the namespaces are not apart"; exit 1; fi
log "network namespaces mpli-os, mpli-one, mpli-lv ready, no route between them ($(since "$t") s)"
