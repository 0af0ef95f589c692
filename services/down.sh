#!/bin/bash
# Stops the services up.sh started (only the processes it recorded).
set -euo pipefail
here=$(dirname "$0")
bash "$here/virtuoso-stop.sh"
bash "$here/libvirtd-stop.sh"
bash "$here/netns-down.sh"
bash "$here/openstack/stop.sh"
