# Real Debian guests under QEMU, for the suites that need systemd, dpkg
# and apt, or SSH (Ansible).  Source it after test/lib.sh.
#
#   debian_image                     the image's cache directory (built
#                                    on first use, build-image.sh)
#   guest_start NAME [-a ARGS] [-d DIR]
#                                    boot guest NAME on a copy-on-write
#                                    overlay of the image, with ARGS on the
#                                    kernel command line and DIR's files
#                                    on a read-only disk (LABEL=share);
#                                    waits until root can log in by SSH.
#                                    A NAME that ran before keeps its
#                                    overlay: what it installed is there.
#   guest_ssh NAME CMD...            run CMD as root in the guest
#   guest_reboot NAME                reboot it and wait for SSH again
#   guest_stop NAME                  power it off (kill it if it hangs)
#   guest_port NAME                  its SSH port on 127.0.0.1
#
# The host side of SSH is QEMU's user-mode host forwarding, bound to
# 127.0.0.1 only, and the network is restricted: the guest reaches no
# address outside it, so a test can send nothing beyond the loopback
# range.  Guests live under $GUEST_WORK (a suite sets it to its own
# scratch directory); guest_stop_all powers off every guest there.
# shellcheck shell=bash

DEBIAN_DIR=$TEST_ROOT/debian
GUEST_WORK=${GUEST_WORK:-/tmp/kpatch-guests}
GUEST_BOOT_TIMEOUT=${GUEST_BOOT_TIMEOUT:-600}

debian_image() {
	"$DEBIAN_DIR/build-image.sh"
}

_guest_dir() { echo "$GUEST_WORK/$1"; }
guest_port() { cat "$(_guest_dir "$1")/port"; }

# A TCP port on 127.0.0.1 that nothing listens on now.
_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_guest_ssh_opts() { # NAME
	local img
	img=$(cat "$(_guest_dir "$1")/image")
	echo "-i $img/id_ed25519 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null" \
		"-o LogLevel=ERROR -o ConnectTimeout=5 -o BatchMode=yes" \
		"-o ServerAliveInterval=5 -o ServerAliveCountMax=3"
}

guest_ssh() { # NAME CMD...
	local name=$1
	shift
	# shellcheck disable=SC2046  # the options are words
	ssh $(_guest_ssh_opts "$name") -p "$(guest_port "$name")" root@127.0.0.1 "$@"
}

# Waits until root can log in, or the guest dies, or the time is up; on
# failure, shows the end of the console.
_guest_wait() { # NAME
	local name=$1 d pid t0=$SECONDS
	d=$(_guest_dir "$name")
	pid=$(cat "$d/pid")
	while ! guest_ssh "$name" true 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "guest $name: QEMU exited during boot; console:" >&2
			tail -n 30 "$d/console.log" >&2
			return 1
		fi
		if ((SECONDS - t0 > GUEST_BOOT_TIMEOUT)); then
			echo "guest $name: no SSH login after $GUEST_BOOT_TIMEOUT s; console:" >&2
			tail -n 30 "$d/console.log" >&2
			return 1
		fi
		sleep 2
	done
	echo "$((SECONDS - t0))" >"$d/boot-seconds"
}

guest_start() { # NAME [-a ARGS] [-d DIR]
	local name=$1 d img append='' share='' drives=()
	shift
	while [[ $# -gt 0 ]]; do
		case $1 in
		-a) append="$append $2"; shift ;;
		-d) share=$2; shift ;;
		*) echo "guest_start: unknown option '$1'" >&2; return 2 ;;
		esac
		shift
	done
	img=$(debian_image) || return 1
	d=$(_guest_dir "$name")
	mkdir -p "$d"
	echo "$img" >"$d/image"
	[[ -f $d/overlay.qcow2 ]] ||
		qemu-img create -q -f qcow2 -b "$img/root.img" -F raw "$d/overlay.qcow2" || return 1
	drives=(-drive "file=$d/overlay.qcow2,if=virtio,format=qcow2")
	if [[ -n $share ]]; then
		rm -f "$d/share.img"
		truncate -s 256M "$d/share.img" &&
			mke2fs -q -t ext4 -L share -d "$share" "$d/share.img" || return 1
		drives+=(-drive "file=$d/share.img,if=virtio,format=raw,readonly=on")
	fi
	_free_port >"$d/port" || return 1
	: >"$d/console.log"
	# One TCG thread for both vCPUs: see test/vm/run-vm.sh.
	qemu-system-x86_64 -accel tcg,thread=single -smp 2 -m 1536 \
		-display none -daemonize -pidfile "$d/pid" \
		-serial "file:$d/console.log" \
		-kernel "$img/vmlinuz" -initrd "$img/initrd.img" \
		-append "root=LABEL=root rw console=ttyS0 panic=-1 $append" \
		"${drives[@]}" \
		-netdev "user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:$(cat "$d/port")-:22" \
		-device virtio-net-pci,netdev=net0 || return 1
	_guest_wait "$name"
}

guest_reboot() { # NAME
	local name=$1 before now t0=$SECONDS
	before=$(guest_ssh "$name" cat /proc/sys/kernel/random/boot_id) || return 1
	# --no-block: the session returns before sshd goes down, rather than
	# hang on a connection that the guest drops.
	guest_ssh "$name" 'systemctl --no-block reboot' 2>/dev/null || true
	# Until sshd has gone down, the old boot still answers: wait for a new
	# boot id.
	while now=$(guest_ssh "$name" cat /proc/sys/kernel/random/boot_id 2>/dev/null) ||
		((SECONDS - t0 < GUEST_BOOT_TIMEOUT)); do
		[[ -n $now && $now != "$before" ]] && break
		sleep 2
	done
	_guest_wait "$name"
}

guest_stop() { # NAME
	local name=$1 d pid i
	d=$(_guest_dir "$name")
	[[ -f $d/pid ]] || return 0
	pid=$(cat "$d/pid")
	guest_ssh "$name" 'systemctl --no-block poweroff' >/dev/null 2>&1 || true
	for ((i = 0; i < 60; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	kill "$pid" 2>/dev/null || true
	rm -f "$d/pid"
}

guest_stop_all() {
	local d
	for d in "$GUEST_WORK"/*/; do
		[[ -f $d/pid ]] && guest_stop "$(basename "$d")"
	done
	return 0
}
