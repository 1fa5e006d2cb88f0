/* codex-linux-sandbox: runs one command under a Codex SandboxPolicy, and reaps it.
 *   codex-linux-sandbox --policy JSON --cwd DIR [--limits JSON] [--seccomp-only] [--no-reap] -- CMD ARGS...
 *   codex-linux-sandbox --no-sandbox [--limits JSON] -- CMD ARGS...
 *   codex-linux-sandbox --outer --policy JSON --cwd DIR -- BWRAP ARGS...
 * Order: parse -> placeholders for absent protected names -> own user namespace (mapped
 * only to itself), pid and ipc namespaces -> reaper fork (reaper.c) -> in the child, pid 1
 * of the new pid namespace: own mount namespace with the read-only view (mounts.c), then
 * an init that forks the command -> in the command: new session, rlimits, pdeathsig, all
 * capabilities dropped, no_new_privs, Landlock, seccomp, execvp. Any failure exits with a
 * distinct code (sandbox.h) before the command runs: it never runs unsandboxed.
 * --no-sandbox (or a danger-full-access policy) only reaps and applies limits.
 * --seccomp-only (inside bwrap, which builds the view): caps, no_new_privs, Landlock scopes,
 * seccomp. --outer (around bwrap): placeholders and reaping only. */
#define _GNU_SOURCE
#include "json.h"
#include "sandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

void die(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("codex-linux-sandbox: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(code);
}

static const char USAGE[] =
    "usage: codex-linux-sandbox --policy JSON --cwd DIR [--limits JSON] [--seccomp-only] [--no-reap] [--pty] -- CMD [ARGS...]\n"
    "       codex-linux-sandbox --no-sandbox [--limits JSON] [--no-reap] -- CMD [ARGS...]\n"
    "       codex-linux-sandbox --outer --policy JSON --cwd DIR [--pty] -- BWRAP [ARGS...]";

static int json_flag(const struct jv *o, const char *key) {
  const struct jv *v = json_get(o, key);
  if (!v || v->type == J_NULL) return 0;
  if (v->type != J_BOOL) die(EXIT_USAGE, "--policy: \"%s\" must be true or false", key);
  return v->b;
}

static void add_protected(struct policy *pol, const char *p, int existing_only) {
  for (size_t k = 0; k < pol->nprotected; k++)
    if (!strcmp(pol->protected_paths[k], p)) return;
  if (pol->nprotected == MAX_PROTECTED) return;
  pol->existing_only[pol->nprotected] = (unsigned char)existing_only;
  pol->protected_paths[pol->nprotected++] = strdup(p);
}

/* Reads a small file that holds one path ("gitdir: PATH" in a `.git` file, a bare PATH in
 * a gitdir's `commondir`), resolves it against dir, and canonicalises it into out.
 * Returns 0 when it names an existing directory. */
static int read_pointer(const char *file, const char *prefix, const char *dir, char out[PATH_MAX]) {
  int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -1;
  struct stat st;
  char buf[PATH_MAX + 16];
  ssize_t n = -1;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (off_t)sizeof buf) n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  char *p = buf;
  size_t plen = strlen(prefix);
  if (plen > 0) {
    if (strncmp(p, prefix, plen) != 0) return -1;
    p += plen;
  }
  while (*p == ' ' || *p == '\t') p++;
  char *end = p + strlen(p);
  while (end > p && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t')) *--end = 0;
  if (!*p) return -1;
  char joined[PATH_MAX];
  if (p[0] != '/') {
    if (snprintf(joined, sizeof joined, "%s/%s", dir, p) >= (int)sizeof joined) return -1;
    p = joined;
  }
  if (!realpath(p, out)) return -1;
  return stat(out, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* A linked worktree's (or submodule's) `.git` is a file pointing at its gitdir
 * (`<common>/.git/worktrees/<name>`), whose `commondir` names the repository's shared
 * directory, where git takes hooks and config from. Both stay read-only as a `.git`
 * directory does (Codex protects the gitdir; the common dir is protected here too). */
static void add_git_pointer_targets(struct policy *pol, const char *root) {
  char dotgit[PATH_MAX], gitdir[PATH_MAX], file[PATH_MAX], common[PATH_MAX];
  struct stat st;
  if (snprintf(dotgit, sizeof dotgit, "%s/.git", strcmp(root, "/") ? root : "") >= (int)sizeof dotgit) return;
  if (lstat(dotgit, &st) != 0 || !S_ISREG(st.st_mode)) return;
  if (read_pointer(dotgit, "gitdir:", root, gitdir) != 0) return;
  add_protected(pol, gitdir, 1);
  if (snprintf(file, sizeof file, "%s/commondir", gitdir) >= (int)sizeof file) return;
  if (read_pointer(file, "", gitdir, common) == 0) add_protected(pol, common, 1);
}

static void add_root(struct policy *pol, const char *cwd, const char *path) {
  char joined[PATH_MAX], real[PATH_MAX];
  if (path[0] != '/') {
    if (snprintf(joined, sizeof joined, "%s/%s", cwd, path) >= (int)sizeof joined) return;
    path = joined;
  }
  if (!realpath(path, real)) return; /* a root that does not exist cannot be written */
  for (size_t i = 0; i < pol->nroots; i++)
    if (!strcmp(pol->roots[i], real)) return;
  if (pol->nroots == MAX_ROOTS) die(EXIT_USAGE, "--policy: more than %d writable roots", MAX_ROOTS);
  pol->roots[pol->nroots++] = strdup(real);
  /* Codex 0.169's protected names, kept read-only whether or not they exist (placeholders.c). */
  static const char *const names[] = { ".git", ".codex", ".agents", ".aws" };
  for (int i = 0; i < 4; i++) {
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s/%s", strcmp(real, "/") ? real : "", names[i]) >= (int)sizeof p) continue;
    add_protected(pol, p, 0);
  }
  add_git_pointer_targets(pol, real);
}

static void parse_policy(struct policy *pol, const char *text, const char *cwd) {
  char err[200];
  struct jv *v = json_parse(text, err, sizeof err);
  if (!v) die(EXIT_USAGE, "--policy is not valid JSON: %s", err);
  const struct jv *mode = json_get(v, "mode");
  if (!mode || mode->type != J_STR)
    die(EXIT_USAGE, "--policy needs a \"mode\": \"read-only\", \"workspace-write\" or \"danger-full-access\"");
  memset(pol, 0, sizeof *pol);
  if (!strcmp(mode->str, "read-only")) {
    pol->mode = MODE_READ_ONLY;
  } else if (!strcmp(mode->str, "danger-full-access")) {
    pol->mode = MODE_FULL_ACCESS;
    pol->network = 1;
  } else if (!strcmp(mode->str, "workspace-write")) {
    pol->mode = MODE_WORKSPACE_WRITE;
    pol->network = json_flag(v, "network_access");
    add_root(pol, cwd, cwd);
    const struct jv *roots = json_get(v, "writable_roots");
    if (roots && roots->type != J_NULL) {
      if (roots->type != J_ARR) die(EXIT_USAGE, "--policy: \"writable_roots\" must be an array of paths");
      for (size_t i = 0; i < roots->n; i++) {
        if (roots->items[i]->type != J_STR) die(EXIT_USAGE, "--policy: writable_roots[%zu] is not a string", i);
        add_root(pol, cwd, roots->items[i]->str);
      }
    }
    if (!json_flag(v, "exclude_slash_tmp")) add_root(pol, cwd, "/tmp");
    const char *tmpdir = getenv("TMPDIR");
    if (!json_flag(v, "exclude_tmpdir_env_var") && tmpdir && *tmpdir) add_root(pol, cwd, tmpdir);
  } else {
    die(EXIT_USAGE, "--policy: unknown mode \"%s\" (expected read-only, workspace-write or danger-full-access)",
        mode->str);
  }
}

static void apply_limits(const char *text) {
  static const struct { const char *key; int res; } names[] = {
    { "memory_bytes", RLIMIT_AS }, { "cpu_seconds", RLIMIT_CPU }, { "processes", RLIMIT_NPROC },
    { "file_size_bytes", RLIMIT_FSIZE }, { "open_files", RLIMIT_NOFILE },
  };
  char err[200];
  struct jv *v = json_parse(text, err, sizeof err);
  if (!v || v->type != J_OBJ) die(EXIT_USAGE, "--limits is not a JSON object: %s", v ? "wrong type" : err);
  for (size_t k = 0; k < v->n; k++) {
    size_t i = 0;
    while (i < sizeof names / sizeof names[0] && strcmp(names[i].key, v->keys[k])) i++;
    if (i == sizeof names / sizeof names[0])
      die(EXIT_USAGE, "--limits: unknown key \"%s\" (known: memory_bytes, cpu_seconds, processes, "
          "file_size_bytes, open_files)", v->keys[k]);
    const struct jv *n = v->items[k];
    if (n->type == J_NULL) continue;
    /* JSON numbers only (json.c rejects NaN and infinities); whole, 1 .. 2^53. */
    if (n->type != J_NUM || !(n->num >= 1 && n->num <= 9007199254740992.0) || n->num != (double)(long long)n->num)
      die(EXIT_USAGE, "--limits: \"%s\" must be a whole number from 1 to 9007199254740992", v->keys[k]);
    struct rlimit cur, want;
    getrlimit(names[i].res, &cur);
    want.rlim_cur = want.rlim_max = (rlim_t)n->num;
    if (cur.rlim_max != RLIM_INFINITY && want.rlim_max > cur.rlim_max) want.rlim_cur = want.rlim_max = cur.rlim_max;
    if (setrlimit(names[i].res, &want) != 0)
      die(EXIT_SETUP, "setrlimit(%s) failed: %s", v->keys[k], strerror(errno));
  }
}

/* Enters the outer namespaces: an own user namespace mapped only to this uid/gid (so
 * uid 0 holds no capability over anything outside), then pid and ipc namespaces (this
 * process stays in its pid namespace; its next child is pid 1 of the new one). Root
 * without user namespaces gets pid and ipc namespaces with its real, soon dropped,
 * capabilities. Without either: ISO_NONE, Landlock + seccomp only. */
static enum isolation enter_namespaces(void) {
  uid_t uid = getuid();
  gid_t gid = getgid();
  if (unshare(CLONE_NEWUSER) == 0) {
    write_id_maps(uid, gid);
    if (unshare(CLONE_NEWPID | CLONE_NEWIPC) != 0) die(EXIT_SETUP, "unshare(pid, ipc) failed: %s", strerror(errno));
    return ISO_USERNS;
  }
  if (uid == 0 && unshare(CLONE_NEWPID | CLONE_NEWIPC) == 0) return ISO_MOUNT;
  return ISO_NONE;
}

/* In the command's process, just before exec: everything that is per process. */
static void confine_command(struct policy *pol, enum isolation iso, int seccomp_only, const char *limits_json, pid_t parent,
                            int pty) {
  /* A new session: no controlling terminal, so nothing reaches the caller's terminal. With
   * --pty, the terminal made for this command (stdin, released by pty_release) becomes the
   * new session's controlling terminal: /dev/tty, job control, Ctrl-C to the foreground
   * group. Argument 0: never steal a terminal another session holds. */
  if (setsid() < 0 && errno != EPERM) die(EXIT_SETUP, "setsid failed: %s", strerror(errno));
  if (pty && ioctl(STDIN_FILENO, TIOCSCTTY, 0) != 0)
    die(EXIT_SETUP, "--pty: making stdin the command's controlling terminal failed: %s", strerror(errno));
  if (limits_json) apply_limits(limits_json);
  /* Die with the spawning process (the init, the reaper, or the runner with --no-reap). */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die(EXIT_SETUP, "PR_SET_PDEATHSIG failed: %s", strerror(errno));
  if (getppid() != parent) die(EXIT_SETUP, "the parent process exited before the sandbox started");
  drop_capabilities();
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die(EXIT_SETUP, "PR_SET_NO_NEW_PRIVS failed: %s", strerror(errno));
  int abi_below_3 = 0;
  if (seccomp_only) {
    apply_landlock_scopes_only();
  } else {
    apply_landlock(pol, iso);
    abi_below_3 = landlock_abi() < 3;
  }
  apply_seccomp(pol, abi_below_3);
}

/* --pty, before anything else: stdin must be a terminal. When it is this process's
 * controlling terminal, this process must lead its session (a terminal made for this
 * command, as node-pty and `script` start theirs), and lets go of it so that the command,
 * in its own session, can take it: TIOCNOTTY from the session leader detaches the terminal
 * from the session and sends SIGHUP and SIGCONT to its foreground group, which is this
 * process's own (ignored for that moment). A terminal that is the caller's own (a shell's)
 * is refused: the command would take it from the shell. */
static void pty_release(void) {
  if (!isatty(STDIN_FILENO)) die(EXIT_USAGE, "--pty needs a terminal on stdin");
  pid_t sid = tcgetsid(STDIN_FILENO);
  if (sid < 0) return; /* not our controlling terminal: the command's TIOCSCTTY decides */
  if (sid != getpid())
    die(EXIT_USAGE, "--pty: the terminal on stdin is the controlling terminal of session %d, not one this process "
        "leads; --pty only takes a terminal made for the command (start the helper as its session leader)", (int)sid);
  struct sigaction ign, old;
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction(SIGHUP, &ign, &old);
  int r = ioctl(STDIN_FILENO, TIOCNOTTY);
  int err = errno;
  sigaction(SIGHUP, &old, NULL);
  if (r != 0) die(EXIT_SETUP, "--pty: releasing the terminal failed: %s", strerror(err));
}

int main(int argc, char **argv) {
  pid_t parent = getppid();
  const char *policy_json = NULL, *cwd = NULL, *limits_json = NULL;
  int seccomp_only = 0, no_sandbox = 0, outer = 0, reap = 1, pty = 0, i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    if (!strcmp(argv[i], "--seccomp-only")) { seccomp_only = 1; continue; }
    if (!strcmp(argv[i], "--no-sandbox")) { no_sandbox = 1; continue; }
    if (!strcmp(argv[i], "--outer")) { outer = 1; continue; }
    if (!strcmp(argv[i], "--no-reap")) { reap = 0; continue; }
    if (!strcmp(argv[i], "--pty")) { pty = 1; continue; }
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { puts(USAGE); return 0; }
    if (i + 1 >= argc) die(EXIT_USAGE, "%s needs a value\n%s", argv[i], USAGE);
    if (!strcmp(argv[i], "--policy")) policy_json = argv[++i];
    else if (!strcmp(argv[i], "--cwd")) cwd = argv[++i];
    else if (!strcmp(argv[i], "--limits")) limits_json = argv[++i];
    else die(EXIT_USAGE, "unknown argument %s\n%s", argv[i], USAGE);
  }
  if (!no_sandbox && (!policy_json || !cwd)) die(EXIT_USAGE, "--policy and --cwd are required\n%s", USAGE);
  if (no_sandbox && (policy_json || seccomp_only || outer)) die(EXIT_USAGE, "--no-sandbox takes no --policy, --seccomp-only or --outer\n%s", USAGE);
  if (outer && (seccomp_only || !reap || limits_json)) die(EXIT_USAGE, "--outer takes no --seccomp-only, --no-reap or --limits\n%s", USAGE);
  if (no_sandbox && pty) die(EXIT_USAGE, "--no-sandbox takes no --pty (the command keeps the caller's terminal)\n%s", USAGE);
  if (i >= argc) die(EXIT_USAGE, "no command given after --\n%s", USAGE);
  /* Inside bwrap the outer helper let go of the terminal already. */
  if (pty && !seccomp_only) pty_release();

  struct policy pol;
  memset(&pol, 0, sizeof pol);
  pol.mode = MODE_FULL_ACCESS;
  pol.network = 1;
  if (!no_sandbox) {
    char real_cwd[PATH_MAX];
    if (!realpath(cwd, real_cwd)) die(EXIT_USAGE, "--cwd %s: %s", cwd, strerror(errno));
    parse_policy(&pol, policy_json, real_cwd);
  }
  int sandboxed = pol.mode != MODE_FULL_ACCESS;

  if (outer) {
    /* Around bwrap: it builds the view and needs the placeholders to mount on. */
    if (pol.mode == MODE_WORKSPACE_WRITE) placeholders_prepare(&pol);
    reaper_start(parent, placeholders_cleanup);
    placeholders_close_inherited();
    execvp(argv[i], &argv[i]);
    int err = errno;
    die(err == ENOENT ? EXIT_NOT_FOUND : EXIT_EXEC_FAILED, "cannot execute %s: %s", argv[i], strerror(err));
  }

  enum isolation iso = ISO_NONE;
  int status_pipe[2] = { -1, -1 };
  if (sandboxed && !seccomp_only && reap) {
    if (pol.mode == MODE_WORKSPACE_WRITE) placeholders_prepare(&pol);
    iso = enter_namespaces();
    if (iso != ISO_NONE) {
      if (pipe2(status_pipe, O_CLOEXEC) != 0) die(EXIT_SETUP, "pipe failed: %s", strerror(errno));
      reaper_set_status_in(status_pipe[0], status_pipe[1]);
    }
  }

  /* From here on this is the command's side: in reaper mode a child of the helper, which
   * stays outside the sandbox to kill whatever the command leaves behind. */
  if (reap) parent = reaper_start(parent, placeholders_cleanup);
  placeholders_close_inherited();

  if (iso != ISO_NONE) {
    /* pid 1 of the new pid namespace: the view, then an init that forks the command. */
    close(status_pipe[0]);
    reaper_set_status_in(-1, -1); /* those were the outer reaper's */
    if (unshare(CLONE_NEWNS) != 0) die(EXIT_SETUP, "unshare(mount) failed: %s", strerror(errno));
    char here[PATH_MAX];
    if (!getcwd(here, sizeof here)) die(EXIT_SETUP, "getcwd failed: %s", strerror(errno));
    setup_mounts(&pol, 1, pty);
    /* The old working directory still points into the mount it was on; look it up again
     * so that it is on the new view (a writable root's own mount, for instance). */
    if (chdir(here) != 0) die(EXIT_SETUP, "chdir(%s) failed: %s", here, strerror(errno));
    reaper_set_status_fd(status_pipe[1]);
    parent = reaper_start(getppid(), NULL);
    close(status_pipe[1]);
  }
  if (sandboxed) confine_command(&pol, iso, seccomp_only, limits_json, parent, pty);
  else {
    if (pty) { /* danger-full-access with --pty: the terminal is the command's as well */
      if (setsid() < 0 && errno != EPERM) die(EXIT_SETUP, "setsid failed: %s", strerror(errno));
      if (ioctl(STDIN_FILENO, TIOCSCTTY, 0) != 0)
        die(EXIT_SETUP, "--pty: making stdin the command's controlling terminal failed: %s", strerror(errno));
    }
    if (limits_json) apply_limits(limits_json);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die(EXIT_SETUP, "PR_SET_PDEATHSIG failed: %s", strerror(errno));
    if (getppid() != parent) die(EXIT_SETUP, "the parent process exited before the sandbox started");
  }

  execvp(argv[i], &argv[i]);
  int err = errno;
  die(err == ENOENT ? EXIT_NOT_FOUND : EXIT_EXEC_FAILED, "cannot execute %s: %s", argv[i], strerror(err));
}
