import { LOOKUPS } from '../names';
import type { Relationship } from './types';

/**
 * What deleting a row does to the rows whose lookup points at it, chosen per relationship, with
 * the reason (docs/solution-package.md repeats the table for people; a test keeps them equal).
 * The rules: a Dynamics row (invoice, invoice line, product) never goes with one of ours; sync
 * history and payments are the record of what happened and are never deleted with anything.
 */
export interface DeleteBehaviour {
  readonly cascade: Relationship['cascadeDelete'];
  readonly why: string;
}

const KEEP_DYNAMICS_ROW: DeleteBehaviour = {
  cascade: 'RemoveLink',
  why: 'A Dynamics row never goes with one of ours: the lookup is cleared and the row stays.',
};
const CLEAR_DEFAULT: DeleteBehaviour = {
  cascade: 'RemoveLink',
  why: 'The defaults row stays; only the default that pointed at the deleted row is cleared.',
};
const PULLED_FROM_XERO: DeleteBehaviour = {
  cascade: 'Cascade',
  why: "Reference data pulled from this connection's Xero organisation, pulled again on reconnect; Dynamics rows that used it keep their row (their lookups are RemoveLink).",
};

/** Keyed `<referencing table>.<lookup column>`, one entry per lookup in names.ts. */
export const DELETE_BEHAVIOUR: Readonly<Record<string, DeleteBehaviour>> = {
  'stl_defaults.stl_connectionid': CLEAR_DEFAULT,
  'stl_defaults.stl_brandingthemeid': CLEAR_DEFAULT,
  'stl_defaults.stl_salesglcodeid': CLEAR_DEFAULT,
  'stl_defaults.stl_purchaseglcodeid': CLEAR_DEFAULT,
  'stl_defaults.stl_salestaxrateid': CLEAR_DEFAULT,
  'stl_defaults.stl_purchasetaxrateid': CLEAR_DEFAULT,
  'stl_glcode.stl_connectionid': PULLED_FROM_XERO,
  'stl_taxrate.stl_connectionid': PULLED_FROM_XERO,
  'stl_brandingtheme.stl_connectionid': PULLED_FROM_XERO,
  'stl_trackingcategory.stl_connectionid': PULLED_FROM_XERO,
  'stl_trackingoption.stl_connectionid': PULLED_FROM_XERO,
  'stl_trackingoption.stl_trackingcategoryid': {
    cascade: 'RemoveLink',
    why: 'An option outlives its category row until the next pull archives it; lines that use it keep it.',
  },
  'stl_synchistory.stl_invoiceid': {
    cascade: 'RemoveLink',
    why: "History is the record of what happened: it keeps Xero's id, number and messages when the invoice is deleted.",
  },
  'stl_synchistory.stl_connectionid': {
    cascade: 'RemoveLink',
    why: 'Deleting a connection keeps its sync history; the history row keeps the Xero ids it recorded.',
  },
  'stl_payment.stl_invoiceid': {
    cascade: 'Restrict',
    why: 'An invoice with payments recorded in Xero cannot be deleted: the payment rows are the money trail.',
  },
  'stl_payment.stl_connectionid': {
    cascade: 'Restrict',
    why: 'A connection with payments cannot be deleted (its alternate key is connection + payment id); disconnect it instead.',
  },
  'stl_xerolink.stl_connectionid': {
    cascade: 'Cascade',
    why: "The map from Dynamics records to one Xero organisation's ids means nothing without that connection.",
  },
  'invoice.stl_connectionid': KEEP_DYNAMICS_ROW,
  'invoice.stl_brandingthemeid': KEEP_DYNAMICS_ROW,
  'invoicedetail.stl_glcodeid': KEEP_DYNAMICS_ROW,
  'invoicedetail.stl_taxrateid': KEEP_DYNAMICS_ROW,
  'invoicedetail.stl_trackingoption1id': KEEP_DYNAMICS_ROW,
  'invoicedetail.stl_trackingoption2id': KEEP_DYNAMICS_ROW,
  'product.stl_salesglcodeid': KEEP_DYNAMICS_ROW,
  'product.stl_purchaseglcodeid': KEEP_DYNAMICS_ROW,
  'product.stl_salestaxrateid': KEEP_DYNAMICS_ROW,
  'product.stl_purchasetaxrateid': KEEP_DYNAMICS_ROW,
};

export function deleteBehaviourOf(table: string, column: string): DeleteBehaviour {
  const found = DELETE_BEHAVIOUR[`${table}.${column}`];
  if (!found) throw new Error(`No delete behaviour is chosen for the lookup ${table}.${column}`);
  return found;
}

export const RELATIONSHIPS: readonly Relationship[] = LOOKUPS.map((l) => ({
  name: l.relationship,
  referencedTable: l.target,
  referencingTable: l.table,
  lookupColumn: l.column,
  navigationProperty: l.navigationProperty,
  cascadeDelete: deleteBehaviourOf(l.table, l.column).cascade,
}));
