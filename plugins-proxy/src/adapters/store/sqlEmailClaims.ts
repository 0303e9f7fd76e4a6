/**
 * Email claims: a row's email is recorded before Xero is asked to send it, so a retry (a crash, a
 * lost answer, another relay) never sends it twice (docs/xero-behaviour.md#emailing).
 */
import type { OrgSql } from './sqlDialect';
import type { EmailOutcome, Store } from './store';

export function sqlEmailClaims(
  sql: OrgSql,
): Pick<Store, 'claimEmail' | 'recordEmailOutcome' | 'getEmailOutcome'> {
  return {
    async claimEmail(syncRowId, tenantId, now) {
      // Only a refused email (Xero answered and sent nothing) may be claimed again.
      const changes = await sql.changes(
        `INSERT INTO email_claims (org_id, sync_row_id, tenant_id, outcome, claimed_at, updated_at)
         VALUES (:org, :row, :tenant, 'requested', :now, :now)
         ON CONFLICT (org_id, sync_row_id) DO UPDATE SET outcome = 'requested', updated_at = excluded.updated_at
         WHERE email_claims.outcome = 'refused'`,
        { row: syncRowId, tenant: tenantId, now },
      );
      return changes > 0;
    },

    async recordEmailOutcome(syncRowId, outcome, now) {
      await sql.changes(
        'UPDATE email_claims SET outcome = :outcome, updated_at = :now WHERE org_id = :org AND sync_row_id = :row',
        { row: syncRowId, outcome, now },
      );
    },

    async getEmailOutcome(syncRowId) {
      const row = await sql.first(
        'SELECT outcome FROM email_claims WHERE org_id = :org AND sync_row_id = :row',
        { row: syncRowId },
      );
      return row ? (String(row.outcome) as EmailOutcome) : null;
    },
  };
}
