// What the figures were measured on: they mean little without it.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromiumPath } from '../../tests/e2e/harness';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when measured: other work on the machine skews every figure. */
  loadAverage: number;
}

export function chromiumVersion(): string {
  try {
    // Debian's wrapper script prints shell noise on stderr; the version is the stdout line.
    const out = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n').pop() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    chromium: chromiumVersion(),
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
