/**
 * Wire serialisation through xero-node's own model serializer, so the preview prints byte for byte what
 * the SDK sends. Not in the domain, which the PCF bundles (adapters/xero/README.md).
 */
import { ObjectSerializer } from 'xero-node';
import type { WireBody, WireDocument, WireSerializer, XeroDocumentModel } from '../../domain/xeroModels';

function serialize(model: unknown, type: string): unknown {
  return JSON.parse(JSON.stringify(ObjectSerializer.serialize(model, type)));
}

export const xeroNodeSerializer: WireSerializer = {
  document(model: XeroDocumentModel): WireDocument {
    return 'invoices' in model
      ? (serialize(model, 'Invoices') as WireDocument)
      : (serialize(model, 'CreditNotes') as WireDocument);
  },
  contact: (model) => serialize(model, 'Contact') as WireBody,
  item: (model) => serialize(model, 'Item') as WireBody,
};
