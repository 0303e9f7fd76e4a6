// Connections (reference/xero-api.md §4 Tenants): one per (app, user, organisation); a consent
// connects the chosen organisations under one authEventId, and a reconnect updates the existing row.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store';

export interface Connection {
  kind: 'connection';
  id: string;
  clientId: string;
  userId: string;
  tenantId: string;
  authEventId: string;
  createdMs: number;
  updatedMs: number;
}

export class Connections {
  constructor(private readonly store: Store) {}

  list(clientId: string, userId: string): Connection[] {
    return this.forApp(clientId).filter((c) => c.userId === userId);
  }

  forApp(clientId: string): Connection[] {
    return (this.store.identity.all() as unknown as Connection[]).filter(
      (c) => c.kind === 'connection' && c.clientId === clientId,
    );
  }

  connect(clientId: string, userId: string, tenantIds: string[], now: number): string {
    const authEventId = randomUUID();
    for (const tenantId of tenantIds) {
      const existing = this.list(clientId, userId).find((c) => c.tenantId === tenantId);
      const connection: Connection = existing
        ? { ...existing, authEventId, updatedMs: now }
        : {
            kind: 'connection',
            id: randomUUID(),
            clientId,
            userId,
            tenantId,
            authEventId,
            createdMs: now,
            updatedMs: now,
          };
      this.store.identity.put(`conn:${connection.id}`, connection as unknown as Record<string, unknown>);
    }
    return authEventId;
  }

  remove(clientId: string, userId: string, id: string): boolean {
    const found = this.list(clientId, userId).find((c) => c.id === id);
    if (found) this.store.identity.delete(`conn:${id}`);
    return Boolean(found);
  }

  /** Removes every connection of the app to this organisation, whoever made it; returns how many. */
  removeTenant(clientId: string, tenantId: string): number {
    const all = this.forApp(clientId).filter((c) => c.tenantId === tenantId);
    for (const connection of all) this.store.identity.delete(`conn:${connection.id}`);
    return all.length;
  }

  removeAll(clientId: string, userId: string): void {
    for (const connection of this.list(clientId, userId)) this.store.identity.delete(`conn:${connection.id}`);
  }
}
