import { solutionModel } from '../model';
import { enableRuleId, ribbonDiffXml } from '../pack/customizations/ribbon';
import { serialize } from '../pack/xml';
import { WEB_RESOURCE_SCRIPTS } from '../../scripts/build-webresources';

/** The RibbonDiffXml of one table, on one line, as `<a/>` rather than `<a />`. */
const compactRibbon = (table: string) =>
  serialize(ribbonDiffXml(solutionModel.ribbon.filter((b) => b.table === table)))
    .replace(/>\s+</g, '><')
    .replace(/ \/>/g, '/>');

/** Every function the ribbon names, with the web resource it must be in. */
const called = solutionModel.ribbon.flatMap((b) => [
  { button: b.id, library: b.library, functionName: b.functionName },
  ...b.enableRules.flatMap((r) =>
    r.kind === 'custom' ? [{ button: b.id, library: r.library, functionName: r.functionName }] : [],
  ),
]);

describe('ribbon functions and their scripts', () => {
  it.each(called)('$button calls $functionName, which its script exports', async (call) => {
    const script = WEB_RESOURCE_SCRIPTS.find((s) => s.name === call.library);
    expect(script).toBeDefined();
    const [globalName, exportName] = call.functionName.split('.');
    expect(globalName).toBe(script?.globalName);
    const module = (await import(`../../${script?.entry}`)) as Record<string, unknown>;
    expect(typeof module[exportName]).toBe('function');
  });

  it('gives the Sync to Xero command the custom rule that keeps it off while a sync is queued', () => {
    const sync = solutionModel.ribbon.find((b) => b.id === 'stl.invoice.SyncToXero');
    expect(sync?.enableRules).toEqual([
      expect.objectContaining({ functionName: 'StellariseRibbon.enableSyncToXero' }),
    ]);
    const xml = compactRibbon('invoice');
    const rule = sync?.enableRules[0];
    expect(rule).toBeDefined();
    expect(xml).toContain(
      `<EnableRule Id="${enableRuleId('invoice', rule ?? { kind: 'notCreateForm' })}"><CustomRule FunctionName="StellariseRibbon.enableSyncToXero" Library="$webresource:stl_/scripts/invoiceRibbon.js" Default="false"><CrmParameter Value="PrimaryControl"/></CustomRule></EnableRule>`,
    );
  });

  it('defines a rule shared by several buttons of a table once', () => {
    const xml = compactRibbon('stl_connection');
    expect(xml.match(/<EnableRule Id="stl\.stl_connection\.LinkedToXero\.EnableRule">/g)).toHaveLength(1);
    expect(xml.match(/<EnableRule Id="stl\.stl_connection\.LinkedToXero\.EnableRule"\/>/g)).toHaveLength(3);
  });
});
