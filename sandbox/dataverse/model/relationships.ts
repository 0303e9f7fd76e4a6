import { SYSTEM_TABLES } from '../../../solution/names';
import type { Model } from './model';

/** Lookups with their Web API navigation property names (reference/dataverse-webapi.md §1.1, §1.6). */
export function wireSystemRelationships(model: Model): void {
  const { invoice, invoiceDetail, product, account, contact } = SYSTEM_TABLES;
  const rel = (name: string, referencing: string, column: string, referenced: string, lookupNav = column) =>
    model.addRelationship({ name, referencing, referenced, column, lookupNav, collectionNav: name });
  rel(
    'invoice_customer_accounts',
    invoice.logicalName,
    'customerid',
    account.logicalName,
    'customerid_account',
  );
  rel(
    'invoice_customer_contacts',
    invoice.logicalName,
    'customerid',
    contact.logicalName,
    'customerid_contact',
  );
  rel('invoice_details', invoiceDetail.logicalName, 'invoiceid', invoice.logicalName);
  rel('product_invoice_details', invoiceDetail.logicalName, 'productid', product.logicalName);
  rel(
    'invoicedetail_parent_invoicedetail',
    invoiceDetail.logicalName,
    'parentbundleidref',
    invoiceDetail.logicalName,
  );
  rel('unit_of_measurement_invoice_details', invoiceDetail.logicalName, 'uomid', 'uom');
  rel('price_level_invoices', invoice.logicalName, 'pricelevelid', 'pricelevel');
  rel('account_primary_contact', account.logicalName, 'primarycontactid', contact.logicalName);
  rel(
    'contact_customer_accounts',
    contact.logicalName,
    'parentcustomerid',
    account.logicalName,
    'parentcustomerid_account',
  );
  rel(
    'contact_customer_contacts',
    contact.logicalName,
    'parentcustomerid',
    contact.logicalName,
    'parentcustomerid_contact',
  );
  rel('price_level_products', product.logicalName, 'pricelevelid', 'pricelevel');
  rel('unit_of_measurement_products', product.logicalName, 'defaultuomid', 'uom');
  rel('uom_schedule_products', product.logicalName, 'defaultuomscheduleid', 'uomschedule');
  rel('uom_schedule_uoms', 'uom', 'uomscheduleid', 'uomschedule');
  rel(
    'environmentvariabledefinition_environmentvariablevalue',
    'environmentvariablevalue',
    'environmentvariabledefinitionid',
    'environmentvariabledefinition',
    // The platform's schema-name casing, as scripts bind it: EnvironmentVariableDefinitionId@odata.bind.
    'EnvironmentVariableDefinitionId',
  );
  rel('sdkmessageid_sdkmessagefilter', 'sdkmessagefilter', 'sdkmessageid', 'sdkmessage');
  rel('sdkmessageid_sdkmessageprocessingstep', 'sdkmessageprocessingstep', 'sdkmessageid', 'sdkmessage');
  rel(
    'sdkmessagefilterid_sdkmessageprocessingstep',
    'sdkmessageprocessingstep',
    'sdkmessagefilterid',
    'sdkmessagefilter',
  );
  rel(
    'serviceendpoint_sdkmessageprocessingstep',
    'sdkmessageprocessingstep',
    'eventhandler',
    'serviceendpoint',
    'eventhandler_serviceendpoint',
  );
  rel(
    'sdkmessageprocessingstep_asyncoperations',
    'asyncoperation',
    'owningextensionid',
    'sdkmessageprocessingstep',
    'owningextensionid_sdkmessageprocessingstep',
  );
  rel('business_unit_system_users', 'systemuser', 'businessunitid', 'businessunit');
  wireDefaultLookups(model);
}

/**
 * Gives every lookup that has no navigation property yet one per target table. The owner is one
 * navigation property, `ownerid`, of type principal (a user or a team), with the relationship
 * `owner_<entity set>` (Learn, "principal EntityType": owner_accounts … partner ownerid).
 */
export function wireDefaultLookups(model: Model): void {
  const rel = (name: string, referencing: string, column: string, referenced: string, lookupNav: string) =>
    model.addRelationship({ name, referencing, referenced, column, lookupNav, collectionNav: name });
  for (const table of model.tables()) {
    for (const [name, column] of Object.entries(table.columns)) {
      if (column.type !== 'lookup' || Object.values(table.lookups).some((l) => l.column === name)) continue;
      if (name === 'ownerid') {
        // Team first, so the navigation property's default target is the user.
        for (const target of ['team', 'systemuser'])
          rel(`owner_${table.entitySet}`, table.logicalName, name, target, 'ownerid');
        continue;
      }
      for (const target of column.targets ?? []) {
        const multi = (column.targets?.length ?? 0) > 1;
        rel(
          `${target}_${table.logicalName}_${name}`,
          table.logicalName,
          name,
          target,
          multi ? `${name}_${target}` : name,
        );
      }
    }
  }
}
