#!/bin/bash
# Installs the command-line tools the delivery adapters drive, from Debian's archive (only what is
# missing): ansible-core for the ansible adapter, qemu-utils (qemu-img) for disk images and migration,
# chromium for the marketplace page's browser test. terraform is not in Debian (its licence is not
# free); the CI machine image has it on PATH, and this script checks that it is there.
source "$(dirname "$0")/lib.sh"
t=$(now)
apt_ensure ansible-core
apt_ensure qemu-utils
apt_ensure chromium
command -v qemu-img >/dev/null || { log "qemu-img missing after install"; exit 1; }
command -v ansible-playbook >/dev/null || { log "ansible-playbook missing after install"; exit 1; }
[ -x /usr/bin/chromium ] || { log "chromium missing after install"; exit 1; }
command -v terraform >/dev/null || { log "terraform is not on PATH: install it from https://developer.hashicorp.com/terraform/install"; exit 1; }
log "tools: ansible-core $(ansible-playbook --version | head -1 | grep -o '[0-9.]*\]*$' | tr -d ']'), $(TF_CLI_CONFIG_FILE=/dev/null terraform version | head -1) ($(since "$t") s)"
