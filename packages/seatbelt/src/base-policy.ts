// The fixed part of every Seatbelt profile: deny by default, then the least a normal
// command-line program needs on macOS (exec/fork, signals and process info within the
// sandbox, a few sysctls, /dev/null, preferences, POSIX semaphores, two mach services).

/** Base SBPL profile; file reads, writes and network are appended per policy. */
export const SEATBELT_BASE_POLICY = `(version 1)

; Nothing is allowed unless a rule below says so.
(deny default)

; Run programs and create processes; they inherit this sandbox.
(allow process-exec)
(allow process-fork)

; Signals and process inspection only among processes of this sandbox.
(allow signal (target same-sandbox))
(allow process-info* (target same-sandbox))

; Preferences reads (many CLIs consult CFPreferences at start-up).
(allow user-preference-read)

; Writing to /dev/null, the character device only.
(allow file-write-data
  (require-all
    (path "/dev/null")
    (vnode-type CHARACTER-DEVICE)))

; System facts that runtimes (libc, Node, Python, Rust) query at start-up.
(allow sysctl-read
  (sysctl-name "hw.activecpu")
  (sysctl-name "hw.byteorder")
  (sysctl-name "hw.cachelinesize_compat")
  (sysctl-name "hw.cpufamily")
  (sysctl-name "hw.cputype")
  (sysctl-name "hw.l1dcachesize_compat")
  (sysctl-name "hw.l2cachesize_compat")
  (sysctl-name "hw.logicalcpu_max")
  (sysctl-name "hw.machine")
  (sysctl-name "hw.memsize")
  (sysctl-name "hw.ncpu")
  (sysctl-name "hw.nperflevels")
  (sysctl-name "hw.pagesize_compat")
  (sysctl-name "hw.physicalcpu_max")
  (sysctl-name "hw.tbfrequency_compat")
  (sysctl-name-prefix "hw.optional.")
  (sysctl-name-prefix "hw.perflevel")
  (sysctl-name "kern.argmax")
  (sysctl-name "kern.hostname")
  (sysctl-name "kern.maxfilesperproc")
  (sysctl-name "kern.osproductversion")
  (sysctl-name "kern.osrelease")
  (sysctl-name "kern.ostype")
  (sysctl-name "kern.osvariant_status")
  (sysctl-name "kern.osversion")
  (sysctl-name "kern.secure_kernel")
  (sysctl-name "kern.usrstack64")
  (sysctl-name "kern.version")
  (sysctl-name "sysctl.proc_cputype"))

; Power-management client (used by caffeinate-style calls in toolchains).
(allow iokit-open (iokit-registry-entry-class "RootDomainUserClient"))

; User and group lookups (getpwuid), and power assertions.
(allow mach-lookup
  (global-name "com.apple.system.opendirectoryd.libinfo")
  (global-name "com.apple.PowerManagement.control"))

; POSIX semaphores (Python multiprocessing and others).
(allow ipc-posix-sem)
`;
