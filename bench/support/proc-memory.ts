// Another process's memory, from /proc (Linux): its resident set now and its peak (VmHWM), which
// can be reset with clear_refs so that the peak covers one measurement only; and a sampler that
// reads VmRSS every `everyMs` as a cross-check of the peak.
import fs from "node:fs";

/** VmRSS and VmHWM of `pid`, in bytes. */
export function procMemory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/** Resets `pid`'s VmHWM to its current RSS (needs the right to write /proc/<pid>/clear_refs). */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** The direct children of `pid` (a check that the measured process is the one doing the work). */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function sampleRss(pid: number, everyMs = 50) {
  let peak = 0;
  let samples = 0;
  const take = () => {
    try {
      peak = Math.max(peak, procMemory(pid).rss);
      samples += 1;
    } catch {
      // the process is gone
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}
