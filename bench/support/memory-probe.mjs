// Diagnostics only, preloaded into a benchmark's server with `--import ./bench/support/memory-probe.mjs`
// when BENCH_MEMORY_PROBE_FILE is set: appends the process's memory breakdown (RSS, V8 heap spaces,
// external and array buffers) to that file every 250 ms, to tell where a server's resident memory is.
import fs from "node:fs";
import v8 from "node:v8";

const file = process.env.BENCH_MEMORY_PROBE_FILE;
if (file) {
  const mb = (n) => Math.round((n / 2 ** 20) * 10) / 10;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
    fs.appendFileSync(file, `${JSON.stringify({ t: Date.now(), rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), spaces })}\n`);
  }, 250);
  timer.unref();
}
