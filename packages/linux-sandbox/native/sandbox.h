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
  char *protected_paths[MAX_PROTECTED]; /* .git/.codex/.agents directly inside each root */
  /* 1 for the gitdir and common dir a root's `.git` file points to (a linked worktree):
   * protected only while they exist, never given a placeholder. */
  unsigned char existing_only[MAX_PROTECTED];
};


/* How the command is isolated beyond Landlock and seccomp (see README "Guarantees"). */
enum isolation {
  ISO_NONE,       /* no namespaces: Landlock + seccomp + capabilities dropped */
  ISO_MOUNT,      /* root without user namespaces: mount + pid + ipc namespaces */
  ISO_USERNS,     /* own user namespace (mapped only to itself) + mount + pid + ipc */
};

/* Print "codex-linux-sandbox: <msg>" to stderr and exit with code. */
void die(int code, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

/* landlock.c: restrict the filesystem. With namespaces (iso != ISO_NONE) the protected
 * paths are read-only mounts already, so roots are granted whole, and the private /dev/shm
 * and devpts are writable; without, roots are granted child by child around them. */
void apply_landlock(const struct policy *pol, enum isolation iso);
/* seccomp.c: install the syscall filter (network, ptrace, io_uring, x32, arch). */
void apply_seccomp(const struct policy *pol, int landlock_abi_below_3);
/* mounts.c: the read-only view (see the file's comment); in the new namespaces. With pty,
 * the terminal on stdin is also bound at /dev/console (as bwrap does), so that ttyname()
 * finds it in the fresh /dev. */
void setup_mounts(const struct policy *pol, int new_pidns, int pty);
void write_id_maps(uid_t uid, gid_t gid);
/* placeholders.c: create/lock absent protected names before the command; clean up after. */
void placeholders_prepare(struct policy *pol);
void placeholders_close_inherited(void);
void placeholders_cleanup(void);
/* caps.c: drop every capability (effective, permitted, inheritable, ambient, bounding). */
void drop_capabilities(void);
/* landlock.c: only the ABI >= 6 scopes (signals, abstract unix sockets); used inside bwrap. */
void apply_landlock_scopes_only(void);
/* landlock.c: the running kernel's Landlock ABI, or -errno. */
int landlock_abi(void);
/* reaper.c: become a child subreaper and fork. Returns the reaper's pid in the child,
 * which goes on to sandbox and exec the command. The parent never returns: it waits for
 * the command, forwards SIGINT/SIGHUP/SIGQUIT, kills every remaining descendant when the
 * command exits or on SIGTERM (also its PDEATHSIG), runs cleanup, and exits as the command
 * did. As pid 1 of a pid namespace it only waits and reports: the kernel kills the rest. */
pid_t reaper_start(pid_t parent, void (*cleanup)(void));
/* reaper.c: the init writes the command's raw wait status to fd before exiting; the outer
 * reaper reads it from its end (so a command killed by a signal is reported as such). */
void reaper_set_status_fd(int fd);
void reaper_set_status_in(int fd, int writer);
/* reaper.c: a child of the helper that the reaper neither kills nor waits for (the cleaner). */
void reaper_spare(pid_t pid);

#endif
