import type { CustomTable, SolutionModel, SystemTableExtension, Table } from '../../model/types';
import { SYSTEM_TABLES } from '../../names';
import { descriptions, displayNames, INTRODUCED_VERSION, LANGUAGE, localizedNames } from '../labels';
import { el, leaf, type XmlElement } from '../xml';
import { attributeXml, primaryKeyXml, stateAttributesXml } from './attributes';
import { systemFormXml } from './forms';
import { ribbonDiffXml } from './ribbon';
import { visualizationsXml } from './charts';
import { savedQueryXml, type ViewTable } from './views';

const flags = (values: Record<string, 0 | 1>): XmlElement[] =>
  Object.entries(values).map(([k, v]) => leaf(k, v));

function entitySettings(table: CustomTable): XmlElement[] {
  return [
    leaf('EntitySetName', table.entitySet),
    ...flags({
      IsDuplicateCheckSupported: 0,
      IsBusinessProcessEnabled: 0,
      IsRequiredOffline: 0,
      IsInteractionCentricEnabled: 0,
    }),
    ...flags({
      IsCollaboration: 0,
      AutoRouteToOwnerQueue: 0,
      IsConnectionsEnabled: 0,
      IsDocumentManagementEnabled: 0,
    }),
    ...flags({
      AutoCreateAccessTeams: 0,
      IsOneNoteIntegrationEnabled: 0,
      IsKnowledgeManagementEnabled: 0,
      IsSLAEnabled: 0,
    }),
    ...flags({ IsDocumentRecommendationsEnabled: 0, IsBPFEntity: 0 }),
    leaf('OwnershipTypeMask', 'UserOwned'),
    ...flags({ IsAuditEnabled: 1, IsActivity: 0 }),
    el('ActivityTypeMask'),
    ...flags({
      IsActivityParty: 0,
      IsReplicated: 0,
      IsReplicationUserFiltered: 0,
      IsMailMergeEnabled: 0,
      IsVisibleInMobile: 0,
    }),
    ...flags({ IsVisibleInMobileClient: 1, IsReadOnlyInMobileClient: 0, IsOfflineInMobileClient: 0 }),
    leaf('DaysSinceRecordLastModified', 0),
    ...flags({
      IsMapiGridEnabled: 1,
      IsReadingPaneEnabled: 1,
      IsQuickCreateEnabled: 0,
      SyncToExternalSearchIndex: 0,
    }),
    leaf('IntroducedVersion', INTRODUCED_VERSION),
    ...flags({
      IsCustomizable: 1,
      IsRenameable: 1,
      IsMappable: 1,
      CanModifyAuditSettings: 1,
      CanModifyMobileVisibility: 1,
    }),
    ...flags({
      CanModifyMobileClientVisibility: 1,
      CanModifyMobileClientReadOnly: 1,
      CanModifyMobileClientOffline: 1,
    }),
    ...flags({
      CanModifyConnectionSettings: 1,
      CanModifyDuplicateDetectionSettings: 1,
      CanModifyMailMergeSettings: 1,
    }),
    ...flags({
      CanModifyQueueSettings: 1,
      CanCreateAttributes: 1,
      CanCreateForms: 1,
      CanCreateCharts: 1,
      CanCreateViews: 1,
    }),
    ...flags({
      CanModifyAdditionalSettings: 1,
      CanEnableSyncToExternalSearchIndex: 1,
      EnforceStateTransitions: 0,
    }),
    ...flags({
      CanChangeHierarchicalRelationship: 1,
      EntityHelpUrlEnabled: 0,
      ChangeTrackingEnabled: 1,
      CanChangeTrackingBeEnabled: 1,
    }),
    ...flags({ IsEnabledForExternalChannels: 0 }),
  ];
}

function entityKeys(model: SolutionModel, table: Table): XmlElement | null {
  const keys = model.alternateKeys.filter((k) => k.table === table.logicalName);
  if (keys.length === 0) return null;
  return el(
    'EntityKeys',
    {},
    keys.map((k) =>
      el('EntityKey', {}, [
        leaf('Name', k.name),
        leaf('LogicalName', k.name),
        leaf('IntroducedVersion', INTRODUCED_VERSION),
        leaf('IsCustomizable', 1),
        displayNames(k.displayName),
        el(
          'EntityKeyAttributes',
          {},
          k.columns.map((c) => leaf('AttributeName', c)),
        ),
      ]),
    ),
  );
}

/** The names a view's FetchXML and layout use; a system table's come from names.ts. */
function viewTable(table: Table): ViewTable {
  if (table.kind === 'custom')
    return {
      logicalName: table.logicalName,
      primaryId: `${table.logicalName}id`,
      primaryName: table.primaryName.logicalName,
    };
  const known = Object.values(SYSTEM_TABLES).find((t) => t.logicalName === table.logicalName);
  return {
    logicalName: table.logicalName,
    primaryId: known?.primaryId ?? `${table.logicalName}id`,
    primaryName: known?.primaryName ?? 'name',
  };
}

function savedQueriesXml(model: SolutionModel, table: Table): XmlElement | null {
  const views = model.views.filter((v) => v.table === table.logicalName);
  if (table.kind === 'system' && views.length === 0) return null;
  return el('SavedQueries', {}, [
    el(
      'savedqueries',
      {},
      views.map((v) => savedQueryXml(viewTable(table), v)),
    ),
  ]);
}

const nameElement = (schemaName: string, displayName: string) =>
  el('Name', { LocalizedName: displayName, OriginalName: displayName }, [{ text: schemaName }]);

function customEntityXml(model: SolutionModel, table: CustomTable, managed: boolean): XmlElement {
  const t = table.logicalName;
  const forms = model.forms.filter((f) => f.table === t);
  return el('Entity', {}, [
    nameElement(table.schemaName, table.displayName),
    el('EntityInfo', {}, [
      el('entity', { Name: table.schemaName }, [
        localizedNames(table.displayName),
        el('LocalizedCollectionNames', {}, [
          el('LocalizedCollectionName', { description: table.pluralName, languagecode: LANGUAGE }),
        ]),
        descriptions(table.description),
        el('attributes', {}, [
          primaryKeyXml(table),
          attributeXml(t, table.primaryName, true),
          ...table.columns.map((c) => attributeXml(t, c)),
          ...stateAttributesXml(table),
        ]),
        ...entitySettings(table),
        entityKeys(model, table),
      ]),
    ]),
    el('FormXml', {}, [
      el(
        'forms',
        { type: 'main' },
        forms.map((f, i) => systemFormXml(model, f, i === 0, managed)),
      ),
    ]),
    savedQueriesXml(model, table),
    visualizationsXml(model, t),
    ribbonDiffXml(model.ribbon.filter((b) => b.table === t)),
  ]);
}

/**
 * A Dynamics table as modern exports include one with "only selected subcomponents" (root
 * behavior 2): `<entity unmodified="1">` with only our columns, then our forms, views and ribbon;
 * the table's own metadata is left as it is (reference/dataverse-solution.md §5.5).
 */
function systemEntityXml(model: SolutionModel, table: SystemTableExtension, managed: boolean): XmlElement {
  const t = table.logicalName;
  const forms = model.forms.filter((f) => f.table === t);
  return el('Entity', {}, [
    nameElement(table.schemaName, table.displayName),
    el('EntityInfo', {}, [
      el('entity', { Name: table.schemaName, unmodified: 1 }, [
        el(
          'attributes',
          {},
          table.columns.map((c) => attributeXml(t, c)),
        ),
      ]),
    ]),
    forms.length
      ? el('FormXml', {}, [
          el(
            'forms',
            { type: 'main' },
            forms.map((f) => systemFormXml(model, f, false, managed)),
          ),
        ])
      : null,
    savedQueriesXml(model, table),
    visualizationsXml(model, t),
    ribbonDiffXml(model.ribbon.filter((b) => b.table === t)),
  ]);
}

export function entitiesXml(model: SolutionModel, managed = false): XmlElement {
  // Exports list entities by schema name, case-insensitively (Account, Contact, com_Collection...).
  const sorted = [...model.tables].sort((a, b) =>
    a.schemaName.toLowerCase().localeCompare(b.schemaName.toLowerCase()),
  );
  return el(
    'Entities',
    {},
    sorted.map((t) =>
      t.kind === 'custom' ? customEntityXml(model, t, managed) : systemEntityXml(model, t, managed),
    ),
  );
}
