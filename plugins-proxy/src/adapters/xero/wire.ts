/**
 * Wire serialisation through xero-node's own model serializer, so the body the preview prints is
 * byte for byte what the SDK sends (xero-node's createInvoices calls the same
 * `ObjectSerializer.serialize(invoices, "Invoices")`). This lives outside the domain because the
 * serializer drags in all of xero-node (this module bundles to about 1.7 MB minified, against about
 * 75 KB for the whole domain), which the PCF bundle must not carry. The domain's
 * `plainWireSerializer` gives byte-identical JSON for every body the mapper builds; the tests
 * compare the two, and compare both with what xero-node's createInvoices actually sends.
 * The JSON round trip drops the `undefined` properties the serializer leaves for unset fields,
 * exactly as JSON.stringify does on the way to the network.
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
