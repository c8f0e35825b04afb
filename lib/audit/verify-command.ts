// `npm run audit:verify`: exits 0 when the chain is intact, 1 naming the first bad sequence number.
import { getSqlite } from "@/lib/db";
import { verifyAuditChain } from "./verify";

const report = verifyAuditChain(getSqlite(), (n) => process.stderr.write(`verified ${n} events…\n`));
if (report.ok) {
  console.log(`audit chain intact: ${report.verified} events, head ${report.headHash}`);
} else {
  console.error(`audit chain broken at sequence ${report.firstBadSeq}: ${report.reason}`);
  console.error(`${report.verified} events verified before it`);
  process.exitCode = 1;
}
