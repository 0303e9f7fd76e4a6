import type { SolutionModel } from '../model/types';
import { customizationsElement } from './customizations';
import { controlFiles } from './controlFiles';
import { controlFolder } from './customizations/resources';
import { webResourceXml } from './customizations/resources';
import { environmentVariablePath, environmentVariableXml } from './environmentVariables';
import type { PackageInputs } from './inputs';
import { solutionXml } from './solutionXml';
import { el, leaf, serialize, type XmlElement, type XmlNode } from './xml';

/**
 * The SolutionPackager (`pac solution unpack`) source layout (reference §2.6), derived from the
 * same element tree as customizations.xml so the two cannot disagree.
 */
export interface UnpackedFile {
  readonly path: string;
  readonly data: Buffer;
}

const isElement = (n: XmlNode): n is XmlElement => 'name' in n;
const children = (e: XmlElement, name?: string): XmlElement[] =>
  e.children.filter(isElement).filter((c) => name === undefined || c.name === name);
const textOf = (e: XmlElement, name: string): string => {
  const found = children(e, name)[0]?.children[0];
  return found && 'text' in found ? found.text : '';
};
const xsi = { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' };
const file = (path: string, xml: XmlElement | string): UnpackedFile => ({
  path,
  data: Buffer.from(typeof xml === 'string' ? xml : serialize(xml), 'utf8'),
});

function entityFiles(entity: XmlElement): UnpackedFile[] {
  const name = textOf(entity, 'Name');
  const dir = `Entities/${name}`;
  const out: UnpackedFile[] = [
    file(
      `${dir}/Entity.xml`,
      el(
        'Entity',
        xsi,
        children(entity).filter((c) => c.name === 'Name' || c.name === 'EntityInfo'),
      ),
    ),
  ];
  for (const forms of children(entity, 'FormXml').flatMap((f) => children(f, 'forms'))) {
    for (const form of children(forms, 'systemform')) {
      out.push(
        file(`${dir}/FormXml/${forms.attrs.type}/${textOf(form, 'formid')}.xml`, el('forms', xsi, [form])),
      );
    }
  }
  for (const query of children(entity, 'SavedQueries')
    .flatMap((s) => children(s, 'savedqueries'))
    .flatMap((s) => children(s, 'savedquery'))) {
    out.push(
      file(`${dir}/SavedQueries/${textOf(query, 'savedqueryid')}.xml`, el('savedqueries', xsi, [query])),
    );
  }
  for (const chart of children(entity, 'Visualizations').flatMap((v) => children(v, 'visualization'))) {
    out.push(
      file(
        `${dir}/Visualizations/${textOf(chart, 'savedqueryvisualizationid')}.xml`,
        el('visualization', xsi, chart.children),
      ),
    );
  }
  for (const ribbon of children(entity, 'RibbonDiffXml')) out.push(file(`${dir}/RibbonDiff.xml`, ribbon));
  return out;
}

/** Sections SolutionPackager moves out of Other/Customizations.xml into files of their own. */
const SPLIT = new Set([
  'Entities',
  'Roles',
  'EntityRelationships',
  'optionsets',
  'Dashboards',
  'WebResources',
  'CustomControls',
  'AppModuleSiteMaps',
  'AppModules',
]);

export function unpackedFiles(model: SolutionModel, inputs: PackageInputs): UnpackedFile[] {
  const root = customizationsElement(model, inputs.siteMaps);
  const section = (name: string) => children(root, name)[0];
  const files: UnpackedFile[] = [
    file('Other/Solution.xml', solutionXml(model, false)),
    file(
      'Other/Customizations.xml',
      el(
        root.name,
        root.attrs,
        children(root).map((c) => (SPLIT.has(c.name) ? el(c.name) : c)),
      ),
    ),
    file('Other/Relationships.xml', el('EntityRelationships', xsi, children(section('EntityRelationships')))),
    ...children(section('Entities')).flatMap(entityFiles),
    ...children(section('optionsets')).map((o) =>
      file(`OptionSets/${o.attrs.Name}.xml`, el('optionset', { ...o.attrs, ...xsi }, o.children)),
    ),
    ...children(section('Roles')).map((r) =>
      file(`Roles/${r.attrs.name}.xml`, el('Role', { ...r.attrs, ...xsi }, r.children)),
    ),
    ...children(section('Dashboards')).map((d) =>
      file(`Dashboards/${textOf(d, 'FormId')}.xml`, el('Dashboard', xsi, d.children)),
    ),
    ...children(section('AppModules')).map((a) =>
      file(`AppModules/${textOf(a, 'UniqueName')}/AppModule.xml`, a),
    ),
    ...children(section('AppModuleSiteMaps')).map((s) =>
      file(`AppModuleSiteMaps/${textOf(s, 'SiteMapUniqueName')}/AppModuleSiteMap.xml`, s),
    ),
  ];
  for (const w of model.webResources) {
    files.push({ path: `WebResources/${w.name}`, data: inputs.webResources[w.name] });
    const data = webResourceXml(w, false);
    files.push(file(`WebResources/${w.name}.data.xml`, el(data.name, xsi, data.children)));
  }
  for (const c of model.controls) {
    const folder = controlFolder(c);
    for (const f of controlFiles(model, c, inputs)) files.push({ path: `${folder}/${f.path}`, data: f.data });
    files.push(
      file(
        `${folder}/ControlManifest.xml.data.xml`,
        el('CustomControl', xsi, [leaf('Name', c.name), leaf('FileName', `/${folder}/ControlManifest.xml`)]),
      ),
    );
  }
  for (const v of model.environmentVariables)
    files.push(file(environmentVariablePath(v), environmentVariableXml(v)));
  return files;
}
