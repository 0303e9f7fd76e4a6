import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context';
import { toDataverseDate } from '../data/values';
import type { StoredRecord } from '../model/types';
import { childOf, childrenOf, parseXml, serializeXml, textOf, type XmlElement } from '../model/xml';
import { isDiffFormXml, mergeFormXml, withoutActions } from './formMerge';

/** Forms, views, web resources, webhooks and steps, stored as their system records (apps: appComponents.ts). */
export const SDK_MESSAGES = {
  Create: '9ebdbb1b-ea3e-db11-86a7-000a3a5473e8',
  Update: '20bebb1b-ea3e-db11-86a7-000a3a5473e8',
  Delete: stableGuid('sdkmessage:Delete'),
} as const;

export function stableGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const unbrace = (id: string | undefined): string =>
  (id ?? '')
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();

/** Inserts or updates a platform record by id, keeping fields the import does not carry (authvalue). */
export function upsertComponent(
  ctx: EmulatorContext,
  entity: string,
  id: string,
  fields: StoredRecord,
): void {
  const table = ctx.model.table(entity)!;
  const existing = ctx.store.get(entity, id)?.record;
  const now = toDataverseDate(Date.now());
  const record: StoredRecord = { ...existing, ...fields, [table.primaryId]: id, modifiedon: now };
  record.createdon ??= now;
  if (table.columns.statecode && record.statecode === undefined) record.statecode = 0;
  if (table.columns.statuscode && record.statuscode === undefined) {
    record.statuscode =
      table.columns.statuscode.options?.find((o) => o.state === record.statecode)?.value ?? 1;
  }
  ctx.store.put(entity, id, record);
}

export function messageFilterId(message: string, entity: string): string {
  return stableGuid(`sdkmessagefilter:${message}:${entity}`);
}

/** One sdkmessagefilter per table and message, as every org has for its tables. */
export function ensureMessageFilters(ctx: EmulatorContext): void {
  for (const [name, id] of Object.entries(SDK_MESSAGES)) {
    if (!ctx.store.get('sdkmessage', id)) upsertComponent(ctx, 'sdkmessage', id, { name });
    for (const table of ctx.model.tables()) {
      const filterId = messageFilterId(name, table.logicalName);
      if (ctx.store.get('sdkmessagefilter', filterId)) continue;
      upsertComponent(ctx, 'sdkmessagefilter', filterId, {
        name: `${name} ${table.logicalName}`,
        primaryobjecttypecode: table.logicalName,
        sdkmessageid: { id, entity: 'sdkmessage' },
      });
    }
  }
}

const localized = (el: XmlElement | undefined) =>
  childrenOf(childOf(el, 'LocalizedNames'), 'LocalizedName')[0]?.attrs.description;

/**
 * A managed solution's diff FormXml is merged into the form that exists (the Sales form a solution
 * adds a tab to); a full FormXml, or any form of an unmanaged solution, replaces it (formMerge.ts).
 */
function formXmlAfterImport(
  ctx: EmulatorContext,
  id: string,
  incoming: XmlElement,
  managed: boolean,
): string {
  const existing = ctx.store.get('systemform', id)?.record.formxml;
  if (managed && isDiffFormXml(incoming) && typeof existing === 'string' && existing)
    return serializeXml(mergeFormXml(parseXml(existing), incoming));
  return serializeXml(withoutActions(incoming));
}

export function importFormsAndViews(
  ctx: EmulatorContext,
  entity: XmlElement,
  tableName: string,
  managed: boolean,
): void {
  for (const forms of childrenOf(childOf(entity, 'FormXml'), 'forms')) {
    for (const form of childrenOf(forms, 'systemform')) {
      const formXml = childOf(form, 'form');
      const id = unbrace(textOf(form, 'formid'));
      upsertComponent(ctx, 'systemform', id, {
        name: localized(form) ?? 'Information',
        objecttypecode: tableName,
        type: forms.attrs.type === 'quick' ? 6 : forms.attrs.type === 'card' ? 11 : 2,
        formxml: formXml ? formXmlAfterImport(ctx, id, formXml, managed) : null,
        formactivationstate: Number(textOf(form, 'FormActivationState') ?? 1),
      });
    }
  }
  for (const view of childrenOf(childOf(entity, 'SavedQueries', 'savedqueries'), 'savedquery')) {
    const fetch = childOf(view, 'fetchxml', 'fetch');
    const layout = childOf(view, 'layoutxml', 'grid');
    upsertComponent(ctx, 'savedquery', unbrace(textOf(view, 'savedqueryid')), {
      name: localized(view) ?? '',
      returnedtypecode: tableName,
      querytype: Number(textOf(view, 'querytype') ?? 0),
      isdefault: textOf(view, 'isdefault') === '1',
      isquickfindquery: textOf(view, 'isquickfindquery') === '1',
      fetchxml: fetch ? serializeXml(fetch) : null,
      layoutxml: layout ? serializeXml(layout) : null,
    });
  }
}

export function importWebResources(
  ctx: EmulatorContext,
  customizations: XmlElement,
  files: Record<string, Uint8Array>,
): void {
  for (const wr of childrenOf(childOf(customizations, 'WebResources'), 'WebResource')) {
    const fileName = (textOf(wr, 'FileName') ?? '').replace(/^\//, '');
    const content = files[fileName];
    upsertComponent(ctx, 'webresource', unbrace(textOf(wr, 'WebResourceId')), {
      name: textOf(wr, 'Name') ?? '',
      displayname: textOf(wr, 'DisplayName') ?? null,
      webresourcetype: Number(textOf(wr, 'WebResourceType') ?? 0),
      content: content ? Buffer.from(content).toString('base64') : null,
    });
  }
}

export function importWebhooks(ctx: EmulatorContext, customizations: XmlElement): void {
  for (const ep of childrenOf(childOf(customizations, 'ServiceEndpoints'), 'ServiceEndpoint')) {
    const num = (name: string) => (textOf(ep, name) === undefined ? null : Number(textOf(ep, name)));
    upsertComponent(ctx, 'serviceendpoint', unbrace(ep.attrs.ServiceEndpointId), {
      name: ep.attrs.Name ?? '',
      description: textOf(ep, 'Description') ?? null,
      contract: num('Contract'),
      connectionmode: num('ConnectionMode'),
      authtype: num('AuthType'),
      messageformat: num('MessageFormat'),
      namespaceformat: num('NamespaceFormat'),
      url: textOf(ep, 'Url') ?? null,
    });
  }
  for (const step of childrenOf(
    childOf(customizations, 'SdkMessageProcessingSteps'),
    'SdkMessageProcessingStep',
  )) {
    const messageId = unbrace(textOf(step, 'SdkMessageId'));
    const message = Object.entries(SDK_MESSAGES).find(([, id]) => id === messageId)?.[0] ?? 'Create';
    const entity = (textOf(step, 'PrimaryEntity') ?? '').toLowerCase();
    const handler = unbrace(textOf(step, 'EventHandler'));
    upsertComponent(ctx, 'sdkmessageprocessingstep', unbrace(step.attrs.SdkMessageProcessingStepId), {
      name: step.attrs.Name ?? '',
      description: textOf(step, 'Description') ?? null,
      stage: Number(textOf(step, 'Stage') ?? 40),
      mode: Number(textOf(step, 'Mode') ?? 1),
      rank: Number(textOf(step, 'Rank') ?? 1),
      asyncautodelete: textOf(step, 'AsyncAutoDelete') === '1',
      filteringattributes: textOf(step, 'FilteringAttributes') ?? null,
      supporteddeployment: Number(textOf(step, 'SupportedDeployment') ?? 0),
      sdkmessageid: { id: SDK_MESSAGES[message as keyof typeof SDK_MESSAGES], entity: 'sdkmessage' },
      sdkmessagefilterid: entity
        ? { id: messageFilterId(message, entity), entity: 'sdkmessagefilter' }
        : null,
      eventhandler: handler ? { id: handler, entity: 'serviceendpoint' } : null,
    });
  }
}

/** `environmentvariabledefinitions/<name>/environmentvariabledefinition.xml` and in-file definitions. */
export function importEnvironmentVariables(ctx: EmulatorContext, definitions: XmlElement[]): void {
  for (const def of definitions) {
    const schemaName = def.attrs.schemaname ?? textOf(def, 'schemaname') ?? '';
    if (!schemaName) continue;
    const defaultValue = textOf(def, 'defaultvalue');
    upsertComponent(ctx, 'environmentvariabledefinition', stableGuid(`envvar:${schemaName}`), {
      schemaname: schemaName,
      displayname: childOf(def, 'displayname')?.attrs.default ?? schemaName,
      description: childOf(def, 'description')?.attrs.default ?? null,
      defaultvalue: defaultValue ?? null,
      type: Number(textOf(def, 'type') ?? 100000000),
      isrequired: textOf(def, 'isrequired') === '1',
    });
  }
}
