/* The command's view of the filesystem, built in its own mount namespace (inside its own
 * user namespace, mapped only to itself): every mount outside the writable roots is made
 * read-only as a mount (as bwrap's --ro-bind / /), the writable roots are bind mounts of
 * themselves that stay writable, protected names inside them (.git, .codex, .agents,
 * present or as placeholders) are read-only binds, /dev is a fresh minimal tmpfs with a
 * private writable /dev/shm and a new devpts, and /proc is a fresh read-only proc of the
 * command's pid namespace. Landlock (applied after) forbids mount and umount, so the
 * command cannot undo any of it. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  close(fd);
  return n == (ssize_t)strlen(text) ? 0 : -1;
}

void write_id_maps(uid_t uid, gid_t gid) {
  char map[64];
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
  if (write_file("/proc/self/uid_map", map) != 0) die(EXIT_SETUP, "writing uid_map failed: %s", strerror(errno));
  if (write_file("/proc/self/setgroups", "deny\n") != 0 && errno != ENOENT)
    die(EXIT_SETUP, "writing setgroups failed: %s", strerror(errno));
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
  if (write_file("/proc/self/gid_map", map) != 0) die(EXIT_SETUP, "writing gid_map failed: %s", strerror(errno));
}

/* Decodes mountinfo's octal escapes (\040 for a space, ...) in place. */
static void unescape(char *s) {
  char *o = s;
  for (char *p = s; *p; p++) {
    if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
      *o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
      p += 3;
    } else {
      *o++ = *p;
    }
  }
  *o = 0;
}

static int under(const char *path, const char *root) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return 1;
  return !strncmp(path, root, n) && (path[n] == 0 || path[n] == '/');
}

/* Per-mount flags a user namespace may not clear on a read-only remount, from the
 * options field of mountinfo. No atime option there means strictatime. */
static unsigned long locked_flags(const char *opts) {
  unsigned long f = 0;
  int atime = 0;
  char buf[512];
  snprintf(buf, sizeof buf, "%s", opts);
  for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    if (!strcmp(t, "nosuid")) f |= MS_NOSUID;
    else if (!strcmp(t, "nodev")) f |= MS_NODEV;
    else if (!strcmp(t, "noexec")) f |= MS_NOEXEC;
    else if (!strcmp(t, "noatime")) { f |= MS_NOATIME; atime = 1; }
    else if (!strcmp(t, "nodiratime")) f |= MS_NODIRATIME;
    else if (!strcmp(t, "relatime")) { f |= MS_RELATIME; atime = 1; }
  }
  if (!atime) f |= MS_STRICTATIME;
  return f;
}

static void ro_remount(const char *mp, unsigned long flags) {
  if (mount(NULL, mp, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | flags, NULL) == 0) return;
  /* Unreachable mounts (a directory this user cannot search, one hidden by a later
   * mount, one gone meanwhile) cannot be written through either. */
  if (errno == EACCES || errno == ENOENT || errno == ENOTDIR || errno == ELOOP || errno == EINVAL) return;
  die(EXIT_SETUP, "making the mount %s read-only failed: %s", mp, strerror(errno));
}

/* Every mount not at or under a writable root becomes read-only. */
static void remount_all_ro(const struct policy *pol) {
  FILE *f = fopen("/proc/self/mountinfo", "re");
  if (!f) die(EXIT_SETUP, "cannot read /proc/self/mountinfo: %s", strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) {
    /* id parent major:minor root mountpoint options [optional...] - fstype source superopts */
    char *fields[6] = { 0 };
    char *save = NULL, *t = strtok_r(line, " ", &save);
    for (int i = 0; t && i < 6; i++, t = strtok_r(NULL, " ", &save)) fields[i] = t;
    if (!fields[4] || !fields[5]) continue;
    char *mp = fields[4];
    unescape(mp);
    int skip = 0;
    for (size_t i = 0; i < pol->nroots && !skip; i++) skip = under(mp, pol->roots[i]);
    if (!skip) ro_remount(mp, locked_flags(fields[5]));
  }
  free(line);
  fclose(f);
}

static void bind_ro(const char *src, const char *dst) {
  if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) != 0)
    die(EXIT_SETUP, "bind-mounting %s failed: %s", dst, strerror(errno));
  /* The new bind keeps the locked flags of the mount it comes from, which a user
   * namespace may not clear: try the combinations instead of parsing mountinfo again. */
  static const unsigned long tries[] = { 0, MS_NOSUID, MS_NOSUID | MS_NODEV, MS_NOSUID | MS_NODEV | MS_NOEXEC,
                                         MS_NODEV, MS_NOEXEC, MS_NOSUID | MS_NOEXEC, MS_NODEV | MS_NOEXEC };
  for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
    if (mount(NULL, dst, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | tries[i], NULL) == 0) return;
  die(EXIT_SETUP, "making %s read-only failed: %s", dst, strerror(errno));
}

static void make_node(const char *path, int dir) {
  int r = dir ? mkdir(path, 0755) : close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666));
  if (r != 0 && errno != EEXIST) die(EXIT_SETUP, "creating %s failed: %s", path, strerror(errno));
}

/* The terminal on stdin, opened (O_PATH) by its path in this mount namespace: a bind
 * mount needs a source in the caller's namespace, and stdin was opened in the parent's.
 * The node found must be the very same device file; otherwise -1 (no /dev/console). */
static int terminal_here(void) {
  struct stat in, here;
  char path[256];
  if (!isatty(STDIN_FILENO) || fstat(STDIN_FILENO, &in) != 0) return -1;
  ssize_t n = readlink("/proc/self/fd/0", path, sizeof path - 1);
  if (n <= 0 || path[0] != '/') return -1;
  path[n] = 0;
  int fd = open(path, O_PATH | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return -1;
  if (fstat(fd, &here) != 0 || !S_ISCHR(here.st_mode) || here.st_rdev != in.st_rdev || here.st_dev != in.st_dev ||
      here.st_ino != in.st_ino) {
    close(fd);
    return -1;
  }
  return fd;
}

/* A fresh /dev: the harmless character devices bound from the host (opened before the
 * tmpfs hides them), a new devpts instance, a private /dev/shm, the usual links. */
static void fresh_dev(int pty) {
  static const char *const devs[] = { "null", "zero", "full", "random", "urandom", "tty" };
  int fds[6];
  for (int i = 0; i < 6; i++) {
    char p[32];
    snprintf(p, sizeof p, "/dev/%s", devs[i]);
    fds[i] = open(p, O_PATH | O_CLOEXEC);
  }
  int console = pty ? terminal_here() : -1;
  if (mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k") != 0)
    die(EXIT_SETUP, "mounting a tmpfs on /dev failed: %s", strerror(errno));
  for (int i = 0; i < 6; i++) {
    if (fds[i] < 0) continue;
    char dst[32], src[64];
    snprintf(dst, sizeof dst, "/dev/%s", devs[i]);
    snprintf(src, sizeof src, "/proc/self/fd/%d", fds[i]);
    make_node(dst, 0);
    if (mount(src, dst, NULL, MS_BIND, NULL) != 0) die(EXIT_SETUP, "binding %s failed: %s", dst, strerror(errno));
    close(fds[i]);
  }
  make_node("/dev/shm", 1);
  make_node("/dev/pts", 1);
  static const char *const links[][2] = { { "/proc/self/fd", "/dev/fd" }, { "/proc/self/fd/0", "/dev/stdin" },
                                          { "/proc/self/fd/1", "/dev/stdout" }, { "/proc/self/fd/2", "/dev/stderr" },
                                          { "pts/ptmx", "/dev/ptmx" } };
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
    if (symlink(links[i][0], links[i][1]) != 0) die(EXIT_SETUP, "creating %s failed: %s", links[i][1], strerror(errno));
  /* The command's own terminal (a pty of the host's devpts, which the fresh /dev does not
   * show): bound at /dev/console so ttyname() and `tty` find it, as under bwrap. Only
   * that one device; the host's other terminals stay out of reach. */
  if (console >= 0) {
    char src[64];
    snprintf(src, sizeof src, "/proc/self/fd/%d", console);
    make_node("/dev/console", 0);
    if (mount(src, "/dev/console", NULL, MS_BIND, NULL) != 0)
      die(EXIT_SETUP, "binding the terminal at /dev/console failed: %s", strerror(errno));
    close(console);
  }
  if (mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") != 0)
    die(EXIT_SETUP, "mounting a private /dev/shm failed: %s", strerror(errno));
  if (mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620") != 0)
    die(EXIT_SETUP, "mounting devpts failed: %s", strerror(errno));
  if (mount(NULL, "/dev", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC, NULL) != 0)
    die(EXIT_SETUP, "making /dev read-only failed: %s", strerror(errno));
}

void setup_mounts(const struct policy *pol, int new_pidns, int pty) {
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    die(EXIT_SETUP, "making mounts private failed: %s", strerror(errno));
  /* Each writable root becomes its own mount, so that making its parent mount
   * read-only leaves it writable. */
  for (size_t i = 0; i < pol->nroots; i++)
    if (mount(pol->roots[i], pol->roots[i], NULL, MS_BIND | MS_REC, NULL) != 0)
      die(EXIT_SETUP, "bind-mounting the writable root %s failed: %s", pol->roots[i], strerror(errno));
  remount_all_ro(pol);
  for (size_t i = 0; i < pol->nprotected; i++) bind_ro(pol->protected_paths[i], pol->protected_paths[i]);
  fresh_dev(pty);
  /* A proc of the new pid namespace, read-only (/proc/sys included). Where a fresh proc
   * cannot be mounted (a container masking parts of /proc), the host's, already made
   * read-only above, stays. */
  if (new_pidns) mount("proc", "/proc", "proc", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}
