/**
 * Reads Xero's part of the invoice snapshot (`xero: {organisation, contacts, items, links}`) for
 * the snapshot reader's callback: the organisation and its currencies (cached per connection),
 * every contact that could be the customer (linked id, ContactNumber, email or exact name, in one
 * OR query, so the domain can refuse to guess between two), and the items the lines would use.
 * The domain decides; this only gathers candidates.
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../../solution/names';
import type { Contact } from 'xero-node';
import { XeroGateway, whereString } from './gateway';

type Row = Record<string, unknown>;

export interface XeroSideInput {
  connectionId: string;
  connection: Row;
  customer: Row;
  products: Row[];
  links: { entity: string; recordId: string; xeroId: string }[];
}

export interface XeroSide {
  organisation: { name?: string | null; baseCurrency: string; multiCurrency: boolean; currencies: string[] };
  contacts: {
    ContactID: string;
    Name: string;
    ContactNumber?: string | null;
    EmailAddress?: string | null;
  }[];
  items: { Code: string; Name?: string | null }[];
  links: { entity: string; recordId: string; xeroId: string }[];
}

export interface XeroSideLoaderOptions {
  gateway: XeroGateway;
  /** How long organisation details are reused per connection; default 10 minutes. */
  organisationTtlMs?: number;
  now?: () => number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ITEM_CODE = 30;
const SC = SYSTEM_COLUMNS;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The customer's identity fields, whichever table it is. */
function customerKeys(customer: Row) {
  const isAccount = customer.logicalname === SYSTEM_TABLES.account.logicalName;
  return {
    id: text(customer[isAccount ? SC.account.id : SC.contact.id]),
    number: isAccount ? text(customer[SC.account.accountNumber]) : undefined,
    email: text(customer[isAccount ? SC.account.email : SC.contact.email]),
    name: text(customer[isAccount ? SC.account.name : SC.contact.fullName]),
  };
}

export function contactCandidatesWhere(input: Pick<XeroSideInput, 'customer' | 'links'>): string | undefined {
  const keys = customerKeys(input.customer);
  const linked = input.links.find((l) => l.recordId === keys.id && l.entity === input.customer.logicalname);
  const clauses = [
    linked && GUID.test(linked.xeroId) ? `ContactID==Guid(${whereString(linked.xeroId)})` : undefined,
    keys.number ? `ContactNumber==${whereString(keys.number)}` : undefined,
    keys.id ? `ContactNumber==${whereString(keys.id)}` : undefined,
    keys.email ? `EmailAddress==${whereString(keys.email)}` : undefined,
    keys.name ? `Name==${whereString(keys.name)}` : undefined,
  ].filter((c): c is string => c !== undefined);
  return clauses.length ? clauses.join(' OR ') : undefined;
}

export function itemCodesOf(products: Row[]): string[] {
  const codes = products
    .map((p) => text(p[COLUMNS.product.xeroItemCode]) ?? text(p[SC.product.productNumber]))
    .filter((c): c is string => c !== undefined && c.length <= MAX_ITEM_CODE);
  return [...new Set(codes)];
}

function toCandidate(contact: Contact): XeroSide['contacts'][number] | undefined {
  if (!contact.contactID || !contact.name) return undefined;
  return {
    ContactID: contact.contactID,
    Name: contact.name,
    ContactNumber: contact.contactNumber ?? null,
    EmailAddress: contact.emailAddress ?? null,
  };
}

export function createXeroSideLoader(
  options: XeroSideLoaderOptions,
): (input: XeroSideInput) => Promise<XeroSide> {
  const ttl = options.organisationTtlMs ?? 600_000;
  const now = options.now ?? Date.now;
  const organisations = new Map<string, { at: number; value: XeroSide['organisation'] }>();

  async function organisationOf(connectionId: string): Promise<XeroSide['organisation']> {
    const cached = organisations.get(connectionId);
    if (cached && now() - cached.at < ttl) return cached.value;
    const [organisation, currencies] = await Promise.all([
      options.gateway.getOrganisation(connectionId),
      options.gateway.getCurrencies(connectionId),
    ]);
    const baseCurrency = String(organisation.body?.baseCurrency ?? '');
    const codes = (currencies.body.currencies ?? []).map((c) => String(c.code));
    const value = {
      name: organisation.body?.name ?? null,
      baseCurrency,
      multiCurrency: codes.some((c) => c !== baseCurrency),
      currencies: codes,
    };
    organisations.set(connectionId, { at: now(), value });
    return value;
  }

  return async (input) => {
    const where = contactCandidatesWhere(input);
    const usesItems =
      input.connection[COLUMNS.connection.itemPolicy] !== CHOICES.itemPolicy.values.dontUseItems;
    const codes = usesItems ? itemCodesOf(input.products) : [];
    const [organisation, contacts, items] = await Promise.all([
      organisationOf(input.connectionId),
      where ? options.gateway.getContacts(input.connectionId, { where }) : undefined,
      codes.length ? options.gateway.getItems(input.connectionId, { codes }) : undefined,
    ]);
    return {
      organisation,
      contacts: (contacts?.body.contacts ?? []).map(toCandidate).filter((c) => c !== undefined),
      items: (items?.body.items ?? []).map((i) => ({ Code: i.code, Name: i.name ?? null })),
      links: input.links,
    };
  };
}
