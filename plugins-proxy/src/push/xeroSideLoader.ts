/**
 * Xero's half of the invoice snapshot: the organisation, the candidate contacts and the items, one query
 * each, shared by a batch of invoices (docs/architecture.md#look-ups).
 */
import type { Contact, Item, Organisation } from 'xero-node';
import { COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import type { XeroSideContext } from '../adapters/dataverse/snapshotReader';
import { whereString, type XeroGateway } from '../adapters/xero/gateway';
import type { InvoiceSnapshot } from '../domain/snapshot';

export type XeroSide = InvoiceSnapshot['xero'];

export interface OrganisationFacts {
  name: string | null;
  baseCurrency: string;
  multiCurrency: boolean;
  shortCode?: string;
}

const SC = SYSTEM_COLUMNS;
/** Xero editions with more than one currency; the demo company has them too. */
const MULTI_CURRENCY_CLASS = /^(PREMIUM|DEMO|TRIAL)/i;

export function organisationFacts(org: Organisation | undefined): OrganisationFacts {
  const orgClass = String(org?._class ?? '');
  return {
    name: org?.name ?? null,
    baseCurrency: String(org?.baseCurrency ?? 'USD'),
    multiCurrency: org?.isDemoCompany === true || MULTI_CURRENCY_CLASS.test(orgClass),
    shortCode: org?.shortCode ?? undefined,
  };
}

interface CustomerKeys {
  linkedContactId?: string;
  contactNumber?: string;
  email?: string;
  name?: string;
}

function customerKeys(context: XeroSideContext): CustomerKeys {
  const c = context.customer;
  const isAccount = c.logicalname === SYSTEM_TABLES.account.logicalName;
  const id = String(isAccount ? c[SC.account.id] : c[SC.contact.id]);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const name = isAccount
    ? text(c[SC.account.name])
    : (text(c[SC.contact.fullName]) ??
      text([c[SC.contact.firstName], c[SC.contact.lastName]].filter(Boolean).join(' ')));
  const link = context.links.find((l) => l.recordId.toLowerCase() === id.toLowerCase());
  return {
    linkedContactId: link?.xeroId,
    contactNumber: (isAccount ? text(c[SC.account.accountNumber]) : undefined) ?? id,
    email: text(isAccount ? c[SC.account.email] : c[SC.contact.email]),
    name,
  };
}

/** Item codes the lines may send: the product's Xero item code, else its product number. */
export function candidateItemCodes(products: readonly Record<string, unknown>[]): string[] {
  const codes = products
    .map((p) => p[COLUMNS.product.xeroItemCode] ?? p[SC.product.productNumber])
    .filter((c): c is string => typeof c === 'string' && c.trim() !== '' && c.trim().length <= 30)
    .map((c) => c.trim());
  return [...new Set(codes)];
}

function contactWhere(keys: CustomerKeys): string | undefined {
  const clauses = [
    keys.linkedContactId ? `ContactID==Guid(${whereString(keys.linkedContactId)})` : undefined,
    keys.contactNumber ? `ContactNumber==${whereString(keys.contactNumber)}` : undefined,
    keys.email ? `EmailAddress==${whereString(keys.email)}` : undefined,
    keys.name ? `Name==${whereString(keys.name)}` : undefined,
  ].filter((c): c is string => c !== undefined);
  return clauses.length ? clauses.join(' OR ') : undefined;
}

function toCandidate(c: Contact) {
  return {
    ContactID: String(c.contactID),
    Name: c.name ?? '',
    ContactNumber: c.contactNumber ?? null,
    EmailAddress: c.emailAddress ?? null,
  };
}

/**
 * One loader per job or batch: caches the organisation, contacts by customer and items by code,
 * and remembers contacts and items created during the batch so later invoices reuse them.
 */
export class XeroSideLoader {
  private organisation?: Promise<OrganisationFacts>;
  private readonly contacts = new Map<string, Promise<Contact[]>>();
  private readonly items = new Map<string, Item>();
  /** Codes already asked for, found or not, so a batch asks Xero about each code once. */
  private readonly askedCodes = new Set<string>();
  private readonly created = new Map<string, Contact>();

  constructor(
    private readonly gateway: XeroGateway,
    private readonly connectionId: string,
  ) {}

  organisationFacts(): Promise<OrganisationFacts> {
    this.organisation ??= this.gateway
      .getOrganisation(this.connectionId)
      .then((result) => organisationFacts(result.body));
    return this.organisation;
  }

  /** A contact created by this batch: later invoices for the same customer use it. */
  rememberContact(customerId: string, contact: Contact): void {
    this.created.set(customerId.toLowerCase(), contact);
    this.contacts.set(customerId.toLowerCase(), Promise.resolve([contact]));
  }

  /** The contact this batch already created for the customer, if any. */
  createdContact(customerId: string): Contact | undefined {
    return this.created.get(customerId.toLowerCase());
  }

  rememberItems(items: readonly Item[]): void {
    for (const item of items) if (item.code) this.items.set(item.code.toLowerCase(), item);
  }

  async load(context: XeroSideContext): Promise<XeroSide> {
    const org = await this.organisationFacts();
    const keys = customerKeys(context);
    const customerId = String(
      context.customer[SC.account.id] ?? context.customer[SC.contact.id] ?? '',
    ).toLowerCase();
    let contacts = this.contacts.get(customerId);
    if (!contacts) {
      const where = contactWhere(keys);
      contacts = where
        ? this.gateway.getContacts(this.connectionId, { where }).then((r) => r.body.contacts ?? [])
        : Promise.resolve([]);
      this.contacts.set(customerId, contacts);
    }
    const wanted = candidateItemCodes(context.products);
    const missing = wanted.filter((code) => !this.askedCodes.has(code.toLowerCase()));
    for (const code of missing) this.askedCodes.add(code.toLowerCase());
    if (missing.length) {
      const found = await this.gateway.getItems(this.connectionId, { codes: missing });
      this.rememberItems(found.body.items ?? []);
    }
    const items = wanted
      .map((code) => this.items.get(code.toLowerCase()))
      .filter((i): i is Item => i !== undefined)
      .map((i) => ({ Code: String(i.code), Name: i.name ?? null }));
    return {
      organisation: { name: org.name, baseCurrency: org.baseCurrency, multiCurrency: org.multiCurrency },
      contacts: (await contacts).filter((c) => c.contactID).map(toCandidate),
      items,
      links: context.links.map((l) => ({ ...l })),
    };
  }
}
