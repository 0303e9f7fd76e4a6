/**
 * Which Xero contact the document goes to: link, ContactNumber, email, then name, first stage with a
 * hit wins; two candidates at a stage → needs review, never a guess (docs/sync-rules.md).
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { FIELD, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import type { InvoiceSnapshot, SnapshotCustomer } from './snapshot';
import type { XeroAddress, XeroContactModel, XeroPhone } from './xeroModels';

export interface ContactCandidate {
  ContactID: string;
  Name: string;
  ContactNumber?: string | null;
  EmailAddress?: string | null;
}

export type ContactDecisionModel =
  | { kind: 'use'; contactId: string }
  | { kind: 'create'; body: XeroContactModel }
  | { kind: 'needsReview'; candidates: ContactCandidate[]; message: string }
  | { kind: 'missing'; message: string };

const SC = SYSTEM_COLUMNS;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CustomerFacts {
  table: string;
  id: string;
  name: string;
  contactNumber: string;
  email?: string;
  label: string;
}

export function customerFacts(customer: SnapshotCustomer): CustomerFacts {
  if (customer.logicalname === SYSTEM_TABLES.account.logicalName) {
    const name = customer[SC.account.name]?.trim() ?? '';
    const id = customer[SC.account.id];
    const number = customer[SC.account.accountNumber]?.trim() || id;
    return {
      table: customer.logicalname,
      id,
      name,
      contactNumber: number,
      email: customer[SC.account.email]?.trim() || undefined,
      label: `Account "${name || id}"`,
    };
  }
  const c = customer as Extract<SnapshotCustomer, { logicalname: typeof SYSTEM_TABLES.contact.logicalName }>;
  const id = c[SC.contact.id];
  const full =
    c[SC.contact.fullName]?.trim() ||
    [c[SC.contact.firstName], c[SC.contact.lastName]].filter(Boolean).join(' ').trim();
  return {
    table: c.logicalname,
    id,
    name: full,
    contactNumber: id,
    email: c[SC.contact.email]?.trim() || undefined,
    label: `Contact "${full || id}"`,
  };
}

const fold = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

function stages(
  snapshot: InvoiceSnapshot,
  facts: CustomerFacts,
): Array<{ by: string; hits: ContactCandidate[] }> {
  const contacts = snapshot.xero.contacts;
  const number = fold(facts.contactNumber);
  const email = fold(facts.email);
  const name = facts.name.trim();
  return [
    { by: 'ContactNumber', hits: contacts.filter((c) => number !== '' && fold(c.ContactNumber) === number) },
    { by: 'email', hits: email ? contacts.filter((c) => fold(c.EmailAddress) === email) : [] },
    {
      by: 'name',
      hits: contacts.filter(
        (c) =>
          name !== '' && c.Name.trim() === name && (!c.ContactNumber || fold(c.ContactNumber) === number),
      ),
    },
  ];
}

function address(customer: SnapshotCustomer): XeroAddress[] | undefined {
  const A = SC.address;
  const a: XeroAddress = {
    addressType: 'POBOX',
    addressLine1: customer[A.line1] ?? undefined,
    addressLine2: customer[A.line2] ?? undefined,
    addressLine3: customer[A.line3] ?? undefined,
    city: customer[A.city] ?? undefined,
    region: customer[A.region] ?? undefined,
    postalCode: customer[A.postalCode] ?? undefined,
    country: customer[A.country] ?? undefined,
  };
  return Object.entries(a).some(([k, v]) => k !== 'addressType' && v) ? [a] : undefined;
}

function phones(customer: SnapshotCustomer): XeroPhone[] | undefined {
  const out: XeroPhone[] = [];
  const phone = customer[SC.account.telephone];
  if (phone) out.push({ phoneType: 'DEFAULT', phoneNumber: phone });
  if (customer.logicalname === SYSTEM_TABLES.contact.logicalName) {
    const mobile = (customer as Record<string, unknown>)[SC.contact.mobilePhone];
    if (typeof mobile === 'string' && mobile) out.push({ phoneType: 'MOBILE', phoneNumber: mobile });
  }
  return out.length ? out : undefined;
}

function createBody(snapshot: InvoiceSnapshot, facts: CustomerFacts, findings: Finding[]): XeroContactModel {
  const customer = snapshot.customer;
  const person = customer.logicalname === SYSTEM_TABLES.contact.logicalName;
  const c = customer as Record<string, unknown>;
  let email = facts.email;
  if (email && !EMAIL.test(email)) {
    findings.push(
      finding('CONTACT_EMAIL_INVALID', `${facts.table}.${SC.account.email}`, {
        customer: facts.label,
        email,
      }),
    );
    email = undefined;
  }
  return {
    contactNumber: facts.contactNumber.slice(0, 50),
    name: facts.name,
    firstName: person ? ((c[SC.contact.firstName] as string | null) ?? undefined) : undefined,
    lastName: person ? ((c[SC.contact.lastName] as string | null) ?? undefined) : undefined,
    emailAddress: email,
    addresses: address(customer),
    phones: phones(customer),
  };
}

export function decideContact(ctx: MappingContext): {
  decision: ContactDecisionModel;
  facts: CustomerFacts;
  findings: Finding[];
} {
  const snapshot = ctx.snapshot;
  const facts = customerFacts(snapshot.customer);
  const findings: Finding[] = [];
  const field = `${facts.table}.${facts.table === SYSTEM_TABLES.account.logicalName ? SC.account.name : SC.contact.fullName}`;
  const base = { customer: facts.label, organisation: ctx.organisationName };
  const link = snapshot.xero.links.find(
    (l) => l.entity === facts.table && l.recordId.toLowerCase() === facts.id.toLowerCase(),
  );
  if (link) return { decision: { kind: 'use', contactId: link.xeroId }, facts, findings };
  for (const stage of stages(snapshot, facts)) {
    if (stage.hits.length === 1)
      return { decision: { kind: 'use', contactId: stage.hits[0].ContactID }, facts, findings };
    if (stage.hits.length > 1) {
      const f = finding('CONTACT_NEEDS_REVIEW', field, {
        ...base,
        count: stage.hits.length,
        by: stage.by,
        names: stage.hits.map((h) => h.Name).join(', '),
      });
      return {
        decision: { kind: 'needsReview', candidates: stage.hits, message: f.message },
        facts,
        findings: [f],
      };
    }
  }
  if (!facts.name) {
    const f = finding('CONTACT_NAME_MISSING', field, base);
    return { decision: { kind: 'missing', message: f.message }, facts, findings: [f] };
  }
  const taken = snapshot.xero.contacts.filter((c) => fold(c.Name) === fold(facts.name));
  if (taken.length) {
    const f = finding('CONTACT_NAME_TAKEN', field, {
      ...base,
      names: taken.map((t) => `${t.Name} ${t.ContactNumber ?? ''}`.trim()).join(', '),
    });
    return { decision: { kind: 'needsReview', candidates: taken, message: f.message }, facts, findings: [f] };
  }
  if (snapshot.connection[COLUMNS.connection.contactPolicy] === CHOICES.contactPolicy.values.existingOnly) {
    const f = finding('CONTACT_MISSING', FIELD.connection(COLUMNS.connection.contactPolicy), {
      ...base,
      number: facts.contactNumber,
    });
    return { decision: { kind: 'missing', message: f.message }, facts, findings: [f] };
  }
  const body = createBody(snapshot, facts, findings);
  return { decision: { kind: 'create', body }, facts, findings };
}
