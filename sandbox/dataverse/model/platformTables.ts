import { ACTIVE_INACTIVE, col, defineTable, stateColumns, t } from './define';
import type { Model } from './model';

/** Platform tables: users, solutions, environment variables, webhooks, steps and system jobs. */
export function addPlatformTables(model: Model): void {
  model.add(defineTable(t('businessunit', 'businessunits'), { name: col.str(160) }, { owned: false }));
  model.add(defineTable(t('organization', 'organizations'), { name: col.str(160) }, { owned: false }));
  model.add(defineTable(t('team', 'teams'), { name: col.str(160) }, { owned: false }));
  model.add(
    defineTable(
      t('systemuser', 'systemusers', 'fullname'),
      {
        fullname: col.str(200),
        domainname: col.str(1024),
        internalemailaddress: col.str(100),
        applicationid: col.guid(),
        azureactivedirectoryobjectid: col.guid(),
        businessunitid: col.lookup(['businessunit']),
        isdisabled: col.bool(),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(
      t('solution', 'solutions', 'friendlyname'),
      {
        uniquename: col.str(65),
        friendlyname: col.str(256),
        version: col.str(256),
        ismanaged: col.bool(['Unmanaged', 'Managed']),
        publisheruniquename: col.str(256),
        installedon: col.date(),
      },
      { owned: false },
    ),
  );
  model.add(
    defineTable(t('environmentvariabledefinition', 'environmentvariabledefinitions', 'schemaname'), {
      schemaname: col.str(100),
      displayname: col.str(100),
      description: col.memo(2000),
      defaultvalue: col.memo(2000),
      type: col.choice({
        100000000: 'String',
        100000001: 'Number',
        100000002: 'Boolean',
        100000003: 'JSON',
        100000004: 'Data source',
        100000005: 'Secret',
      }),
      isrequired: col.bool(),
      ...ACTIVE_INACTIVE,
    }),
  );
  model.add(
    defineTable(t('environmentvariablevalue', 'environmentvariablevalues', 'schemaname'), {
      schemaname: col.str(100),
      value: col.memo(2000),
      environmentvariabledefinitionid: col.lookup(['environmentvariabledefinition']),
      ...ACTIVE_INACTIVE,
    }),
  );
  model.add(
    defineTable(
      t('serviceendpoint', 'serviceendpoints'),
      {
        name: col.str(256),
        description: col.memo(2000),
        contract: col.choice({
          1: 'OneWay',
          2: 'Queue',
          3: 'Rest',
          4: 'TwoWay',
          5: 'Topic',
          6: 'Queue (Persistent)',
          7: 'Event Hub',
          8: 'Webhook',
          9: 'Event Grid',
          10: 'Managed Data Lake',
        }),
        url: col.str(2000),
        authtype: col.choice({
          1: 'ACS',
          2: 'SAS Key',
          3: 'SAS Token',
          4: 'Webhook Key',
          5: 'Http Header',
          6: 'Http Query String',
          7: 'Connection String',
          8: 'Access Key',
        }),
        authvalue: col.memo(4000),
        messageformat: col.choice({ 1: 'Binary XML', 2: 'Json', 3: 'Text XML' }),
        connectionmode: col.choice({ 1: 'Normal', 2: 'Federated' }),
        namespaceformat: col.choice({ 1: 'Namespace Name', 2: 'Namespace Address' }),
      },
      { owned: false },
    ),
  );
  model.table('serviceendpoint')!.columns.authvalue.validForRead = false;
  model.add(defineTable(t('sdkmessage', 'sdkmessages'), { name: col.str(256) }, { owned: false }));
  model.add(
    defineTable(
      t('sdkmessagefilter', 'sdkmessagefilters'),
      { name: col.str(256), primaryobjecttypecode: col.str(128), sdkmessageid: col.lookup(['sdkmessage']) },
      { owned: false },
    ),
  );
  model.add(
    defineTable(t('sdkmessageprocessingstep', 'sdkmessageprocessingsteps'), {
      name: col.str(256),
      description: col.memo(256),
      stage: col.choice({
        10: 'Pre-validation',
        20: 'Pre-operation',
        30: 'Main Operation',
        40: 'Post-operation',
      }),
      mode: col.choice({ 0: 'Synchronous', 1: 'Asynchronous' }),
      rank: col.int(),
      asyncautodelete: col.bool(),
      filteringattributes: col.memo(100000),
      supporteddeployment: col.choice({
        0: 'Server Only',
        1: 'Microsoft Dynamics 365 Client for Outlook Only',
        2: 'Both',
      }),
      sdkmessageid: col.lookup(['sdkmessage']),
      sdkmessagefilterid: col.lookup(['sdkmessagefilter']),
      eventhandler: col.lookup(['serviceendpoint']),
      ...stateColumns({ 0: 'Enabled', 1: 'Disabled' }, { 1: ['Enabled', 0], 2: ['Disabled', 1] }),
    }),
  );
  model.add(
    defineTable(t('asyncoperation', 'asyncoperations'), {
      name: col.str(256),
      operationtype: col.choice({ 1: 'System Event', 10: 'Workflow' }),
      message: col.memo(1048576),
      friendlymessage: col.memo(1048576),
      errorcode: col.int(),
      primaryentitytype: col.str(64),
      regardingobjectid: col.guid(),
      owningextensionid: col.lookup(['sdkmessageprocessingstep']),
      correlationid: col.guid(),
      startedon: col.date(),
      completedon: col.date(),
      retrycount: col.int(),
      ...stateColumns(
        { 0: 'Ready', 1: 'Suspended', 2: 'Locked', 3: 'Completed' },
        {
          0: ['Waiting For Resources', 0],
          10: ['Waiting', 1],
          20: ['In Progress', 2],
          30: ['Succeeded', 3],
          31: ['Failed', 3],
          32: ['Canceled', 3],
        },
      ),
    }),
  );
}
