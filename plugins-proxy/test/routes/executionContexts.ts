/** RemoteExecutionContext bodies shaped as Dataverse posts them (see reference/dataverse-solution.md §5). */
import { CHOICES, COLUMNS, TABLES } from '../../../solution/names';

const ENTITY = 'Entity:http://schemas.microsoft.com/xrm/2011/Contracts';
const REFERENCE = 'EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts';
const OPTION = 'OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts';

export function syncHistoryCreated(
  rowId: string,
  options: { status?: number; organizationId?: string; withTarget?: boolean } = {},
): Record<string, unknown> {
  const attributes = [
    { key: COLUMNS.syncHistory.name, value: 'Sync INV-0042' },
    {
      key: COLUMNS.syncHistory.status,
      value: { __type: OPTION, Value: options.status ?? CHOICES.syncHistoryStatus.values.queued },
    },
    {
      key: COLUMNS.syncHistory.operation,
      value: { __type: OPTION, Value: CHOICES.operation.values.pushDocument },
    },
    {
      key: COLUMNS.syncHistory.invoiceId,
      value: {
        __type: REFERENCE,
        Id: 'B1B1B1B1-0000-4000-8000-000000000001',
        KeyAttributes: [],
        LogicalName: 'invoice',
        Name: null,
        RowVersion: null,
      },
    },
    {
      key: COLUMNS.syncHistory.connectionId,
      value: {
        __type: REFERENCE,
        Id: 'c2c2c2c2-0000-4000-8000-000000000002',
        KeyAttributes: [],
        LogicalName: TABLES.connection.logicalName,
        Name: null,
        RowVersion: null,
      },
    },
    { key: 'createdon', value: '/Date(1506384247000)/' },
  ];
  return {
    BusinessUnitId: 'e2b9dd85-0000-4000-8000-000000000000',
    CorrelationId: 'b374239d-0000-4000-8000-000000000000',
    Depth: 1,
    InitiatingUserId: '75c2dd85-0000-4000-8000-000000000000',
    InputParameters:
      options.withTarget === false
        ? []
        : [
            {
              key: 'Target',
              value: {
                __type: ENTITY,
                Attributes: attributes,
                EntityState: null,
                FormattedValues: [],
                Id: rowId,
                KeyAttributes: [],
                LogicalName: TABLES.syncHistory.logicalName,
                RelatedEntities: [],
                RowVersion: null,
              },
            },
          ],
    IsExecutingOffline: false,
    IsInTransaction: false,
    IsOfflinePlayback: false,
    IsolationMode: 1,
    MessageName: 'Create',
    Mode: 1,
    OperationCreatedOn: '/Date(1506409448000-0700)/',
    OperationId: '4af10637-0000-4000-8000-000000000000',
    OrganizationId: options.organizationId ?? 'aaaaaaaa-0000-4000-8000-00000000000a',
    OrganizationName: 'contoso',
    OutputParameters: [],
    PostEntityImages: [],
    PreEntityImages: [],
    PrimaryEntityId: rowId,
    PrimaryEntityName: TABLES.syncHistory.logicalName,
    RequestId: null,
    SecondaryEntityName: 'none',
    SharedVariables: [],
    Stage: 40,
    UserId: '75c2dd85-0000-4000-8000-000000000000',
  };
}
