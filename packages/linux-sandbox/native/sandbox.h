/* Shared declarations of the codex-linux-sandbox helper: the parsed policy, the
 * exit codes (documented in README.md, mirrored in src/exit-codes.ts), and the steps. */
#ifndef CODEX_SANDBOX_H
#define CODEX_SANDBOX_H
#include <stddef.h>
#include <sys/types.h>

#define EXIT_USAGE 120          /* bad arguments, bad --policy / --limits JSON */
#define EXIT_NO_LANDLOCK 121    /* Landlock missing, disabled or refused */
#define EXIT_NO_SECCOMP 122     /* seccomp missing or refused */
#define EXIT_SETUP 123          /* any other set-up failure (prctl, setrlimit, mounts) */
#define EXIT_EXEC_FAILED 126    /* the command exists but could not be executed */
#define EXIT_NOT_FOUND 127      /* the command was not found */

#define MAX_ROOTS 64
#define MAX_PROTECTED 256

enum mode { MODE_READ_ONLY, MODE_WORKSPACE_WRITE, MODE_FULL_ACCESS };

struct policy {
  enum mode mode;
  int network;                        /* network allowed */
  size_t nroots;
  char *roots[MAX_ROOTS];             /* canonical absolute writable roots */
  size_t nprotected;
  char *protected_paths[MAX_PROTECTED]; /* existing .git/.codex directly inside a root */
};

/* Print "codex-linux-sandbox: <msg>" to stderr and exit with code. */
void die(int code, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

/* landlock.c: restrict the filesystem. use_mount_ro says protected paths were already
 * made read-only by protect_with_mounts, so roots can be granted whole. */
void apply_landlock(const struct policy *pol, int use_mount_ro);
/* seccomp.c: install the syscall filter (network, ptrace, io_uring, x32, arch). */
void apply_seccomp(const struct policy *pol, int landlock_abi_below_3);
/* protect.c: bind protected paths read-only in a private mount namespace.
 * Returns 1 on success, 0 when namespaces are unavailable (caller falls back). */
int protect_with_mounts(const struct policy *pol);
/* landlock.c: the running kernel's Landlock ABI, or -errno. */
int landlock_abi(void);
/* reaper.c: become a child subreaper and fork. Returns the reaper's pid in the child,
 * which goes on to sandbox and exec the command. The parent never returns: it waits for
 * the command, forwards SIGINT/SIGHUP/SIGQUIT, kills every remaining descendant when the
 * command exits or on SIGTERM (also its PDEATHSIG), and exits as the command did. */
pid_t reaper_start(pid_t parent);

#endif
