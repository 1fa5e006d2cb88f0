/* Landlock: read and execute everywhere, write only beneath the writable roots and a
 * few device files; TCP bind/connect denied when the policy denies network; on ABI >= 6
 * signals and abstract unix sockets scoped to the sandbox's own domain. Constants are
 * defined locally because distribution uapi headers (e.g. Debian's 6.1) lack the fields
 * of newer ABIs. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1

#define FS_EXECUTE (1ULL << 0)
#define FS_WRITE_FILE (1ULL << 1)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_REMOVE_DIR (1ULL << 4)
#define FS_REMOVE_FILE (1ULL << 5)
#define FS_MAKE_CHAR (1ULL << 6)
#define FS_MAKE_DIR (1ULL << 7)
#define FS_MAKE_REG (1ULL << 8)
#define FS_MAKE_SOCK (1ULL << 9)
#define FS_MAKE_FIFO (1ULL << 10)
#define FS_MAKE_BLOCK (1ULL << 11)
#define FS_MAKE_SYM (1ULL << 12)
#define FS_REFER (1ULL << 13)    /* ABI 2 */
#define FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#define FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define NET_BIND_TCP (1ULL << 0)  /* ABI 4 */
#define NET_CONNECT_TCP (1ULL << 1)
#define SCOPE_ABSTRACT_UNIX (1ULL << 0) /* ABI 6 */
#define SCOPE_SIGNAL (1ULL << 1)

struct ll_ruleset_attr { __u64 handled_access_fs, handled_access_net, scoped; };
struct ll_path_beneath { __u64 allowed_access; __s32 parent_fd; } __attribute__((packed));

static int g_abi;
static int g_ruleset = -1;

int landlock_abi(void) {
  long r = syscall(__NR_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
  return r < 0 ? -errno : (int)r;
}

static __u64 all_fs(void) {
  __u64 a = (FS_MAKE_SYM << 1) - 1; /* ABI 1: bits 0..12 */
  if (g_abi >= 2) a |= FS_REFER;
  if (g_abi >= 3) a |= FS_TRUNCATE;
  if (g_abi >= 5) a |= FS_IOCTL_DEV;
  return a;
}

/* Rights that Landlock accepts on a non-directory inode. */
static __u64 file_rights(void) {
  return all_fs() & (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV);
}

/* Adds a rule; returns 0, or -1 (errno set) when the path cannot be opened. */
static int add_path(const char *path, __u64 access, int nofollow) {
  int fd = open(path, O_PATH | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) access &= file_rights();
  struct ll_path_beneath pb = { access, fd };
  long r = syscall(__NR_landlock_add_rule, g_ruleset, LL_RULE_PATH_BENEATH, &pb, 0);
  int saved = errno;
  close(fd);
  if (r < 0) die(EXIT_NO_LANDLOCK, "landlock_add_rule(%s) failed: %s", path, strerror(saved));
  return 0;
}

static int has_protected_beneath(const struct policy *pol, const char *dir) {
  size_t n = strlen(dir);
  for (size_t i = 0; i < pol->nprotected; i++) {
    const char *p = pol->protected_paths[i];
    if (!strncmp(p, dir, n) && (p[n] == '/' || (n == 1 && dir[0] == '/'))) return 1;
  }
  return 0;
}

static int is_protected(const struct policy *pol, const char *path) {
  for (size_t i = 0; i < pol->nprotected; i++)
    if (!strcmp(pol->protected_paths[i], path)) return 1;
  return 0;
}

/* Landlock cannot subtract rights beneath a granted directory, so a directory holding a
 * protected path is granted child by child (directories recursively, files with file
 * rights), skipping the protected entry and symlinks. Its own entries then cannot be
 * created, removed or renamed: the cost of the no-namespace fallback. */
static void grant_tree(const struct policy *pol, const char *dir) {
  if (!has_protected_beneath(pol, dir)) {
    add_path(dir, all_fs(), 0);
    return;
  }
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char child[4096];
    if (snprintf(child, sizeof child, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name) >= (int)sizeof child)
      continue;
    if (is_protected(pol, child)) continue;
    struct stat st;
    if (lstat(child, &st) != 0 || S_ISLNK(st.st_mode)) continue;
    if (S_ISDIR(st.st_mode)) grant_tree(pol, child);
    else add_path(child, file_rights(), 1);
  }
  closedir(d);
}

static void require_abi(void) {
  g_abi = landlock_abi();
  if (g_abi < 1) {
    die(EXIT_NO_LANDLOCK,
        "Landlock is not available on this kernel (%s). It needs Linux >= 5.13 with "
        "CONFIG_SECURITY_LANDLOCK=y and \"landlock\" in the lsm= boot parameter",
        strerror(-g_abi));
  }
}

void apply_landlock_scopes_only(void) {
  if (landlock_abi() < 6) return; /* nothing to scope with; bwrap's namespaces still apply */
  struct ll_ruleset_attr attr = { 0, 0, SCOPE_SIGNAL | SCOPE_ABSTRACT_UNIX };
  int fd = (int)syscall(__NR_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (fd < 0) die(EXIT_NO_LANDLOCK, "landlock_create_ruleset (scopes) failed: %s", strerror(errno));
  if (syscall(__NR_landlock_restrict_self, fd, 0) != 0)
    die(EXIT_NO_LANDLOCK, "landlock_restrict_self (scopes) failed: %s", strerror(errno));
  close(fd);
}

void apply_landlock(const struct policy *pol, enum isolation iso) {
  require_abi();
  struct ll_ruleset_attr attr = { all_fs(), 0, 0 };
  size_t size = 8;
  if (g_abi >= 4) {
    size = 16;
    if (!pol->network) attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
  }
  if (g_abi >= 6) {
    size = sizeof attr;
    /* Both scopes whatever network_access says: abstract unix sockets are local IPC
     * (D-Bus, X11, agents), not network, and no filesystem rule can reach them. The
     * reaper parent stays outside this domain, so it can still signal the command. */
    attr.scoped = SCOPE_SIGNAL | SCOPE_ABSTRACT_UNIX;
  }
  g_ruleset = (int)syscall(__NR_landlock_create_ruleset, &attr, size, 0);
  if (g_ruleset < 0) die(EXIT_NO_LANDLOCK, "landlock_create_ruleset failed: %s", strerror(errno));

  if (add_path("/", FS_EXECUTE | FS_READ_FILE | FS_READ_DIR, 0) != 0)
    die(EXIT_NO_LANDLOCK, "cannot open / for a Landlock rule: %s", strerror(errno));
  static const char *const devices[] = { "/dev/null", "/dev/zero", "/dev/full", "/dev/tty",
                                         "/dev/random", "/dev/urandom", NULL };
  for (int i = 0; devices[i]; i++) add_path(devices[i], file_rights() & ~FS_EXECUTE, 0);
  if (iso != ISO_NONE) {
    /* Private to this sandbox (mounts.c): POSIX semaphores and shared memory, ptys. */
    add_path("/dev/shm", all_fs(), 0);
    add_path("/dev/pts", file_rights() & ~FS_EXECUTE, 0);
  }
  for (size_t i = 0; i < pol->nroots; i++) {
    if (iso != ISO_NONE) add_path(pol->roots[i], all_fs(), 0);
    else grant_tree(pol, pol->roots[i]);
  }
  if (syscall(__NR_landlock_restrict_self, g_ruleset, 0) != 0)
    die(EXIT_NO_LANDLOCK, "landlock_restrict_self failed: %s", strerror(errno));
  close(g_ruleset);
}
