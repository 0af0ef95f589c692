#!/bin/bash
# Removes the namespaces netns-up.sh made (their veth pairs go with them).
set -euo pipefail
for ns in mpli-os mpli-one mpli-lv; do
  ip netns list | grep -qw "$ns" && ip netns del "$ns"
  ip link del "$ns-r" 2>/dev/null || true
done
