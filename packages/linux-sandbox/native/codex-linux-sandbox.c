/* codex-linux-sandbox: runs one command under a Codex SandboxPolicy, and reaps it.
 *   codex-linux-sandbox --policy JSON --cwd DIR [--limits JSON] [--seccomp-only] [--no-reap] -- CMD ARGS...
 *   codex-linux-sandbox --no-sandbox [--limits JSON] -- CMD ARGS...
 * Order: parse -> reaper fork (reaper.c; not with --no-reap) -> in the child: protected
 * paths read-only (mount namespace) -> rlimits -> pdeathsig -> no_new_privs -> Landlock
 * -> seccomp -> execvp. Any failure exits with a distinct code (sandbox.h) before the
 * command runs: the command never runs unsandboxed. --no-sandbox (or a danger-full-access
 * policy) only reaps and applies limits: no no_new_privs, so set-uid programs work as
 * they would unsandboxed. */
#define _GNU_SOURCE
#include "json.h"
#include "sandbox.h"
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
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
    "usage: codex-linux-sandbox --policy JSON --cwd DIR [--limits JSON] [--seccomp-only] [--no-reap] -- CMD [ARGS...]\n"
    "       codex-linux-sandbox --no-sandbox [--limits JSON] [--no-reap] -- CMD [ARGS...]";

static int json_flag(const struct jv *o, const char *key) {
  const struct jv *v = json_get(o, key);
  if (!v || v->type == J_NULL) return 0;
  if (v->type != J_BOOL) die(EXIT_USAGE, "--policy: \"%s\" must be true or false", key);
  return v->b;
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
  static const char *const names[] = { ".git", ".codex" };
  for (int i = 0; i < 2; i++) {
    char p[PATH_MAX];
    struct stat st;
    if (snprintf(p, sizeof p, "%s/%s", strcmp(real, "/") ? real : "", names[i]) >= (int)sizeof p) continue;
    if (lstat(p, &st) != 0 || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) continue;
    if (pol->nprotected < MAX_PROTECTED) pol->protected_paths[pol->nprotected++] = strdup(p);
  }
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
    if (n->type != J_NUM || n->num < 1 || n->num > 9.0e18)
      die(EXIT_USAGE, "--limits: \"%s\" must be a positive integer", v->keys[k]);
    struct rlimit cur, want;
    getrlimit(names[i].res, &cur);
    want.rlim_cur = want.rlim_max = (rlim_t)n->num;
    if (cur.rlim_max != RLIM_INFINITY && want.rlim_max > cur.rlim_max) want.rlim_cur = want.rlim_max = cur.rlim_max;
    if (setrlimit(names[i].res, &want) != 0)
      die(EXIT_SETUP, "setrlimit(%s) failed: %s", v->keys[k], strerror(errno));
  }
}

int main(int argc, char **argv) {
  pid_t parent = getppid();
  const char *policy_json = NULL, *cwd = NULL, *limits_json = NULL;
  int seccomp_only = 0, no_sandbox = 0, reap = 1, i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--")) { i++; break; }
    if (!strcmp(argv[i], "--seccomp-only")) { seccomp_only = 1; continue; }
    if (!strcmp(argv[i], "--no-sandbox")) { no_sandbox = 1; continue; }
    if (!strcmp(argv[i], "--no-reap")) { reap = 0; continue; }
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { puts(USAGE); return 0; }
    if (i + 1 >= argc) die(EXIT_USAGE, "%s needs a value\n%s", argv[i], USAGE);
    if (!strcmp(argv[i], "--policy")) policy_json = argv[++i];
    else if (!strcmp(argv[i], "--cwd")) cwd = argv[++i];
    else if (!strcmp(argv[i], "--limits")) limits_json = argv[++i];
    else die(EXIT_USAGE, "unknown argument %s\n%s", argv[i], USAGE);
  }
  if (!no_sandbox && (!policy_json || !cwd)) die(EXIT_USAGE, "--policy and --cwd are required\n%s", USAGE);
  if (no_sandbox && (policy_json || seccomp_only)) die(EXIT_USAGE, "--no-sandbox takes no --policy or --seccomp-only\n%s", USAGE);
  if (i >= argc) die(EXIT_USAGE, "no command given after --\n%s", USAGE);

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

  /* From here on this is the command's process: in reaper mode a child of the helper,
   * which stays outside the sandbox to kill whatever the command leaves behind. */
  if (reap) parent = reaper_start(parent);

  int use_mount_ro = 0;
  if (!seccomp_only && pol.mode == MODE_WORKSPACE_WRITE) use_mount_ro = protect_with_mounts(&pol);
  if (limits_json) apply_limits(limits_json);
  /* Die with the spawning process (the reaper, or the runner with --no-reap); set after
   * the namespaces, whose credential change could clear it. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die(EXIT_SETUP, "PR_SET_PDEATHSIG failed: %s", strerror(errno));
  if (getppid() != parent) die(EXIT_SETUP, "the parent process exited before the sandbox started");
  if (sandboxed && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    die(EXIT_SETUP, "PR_SET_NO_NEW_PRIVS failed: %s", strerror(errno));

  int abi_below_3 = 0;
  if (sandboxed && !seccomp_only) {
    apply_landlock(&pol, use_mount_ro);
    abi_below_3 = landlock_abi() < 3;
  }
  if (sandboxed) apply_seccomp(&pol, abi_below_3);

  execvp(argv[i], &argv[i]);
  int err = errno;
  die(err == ENOENT ? EXIT_NOT_FOUND : EXIT_EXEC_FAILED, "cannot execute %s: %s", argv[i], strerror(err));
}
