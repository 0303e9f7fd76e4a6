/**
 * OData and Xero `where` literals built from customer data must stay data. Through the relay's
 * real Dataverse client against the Dataverse emulator (whose filter parser is a real one), and
 * through a full sync whose customer name tries to break out of Xero's contact look-up.
 */
import { CHOICES, COLUMNS, SYSTEM_COLUMNS, SYSTEM_TABLES } from '../../../solution/names';
import { eq } from '../../src/adapters/dataverse/odata';
import { createAccount } from '../integration/seed';
import { secretsInLogs } from './logScan';
import { startSecurityHarness, type SecurityHarness } from './securityHarness';

const AC = SYSTEM_COLUMNS.account;
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurityHarness();
}, 90_000);
afterAll(() => h?.stop());

async function accountsNamed(name: string): Promise<string[]> {
  const rows = await h.relay.dataverse.query(SYSTEM_TABLES.account.entitySet, {
    select: [AC.name],
    filter: eq(AC.name, name),
  });
  return rows.map((row) => String(row[AC.name]));
}

describe('an OData filter built from a customer name', () => {
  it('finds O’Brien by its apostrophe, and only O’Brien', async () => {
    await createAccount(h.api, "O'Brien Holdings", 'OB-1', 'ob@injection.test');
    await createAccount(h.api, 'OBrien Holdings', 'OB-2', 'ob2@injection.test');
    expect(await accountsNamed("O'Brien Holdings")).toEqual(["O'Brien Holdings"]);
  });

  it('matches nothing for a name that tries to add an "or" clause', async () => {
    expect(
      (await h.relay.dataverse.query(SYSTEM_TABLES.account.entitySet, { select: [AC.name] })).length,
    ).toBeGreaterThan(1);
    expect(await accountsNamed("x' or name ne 'y")).toEqual([]);
  });

  it('matches exactly the record whose name is that injection text', async () => {
    await createAccount(h.api, "x' or name ne 'y", 'INJ-1', 'inj@injection.test');
    expect(await accountsNamed("x' or name ne 'y")).toEqual(["x' or name ne 'y"]);
  });
});

describe('a sync for a customer whose name carries quotes', () => {
  it.each([["O'Brien & Sons"], ["x' or name ne 'y"], ['x" OR Name!="y']])(
    'creates the Xero contact %s exactly and bills it, not another contact',
    async (name) => {
      const tenantContacts = () => {
        const listed = h.xero.admin.list(h.tenantId, 'contacts');
        if (!listed.ok) throw new Error(listed.message);
        return listed.value as { Name: string; ContactID: string }[];
      };
      const before = tenantContacts().length;
      const accountId = await createAccount(h.api, name, `Q-${before}`, `q${before}@injection.test`);
      const rowId = await h.queueSync(await h.createInvoice({ accountId, lines: [{ product: 'WIDGET' }] }));
      const row = await h.waitForFinal(rowId);
      expect(row[COLUMNS.syncHistory.status]).toBe(CHOICES.syncHistoryStatus.values.succeeded);
      const invoice = h.xeroInvoice(row[COLUMNS.syncHistory.xeroId]) as {
        Contact: { Name: string; ContactID: string };
      };
      expect(invoice.Contact.Name).toBe(name);
      const contacts = tenantContacts();
      expect(contacts.length).toBe(before + 1);
      expect(contacts.filter((c) => c.Name === name).map((c) => c.ContactID)).toEqual([
        invoice.Contact.ContactID,
      ]);
    },
  );
});

it('wrote no secret, token or signature in any log line during these syncs', async () => {
  expect(secretsInLogs(h.logLines, await h.secretValues())).toEqual([]);
});
