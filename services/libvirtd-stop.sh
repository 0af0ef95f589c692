#!/bin/bash
# Stops what libvirtd-start.sh started: first the VMs (QEMU processes) this libvirtd runs,
# through libvirt itself, then the recorded libvirtd pid. Touches no other process.
source "$(dirname "$0")/lib.sh"
if pid_alive libvirtd /usr/sbin/libvirtd; then
  for dom in $(virsh -q -c qemu:///system list --name 2>/dev/null); do
    log "destroying VM $dom"; virsh -q -c qemu:///system destroy "$dom" >/dev/null || true
  done
  for dom in $(virsh -q -c qemu:///system list --all --name 2>/dev/null | grep '^mpli-' || true); do
    virsh -q -c qemu:///system undefine "$dom" >/dev/null || true
  done
fi
stop_pid libvirtd /usr/sbin/libvirtd 20
