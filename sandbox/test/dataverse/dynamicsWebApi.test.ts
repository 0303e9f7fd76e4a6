import { DynamicsWebApi } from 'dynamics-web-api';
import { CHOICES, COLUMNS, LOOKUPS, SYSTEM_TABLES, TABLES } from '../../../solution/names';
import { ensureSolutionZip } from '../../../plugins-proxy/test/drills/solutionZip';
import type { DataverseEmulator } from '../../dataverse';
import { startEmulator } from './helpers';

// The emulator driven by a client written against the real service (dynamics-web-api 2.x), not
// our own: what it sends is what it sends to Dataverse, and it must read our answers.
let emulator: DataverseEmulator;
let dwa: DynamicsWebApi;

beforeAll(async () => {
  ({ emulator } = await startEmulator({ solutionZips: [ensureSolutionZip()] }));
  const token = emulator.admin.appToken();
  dwa = new DynamicsWebApi({
    serverUrl: emulator.url,
    dataApi: { version: '9.2' },
    onTokenRefresh: async () => token,
    propagateErrors: true,
  });
}, 180_000);
afterAll(() => emulator.stop());

const { connection, glCode } = TABLES;

describe('$batch through dynamics-web-api (Learn, Execute batch operations, Handling errors)', () => {
  it('rejects a failed changeset with its part: 400, the failing request nested in the changeset', async () => {
    const account = await dwa.create<Record<string, unknown>, string>({
      collection: SYSTEM_TABLES.account.entitySet,
      data: { name: 'Batch' },
    });
    dwa.startBatch();
    void dwa.update({ collection: SYSTEM_TABLES.account.entitySet, key: account, data: { name: 'Renamed' } });
    void dwa.update({
      collection: SYSTEM_TABLES.account.entitySet,
      key: '00000000-0000-0000-0000-0000000000f1',
      data: { name: 'Missing' },
    });
    const rejected = await dwa.executeBatch().catch((e: unknown) => e);
    expect(Array.isArray(rejected)).toBe(true);
    expect((rejected as { status: number }[]).map((e) => e.status)).toEqual([404]);
    const kept = await dwa.retrieve({
      collection: SYSTEM_TABLES.account.entitySet,
      key: account,
      select: ['name'],
    });
    expect(kept.name).toBe('Batch');
  });

  it('resolves a batch with continue-on-error, the failed changeset answered among the others', async () => {
    dwa.startBatch();
    void dwa.create({ collection: SYSTEM_TABLES.account.entitySet, data: { name: 'Fine' } });
    void dwa.retrieveMultiple({ collection: SYSTEM_TABLES.account.entitySet, select: ['name'], top: 1 });
    void dwa.update({
      collection: SYSTEM_TABLES.account.entitySet,
      key: '00000000-0000-0000-0000-0000000000f2',
      data: { name: 'Missing' },
    });
    const results = await dwa.executeBatch({ continueOnError: true });
    expect(results).toHaveLength(3);
    expect(typeof results[0]).toBe('string');
    expect((results[2] as { status: number }).status).toBe(404);
  });
});

describe('metadata through dynamics-web-api (Learn, Query table definitions using the Web API)', () => {
  it('filters and selects table definitions', async () => {
    const found = await dwa.retrieveEntities({
      select: ['LogicalName', 'EntitySetName'],
      filter: `LogicalName eq '${glCode.logicalName}' or LogicalName eq '${connection.logicalName}'`,
    });
    expect(found.value.map((e: { LogicalName: string }) => e.LogicalName).sort()).toEqual(
      [connection.logicalName, glCode.logicalName].sort(),
    );
    expect(Object.keys(found.value[0]).sort()).toEqual(['EntitySetName', 'LogicalName', 'MetadataId']);
  });

  it('expands the alternate keys of a table with their index status', async () => {
    const definition = await dwa.retrieveEntity({
      key: `LogicalName='${glCode.logicalName}'`,
      select: ['LogicalName'],
      expand: [{ property: 'Keys', select: ['KeyAttributes', 'EntityKeyIndexStatus'] }],
    });
    expect(definition.Keys).toEqual([
      expect.objectContaining({
        KeyAttributes: [COLUMNS.glCode.connectionId, COLUMNS.glCode.code],
        EntityKeyIndexStatus: 'Active',
      }),
    ]);
  });

  it('serves one attribute by logical name, cast, with its global option set expanded', async () => {
    const status = await dwa.retrieveAttribute({
      entityKey: `LogicalName='${connection.logicalName}'`,
      attributeKey: `LogicalName='${COLUMNS.connection.status}'`,
      castType: 'Microsoft.Dynamics.CRM.PicklistAttributeMetadata',
      select: ['LogicalName'],
      expand: [{ property: 'GlobalOptionSet' }],
    });
    expect(status.LogicalName).toBe(COLUMNS.connection.status);
    expect(status.GlobalOptionSet).toMatchObject({ Name: CHOICES.connectionStatus.name, IsGlobal: true });
    expect(status.GlobalOptionSet.Options.map((o: { Value: number }) => o.Value)).toContain(
      CHOICES.connectionStatus.values.connected,
    );
  });

  it('serves a global option set by name', async () => {
    const set = await dwa.retrieveGlobalOptionSet({ key: `Name='${CHOICES.connectionStatus.name}'` });
    expect(set.Options.map((o: { Value: number }) => o.Value).sort()).toEqual(
      Object.values(CHOICES.connectionStatus.values).sort(),
    );
  });

  it('serves a relationship definition by schema name', async () => {
    const lookup = LOOKUPS.find(
      (l) => l.table === glCode.logicalName && l.column === COLUMNS.glCode.connectionId,
    )!;
    const relationship = await dwa.retrieveRelationship({
      key: `SchemaName='${lookup.relationship}'`,
      castType: 'Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
    });
    expect(relationship).toMatchObject({
      ReferencedEntity: connection.logicalName,
      ReferencingEntity: glCode.logicalName,
      ReferencingAttribute: COLUMNS.glCode.connectionId,
      ReferencingEntityNavigationPropertyName: lookup.navigationProperty,
    });
  });
});

describe('the owner (Learn, principal EntityType: owner_accounts, partner ownerid)', () => {
  it('binds and expands the owner through the ownerid navigation property', async () => {
    const id = await dwa.create<Record<string, unknown>, string>({
      collection: SYSTEM_TABLES.account.entitySet,
      data: { name: 'Owned', 'ownerid@odata.bind': `/systemusers(${emulator.seeds.demoUserId})` },
    });
    const account = await dwa.retrieve({
      collection: SYSTEM_TABLES.account.entitySet,
      key: id,
      select: ['_ownerid_value'],
      expand: [{ property: 'ownerid' }],
    });
    expect(account._ownerid_value).toBe(emulator.seeds.demoUserId);
    expect(account.ownerid).toMatchObject({ systemuserid: emulator.seeds.demoUserId });
  });
});
