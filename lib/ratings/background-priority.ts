// The background worker runs at the lowest CPU priority. Its jobs (a platform's rating day, the
// catch-up, the priority pass) take whole seconds of a core; at normal priority, on a two-core machine
// they take turns with the thread that answers verdict lookups, which then wait tens of milliseconds.
// Niced, they use what the request thread leaves. Linux only (a thread is a task with its own nice
// value); elsewhere, or where the call is refused, the worker keeps the process's priority.
import fs from "node:fs";
import os from "node:os";

export function lowerThisThreadsPriority(): boolean {
  try {
    const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").at(-1));
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, os.constants.priority.PRIORITY_LOW);
    return os.getPriority(tid) === os.constants.priority.PRIORITY_LOW;
  } catch {
    return false;
  }
}
