/* Dropping every capability before the command runs: the bounding set (so that executing
 * a program as uid 0 grants nothing), the ambient set, and effective/permitted/inheritable.
 * In the command's own user namespace these are capabilities over that namespace only;
 * for root without one they are the real ones, which is why they must all go. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

void drop_capabilities(void) {
  struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capget, &hdr, data) != 0) die(EXIT_SETUP, "capget failed: %s", strerror(errno));
  int had_setpcap = (data[0].effective >> CAP_SETPCAP) & 1;
  for (int c = 0; c < 64; c++) {
    if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == 0) continue;
    if (errno == EINVAL) break; /* past the last capability this kernel knows */
    /* Without CAP_SETPCAP the bounding set cannot shrink; then there is nothing to keep
     * it for either: permitted is empty below and no_new_privs stops set-uid gains. */
    if (errno == EPERM && !had_setpcap) break;
    die(EXIT_SETUP, "dropping capability %d from the bounding set failed: %s", c, strerror(errno));
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
    die(EXIT_SETUP, "clearing ambient capabilities failed: %s", strerror(errno));
  memset(data, 0, sizeof data);
  hdr.pid = 0;
  if (syscall(SYS_capset, &hdr, data) != 0) die(EXIT_SETUP, "capset failed: %s", strerror(errno));
}
