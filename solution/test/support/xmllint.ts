import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHARED } from './artifacts';

export const XSD = {
  customizations: path.join(SHARED, 'dataverse-xsd/libxml2/CustomizationsSolution.xsd'),
  ribbon: path.join(SHARED, 'dataverse-xsd/libxml2/RibbonCore.xsd'),
  siteMap: path.join(SHARED, 'dataverse-xsd/libxml2/SiteMap.xsd'),
};

export interface LintResult {
  readonly valid: boolean;
  readonly errors: string;
}

/** Validates XML text against an XSD with xmllint (Debian libxml2-utils), failing loudly if it is missing. */
export function validateWithXsd(xml: string, xsd: string): LintResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stl-xmllint-'));
  const file = path.join(dir, 'doc.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
    return { valid: true, errors: '' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') {
      throw new Error(
        'xmllint is not installed: run `apt-get install -y libxml2-utils` (CI installs it through .ci/run).',
      );
    }
    return { valid: false, errors: e.stderr?.toString('utf8') ?? String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
