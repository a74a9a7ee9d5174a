import { Writable } from 'node:stream';
import { describeError } from '@switchboard/core';

export type LogStream = Writable & { isTTY?: boolean };

/**
 * Keeps a closed stdout or stderr (`rules-runner start | head`, a log collector or ssh session that went
 * away) from touching the daemon. A write error on either stream ends writing there, once; without this
 * it would be an uncaught exception, logged to the same closed stream, failing again, for ever.
 *
 * The daemon keeps running and serving when its log output closes: it is still watched through
 * `/healthz`, `/metrics` and the console, and stopped by SIGTERM/SIGINT. A notice goes to stderr, if
 * that is still open. Returns the stream the daemon logs to: stdout while it lasts, then nothing.
 */
export function guardStdio(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): LogStream {
  let stdoutOpen = true;
  let stderrOpen = true;
  stderr.on('error', () => {
    stderrOpen = false;
  });
  stdout.on('error', (error) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    if (stderrOpen && !stderr.destroyed) {
      stderr.write(
        `rules-runner: the log output (stdout) closed (${describeError(error)}): logging there stops; the daemon keeps running (pid ${process.pid}, SIGTERM stops it)\n`,
      );
    }
  });
  const log: LogStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (stdoutOpen && !stdout.destroyed) {
        try {
          stdout.write(chunk);
        } catch {
          // A file on a full disk throws here (stdout to a file writes synchronously): this line is lost.
        }
      }
      done();
    },
  });
  log.isTTY = stdout.isTTY === true;
  return log;
}
