#!/bin/bash
# a real libvirtd (monolithic, Debian 12 = libvirt 9.0) + QEMU, without systemd.
#  - unix socket  /run/libvirt/libvirt-sock          (qemu:///system, test+unix:///default)
#  - TCP          127.0.0.1:${LIBVIRT_TCP_PORT:-16509}, auth none  (qemu+tcp://127.0.0.1/system)
# Needs root. Does NOT install libvirt-daemon-system (that pulls in systemd); instead it
# creates the libvirt-qemu user and a minimal /etc/libvirt/qemu.conf itself.
# Idempotent: re-running with libvirtd already up is a no-op. Pid: $MPLI_SVC_DIR/libvirtd.pid
source "$(dirname "$0")/lib.sh"
PORT=${LIBVIRT_TCP_PORT:-16509}
D=$MPLI_SVC_DIR/libvirtd; mkdir -p "$D"
[ "$(id -u)" = 0 ] || { echo "libvirtd recipe needs root" >&2; exit 1; }

if pid_alive libvirtd /usr/sbin/libvirtd; then log "libvirtd already running (pid $(cat "$MPLI_SVC_DIR/libvirtd.pid"))"; exit 0; fi

t=$(now)
apt_ensure libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils
log "packages: $(since "$t")s"

# libvirt's QEMU driver resolves its compiled-in default user (libvirt-qemu) BEFORE reading
# qemu.conf and refuses to start if it does not exist (normally libvirt-daemon-system creates it).
getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
getent passwd libvirt-qemu >/dev/null || useradd --system --no-create-home --home-dir /var/lib/libvirt \
  --shell /usr/sbin/nologin -g libvirt-qemu libvirt-qemu

MARK="# mpli services (services/libvirtd-start.sh)"
if [ ! -e /etc/libvirt/qemu.conf ] || grep -q "^$MARK" /etc/libvirt/qemu.conf; then
  cat > /etc/libvirt/qemu.conf <<EOF
$MARK (libvirt-daemon-system not installed; safe to overwrite)
user = "root"
group = "root"
security_driver = "none"
# no virtlogd: QEMU stdout/stderr go straight to /var/log/libvirt/qemu/<dom>.log
stdio_handler = "file"
remember_owner = 0
EOF
else
  log "keeping existing /etc/libvirt/qemu.conf (not ours)"
fi
mkdir -p /var/log/libvirt/qemu /var/lib/libvirt/images

cat > "$D/libvirtd.conf" <<EOF
listen_tls = 0
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$PORT"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_group = "root"
unix_sock_rw_perms = "0770"
log_outputs = "3:file:$D/libvirtd.log"
EOF

port_free "$PORT" || { echo "port $PORT busy" >&2; exit 1; }
[ -S /run/libvirt/libvirt-sock ] && virsh -c qemu:///system version >/dev/null 2>&1 && {
  echo "another libvirtd already serves /run/libvirt/libvirt-sock" >&2; exit 1; }

t=$(now)
# foreground process in the background: $! is libvirtd itself (no --daemon double fork)
setsid /usr/sbin/libvirtd --listen -f "$D/libvirtd.conf" -p "$D/libvirtd.pidfile" </dev/null >"$D/stdout.log" 2>&1 &
echo $! > "$MPLI_SVC_DIR/libvirtd.pid"
if ! wait_for 60 virsh -c qemu:///system version; then
  echo "libvirtd did not come up; log:" >&2; tail -20 "$D/libvirtd.log" >&2; exit 1
fi
log "libvirtd pid $(cat "$MPLI_SVC_DIR/libvirtd.pid") ready in $(since "$t")s (first start probes QEMU caps: ~10 s, cached afterwards)"
virsh -c "qemu+tcp://127.0.0.1:$PORT/system" version --daemon | sed -n '1,5p'
