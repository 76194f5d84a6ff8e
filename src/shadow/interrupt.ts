/**
 * What pgdrift must undo when it is interrupted (SIGINT, SIGTERM, SIGHUP): shadow databases and the
 * roles they made on a server, embedded servers and their temporary data directories. Whoever holds
 * such a resource registers its release and unregisters it once it has released it itself. On a
 * signal the releases run newest first (a shadow database before the server it lives on), then the
 * process exits with 128 + the signal's number. A second signal during the cleanup ends it at once.
 */
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
/** A release that hangs (an unreachable server) does not keep the process alive longer than this. */
const RELEASE_TIMEOUT_MS = 10_000;

const releases: (() => Promise<unknown>)[] = [];
let installed = false;
let interrupted = false;

export function releaseOnInterrupt(release: () => Promise<unknown>): () => void {
  if (!installed) {
    installed = true;
    for (const [signal, n] of Object.entries(SIGNALS)) process.once(signal, () => void cleanUp(signal, 128 + n));
  }
  releases.push(release);
  return () => {
    const at = releases.indexOf(release);
    if (at >= 0) releases.splice(at, 1);
  };
}

/** True once a signal arrived: what fails after that is the cleanup's doing, not an error to report. */
export function isInterrupted(): boolean {
  return interrupted;
}

async function cleanUp(signal: string, code: number): Promise<void> {
  interrupted = true;
  process.stderr.write(`pgdrift: ${signal}: cleaning up\n`);
  for (const release of releases.splice(0).reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, RELEASE_TIMEOUT_MS)));
    await Promise.race([release().catch(() => undefined), timeout]);
    clearTimeout(timer);
  }
  process.exit(code);
}
