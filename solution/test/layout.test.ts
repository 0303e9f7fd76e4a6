import { readFileSync } from 'node:fs';
import path from 'node:path';
import { solutionModel } from '../model';
import { packSolution } from '../pack/package';
import { readZip } from './support/readZip';
import { SHARED, standInInputs } from './support/artifacts';

const foodbank = readZip(
  readFileSync(
    path.join(SHARED, 'dataverse-samples/foodbank-managed-TheMarkChristie/Foodbanks_1_0_0_1_managed.zip'),
  ),
);
const ours = readZip(packSolution(solutionModel, true, standInInputs()));
const entry = (name: string) => ours.find((r) => r.name === name) as (typeof ours)[number];
const BOM = [0xef, 0xbb, 0xbf];

describe('zip layout compared with the Foodbank platform export', () => {
  it('starts with customizations.xml, [Content_Types].xml, solution.xml in that order', () => {
    expect(foodbank.slice(0, 3).map((r) => r.name)).toEqual([
      'customizations.xml',
      '[Content_Types].xml',
      'solution.xml',
    ]);
    expect(ours.slice(0, 3).map((r) => r.name)).toEqual([
      'customizations.xml',
      '[Content_Types].xml',
      'solution.xml',
    ]);
  });

  it('deflates every entry, with no data descriptors and the same origin and version as the export', () => {
    for (const r of [...foodbank, ...ours]) {
      expect(r.method).toBe(8);
      expect(r.flags & 0x08).toBe(0);
      expect(r.versionMadeBy).toBe(foodbank[0].versionMadeBy);
    }
  });

  it('uses forward slashes and no directory entries', () => {
    for (const r of ours) {
      expect(r.name).not.toMatch(/\\/);
      expect(r.name.endsWith('/')).toBe(false);
    }
  });

  it('gives every entry the same fixed time', () => {
    expect(new Set(ours.map((r) => `${r.dosDate}:${r.dosTime}`)).size).toBe(1);
  });

  it('writes customizations.xml and solution.xml without BOM or declaration, as the export does', () => {
    for (const name of ['customizations.xml', 'solution.xml']) {
      const theirs = foodbank.find((r) => r.name === name) as (typeof foodbank)[number];
      expect(theirs.data.toString('utf8', 0, 16)).toBe('<ImportExportXml');
      expect(entry(name).data.toString('utf8', 0, 16)).toBe('<ImportExportXml');
    }
  });

  it('writes [Content_Types].xml with a BOM and declaration, as the export does', () => {
    const theirs = foodbank[1].data;
    const mine = entry('[Content_Types].xml').data;
    expect([...theirs.subarray(0, 3)]).toEqual(BOM);
    expect([...mine.subarray(0, 3)]).toEqual(BOM);
    expect(mine.toString('utf8', 3, 41)).toBe(theirs.toString('utf8', 3, 41));
  });

  it('declares a Default for each extension and an Override for each extension-less part', () => {
    const types = entry('[Content_Types].xml').data.toString('utf8');
    expect(types).toContain('<Default Extension="xml" ContentType="application/octet-stream" />');
    expect(types).toContain('<Default Extension="js" ContentType="application/octet-stream" />');
    for (const r of ours.filter((o) => !/\.[^/]+$/.test(o.name))) {
      expect(types).toContain(`<Override PartName="/${r.name}" ContentType="application/octet-stream" />`);
    }
    expect(ours.filter((o) => !/\.[^/]+$/.test(o.name)).map((o) => o.name.split('/')[0])).toEqual(
      solutionModel.webResources.map(() => 'WebResources'),
    );
  });

  it('names web resource files as the export does: name without . and /, then the upper-case GUID', () => {
    const customizations = entry('customizations.xml').data.toString('utf8');
    for (const match of customizations.matchAll(
      /<WebResourceId>\{([^}]+)\}<\/WebResourceId>\s*<Name>([^<]+)<\/Name>/g,
    )) {
      const file = `WebResources/${match[2].replace(/[./]/g, '')}${match[1].toUpperCase()}`;
      expect(ours.map((o) => o.name)).toContain(file);
    }
    expect(foodbank.map((r) => r.name)).toContain(
      'WebResources/com_Refferalsvg8DC86448-B9BB-EA11-A812-000D3A7F128D',
    );
  });

  it('writes WebResource children in the order of the XSD and the export', () => {
    const order = (xml: string) => {
      const first = /<WebResource>([\s\S]*?)<\/WebResource>/.exec(xml)?.[1] ?? '';
      return [...first.matchAll(/<([A-Za-z]+)>/g)].map((m) => m[1]);
    };
    const theirs = order(foodbank[0].data.toString('utf8'));
    const mine = order(entry('customizations.xml').data.toString('utf8'));
    expect(mine.filter((n) => theirs.includes(n))).toEqual(theirs);
  });

  it('ships the PCF control folder as Controls/<prefix>_<namespace>.<constructor>/', () => {
    expect(ours.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'Controls/stl_Stellarise.XeroStatus/ControlManifest.xml',
        'Controls/stl_Stellarise.XeroStatus/bundle.js',
      ]),
    );
  });

  it('ships the environment variable definition as exports do', () => {
    const definition = entry(
      'environmentvariabledefinitions/stl_RelayUrl/environmentvariabledefinition.xml',
    ).data.toString('utf8');
    expect(definition.startsWith('<environmentvariabledefinition schemaname="stl_RelayUrl">')).toBe(true);
    expect(definition).toContain('<type>100000000</type>');
  });

  it('uses CRLF line ends in customizations.xml, as the export does', () => {
    expect(foodbank[0].data.toString('utf8')).toContain('\r\n');
    expect(
      entry('customizations.xml')
        .data.toString('utf8')
        .split('\n')
        .every((line, i, lines) => i === lines.length - 1 || line.endsWith('\r')),
    ).toBe(true);
  });
});
