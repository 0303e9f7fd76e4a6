import type { AppModule, AppModuleExtension, SolutionModel } from '../../model/types';
import { COMPONENTS } from '../../names';
import { braced } from '../guid';
import { descriptions, INTRODUCED_VERSION, localizedNames } from '../labels';
import { formId } from './forms';
import { viewId } from './views';
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

/** An app's dashboards (type 60) and the charts they draw (type 59), as the CoE apps list them. */
function dashboardComponents(
  model: SolutionModel,
  names: readonly string[] | undefined,
  added: boolean,
): XmlElement[] {
  const mark = added ? { solutionaction: 'Added' } : {};
  const dashboards = model.dashboards.filter((d) => names?.includes(d.displayName));
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
    ...[...charts].sort().map((id) => el('AppModuleComponent', { type: 59, id: `{${id}}`, ...mark })),
    ...dashboards.map((d) => el('AppModuleComponent', { type: 60, id: `{${dashboardId(d)}}`, ...mark })),
  ];
}

/** An app's components: its tables, with their forms (type 60) and views (type 26) of the package. */
function tableComponents(model: SolutionModel, tables: readonly string[], added: boolean): XmlElement[] {
  const mark = added ? { solutionaction: 'Added' } : {};
  return tables.flatMap((t) => [
    el('AppModuleComponent', { type: 1, schemaName: t, ...mark }),
    ...model.forms
      .filter((f) => f.table === t)
      .map((f) => el('AppModuleComponent', { type: 60, id: braced(formId(f)), ...mark })),
    ...model.views
      .filter((v) => v.table === t)
      .map((v) => el('AppModuleComponent', { type: 26, id: braced(viewId(v)), ...mark })),
  ]);
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
      ...tableComponents(model, app.tables, false),
      ...dashboardComponents(model, app.dashboards, false),
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

/**
 * The platform's default app icon (msdyn_/Images/AppModule_Default_Icon.png, its id as the Contoso
 * export references it). The XSD requires a WebResourceId; Sales Hub's own icon id is not public.
 */
export const DEFAULT_APP_ICON_ID = '953b9fac-1e5e-e611-80d6-00155ded156f';

/**
 * A first-party app we add components to: its unique name and only our components, marked Added
 * in the managed package (AppModuleComponentType's solutionaction, CustomizationsSolution.xsd),
 * as a diff export of a customised managed app carries them. No role maps: Sales Hub keeps its own.
 */
function appModuleExtensionXml(model: SolutionModel, app: AppModuleExtension, managed: boolean): XmlElement {
  return el('AppModule', {}, [
    leaf('UniqueName', app.uniqueName),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    leaf('WebResourceId', DEFAULT_APP_ICON_ID),
    leaf('FormFactor', 1),
    leaf('ClientType', 4),
    el('AppModuleComponents', {}, [
      ...tableComponents(model, app.tables, managed),
      ...dashboardComponents(model, app.dashboards, managed),
    ]),
    localizedNames(app.displayName),
  ]);
}

export const appModulesXml = (model: SolutionModel, managed = false): XmlElement =>
  el('AppModules', {}, [
    ...model.appModules.map((a) => appModuleXml(model, a)),
    ...model.appModuleExtensions.map((a) => appModuleExtensionXml(model, a, managed)),
  ]);
