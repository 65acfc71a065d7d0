/** The machine a run happened on, the printed table, and the JSON written after every run. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { Row } from './stats';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  /** 1-minute load average at the start: above `cpus` means others were using the machine. */
  readonly loadAverageAtStart: number;
}

export function describeMachine(): Machine {
  const model = /model name\s*:\s*(.+)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpus: availableParallelism(),
    cpuModel: model.trim(),
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    loadAverageAtStart: Number(loadavg()[0]!.toFixed(2)),
  };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const verdict = (row: Row): string => (row.met === undefined ? '' : row.met ? 'met' : 'MISSED');

/** A Markdown table: readable in a terminal and pasteable into docs/benchmarks.md as is. */
export function formatTable(rows: ReadonlyArray<Row>): string {
  const lines = ['| section | metric | value | target | |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const value = `${row.value}${row.unit ? ` ${row.unit}` : ''}`;
    lines.push(`| ${row.section} | ${row.metric} | ${value} | ${row.target ?? ''} | ${verdict(row)} |`);
  }
  return lines.join('\n');
}

export function writeResults(path: string, result: { machine: Machine; startedAt: string; durationSeconds: number; rows: ReadonlyArray<Row> }): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...result, freeMemoryGiBAtEnd: Number((freemem() / 2 ** 30).toFixed(1)) }, null, 2)}\n`);
}
