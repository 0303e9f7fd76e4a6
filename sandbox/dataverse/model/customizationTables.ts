import { col, defineTable, t } from './define';
import type { Model } from './model';

/** Where imported forms, views, web resources, SiteMaps and apps are kept, readable through the API. */
export function addCustomizationTables(model: Model): void {
  const noOwner = { owned: false };
  model.add(
    defineTable(
      { logicalName: 'systemform', entitySet: 'systemforms', primaryId: 'formid', primaryName: 'name' },
      {
        name: col.str(100),
        objecttypecode: col.str(64),
        type: col.int(),
        formxml: col.memo(),
        description: col.memo(),
        formactivationstate: col.int(),
      },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      {
        logicalName: 'savedquery',
        entitySet: 'savedqueries',
        primaryId: 'savedqueryid',
        primaryName: 'name',
      },
      {
        name: col.str(200),
        returnedtypecode: col.str(64),
        querytype: col.int(),
        isdefault: col.bool(),
        isquickfindquery: col.bool(),
        fetchxml: col.memo(),
        layoutxml: col.memo(),
      },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      {
        logicalName: 'savedqueryvisualization',
        entitySet: 'savedqueryvisualizations',
        primaryId: 'savedqueryvisualizationid',
        primaryName: 'name',
      },
      {
        name: col.str(200),
        description: col.memo(),
        primaryentitytypecode: col.str(64),
        isdefault: col.bool(),
        datadescription: col.memo(),
        presentationdescription: col.memo(),
      },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      {
        logicalName: 'webresource',
        entitySet: 'webresourceset',
        primaryId: 'webresourceid',
        primaryName: 'name',
      },
      { name: col.str(256), displayname: col.str(200), webresourcetype: col.int(), content: col.memo() },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      t('sitemap', 'sitemaps', 'sitemapname'),
      { sitemapname: col.str(200), sitemapnameunique: col.str(200), sitemapxml: col.memo() },
      noOwner,
    ),
  );
  model.add(
    defineTable(
      t('appmodule', 'appmodules'),
      { name: col.str(200), uniquename: col.str(200), descriptor: col.memo(), appmoduleidunique: col.guid() },
      noOwner,
    ),
  );
  // An app's components, one row each (powerapps-docs reference/entities/appmodulecomponent.md):
  // componenttype 1 table, 26 view, 60 form, 62 SiteMap; objectid the component's id.
  model.add(
    defineTable(
      t('appmodulecomponent', 'appmodulecomponents', 'objectid'),
      {
        componenttype: col.int(),
        objectid: col.guid(),
        rootcomponentbehavior: col.int(),
        appmoduleidunique: col.lookup(['appmodule']),
      },
      noOwner,
    ),
  );
}
