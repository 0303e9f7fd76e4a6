import { addCustomizationTables } from './customizationTables';
import { Model } from './model';
import { addPlatformTables } from './platformTables';
import { wireDefaultLookups, wireSystemRelationships } from './relationships';
import { addSalesTables } from './salesTables';

export { wireDefaultLookups };

/**
 * The built-in model every emulated org starts with: the Sales tables, the platform tables and
 * the tables that hold imported customizations, wired with their navigation properties.
 */
export function systemModel(): Model {
  const model = new Model();
  addSalesTables(model);
  addPlatformTables(model);
  addCustomizationTables(model);
  wireSystemRelationships(model);
  return model;
}
