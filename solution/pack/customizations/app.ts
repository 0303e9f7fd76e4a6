import type { AppModule, SolutionModel } from '../../model/types';
import { COMPONENTS } from '../../names';
import { descriptions, INTRODUCED_VERSION, localizedNames } from '../labels';
import { el, leaf, raw, type XmlElement } from '../xml';
import { chartId } from './charts';
import { dashboardId } from './dashboards';
import { roleId } from './security';
import { webResourceId } from './resources';

/** The SiteMap XML sources, read by the packer (app unique name -> XML text). */
export type SiteMapSources = Readonly<Record<string, string>>;

export function appModuleSiteMapsXml(model: SolutionModel, siteMaps: SiteMapSources): XmlElement {
  return el(
    'AppModuleSiteMaps',
    {},
    model.appModules.map((app) =>
      el('AppModuleSiteMap', {}, [
        leaf('SiteMapUniqueName', app.uniqueName),
        // The four settings below are not in the 2018 XSD; the Contoso 2025 export carries them.
        leaf('EnableCollapsibleGroups', 'False'),
        leaf('ShowHome', 'True'),
        leaf('ShowPinned', 'True'),
        leaf('ShowRecents', 'True'),
        raw(siteMaps[app.uniqueName]),
        localizedNames(app.displayName),
      ]),
    ),
  );
}

/** The app's dashboards (type 60) and the charts they draw (type 59), as the CoE apps list them. */
function dashboardComponents(model: SolutionModel, app: AppModule): XmlElement[] {
  const dashboards = model.dashboards.filter((d) => app.dashboards?.includes(d.displayName));
  const charts = new Set(
    dashboards.flatMap((d) =>
      d.sections.flatMap((s) =>
        s.components.flatMap((c) =>
          c.kind === 'chart' ? [chartId({ table: c.view.table, displayName: c.chart })] : [],
        ),
      ),
    ),
  );
  return [
    ...[...charts].sort().map((id) => el('AppModuleComponent', { type: 59, id: `{${id}}` })),
    ...dashboards.map((d) => el('AppModuleComponent', { type: 60, id: `{${dashboardId(d)}}` })),
  ];
}

function appModuleXml(model: SolutionModel, app: AppModule): XmlElement {
  return el('AppModule', {}, [
    leaf('UniqueName', app.uniqueName),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('WebResourceId', webResourceId(COMPONENTS.xeroIcon)),
    // statecode, statuscode and NavigationType: not in the 2018 XSD; the Contoso export has them.
    leaf('statecode', 0),
    leaf('statuscode', 1),
    leaf('FormFactor', 1),
    leaf('ClientType', 4),
    leaf('NavigationType', 0),
    el('AppModuleComponents', {}, [
      ...app.tables.map((t) => el('AppModuleComponent', { type: 1, schemaName: t })),
      ...dashboardComponents(model, app),
      el('AppModuleComponent', { type: 62, schemaName: app.uniqueName }),
    ]),
    el(
      'AppModuleRoleMaps',
      {},
      app.roles.map((r) => el('Role', { id: `{${roleId(r)}}` })),
    ),
    localizedNames(app.displayName),
    descriptions(app.description),
  ]);
}

export const appModulesXml = (model: SolutionModel): XmlElement =>
  el(
    'AppModules',
    {},
    model.appModules.map((app) => appModuleXml(model, app)),
  );
