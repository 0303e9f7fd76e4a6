import { SALES_HUB, SYSTEM_TABLES } from '../../../solution/names';
import {
  INVOICE_LINES_GRID,
  SALES_FORMS,
  type SalesForm,
  type SalesFormSection,
} from '../../../solution/model/salesForms';
import type { EmulatorContext } from '../context';
import type { TableDef } from '../model/types';
import { escapeXml } from '../model/xml';
import { stableGuid, upsertComponent } from './importComponents';
import { writeAppComponents } from './appComponents';

/**
 * What Dynamics 365 Sales brings to every org the emulator stands for: the Sales main forms of
 * invoice, invoice product and product (their real ids and layouts, solution/model/salesForms.ts),
 * the invoice products view their grid uses, and the Sales Hub app (msdynce_saleshub) with those
 * tables. Written once: an import that merged a tab into a form must not be undone by a restart.
 * Columns the emulator does not model are left out of the forms. Sales Hub's SiteMap is not
 * modelled (its navigation is Microsoft's; the configure step adds our area to it).
 */
const TEXT = '{4273EDBD-AC1D-40d3-9FB2-095C621B552D}';
const LOOKUP = '{270BD3DB-D9AF-4782-9025-509E298DEC0A}';
const SUBGRID = '{E7A81278-8635-4d9e-8D4D-59480B391C5B}';

export const SALES_LINES_VIEW_ID = stableGuid('savedquery:invoicedetail/Invoice Product Associated View');

const braced = (seed: string) => `{${stableGuid(seed)}}`;
const labels = (text: string) =>
  `<labels><label description="${escapeXml(text)}" languagecode="1033" /></labels>`;

function fieldCell(form: SalesForm, table: TableDef, column: string, prefix = ''): string {
  const def = table.columns[column];
  if (!def) return '';
  const classid = def.type === 'lookup' ? LOOKUP : TEXT;
  return `<cell id="${braced(`salesform:${form.formId}/${prefix}${column}`)}" showlabel="true">${labels(form.labels[column] ?? def.label ?? column)}<control id="${prefix}${column}" classid="${classid}" datafieldname="${column}" /></cell>`;
}

function linesGrid(form: SalesForm): string {
  const params = [
    `<ViewId>{${SALES_LINES_VIEW_ID}}</ViewId>`,
    '<IsUserView>false</IsUserView>',
    `<RelationshipName>${INVOICE_LINES_GRID.relationship}</RelationshipName>`,
    `<TargetEntityType>${SYSTEM_TABLES.invoiceDetail.logicalName}</TargetEntityType>`,
    '<AutoExpand>Fixed</AutoExpand>',
    '<RecordsPerPage>10</RecordsPerPage>',
  ].join('');
  return `<cell id="${braced(`salesform:${form.formId}/grid`)}" showlabel="true" rowspan="8">${labels(INVOICE_LINES_GRID.label)}<control id="${INVOICE_LINES_GRID.id}" classid="${SUBGRID}"><parameters>${params}</parameters></control></cell>`;
}

function sectionXml(form: SalesForm, table: TableDef, section: SalesFormSection): string {
  const cells = section.linesGrid
    ? [linesGrid(form)]
    : section.columns.map((c) => fieldCell(form, table, c)).filter(Boolean);
  const rows = cells.map((c) => `<row>${c}</row>`).join('');
  const id = braced(`salesform:${form.formId}/section/${section.name}`);
  return `<section name="${escapeXml(section.name)}" id="${id}" showlabel="${section.label ? 'true' : 'false'}">${labels(section.label)}<rows>${rows}</rows></section>`;
}

export function salesFormXml(form: SalesForm, table: TableDef): string {
  const header = form.header.map((c) => fieldCell(form, table, c, 'header_')).join('');
  const tabs = form.tabs
    .map((tab) => {
      const sections = tab.sections.map((s) => sectionXml(form, table, s)).join('');
      const id = braced(`salesform:${form.formId}/tab/${tab.name}`);
      return `<tab name="${tab.name}" id="${id}" expanded="true">${labels(tab.label)}<columns><column width="100%"><sections>${sections}</sections></column></columns></tab>`;
    })
    .join('');
  const headerXml = header
    ? `<header id="${braced(`salesform:${form.formId}/header`)}"><rows><row>${header}</row></rows></header>`
    : '';
  return `<form>${headerXml}<tabs>${tabs}</tabs></form>`;
}

const LINES_VIEW_COLUMNS = ['productid', 'productdescription', 'quantity', 'priceperunit', 'extendedamount'];

function writeLinesView(ctx: EmulatorContext): void {
  const detail = SYSTEM_TABLES.invoiceDetail;
  const attributes = LINES_VIEW_COLUMNS.map((c) => `<attribute name="${c}" />`).join('');
  const cells = LINES_VIEW_COLUMNS.map((c, i) => `<cell name="${c}" width="${i === 0 ? 300 : 125}" />`).join(
    '',
  );
  upsertComponent(ctx, 'savedquery', SALES_LINES_VIEW_ID, {
    name: 'Invoice Product Associated View',
    returnedtypecode: detail.logicalName,
    querytype: 2,
    isdefault: true,
    isquickfindquery: false,
    fetchxml: `<fetch version="1.0" mapping="logical"><entity name="${detail.logicalName}"><attribute name="${detail.primaryId}" />${attributes}<order attribute="lineitemnumber" descending="false" /></entity></fetch>`,
    layoutxml: `<grid name="resultset" jump="productid" select="1" icon="1" preview="1"><row name="result" id="${detail.primaryId}">${cells}</row></grid>`,
  });
}

export function writeSalesComponents(ctx: EmulatorContext): void {
  for (const form of SALES_FORMS) {
    const table = ctx.model.table(form.table);
    if (!table || ctx.store.get('systemform', form.formId)) continue;
    upsertComponent(ctx, 'systemform', form.formId, {
      name: form.name,
      objecttypecode: form.table,
      type: 2,
      formxml: salesFormXml(form, table),
      formactivationstate: 1,
    });
  }
  if (!ctx.store.get('savedquery', SALES_LINES_VIEW_ID)) writeLinesView(ctx);
  const appId = stableGuid(`appmodule:${SALES_HUB.appModuleUniqueName}`);
  if (ctx.store.get('appmodule', appId)) return;
  upsertComponent(ctx, 'appmodule', appId, {
    uniquename: SALES_HUB.appModuleUniqueName,
    name: 'Sales Hub',
    appmoduleidunique: appId,
    descriptor: null,
  });
  writeAppComponents(ctx, appId, [
    ...SALES_FORMS.map((f) => ({ type: 1, key: f.table })),
    ...SALES_FORMS.map((f) => ({ type: 60, key: f.formId })),
  ]);
}
