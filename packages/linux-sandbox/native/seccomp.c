/* seccomp: one raw BPF filter. Wrong architecture (e.g. i386 int 0x80 on x86_64) kills
 * the process; everything else denied fails with EPERM: x32 numbers, ptrace and other
 * processes' memory and fds, io_uring, keyrings, bpf, TIOCSTI/TIOCLINUX/TIOCSETD, AF_VSOCK. Without
 * network, as Codex: connect/bind/listen/accept (any family), batched datagrams, sendto
 * with an address, and sockets other than AF_UNIX stream/seqpacket. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438
#endif
#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#define __NR_io_uring_enter 426
#define __NR_io_uring_register 427
#endif

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#define X32_SYSCALL_BIT 0x40000000U
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

#define DENY (SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))
#define MAX_INSNS 160

struct prog { struct sock_filter f[MAX_INSNS]; unsigned short n; };

static void emit(struct prog *p, unsigned short code, unsigned char jt, unsigned char jf, unsigned k) {
  if (p->n >= MAX_INSNS) die(EXIT_SETUP, "seccomp filter too long");
  p->f[p->n++] = (struct sock_filter)BPF_JUMP(code, k, jt, jf);
}

static void deny_nr(struct prog *p, unsigned nr) {
  emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, nr);
  emit(p, BPF_RET | BPF_K, 0, 0, DENY);
}

#define ARG_LO(n) ((unsigned)offsetof(struct seccomp_data, args[n]))
#define ARG_HI(n) ((unsigned)offsetof(struct seccomp_data, args[n]) + 4) /* little-endian */
#define RET(p, v) emit(p, BPF_RET | BPF_K, 0, 0, v)
#define LD(p, off) emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, off)
#define JEQ(p, k, jt, jf) emit(p, BPF_JMP | BPF_JEQ | BPF_K, jt, jf, k)

/* Each block below tests the syscall number held in the accumulator and, when it matches,
 * returns on every path (it clobbers the accumulator); otherwise it falls through. */

/* socket()/socketpair(). Without network: AF_UNIX only, and not SOCK_DGRAM (a datagram
 * socket can address a named socket outside with sendmsg, which seccomp cannot inspect).
 * With network: everything but AF_VSOCK (host services outside any namespace). */
static void socket_rule(struct prog *p, unsigned nr, int network) {
  if (network) {
    JEQ(p, nr, 0, 4);
    LD(p, ARG_LO(0));
    JEQ(p, AF_VSOCK, 0, 1);
    RET(p, DENY);
    RET(p, SECCOMP_RET_ALLOW);
    return;
  }
  JEQ(p, nr, 0, 8);
  LD(p, ARG_LO(0));
  JEQ(p, AF_UNIX, 1, 0);
  RET(p, DENY);
  LD(p, ARG_LO(1));
  emit(p, BPF_ALU | BPF_AND | BPF_K, 0, 0, 0xf); /* the type without SOCK_NONBLOCK/CLOEXEC */
  JEQ(p, SOCK_DGRAM, 0, 1);
  RET(p, DENY);
  RET(p, SECCOMP_RET_ALLOW);
}

/* sendto() with a destination address (args[4] != NULL); a plain send() on a connected
 * socket (a socketpair, a pipe-like stream) stays allowed. */
static void sendto_rule(struct prog *p) {
  JEQ(p, __NR_sendto, 0, 6);
  LD(p, ARG_LO(4));
  JEQ(p, 0, 0, 3);
  LD(p, ARG_HI(4));
  JEQ(p, 0, 0, 1);
  RET(p, SECCOMP_RET_ALLOW);
  RET(p, DENY);
}

/* ioctl(TIOCSTI) pushes input into a terminal, TIOCLINUX can on a virtual console.
 * TIOCSETD switches a terminal's line discipline: with dev.tty.ldisc_autoload = 1 (the
 * default) that loads kernel modules (n_hdlc, n_gsm, ...: kernel code with a history of
 * privilege escalations) for anyone holding a terminal, as a PTY command does. The kernel
 * reads the request as 32 bits, so only the low word is compared. */
static void ioctl_rule(struct prog *p) {
  JEQ(p, __NR_ioctl, 0, 6);
  LD(p, ARG_LO(1));
  JEQ(p, TIOCSTI, 2, 0);
  JEQ(p, TIOCLINUX, 1, 0);
  JEQ(p, TIOCSETD, 0, 1);
  RET(p, DENY);
  RET(p, SECCOMP_RET_ALLOW);
}

void apply_seccomp(const struct policy *pol, int landlock_abi_below_3) {
#ifndef NATIVE_ARCH
  (void)pol; (void)landlock_abi_below_3;
  die(EXIT_NO_SECCOMP, "the seccomp filter supports x86_64 and aarch64 only");
#else
  if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0 && errno == EINVAL)
    die(EXIT_NO_SECCOMP, "seccomp is not available on this kernel (CONFIG_SECCOMP_FILTER is off)");
  struct prog p = { .n = 0 };
  LD(&p, (unsigned)offsetof(struct seccomp_data, arch));
  JEQ(&p, NATIVE_ARCH, 1, 0);
  RET(&p, SECCOMP_RET_KILL_PROCESS);
  LD(&p, (unsigned)offsetof(struct seccomp_data, nr));
#ifdef X32_SYSCALL_BIT
  emit(&p, BPF_JMP | BPF_JGE | BPF_K, 0, 1, X32_SYSCALL_BIT);
  RET(&p, DENY);
#endif
  if (pol->mode != MODE_FULL_ACCESS) {
    /* Other processes (ptrace, their memory, their fds), io_uring (its socket op bypasses
     * the socket rule), kernel keyrings (shared with the host by uid), eBPF. */
    static const unsigned always[] = { __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev,
                                       __NR_pidfd_getfd, __NR_io_uring_setup, __NR_io_uring_enter,
                                       __NR_io_uring_register, __NR_keyctl, __NR_add_key, __NR_request_key,
                                       __NR_bpf };
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) deny_nr(&p, always[i]);
    /* Before Landlock ABI 3, truncate(2) by path is not a handled right. */
    if (landlock_abi_below_3) deny_nr(&p, __NR_truncate);
    ioctl_rule(&p);
  }
  if (!pol->network) {
    /* As Codex: no connecting, binding, listening or accepting (unix sockets included, so
     * a named socket outside is unreachable), no batched datagrams. */
    static const unsigned net[] = { __NR_connect, __NR_bind, __NR_listen, __NR_accept, __NR_accept4,
                                    __NR_sendmmsg, __NR_recvmmsg };
    for (size_t i = 0; i < sizeof net / sizeof net[0]; i++) deny_nr(&p, net[i]);
    sendto_rule(&p);
  }
  if (pol->mode != MODE_FULL_ACCESS) {
    socket_rule(&p, __NR_socket, pol->network);
    socket_rule(&p, __NR_socketpair, pol->network);
  }
  RET(&p, SECCOMP_RET_ALLOW);

  struct sock_fprog fprog = { p.n, p.f };
  if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) {
    int err = errno;
    if (err == ENOSYS && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0) return;
    die(EXIT_NO_SECCOMP, "installing the seccomp filter failed: %s", strerror(err));
  }
#endif
}
