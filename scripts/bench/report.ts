/**
 * Writes docs/performance.md from one bench run: the machine, the date, how to reproduce, one
 * table per scenario, and the raw JSON so later runs can be diffed figure by figure. Pure
 * rendering (renderPerformanceReport) apart from the file write, so the layout is testable.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import * as prettier from 'prettier';

export type ScenarioFigures = Record<string, number | string>;
export type BenchResults = Record<string, ScenarioFigures>;

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  /** Load average over the last minute when the run started: a busy machine explains slow figures. */
  readonly loadAverage1m: number;
}

export interface PerformanceReport {
  readonly results: BenchResults;
  /** What each scenario measures, by scenario name. */
  readonly descriptions: Readonly<Record<string, string>>;
  readonly machine: Machine;
  readonly date: Date;
  /** True when the figures come from reduced sizes (--quick): they prove the script, not the relay. */
  readonly quick: boolean;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

function cell(value: number | string): string {
  const text = typeof value === 'number' ? String(value) : value;
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function scenarioTable(figures: ScenarioFigures): string[] {
  return [
    '| Figure | Value |',
    '| --- | --- |',
    ...Object.entries(figures).map(([key, value]) => `| ${cell(key)} | ${cell(value)} |`),
  ];
}

export function renderPerformanceReport(report: PerformanceReport): string {
  const { machine } = report;
  const lines = [
    '# Performance',
    '',
    'Figures from one run of `npm run bench`, written by the bench itself (scripts/bench/report.ts);',
    'do not edit by hand. Machines differ, so compare ratios and counts before absolute times.',
    '',
    `- Date: ${report.date.toISOString()}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB RAM, ${machine.platform}`,
    `- Node: ${machine.node}`,
    `- Load average (1 min) at the start: ${machine.loadAverage1m}`,
    ...(report.quick
      ? ['- Reduced sizes (`--quick`): these figures show the bench works, not how fast the relay is.']
      : []),
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run -s bench            # every scenario; prints the JSON below and rewrites this page',
    'npm run -s bench -- intake  # one scenario (does not rewrite this page unless --write-docs)',
    'npm run bench -- --quick    # reduced sizes, under 2 minutes (what CI runs)',
    '```',
    '',
  ];
  for (const [name, figures] of Object.entries(report.results)) {
    lines.push(`## ${name}`, '');
    const description = report.descriptions[name];
    if (description) lines.push(description, '');
    lines.push(...scenarioTable(figures), '');
  }
  lines.push('## Raw JSON', '', '```json', JSON.stringify(report.results, null, 2), '```', '');
  return lines.join('\n');
}

/** Written through prettier with the repository's settings, so `npm run lint` accepts the page as written. */
export async function writePerformanceReport(file: string, report: PerformanceReport): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  const text = await prettier.format(renderPerformanceReport(report), { ...options, filepath: file });
  writeFileSync(file, text, 'utf8');
}
