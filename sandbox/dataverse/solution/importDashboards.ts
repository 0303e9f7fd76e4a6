import type { EmulatorContext } from '../context';
import { childOf, childrenOf, serializeXml, textOf, type XmlElement } from '../model/xml';
import { unbrace, upsertComponent } from './importComponents';

/**
 * Dashboards and charts, stored as Dataverse keeps them: a dashboard is a `systemform` of type 0
 * for no table (objecttypecode `none`, Microsoft Learn "Understand dashboards"), a chart a
 * `savedqueryvisualization` with its data and presentation descriptions as XML strings.
 */
const localized = (el: XmlElement | undefined) =>
  childrenOf(childOf(el, 'LocalizedNames'), 'LocalizedName')[0]?.attrs.description;
const described = (el: XmlElement | undefined) =>
  childrenOf(childOf(el, 'Descriptions'), 'Description')[0]?.attrs.description;

export function importDashboards(ctx: EmulatorContext, customizations: XmlElement): void {
  for (const dashboard of childrenOf(childOf(customizations, 'Dashboards'), 'Dashboard')) {
    const form = childOf(dashboard, 'FormXml', 'forms', 'form');
    upsertComponent(ctx, 'systemform', unbrace(textOf(dashboard, 'FormId')), {
      name: localized(dashboard) ?? 'Dashboard',
      description: described(dashboard) ?? null,
      objecttypecode: 'none',
      type: 0,
      formxml: form ? serializeXml(form) : null,
      formactivationstate: 1,
    });
  }
}

export function importVisualizations(ctx: EmulatorContext, entity: XmlElement, tableName: string): void {
  for (const chart of childrenOf(childOf(entity, 'Visualizations'), 'visualization')) {
    const data = childOf(chart, 'datadescription', 'datadefinition');
    const presentation = childOf(chart, 'presentationdescription', 'Chart');
    upsertComponent(ctx, 'savedqueryvisualization', unbrace(textOf(chart, 'savedqueryvisualizationid')), {
      name: localized(chart) ?? '',
      description: described(chart) ?? null,
      primaryentitytypecode: tableName,
      isdefault: textOf(chart, 'isdefault') === '1',
      datadescription: data ? serializeXml(data) : null,
      presentationdescription: presentation ? serializeXml(presentation) : null,
    });
  }
}
