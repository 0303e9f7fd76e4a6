import type { EmulatorContext } from '../context';
import { childOf, childrenOf, serializeXml, textOf, type XmlElement } from '../model/xml';
import { stableGuid, unbrace, upsertComponent } from './importComponents';

/**
 * Apps, their SiteMaps and their components (`appmodulecomponent` rows: componenttype 1 table,
 * 26 view, 60 form, 62 SiteMap; powerapps-docs reference/entities/appmodulecomponent.md). An app a
 * solution owns gets exactly the components it lists; an app a solution only extends (Sales Hub)
 * ships its components marked `solutionaction="Added"` (CustomizationsSolution.xsd
 * AppModuleComponentType) and gets them added, keeping its name and the components it had.
 */
export interface AppComponent {
  readonly type: number;
  /** A schema name for tables and SiteMaps, an id for forms and views. */
  readonly key: string;
}

const TABLE = 1;
const SITEMAP = 62;

export function componentObjectId(component: AppComponent): string {
  if (component.type === TABLE) return stableGuid(`entity:${component.key.toLowerCase()}`);
  if (component.type === SITEMAP) return stableGuid(`sitemap:${component.key}`);
  return unbrace(component.key);
}

const rowId = (appId: string, component: AppComponent) =>
  stableGuid(`appmodulecomponent:${appId}:${component.type}:${componentObjectId(component)}`);

export function writeAppComponents(ctx: EmulatorContext, appId: string, components: AppComponent[]): void {
  for (const component of components) {
    upsertComponent(ctx, 'appmodulecomponent', rowId(appId, component), {
      componenttype: component.type,
      objectid: componentObjectId(component),
      rootcomponentbehavior: 0,
      appmoduleidunique: { id: appId, entity: 'appmodule' },
    });
  }
}

function removeAppComponents(ctx: EmulatorContext, appId: string, components?: AppComponent[]): void {
  const ids = components ? new Set(components.map((c) => rowId(appId, c))) : undefined;
  for (const row of ctx.store.referencing('appmodulecomponent', 'appmoduleidunique', appId)) {
    if (!ids || ids.has(row.id)) ctx.store.delete('appmodulecomponent', row.id);
  }
}

const localized = (el: XmlElement | undefined) =>
  childrenOf(childOf(el, 'LocalizedNames'), 'LocalizedName')[0]?.attrs.description;

export function importApps(ctx: EmulatorContext, customizations: XmlElement): void {
  for (const sm of childrenOf(childOf(customizations, 'AppModuleSiteMaps'), 'AppModuleSiteMap')) {
    const unique = textOf(sm, 'SiteMapUniqueName') ?? '';
    const siteMap = childOf(sm, 'SiteMap');
    upsertComponent(ctx, 'sitemap', stableGuid(`sitemap:${unique}`), {
      sitemapname: localized(sm) ?? unique,
      sitemapnameunique: unique,
      sitemapxml: siteMap ? serializeXml(siteMap) : null,
    });
  }
  for (const app of childrenOf(childOf(customizations, 'AppModules'), 'AppModule')) {
    const unique = textOf(app, 'UniqueName') ?? '';
    const id = stableGuid(`appmodule:${unique}`);
    const listed = childrenOf(childOf(app, 'AppModuleComponents'), 'AppModuleComponent');
    const component = (c: XmlElement): AppComponent => ({
      type: Number(c.attrs.type),
      key: c.attrs.schemaName ?? c.attrs.id ?? '',
    });
    const extendsApp = listed.length > 0 && listed.every((c) => c.attrs.solutionaction !== undefined);
    if (extendsApp && ctx.store.get('appmodule', id)) {
      writeAppComponents(ctx, id, listed.filter((c) => c.attrs.solutionaction !== 'Removed').map(component));
      removeAppComponents(ctx, id, listed.filter((c) => c.attrs.solutionaction === 'Removed').map(component));
      continue;
    }
    upsertComponent(ctx, 'appmodule', id, {
      uniquename: unique,
      name: localized(app) ?? unique,
      appmoduleidunique: id,
      descriptor: serializeXml(app),
    });
    removeAppComponents(ctx, id);
    writeAppComponents(ctx, id, listed.filter((c) => c.attrs.solutionaction !== 'Removed').map(component));
  }
}
