/**
 * Before the document: the contact and the missing items, created with deterministic Idempotency-Keys and
 * recorded as stl_xerolink rows in the write-back (docs/architecture.md#exactly-once-sending).
 */
import type { Contact } from 'xero-node';
import { failure, success, type Result, type XeroItemModel } from '../domain';
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import type { NewXeroLink } from '../adapters/dataverse/writeBack';
import { readBatchElements } from '../adapters/xero/batchResults';
import type { XeroGateway } from '../adapters/xero/gateway';
import type { PreparedPush } from './preparePush';
import type { XeroSideLoader } from './xeroSideLoader';

/** Why the contact could not be had, and whether a person must choose (Needs review). */
interface EnsureFailure {
  messages: string[];
  outcome?: 'failed' | 'needsReview';
}

export type Ensured<T> = Result<T, EnsureFailure>;

const NAME_TAKEN = /already assigned to another contact|contact name must be unique/i;

/** The contact Xero holds with exactly this ContactNumber, if any (the winner of a create race). */
async function contactWithNumber(
  gateway: XeroGateway,
  connectionId: string,
  contactNumber: string,
): Promise<Contact | undefined> {
  const found = await gateway.getContacts(connectionId, { contactNumber });
  const wanted = contactNumber.trim().toLowerCase();
  return (found.body.contacts ?? []).find(
    (c) => c.contactID && (c.contactNumber ?? '').trim().toLowerCase() === wanted,
  );
}

export interface EnsuredContact {
  contactId: string;
  link?: NewXeroLink;
}

/** The contact the document goes to; creates it when the domain decided so. */
export async function ensureContact(
  gateway: XeroGateway,
  loader: XeroSideLoader,
  push: PreparedPush,
  idempotencyKey: string,
): Promise<Ensured<EnsuredContact>> {
  const decision = push.mapping.contact;
  const linked = push.snapshot.xero.links.find(
    (l) => l.recordId.toLowerCase() === push.customer.id.toLowerCase(),
  );
  const link = (contactId: string): NewXeroLink | undefined =>
    linked?.xeroId.toLowerCase() === contactId.toLowerCase()
      ? undefined
      : {
          entity: push.customer.table,
          recordId: push.customer.id,
          xeroId: contactId,
          name: push.customer.name,
        };
  if (decision.kind === 'use')
    return success({ contactId: decision.contactId, link: link(decision.contactId) });
  if (decision.kind !== 'create') return failure({ messages: [decision.message] });
  // Invoices of one batch were mapped before the first of them created their customer's contact.
  const already = loader.createdContact(push.customer.id)?.contactID;
  if (already) return success({ contactId: already, link: link(already) });
  const contact = push.mapping.models.contact;
  if (!contact) return failure({ messages: [`The contact for "${push.customer.name}" was not mapped.`] });
  const result = await gateway.createContacts(push.connectionId, [contact], { idempotencyKey });
  const [element] = readBatchElements(result.body.contacts, 'contactID');
  if (element?.ok && element.id) {
    loader.rememberContact(push.customer.id, element.element);
    return success({ contactId: element.id, link: link(element.id) });
  }
  const messages = element?.messages ?? [];
  const refusal = [`Xero refused to create the contact "${push.customer.name}":`, ...messages];
  if (!messages.some((m) => NAME_TAKEN.test(m))) return failure({ messages: refusal });
  // Only a contact carrying OUR ContactNumber is ours; a namesake with another number is someone
  // else's contact, and choosing between them is a person's call.
  const winner = contact.contactNumber
    ? await contactWithNumber(gateway, push.connectionId, contact.contactNumber)
    : undefined;
  if (!winner?.contactID) return failure({ messages: refusal, outcome: 'needsReview' });
  loader.rememberContact(push.customer.id, winner);
  return success({ contactId: winner.contactID, link: link(winner.contactID) });
}

function productIdForCode(push: PreparedPush, code: string): string | undefined {
  const lowered = code.toLowerCase();
  const product = push.snapshot.products.find(
    (p) =>
      (
        p[COLUMNS.product.xeroItemCode]?.trim() ||
        p[SYSTEM_COLUMNS.product.productNumber]?.trim() ||
        ''
      ).toLowerCase() === lowered,
  );
  return product?.[SYSTEM_COLUMNS.product.id];
}

export interface ItemsOutcome {
  /** Item code (lower-case) → why Xero refused it. */
  refused: Map<string, string[]>;
  /** Links per push, in the order given. */
  links: NewXeroLink[][];
}

/** Creates every item the pushes need in one call; a refused item fails only the pushes using it. */
export async function ensureItems(
  gateway: XeroGateway,
  loader: XeroSideLoader,
  connectionId: string,
  pushes: readonly PreparedPush[],
  idempotencyKey: string,
): Promise<ItemsOutcome> {
  const wanted = new Map<string, XeroItemModel>();
  for (const push of pushes) {
    for (const item of push.mapping.models.items) {
      if (item.code && !wanted.has(item.code.toLowerCase())) wanted.set(item.code.toLowerCase(), item);
    }
  }
  const refused = new Map<string, string[]>();
  const created = new Map<string, string>();
  if (wanted.size > 0) {
    const result = await gateway.createItems(connectionId, [...wanted.values()], { idempotencyKey });
    const elements = readBatchElements(result.body.items, 'itemID');
    [...wanted.keys()].forEach((code, index) => {
      const element = elements[index];
      if (element?.ok && element.id) created.set(code, element.id);
      else refused.set(code, element?.messages ?? ['Xero did not answer for this item']);
    });
    loader.rememberItems(elements.filter((e) => e.ok).map((e) => e.element));
    if (refused.size > 0) await adoptRacedItems(gateway, loader, connectionId, wanted, refused, created);
  }
  const links = pushes.map((push) =>
    push.mapping.models.items.flatMap((item) => {
      const code = String(item.code ?? '');
      const xeroId = created.get(code.toLowerCase());
      const recordId = productIdForCode(push, code);
      if (!xeroId || !recordId) return [];
      return [{ entity: SYSTEM_TABLES.product.logicalName, recordId, xeroId, xeroCode: code, name: code }];
    }),
  );
  return { refused, links };
}

/**
 * A refused code that Xero now holds was created by a concurrent push: use that item. Only codes
 * still missing after the re-read stay refused, with Xero's own reason.
 */
async function adoptRacedItems(
  gateway: XeroGateway,
  loader: XeroSideLoader,
  connectionId: string,
  wanted: ReadonlyMap<string, XeroItemModel>,
  refused: Map<string, string[]>,
  created: Map<string, string>,
): Promise<void> {
  const codes = [...refused.keys()].map((code) => String(wanted.get(code)?.code ?? code));
  const found = await gateway.getItems(connectionId, { codes });
  const existing = (found.body.items ?? []).filter((i) => i.code && i.itemID);
  for (const item of existing) {
    const code = String(item.code).toLowerCase();
    if (!refused.has(code)) continue;
    refused.delete(code);
    created.set(code, String(item.itemID));
  }
  loader.rememberItems(existing);
}
