import { readFileSync } from 'node:fs';
import { repoRoot } from './repoRoot.js';

export const deployDoc = readFileSync(`${repoRoot}/docs/deploy.md`, 'utf8');

/**
 * The file examples of docs/deploy.md, by the path their first line names (`# /etc/switchboard/…`), so
 * the tests run exactly what a reader copies.
 */
export function docFile(path: string): string {
  for (const [, body] of deployDoc.matchAll(/```\w*\n([\s\S]*?)```/g)) {
    const [first, ...rest] = (body ?? '').split('\n');
    if (first === `# ${path}`) return rest.join('\n');
  }
  throw new Error(`docs/deploy.md has no example of ${path}`);
}

/** `NAME=value` lines as systemd's EnvironmentFile= reads them (comments, blank lines, quotes). */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (!match?.[1]) throw new Error(`not an environment file line: ${line}`);
    env[match[1]] = (match[2] ?? '').replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  }
  return env;
}
