import path from 'node:path';
import { build } from 'esbuild';

const ENTRY = path.join(__dirname, '../../src/domain/index.ts');

describe('the domain bundle for the browser (PCF control)', () => {
  it('builds for the browser without xero-node or any Node built-in', async () => {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.includes('xero-node') || i.startsWith('node:'))).toEqual([]);
    expect(inputs.some((i) => i.includes('plugins-proxy/src/domain/mapInvoice.ts'))).toBe(true);
  });
});
