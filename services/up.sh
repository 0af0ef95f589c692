#!/bin/bash
# Starts (installing from Debian where missing) every service the integration tests need, on
# loopback only. Idempotent: a service already running is left as it is.
set -euo pipefail
here=$(dirname "$0")
bash "$here/tools-install.sh"
bash "$here/libvirtd-start.sh"
bash "$here/netns-up.sh"
bash "$here/virtuoso-start.sh"
bash "$here/openstack/install.sh" --with-nova
bash "$here/openstack/start.sh" --with-nova
