import type { SolutionModel } from '../model/types';
import { COMPONENT_TYPE } from './componentType';
import { braced } from './guid';
import { descriptions, LANGUAGE, localizedNames } from './labels';
import { chartId } from './customizations/charts';
import { dashboardId } from './customizations/dashboards';
import { roleId, fieldSecurityProfileId } from './customizations/security';
import { serviceEndpointId, stepId } from './customizations/integration';
import { el, leaf, serialize, type XmlElement } from './xml';
import { formId } from './customizations/forms';
import { viewId } from './customizations/views';
import { missingDependenciesXml } from './missingDependencies';

export { COMPONENT_TYPE };

export interface RootComponent {
  readonly type: number;
  readonly schemaName?: string;
  readonly id?: string;
  /** 0 include subcomponents, 2 only the subcomponents listed (reference/dataverse-solution.md §2.3). */
  readonly behavior: 0 | 2;
}

/** Behavior 2 for a Dynamics table (only our columns, forms and views), 0 for everything of ours. */
const BEHAVIOR_OF_TABLE = (t: SolutionModel['tables'][number]): 0 | 2 => (t.kind === 'system' ? 2 : 0);

/** Every root component, sorted by type then name as exports list them. */
export function rootComponents(model: SolutionModel): RootComponent[] {
  const T = COMPONENT_TYPE;
  const byName = (type: number, names: readonly string[]): RootComponent[] =>
    names.map((schemaName) => ({ type, schemaName, behavior: 0 }));
  const byId = (type: number, ids: readonly string[]): RootComponent[] =>
    ids.map((id) => ({ type, id: braced(id), behavior: 0 }));
  const onSystemTable = (table: string) =>
    model.tables.some((t) => t.kind === 'system' && t.logicalName === table);
  const list: RootComponent[] = [
    ...model.tables.map((t) => ({
      type: T.entity,
      schemaName: t.logicalName,
      behavior: BEHAVIOR_OF_TABLE(t),
    })),
    // A system table's forms and views are listed on their own, as exports list them.
    ...byId(
      T.systemForm,
      model.forms.filter((f) => onSystemTable(f.table)).map((f) => formId(f)),
    ),
    ...byId(
      T.savedQuery,
      model.views.filter((v) => onSystemTable(v.table)).map((v) => viewId(v)),
    ),
    ...byId(
      T.savedQueryVisualization,
      model.charts.filter((c) => onSystemTable(c.table)).map((c) => chartId(c)),
    ),
    ...byName(
      T.optionSet,
      model.choices.map((c) => c.name),
    ),
    ...byId(
      T.role,
      model.roles.map((r) => roleId(r.name)),
    ),
    // Dashboards are forms of no table, so each is a root component of its own (type 60).
    ...byId(
      T.systemForm,
      model.dashboards.map((d) => dashboardId(d)),
    ),
    ...byName(
      T.webResource,
      model.webResources.map((w) => w.name),
    ),
    ...byName(
      T.siteMap,
      model.appModules.map((a) => a.uniqueName),
    ),
    ...byName(
      T.customControl,
      model.controls.map((c) => c.name),
    ),
    ...byId(
      T.fieldSecurityProfile,
      model.fieldSecurityProfiles.map((p) => fieldSecurityProfileId(p.name)),
    ),
    ...byName(T.appModule, [
      ...model.appModules.map((a) => a.uniqueName),
      ...model.appModuleExtensions.map((a) => a.uniqueName),
    ]),
    ...byId(
      T.step,
      model.steps.map((s) => stepId(s.name)),
    ),
    ...byId(
      T.serviceEndpoint,
      model.serviceEndpoints.map((s) => serviceEndpointId(s.name)),
    ),
    ...byName(
      T.environmentVariable,
      model.environmentVariables.map((e) => e.schemaName),
    ),
  ];
  const key = (c: RootComponent) => c.schemaName ?? c.id ?? '';
  return list.sort((a, b) => a.type - b.type || key(a).localeCompare(key(b)));
}

const nil = (name: string): XmlElement => el(name, { 'xsi:nil': 'true' }, [{ text: '' }]);

function address(n: number): XmlElement {
  const nils = [
    'City',
    'County',
    'Country',
    'Fax',
    'FreightTermsCode',
    'ImportSequenceNumber',
    'Latitude',
    'Line1',
    'Line2',
    'Line3',
  ]
    .concat(['Longitude', 'Name', 'PostalCode', 'PostOfficeBox', 'PrimaryContactName'])
    .map(nil);
  const tail = [
    'StateOrProvince',
    'Telephone1',
    'Telephone2',
    'Telephone3',
    'TimeZoneRuleVersionNumber',
    'UPSZone',
    'UTCOffset',
  ]
    .concat(['UTCConversionTimeZoneCode'])
    .map(nil);
  return el('Address', {}, [
    leaf('AddressNumber', n),
    leaf('AddressTypeCode', 1),
    ...nils,
    leaf('ShippingMethodCode', 1),
    ...tail,
  ]);
}

function publisherXml(model: SolutionModel): XmlElement {
  const p = model.publisher;
  return el('Publisher', {}, [
    leaf('UniqueName', p.uniqueName),
    localizedNames(p.displayName),
    descriptions(p.description),
    nil('EMailAddress'),
    nil('SupportingWebsiteUrl'),
    leaf('CustomizationPrefix', p.prefix),
    leaf('CustomizationOptionValuePrefix', p.optionValuePrefix),
    el('Addresses', {}, [address(1), address(2)]),
  ]);
}

/**
 * solution.xml. Package version 9.1 (as pac's template writes it) so that any current
 * environment accepts it; an export from a newer version than the target is refused.
 */
export function solutionXml(model: SolutionModel, managed: boolean): string {
  const root = el(
    'ImportExportXml',
    {
      version: '9.1.0.643',
      SolutionPackageVersion: '9.1',
      languagecode: LANGUAGE,
      generatedBy: 'CrmLive',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    },
    [
      el('SolutionManifest', {}, [
        leaf('UniqueName', model.uniqueName),
        localizedNames(model.displayName),
        descriptions(model.description),
        leaf('Version', model.version),
        leaf('Managed', managed ? 1 : 0),
        publisherXml(model),
        el(
          'RootComponents',
          {},
          rootComponents(model).map((c) =>
            el('RootComponent', { type: c.type, schemaName: c.schemaName, id: c.id, behavior: c.behavior }),
          ),
        ),
        missingDependenciesXml(model),
      ]),
    ],
  );
  return serialize(root);
}
