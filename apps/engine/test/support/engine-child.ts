// Runs one engine in a child process (for tests that kill it): options come as JSON in argv[2];
// prints `READY <httpPort> <grpcPort>` once serving. Started with tsx so no build is needed.
import { startEngine } from 'seldon-engine';

const options = JSON.parse(process.argv[2] ?? '{}');
const engine = await startEngine({
  ...options,
  log: (level: string, msg: string) => process.stderr.write(`${level} ${msg}\n`),
});
process.stdout.write(`READY ${engine.httpPort} ${engine.grpcPort}\n`);
process.once('SIGTERM', () => {
  void engine.close().then(() => process.exit(0));
});
