// What a request handler knows about the organisation it acts on, with the look-ups that the
// business rules need (accounts by code, tax rates, items, contacts, tracking, themes).
import type { Store } from '../store';
import type { Account, Contact, Item, Organisation, TaxRate, TrackingCategory } from './types';

export interface OrgContext {
  store: Store;
  tenantId: string;
  org: Organisation;
  now: number;
  /** 2 unless the request asked for unitdp=4. */
  unitdp: 2 | 4;
  /** Side effects to run after the request's transaction commits (webhook events). */
  events: DomainEvent[];
  origin: string;
  /** The app making the call: documents it creates are "created by my app" for it. */
  clientId?: string;
}

export interface DomainEvent {
  category: 'INVOICE' | 'CONTACT' | 'CREDITNOTE';
  type: 'CREATE' | 'UPDATE';
  resourceId: string;
  tenantId: string;
  data?: Record<string, unknown>;
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

export function accountByCode(ctx: OrgContext, code: string): Account | undefined {
  return ctx.store.accounts.all(ctx.tenantId).find((a) => lower(a.Code) === lower(code));
}

export function accountById(ctx: OrgContext, id: string): Account | undefined {
  return ctx.store.accounts.get(ctx.tenantId, id);
}

export function taxRateByType(ctx: OrgContext, taxType: string): TaxRate | undefined {
  const rate = ctx.store.taxRates.get(ctx.tenantId, taxType);
  return rate && rate.Status === 'ACTIVE' ? rate : undefined;
}

export function itemByCode(ctx: OrgContext, code: string): Item | undefined {
  return ctx.store.items.all(ctx.tenantId).find((i) => lower(i.Code) === lower(code));
}

export function contactByName(ctx: OrgContext, name: string): Contact | undefined {
  return ctx.store.contacts
    .all(ctx.tenantId)
    .find((c) => c.ContactStatus !== 'ARCHIVED' && lower(c.Name).trim() === lower(name).trim());
}

export function trackingCategories(ctx: OrgContext): TrackingCategory[] {
  return ctx.store.trackingCategories.all(ctx.tenantId);
}

export function emit(ctx: OrgContext, event: Omit<DomainEvent, 'tenantId'>): void {
  ctx.events.push({ ...event, tenantId: ctx.tenantId });
}
