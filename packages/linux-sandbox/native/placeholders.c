/* Protected names that do not exist yet (.git, .codex, .agents directly inside a writable
 * root) must not be creatable by the command. A mount needs something to mount on, so the
 * helper creates an empty placeholder directory (mode 0555) for each absent name before
 * the command starts, the sandbox mounts it read-only, and the helper removes it after the
 * command and everything it started are gone (only if it created it and it is still empty).
 *
 * Concurrent sandboxes on the same root share a placeholder: each holds a shared flock on
 * it while its command runs, and one removes it only when it gets the lock exclusively
 * (nobody else uses it). A sandbox that finds a placeholder being removed (its lock is
 * taken, then the path no longer names the locked directory) creates it again. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PLACEHOLDER_MODE 0555

struct held { char *path; int fd; int created; };
static struct held g_held[MAX_PROTECTED];
static size_t g_nheld;
static void start_cleaner(void);

/* Refuses a protected name that is a symlink: a mount would land on its target and leave
 * the name itself replaceable. */
static void refuse_link(const char *path) {
  die(EXIT_SETUP,
      "%s is a symbolic link; the sandbox keeps this name read-only and cannot do that for a link. "
      "Replace the link with the directory itself, or run without a sandbox at your own risk "
      "(sandbox_mode = \"danger-full-access\")", path);
}

/* Returns 1 and sets *fd (locked shared) when path names a usable directory or file. */
static int lock_existing(const char *path, int *fd, int *ours) {
  for (int tries = 0; tries < 100; tries++) {
    struct stat st, fst;
    if (lstat(path, &st) != 0) return 0;
    if (S_ISLNK(st.st_mode)) refuse_link(path);
    int f = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (f < 0) {
      if (errno == ENOENT) continue;
      if (errno == ELOOP) refuse_link(path);
      /* Unreadable (another user's): still protected by the mount, just not locked. */
      *fd = -1;
      *ours = 0;
      return 1;
    }
    if (flock(f, LOCK_SH) != 0) die(EXIT_SETUP, "flock(%s) failed: %s", path, strerror(errno));
    /* The holder that had it exclusively may have removed it meanwhile. */
    if (fstat(f, &fst) == 0 && lstat(path, &st) == 0 && st.st_ino == fst.st_ino && st.st_dev == fst.st_dev) {
      *fd = f;
      /* One of ours whose removal was cut short (an empty mode-0555 directory of this
       * user): remove it this time. */
      *ours = S_ISDIR(st.st_mode) && (st.st_mode & 07777) == PLACEHOLDER_MODE && st.st_uid == geteuid() && st.st_nlink == 2;
      return 1;
    }
    close(f);
  }
  die(EXIT_SETUP, "%s keeps changing; cannot protect it", path);
}

void placeholders_prepare(struct policy *pol) {
  for (size_t i = 0; i < pol->nprotected; i++) {
    const char *p = pol->protected_paths[i];
    for (;;) {
      int fd = -1, ours = 0;
      if (lock_existing(p, &fd, &ours)) {
        if (pol->existing_only[i]) ours = 0; /* never remove a worktree's gitdir */
        if (g_nheld < MAX_PROTECTED) g_held[g_nheld++] = (struct held){ strdup(p), fd, ours };
        break;
      }
      if (pol->existing_only[i]) { /* a worktree's gitdir that is gone: nothing to protect */
        memmove(&pol->protected_paths[i], &pol->protected_paths[i + 1], (pol->nprotected - i - 1) * sizeof(char *));
        memmove(&pol->existing_only[i], &pol->existing_only[i + 1], (pol->nprotected - i - 1));
        pol->nprotected--;
        i--;
        break;
      }
      if (mkdir(p, PLACEHOLDER_MODE) == 0) {
        int f = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (f < 0 || flock(f, LOCK_SH) != 0) die(EXIT_SETUP, "locking the placeholder %s failed: %s", p, strerror(errno));
        if (g_nheld < MAX_PROTECTED) g_held[g_nheld++] = (struct held){ strdup(p), f, 1 };
        break;
      }
      if (errno == EEXIST) continue;
      /* The user cannot create it (no write permission, a read-only file system): then
       * neither can the command. Drop it from the list of paths to mount. */
      if (errno == EACCES || errno == EPERM || errno == EROFS) {
        memmove(&pol->protected_paths[i], &pol->protected_paths[i + 1], (pol->nprotected - i - 1) * sizeof(char *));
        memmove(&pol->existing_only[i], &pol->existing_only[i + 1], (pol->nprotected - i - 1));
        pol->nprotected--;
        i--;
        break;
      }
      die(EXIT_SETUP, "creating the placeholder %s failed: %s", p, strerror(errno));
    }
  }
  int any = 0;
  for (size_t i = 0; i < g_nheld; i++) any |= g_held[i].fd >= 0 && g_held[i].created;
  if (any) start_cleaner();
}

static void remove_unused(void) {
  for (size_t i = 0; i < g_nheld; i++) {
    struct held *h = &g_held[i];
    if (h->fd < 0) continue;
    if (h->created && flock(h->fd, LOCK_EX | LOCK_NB) == 0) {
      struct stat st, fst;
      if (fstat(h->fd, &fst) == 0 && lstat(h->path, &st) == 0 && st.st_ino == fst.st_ino && st.st_dev == fst.st_dev &&
          S_ISDIR(st.st_mode) && (st.st_mode & 07777) == PLACEHOLDER_MODE)
        rmdir(h->path); /* fails, and keeps it, when something was put in it */
    }
    close(h->fd);
    h->fd = -1;
  }
}

/* Removing a directory can be slow (a file system mounted with online discard takes
 * milliseconds), so it happens off the command's path, in a cleaner started before any
 * namespace exists (so it is in the caller's pid namespace: the sandbox's end does not
 * reach it; the reaper spares it), in its own session (out of the runner's group kill). It holds the locks, waits until the helper lets go (its pipe
 * closes: on exit, even a SIGKILL), waits a moment more, and removes what nobody uses.
 * The grace lets a command started right after this one on the same root take the
 * placeholder over (its shared lock makes the removal give up), so a run of quick
 * commands creates and removes it once. If the cleaner is killed, the next sandbox on the
 * root finds the leftover (empty, mode 0555, this user's) and removes it later. */
static int g_release = -1;

static void start_cleaner(void) {
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) die(EXIT_SETUP, "pipe failed: %s", strerror(errno));
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) die(EXIT_SETUP, "fork failed: %s", strerror(errno));
  if (pid == 0) {
    setsid();
    close(p[1]);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd < 3; fd++) dup2(null, fd); /* never hold the runner's pipes open */
    char c;
    while (read(p[0], &c, 1) != 0 && errno == EINTR) {}
    struct timespec grace = { 0, 250 * 1000 * 1000 };
    nanosleep(&grace, NULL);
    remove_unused();
    _exit(0);
  }
  close(p[0]);
  /* The helper's child, but never killed or waited for by its reaper; it is re-parented
   * when the helper exits. */
  reaper_spare(pid);
  g_release = p[1];
}

void placeholders_close_inherited(void) {
  for (size_t i = 0; i < g_nheld; i++)
    if (g_held[i].fd >= 0) close(g_held[i].fd);
  if (g_release >= 0) close(g_release);
}

void placeholders_cleanup(void) {
  placeholders_close_inherited(); /* the cleaner holds the locks and does the rest */
}
