/* seccomp: one raw BPF filter. Wrong architecture (e.g. i386 int 0x80 on x86_64) kills
 * the process; x32 syscall numbers, ptrace and cross-process memory access, io_uring
 * (its socket op bypasses a socket() filter) fail with EPERM; without network, socket()
 * and socketpair() fail with EPERM for every family except AF_UNIX. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
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
#define MAX_INSNS 128

struct prog { struct sock_filter f[MAX_INSNS]; unsigned short n; };

static void emit(struct prog *p, unsigned short code, unsigned char jt, unsigned char jf, unsigned k) {
  if (p->n >= MAX_INSNS) die(EXIT_SETUP, "seccomp filter too long");
  p->f[p->n++] = (struct sock_filter)BPF_JUMP(code, k, jt, jf);
}

static void deny_nr(struct prog *p, unsigned nr) {
  emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, nr);
  emit(p, BPF_RET | BPF_K, 0, 0, DENY);
}

/* socket()/socketpair(): allowed only for AF_UNIX. The accumulator holds nr on the
 * not-taken path, so blocks chain without reloading it. */
static void unix_only(struct prog *p, unsigned nr) {
  emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 4, nr);
  emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, (unsigned)offsetof(struct seccomp_data, args[0]));
  emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, AF_UNIX);
  emit(p, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
  emit(p, BPF_RET | BPF_K, 0, 0, DENY);
}

void apply_seccomp(const struct policy *pol, int landlock_abi_below_3) {
#ifndef NATIVE_ARCH
  (void)pol; (void)landlock_abi_below_3;
  die(EXIT_NO_SECCOMP, "the seccomp filter supports x86_64 and aarch64 only");
#else
  if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0 && errno == EINVAL)
    die(EXIT_NO_SECCOMP, "seccomp is not available on this kernel (CONFIG_SECCOMP_FILTER is off)");
  struct prog p = { .n = 0 };
  emit(&p, BPF_LD | BPF_W | BPF_ABS, 0, 0, (unsigned)offsetof(struct seccomp_data, arch));
  emit(&p, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, NATIVE_ARCH);
  emit(&p, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_KILL_PROCESS);
  emit(&p, BPF_LD | BPF_W | BPF_ABS, 0, 0, (unsigned)offsetof(struct seccomp_data, nr));
#ifdef X32_SYSCALL_BIT
  emit(&p, BPF_JMP | BPF_JGE | BPF_K, 0, 1, X32_SYSCALL_BIT);
  emit(&p, BPF_RET | BPF_K, 0, 0, DENY);
#endif
  if (pol->mode != MODE_FULL_ACCESS) {
    static const unsigned always[] = { __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev,
                                       __NR_pidfd_getfd, __NR_io_uring_setup, __NR_io_uring_enter,
                                       __NR_io_uring_register };
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++) deny_nr(&p, always[i]);
    /* Before Landlock ABI 3, truncate(2) by path is not a handled right. */
    if (landlock_abi_below_3) deny_nr(&p, __NR_truncate);
  }
  if (!pol->network) {
    unix_only(&p, __NR_socket);
    unix_only(&p, __NR_socketpair);
  }
  emit(&p, BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);

  struct sock_fprog fprog = { p.n, p.f };
  if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) {
    int err = errno;
    if (err == ENOSYS && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0) return;
    die(EXIT_NO_SECCOMP, "installing the seccomp filter failed: %s", strerror(err));
  }
#endif
}
