/**
 * The HTTP port, found busy before anything starts (issue 54 item 6): with the port taken, start-up
 * used to run the demo's simulator, open the databases and start the accounts for some 3 s, and
 * only then fail to listen. A listen on the port, closed at once, answers first: EADDRINUSE (or
 * EACCES) the way the real listen would, as one line (cli/start.ts). Another program may still
 * take the port in the moment between this check and the real listen: that listen then fails
 * with the same line, after the start-up.
 */
import { createServer } from "node:net";

/** Resolves when `host:port` could be listened on now; rejects with the listen's error otherwise. Port 0 always can. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host, port, exclusive: true }, resolve);
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
