/* The reaper: the helper becomes a child subreaper and forks; the child sets up the
 * sandbox and execs the command, the parent stays outside any Landlock domain or seccomp
 * filter so it can always signal and wait for every descendant (a Landlock signal scope
 * lets a process signal only its own domain and nested ones; no domain is the least
 * restricted). Descendants that leave the process group (setsid, double fork) are
 * re-parented to the subreaper when their parent dies, so when the command exits, on
 * SIGTERM, or when the helper's own parent dies (PDEATHSIG = SIGTERM), the parent kills
 * every child it has with SIGKILL, reaps it, and repeats until none is left.
 *
 * Signals are never handled asynchronously: they stay blocked and are taken one by one
 * with sigwaitinfo(), so no handler runs and nothing here needs async-signal-safety. */
#define _GNU_SOURCE
#include "sandbox.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PR_SET_CHILD_SUBREAPER
#define PR_SET_CHILD_SUBREAPER 36
#endif

static pid_t g_self, g_cmd, g_spare;

void reaper_spare(pid_t pid) { g_spare = pid; }
static int g_status, g_have_status;

static void note(pid_t w, int st) {
  if (w == g_cmd && !g_have_status) {
    g_status = st;
    g_have_status = 1;
  }
}

static void reap_nohang(void) {
  int st;
  pid_t w;
  while ((w = waitpid(-1, &st, WNOHANG | __WALL)) > 0) note(w, st);
}

struct tally { int killed, refused, spared; };

static void kill_one(pid_t pid, struct tally *t) {
  if (pid <= 1 || pid == g_self) return;
  if (pid == g_spare) {
    t->spared++;
    return;
  }
  if (kill(pid, SIGKILL) == 0) t->killed++;
  else if (errno == EPERM) t->refused++;
}

/* Fallback without CONFIG_PROC_CHILDREN: every process whose ppid is this one. */
static void kill_children_by_scan(struct tally *t) {
  DIR *d = opendir("/proc");
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 0) continue;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) continue;
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* comm may hold spaces and parentheses */
    char state;
    long ppid;
    if (p && sscanf(p + 1, " %c %ld", &state, &ppid) == 2 && ppid == (long)g_self) kill_one((pid_t)pid, t);
  }
  closedir(d);
}

/* SIGKILL every current child. */
static struct tally kill_children(void) {
  struct tally t = { 0, 0, 0 };
  char path[64];
  snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)g_self);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    kill_children_by_scan(&t);
    return t;
  }
  char buf[4096];
  long cur = 0;
  int in_num = 0;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] >= '0' && buf[i] <= '9') {
        cur = cur * 10 + (buf[i] - '0');
        in_num = 1;
      } else if (in_num) {
        kill_one((pid_t)cur, &t);
        cur = 0;
        in_num = 0;
      }
    }
  }
  if (in_num) kill_one((pid_t)cur, &t);
  close(fd);
  return t;
}

/* Kill and reap every descendant: each death re-parents its orphans here, so repeat
 * until no child is left (ECHILD), or only children this user may not signal remain
 * (a set-uid program under danger-full-access). The children list of /proc can miss a
 * process being re-parented at that moment, so never block in waitpid: poll, and kill
 * again (with a /proc scan when the list looked empty) until nothing is left. */
static void kill_all(void) {
  for (;;) {
    struct tally t = kill_children();
    if (t.killed == 0 && t.refused == 0) kill_children_by_scan(&t);
    if (t.killed == 0 && t.refused > 0) return;
    if (t.killed == 0 && t.spared > 0) { /* only the placeholder cleaner is left */
      reap_nohang();
      return;
    }
    int st;
    pid_t w = waitpid(-1, &st, WNOHANG | __WALL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return; /* ECHILD: nothing left */
    }
    if (w > 0) {
      note(w, st);
      reap_nohang();
      continue;
    }
    struct timespec pause = { 0, 2 * 1000 * 1000 };
    nanosleep(&pause, NULL);
  }
}

/* Exit as the command did: same code, or killed by the same signal (no core dump). */
static void exit_like_command(void) {
  if (!g_have_status) _exit(128 + SIGTERM); /* the command could not be killed (set-uid): we were told to go */
  if (WIFEXITED(g_status)) _exit(WEXITSTATUS(g_status));
  int sig = WTERMSIG(g_status);
  struct rlimit none = { 0, 0 };
  setrlimit(RLIMIT_CORE, &none);
  prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
  signal(sig, SIG_DFL);
  kill(g_self, sig);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  sigprocmask(SIG_UNBLOCK, &one, NULL);
  _exit(128 + sig);
}

/* Where a signal for the command goes, or 0 when it must not be forwarded. Never one this
 * process sent. When the command leads its own process group (it started a new session),
 * nothing reached it yet: forward everything, terminal signals included, to its group.
 * Otherwise it shares the helper's group: a signal from the terminal (SI_KERNEL) reached
 * every member already, and so did a group signal from the command's side. */
static pid_t forward_target(const siginfo_t *si) {
  if (si->si_pid == g_self && si->si_code != SI_KERNEL) return 0;
  pid_t g = getpgid(g_cmd);
  if (g == g_cmd) return -g_cmd;
  if (si->si_code != SI_USER && si->si_code != SI_QUEUE && si->si_code != SI_TKILL) return 0;
  if (getpgrp() != g_self) return g_cmd; /* run from a shell: to the command only */
  pid_t sg = getpgid(si->si_pid);
  if (si->si_pid != 0 && sg == g_self) return 0;
  return -g_self; /* to the helper's group, as a group signal reached it before the reaper */
}

static int g_is_init;       /* pid 1 of the command's pid namespace */
static int g_status_fd = -1; /* init: where the command's raw status goes */
static int g_status_in = -1; /* outer reaper: where the init's report comes from */
static int g_status_out = -1; /* outer reaper: the init's end, closed here after the fork */
static void (*g_cleanup)(void);

void reaper_set_status_fd(int fd) { g_status_fd = fd; }
void reaper_set_status_in(int fd, int writer) {
  g_status_in = fd;
  g_status_out = writer;
}

pid_t reaper_start(pid_t parent, void (*cleanup)(void)) {
  g_cleanup = cleanup;
  /* Dispositions first: setting SIGCHLD to SIG_DFL discards a pending SIGCHLD (POSIX), so
   * doing it after fork() would lose the exit of a command that ended at once. SIG_IGN
   * inherited from the runner would auto-reap children or drop the stop request. */
  signal(SIGCHLD, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  sigset_t set, old;
  sigemptyset(&set);
  int sigs[] = { SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGIO };
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&set, sigs[i]);
  if (sigprocmask(SIG_BLOCK, &set, &old) != 0) die(EXIT_SETUP, "sigprocmask failed: %s", strerror(errno));
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
    die(EXIT_SETUP, "PR_SET_CHILD_SUBREAPER failed: %s", strerror(errno));
  /* The runner dying is a SIGTERM: clean up, then go. */
  if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) != 0) die(EXIT_SETUP, "PR_SET_PDEATHSIG failed: %s", strerror(errno));
  if (getppid() != parent) die(EXIT_SETUP, "the parent process exited before the sandbox started");
  g_self = getpid();
  g_is_init = g_self == 1;
  fflush(NULL);
  g_cmd = fork();
  if (g_cmd < 0) die(EXIT_SETUP, "fork failed: %s", strerror(errno));
  if (g_cmd == 0) {
    /* The command: default mask back (SIGCHLD etc. must not stay blocked across exec). */
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (g_status_in >= 0) close(g_status_in);
    return g_self;
  }
  /* Only the init may hold the writing end: a read then ends (EOF) when it is gone. The
   * report arrives as SIGIO, before the init's own exit, which tears down the sandbox's
   * mount namespace (milliseconds of unmounting that nobody needs to wait for). */
  int reported = 0;
  if (g_status_out >= 0) close(g_status_out);
  if (g_status_in >= 0) {
    fcntl(g_status_in, F_SETOWN, g_self);
    fcntl(g_status_in, F_SETFL, O_NONBLOCK | O_ASYNC);
  }
  for (;;) {
    siginfo_t si;
    int s = sigwaitinfo(&set, &si);
    if (s < 0) continue; /* EINTR */
    if (s == SIGIO) {
      int st;
      if (g_status_in >= 0 && read(g_status_in, &st, sizeof st) == (ssize_t)sizeof st) {
        g_status = st;
        g_have_status = 1;
        reported = 1;
        break;
      }
    } else if (s == SIGCHLD) {
      reap_nohang();
      if (g_have_status) break;
    } else if (s == SIGTERM) {
      break;
    } else {
      pid_t to = forward_target(&si);
      if (to != 0) kill(to, s);
    }
  }
  /* The init kills every other process of its pid namespace (kill(-1) from pid 1 reaches
   * exactly those) and reaps them, then reports how the command ended: after the report,
   * nothing the command started is alive. */
  if (g_is_init) {
    kill(-1, SIGKILL);
    for (;;) {
      int st;
      pid_t w = waitpid(-1, &st, __WALL);
      if (w > 0) note(w, st);
      else if (errno != EINTR) break;
    }
    if (g_have_status && g_status_fd >= 0) (void)!write(g_status_fd, &g_status, sizeof g_status);
    if (!g_have_status) _exit(128 + SIGKILL);
    _exit(WIFEXITED(g_status) ? WEXITSTATUS(g_status) : 128 + WTERMSIG(g_status));
  }
  if (reported) {
    /* Everything in the namespace is dead and reaped; the init only has its own exit
     * (the namespace teardown) left. Let it finish on its own. */
    kill(g_cmd, SIGKILL);
  } else {
    kill_all();
  }
  if (g_status_in >= 0) {
    int st;
    fcntl(g_status_in, F_SETFL, O_NONBLOCK); /* the init is dead: its report is there or never comes */
    if (read(g_status_in, &st, sizeof st) == (ssize_t)sizeof st) {
      g_status = st;
      g_have_status = 1;
    }
  }
  if (g_cleanup) g_cleanup();
  exit_like_command();
  return 0; /* not reached */
}
