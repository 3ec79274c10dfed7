// A seccomp filter for code under bubblewrap, written as the classic BPF
// program bubblewrap loads with `--seccomp FD` (no libseccomp needed): the
// system calls sandboxed code has no use for and that widen the kernel's
// attack surface (tracing other processes, kernel keyrings, mounting, BPF,
// perf, userfaultfd, io_uring, namespaces, modules, clocks, reboot) fail
// with EPERM. A call from another ABI (i386's int 0x80, x32) fails too, so
// numbers cannot be smuggled past the table. The numbers are x86_64's; on
// other machines no filter is loaded and the sandbox's status says so.

const AUDIT_ARCH_X86_64 = 0xc000003e;
const X32_SYSCALL_BIT = 0x40000000;

/** x86_64 numbers (asm/unistd_64.h) */
export const DENIED_SYSCALLS: Record<string, number> = {
  ptrace: 101,
  process_vm_readv: 310,
  process_vm_writev: 311,
  kcmp: 312,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  mount: 165,
  umount2: 166,
  pivot_root: 155,
  open_tree: 428,
  move_mount: 429,
  fsopen: 430,
  fsconfig: 431,
  fsmount: 432,
  fspick: 433,
  mount_setattr: 442,
  unshare: 272,
  setns: 308,
  bpf: 321,
  perf_event_open: 298,
  userfaultfd: 323,
  io_uring_setup: 425,
  io_uring_enter: 426,
  io_uring_register: 427,
  open_by_handle_at: 304,
  name_to_handle_at: 303,
  fanotify_init: 300,
  lookup_dcookie: 212,
  init_module: 175,
  finit_module: 313,
  delete_module: 176,
  kexec_load: 246,
  kexec_file_load: 320,
  reboot: 169,
  swapon: 167,
  swapoff: 168,
  acct: 163,
  quotactl: 179,
  syslog: 103,
  iopl: 172,
  ioperm: 173,
  settimeofday: 164,
  clock_settime: 227,
  clock_adjtime: 305,
  adjtimex: 159,
  vhangup: 153,
  uselib: 134,
};

// classic BPF opcodes and seccomp's return values (linux/filter.h, linux/seccomp.h)
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO_EPERM = 0x00050000 | 1;
/** offsets in struct seccomp_data */
const NR = 0;
const ARCH = 4;

/** Whether this machine's system call numbers are the ones in the table. */
export function seccompSupported(): boolean {
  return process.platform === "linux" && process.arch === "x64";
}

/** The filter as struct sock_filter[] bytes (little-endian, as x86_64 reads them). */
export function seccompProgram(): Buffer {
  const denied = Object.values(DENIED_SYSCALLS);
  type Insn = [code: number, jt: number, jf: number, k: number];
  // laid out as: arch check, number load, x32 check, one test per call, allow, deny
  const total = 4 + denied.length + 2;
  const DENY = total - 1;
  const to = (from: number, target: number) => target - (from + 1);
  const program: Insn[] = [
    [LD_W_ABS, 0, 0, ARCH],
    [JEQ_K, 0, to(1, DENY), AUDIT_ARCH_X86_64],
    [LD_W_ABS, 0, 0, NR],
  ];
  program.push([JGE_K, to(3, DENY), 0, X32_SYSCALL_BIT]);
  denied.forEach((nr, i) => program.push([JEQ_K, to(4 + i, DENY), 0, nr]));
  program.push([RET_K, 0, 0, RET_ALLOW], [RET_K, 0, 0, RET_ERRNO_EPERM]);
  const buf = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}
