// A process's memory and CPU time as Linux counts them (/proc/<pid>/status), in bytes: RSS now and its peak (VmHWM), and
// how RSS splits into anonymous memory (the heap, buffers) and mapped files (code, LMDB's map).
import { readFileSync } from 'node:fs';

const fields = {
  VmRSS: 'rss',
  VmHWM: 'peakRss',
  RssAnon: 'rssAnon',
  RssFile: 'rssFile',
  RssShmem: 'rssShmem',
};

/** Undefined where /proc is missing (not Linux) or the process is gone. */
export function processMemory(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const memory = {};
  for (const line of text.split('\n')) {
    const match = /^(\w+):\s+(\d+) kB/.exec(line);
    if (match && fields[match[1]]) memory[fields[match[1]]] = Number(match[2]) * 1024;
  }
  return memory;
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
