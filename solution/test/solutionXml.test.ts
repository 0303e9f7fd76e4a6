/** @jest-environment jsdom */
import { solutionModel } from '../model';
import { braced } from '../pack/guid';
import { roleId, fieldSecurityProfileId } from '../pack/customizations/security';
import { serviceEndpointId, stepId } from '../pack/customizations/integration';
import { COMPONENT_TYPE, solutionXml } from '../pack/solutionXml';
import { all, parseXml, textOf } from './support/dom';

const manifest = parseXml(solutionXml(solutionModel, true));
const roots = all(manifest, 'RootComponent').map((r) => ({
  type: Number(r.getAttribute('type')),
  key: r.getAttribute('schemaName') ?? r.getAttribute('id'),
  behavior: r.getAttribute('behavior'),
}));
const has = (type: number, key: string) => roots.some((r) => r.type === type && r.key === key);

describe('solution.xml', () => {
  it('names the solution, its version and whether it is managed', () => {
    expect(textOf(manifest.documentElement, 'UniqueName')).toBe(solutionModel.uniqueName);
    expect(textOf(manifest.documentElement, 'Version')).toBe(solutionModel.version);
    expect(textOf(manifest.documentElement, 'Managed')).toBe('1');
    expect(textOf(parseXml(solutionXml(solutionModel, false)).documentElement, 'Managed')).toBe('0');
  });

  it('carries a complete publisher block', () => {
    const publisher = manifest.getElementsByTagName('Publisher')[0];
    expect(textOf(publisher, 'UniqueName')).toBe(solutionModel.publisher.uniqueName);
    expect(publisher.getElementsByTagName('LocalizedName')[0].getAttribute('description')).toBe(
      solutionModel.publisher.displayName,
    );
    expect(publisher.getElementsByTagName('Description')[0].getAttribute('description')).not.toBe('');
    expect(textOf(publisher, 'CustomizationPrefix')).toBe('stl');
    expect(textOf(publisher, 'CustomizationOptionValuePrefix')).toBe('10624');
    expect(all(publisher, 'Address').map((a) => textOf(a, 'AddressNumber'))).toEqual(['1', '2']);
    expect(all(publisher, 'EMailAddress')[0].getAttribute('xsi:nil')).toBe('true');
  });

  it('has a root component for every table, choice, web resource, control, app, SiteMap and variable', () => {
    const T = COMPONENT_TYPE;
    for (const t of solutionModel.tables) expect(has(T.entity, t.logicalName)).toBe(true);
    for (const c of solutionModel.choices) expect(has(T.optionSet, c.name)).toBe(true);
    for (const w of solutionModel.webResources) expect(has(T.webResource, w.name)).toBe(true);
    for (const c of solutionModel.controls) expect(has(T.customControl, c.name)).toBe(true);
    for (const a of solutionModel.appModules) {
      expect(has(T.appModule, a.uniqueName)).toBe(true);
      expect(has(T.siteMap, a.uniqueName)).toBe(true);
    }
    for (const v of solutionModel.environmentVariables)
      expect(has(T.environmentVariable, v.schemaName)).toBe(true);
  });

  it('has a root component for every role, field security profile, webhook and step, by id', () => {
    const T = COMPONENT_TYPE;
    for (const r of solutionModel.roles) expect(has(T.role, braced(roleId(r.name)))).toBe(true);
    for (const p of solutionModel.fieldSecurityProfiles)
      expect(has(T.fieldSecurityProfile, braced(fieldSecurityProfileId(p.name)))).toBe(true);
    for (const s of solutionModel.serviceEndpoints)
      expect(has(T.serviceEndpoint, braced(serviceEndpointId(s.name)))).toBe(true);
    for (const s of solutionModel.steps) expect(has(T.step, braced(stepId(s.name)))).toBe(true);
  });

  it('lists each root component once: ours with their subcomponents (0), Dynamics tables as shells (2)', () => {
    const keys = roots.map((r) => `${r.type}:${r.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    const system = new Set(solutionModel.tables.filter((t) => t.kind === 'system').map((t) => t.logicalName));
    for (const r of roots)
      expect([r.key, r.behavior]).toEqual([r.key, r.type === 1 && system.has(r.key ?? '') ? '2' : '0']);
  });

  it('has no BOM and no XML declaration, like platform exports', () => {
    const text = solutionXml(solutionModel, true);
    expect(text.startsWith('<ImportExportXml ')).toBe(true);
  });
});
