/**
 * A child process for the spool's crash test: appends batches as fast as it can, and
 * acknowledges or rejects the oldest now and then, printing each operation only once
 * the spool has returned from it (stdout to a pipe is synchronous on Linux, so a line
 * the parent read was printed after the operation completed). The parent kills it with
 * SIGKILL at an arbitrary moment, usually in the middle of a write.
 */
import { openSpool } from "@/probes/agent/spool";

const spool = await openSpool(process.argv[2]!);
for (let i = 0; ; i++) {
  const at = 1_700_000_000_000 + i * 10_000;
  const results = Array.from({ length: 10 }, (_, j) => ({
    probeKey: `svc-${j}-topup-local`,
    at: new Date(at),
    intervalSec: 10,
    state: "UP" as const,
    latencyMs: 100 + j,
    httpStatus: 200,
    errorClass: null,
    message: null,
  }));
  const b = await spool.append(results);
  process.stdout.write(`A ${b.batchId}\n`);
  if (i % 3 === 2) {
    const oldest = spool.pending(1)[0]!;
    if (i % 9 === 8) {
      await spool.reject(oldest.batchId, "400: refused in the crash test");
      process.stdout.write(`R ${oldest.batchId}\n`);
    } else {
      await spool.ack(oldest.batchId);
      process.stdout.write(`K ${oldest.batchId}\n`);
    }
  }
}
