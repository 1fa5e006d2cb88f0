/* Read-only protected paths (.git, .codex inside a writable root) by bind mounts in a
 * private mount namespace. Root unshares the mount namespace directly; others first
 * enter a user namespace mapping their own uid/gid to themselves. Landlock (applied
 * after) forbids mount/umount, so the sandboxed command cannot undo the binds. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  close(fd);
  return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int enter_namespaces(void) {
  if (unshare(CLONE_NEWNS) == 0) return 0;
  uid_t uid = getuid();
  gid_t gid = getgid();
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return -1;
  char map[64];
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
  if (write_file("/proc/self/uid_map", map) != 0) return -1;
  if (write_file("/proc/self/setgroups", "deny\n") != 0 && errno != ENOENT) return -1;
  snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
  return write_file("/proc/self/gid_map", map);
}

/* Mount flags that a user namespace may not clear on remount. */
static unsigned long locked_flags(const char *path) {
  struct statvfs sv;
  unsigned long f = 0;
  if (statvfs(path, &sv) != 0) return 0;
  if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
  if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
  if (sv.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
  if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
  return f;
}

int protect_with_mounts(const struct policy *pol) {
  if (pol->nprotected == 0) return 1;
  if (enter_namespaces() != 0) return 0;
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    die(EXIT_SETUP, "making mounts private failed: %s", strerror(errno));
  for (size_t i = 0; i < pol->nprotected; i++) {
    const char *p = pol->protected_paths[i];
    if (mount(p, p, NULL, MS_BIND | MS_REC, NULL) != 0)
      die(EXIT_SETUP, "bind-mounting %s failed: %s", p, strerror(errno));
    if (mount(NULL, p, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags(p), NULL) != 0)
      die(EXIT_SETUP, "making %s read-only failed: %s", p, strerror(errno));
  }
  return 1;
}
