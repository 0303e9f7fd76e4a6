/** @jest-environment jsdom */
import { solutionModel } from '../model';
import { SYSTEM_RELATIONSHIPS, SYSTEM_TABLE_COLUMNS } from '../model/known';
import { customizationsXml } from '../pack/customizations';
import { validateModel } from '../pack/validate';
import { all, childrenOf, parseXml, textOf } from './support/dom';
import { standInInputs } from './support/artifacts';

const doc = parseXml(customizationsXml(solutionModel, standInInputs().siteMaps));
const webResourceNames = all(doc, 'WebResource').map((w) => textOf(w, 'Name'));
const entityOf = (e: Element) => e.closest('Entity');
const attributeNames = (entity: Element) => all(entity, 'attribute').map((a) => textOf(a, 'LogicalName'));

describe('cross-references inside the package', () => {
  it('finds no problem in the model itself', () => {
    expect(validateModel(solutionModel)).toEqual([]);
  });

  it('points every sub-grid at a view of the package, of the sub-grid table', () => {
    const views = new Map(
      all(doc, 'savedquery').map((q) => [
        textOf(q, 'savedqueryid'),
        q.getElementsByTagName('entity')[0]?.getAttribute('name'),
      ]),
    );
    const grids = all(doc, 'control').filter(
      (c) => c.getAttribute('classid') === '{E7A81278-8635-4d9e-8D4D-59480B391C5B}',
    );
    expect(grids.length).toBeGreaterThan(0);
    for (const grid of grids)
      expect(views.get(textOf(grid, 'ViewId'))).toBe(textOf(grid, 'TargetEntityType'));
  });

  it('names an existing one-to-many relationship on every form sub-grid (a dashboard grid names none)', () => {
    const relationships = [
      ...all(doc, 'EntityRelationship').map((r) => r.getAttribute('Name')),
      ...Object.keys(SYSTEM_RELATIONSHIPS),
    ];
    const onDashboard = (n: Element) => n.closest('Dashboard') !== null;
    for (const grid of all(doc, 'RelationshipName').filter(
      (n) => n.parentElement?.tagName === 'parameters' && !onDashboard(n),
    )) {
      expect(relationships).toContain(grid.textContent);
    }
  });

  it('binds every custom control description to a control on the same form', () => {
    for (const description of all(doc, 'controlDescription')) {
      const form = description.closest('form') as Element;
      const uniqueIds = all(form, 'control').map((c) => c.getAttribute('uniqueid'));
      expect(uniqueIds).toContain(description.getAttribute('forControl'));
    }
  });

  it('puts the Xero status control on the invoice form bound to stl_syncstatus', () => {
    const custom = all(doc, 'customControl').filter(
      (c) => c.getAttribute('name') === 'stl_Stellarise.XeroStatus',
    );
    expect(custom.map((c) => c.getAttribute('formFactor'))).toEqual(['0', '1', '2']);
    expect(textOf(custom[0], 'syncStatus')).toBe('stl_syncstatus');
    expect(textOf(entityOf(custom[0]) as Element, 'Name')).toBe('Invoice');
  });

  it('puts the Xero panel on the invoice form bound to stl_syncstatus beside the status control', () => {
    const custom = all(doc, 'customControl').filter(
      (c) => c.getAttribute('name') === 'stl_Stellarise.XeroPanel',
    );
    expect(custom.map((c) => c.getAttribute('formFactor'))).toEqual(['0', '1', '2']);
    expect(textOf(custom[0], 'syncStatus')).toBe('stl_syncstatus');
    const form = custom[0].closest('form') as Element;
    const ids = all(form, 'control').map((c) => c.getAttribute('id'));
    expect(ids).toEqual(expect.arrayContaining(['stl_syncstatus', 'stl_syncstatus_panel']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the connection health control on the connection form bound to stl_status', () => {
    const custom = all(doc, 'customControl').filter(
      (c) => c.getAttribute('name') === 'stl_Stellarise.ConnectionHealth',
    );
    expect(custom.map((c) => c.getAttribute('formFactor'))).toEqual(['0', '1', '2']);
    expect(textOf(custom[0], 'status')).toBe('stl_status');
    expect(textOf(custom[0], 'refreshDeadline')).toBe('stl_refreshdeadline');
    expect(textOf(entityOf(custom[0]) as Element, 'Name')).toBe('stl_connection');
  });

  it('shows the connection status once on its form, through the health control', () => {
    const form = all(doc, 'systemform').find((f) =>
      all(f, 'customControl').some((c) => c.getAttribute('name') === 'stl_Stellarise.ConnectionHealth'),
    ) as Element;
    const statusControls = all(form, 'control').filter(
      (c) => c.getAttribute('datafieldname') === 'stl_status',
    );
    expect(statusControls).toHaveLength(1);
  });

  it('uses only columns of the form table on every form, or known Dynamics columns', () => {
    for (const form of all(doc, 'systemform')) {
      const entity = entityOf(form) as Element;
      const own = attributeNames(entity);
      const table = (textOf(entity, 'Name') ?? '').toLowerCase();
      for (const control of all(form, 'control').filter((c) => c.hasAttribute('datafieldname'))) {
        const column = control.getAttribute('datafieldname') as string;
        if (!own.includes(column)) expect(Object.keys(SYSTEM_TABLE_COLUMNS[table] ?? {})).toContain(column);
      }
    }
  });

  it('refers only to web resources of the package from the ribbon', () => {
    const customRules = all(doc, 'CustomRule');
    const refs = all(doc, 'JavaScriptFunction')
      .map((f) => f.getAttribute('Library'))
      .concat(all(doc, 'Button').map((b) => b.getAttribute('ModernImage')))
      .concat(customRules.map((r) => r.getAttribute('Library')));
    expect(customRules.length).toBe(5);
    expect(refs.length).toBe(2 * solutionModel.ribbon.length + customRules.length);
    for (const ref of refs) expect(webResourceNames).toContain((ref as string).replace('$webresource:', ''));
  });

  it('gives every ribbon command an enable rule that is defined, and every label a LocLabel', () => {
    const defined = all(doc, 'EnableRule')
      .filter((r) => r.children.length > 0)
      .map((r) => r.getAttribute('Id'));
    for (const command of all(doc, 'CommandDefinition')) {
      for (const rule of all(command, 'EnableRule')) expect(defined).toContain(rule.getAttribute('Id'));
    }
    const labels = all(doc, 'LocLabel').map((l) => `$LocLabels:${l.getAttribute('Id')}`);
    for (const button of all(doc, 'Button')) expect(labels).toContain(button.getAttribute('LabelText'));
  });

  it('lists in the app every table its SiteMap opens, and only web resources of the package', () => {
    const components = all(doc, 'AppModuleComponent')
      .filter((c) => c.getAttribute('type') === '1')
      .map((c) => c.getAttribute('schemaName'));
    const subAreas = all(doc, 'SubArea');
    expect(subAreas.length).toBe(12);
    for (const s of subAreas.filter((a) => a.hasAttribute('Entity')))
      expect(components).toContain(s.getAttribute('Entity'));
    const docs = subAreas.find((s) => s.getAttribute('Id') === 'stl_DocumentationSubArea') as Element;
    expect(webResourceNames).toContain((docs.getAttribute('Url') as string).replace('$webresource:', ''));
  });

  it('gives every lookup column a relationship that references it', () => {
    const referencing = all(doc, 'EntityRelationship').map((r) =>
      textOf(r, 'ReferencingAttributeName').toLowerCase(),
    );
    const lookups = all(doc, 'attribute').filter((a) => textOf(a, 'Type') === 'lookup');
    expect(lookups.length).toBe(27);
    for (const lookup of lookups) expect(referencing).toContain(textOf(lookup, 'LogicalName'));
  });

  it('maps every app role to a role of the package', () => {
    const roles = all(doc, 'Role')
      .filter((r) => r.parentElement?.tagName === 'Roles')
      .map((r) => r.getAttribute('id'));
    for (const role of all(doc, 'Role').filter((r) => r.parentElement?.tagName === 'AppModuleRoleMaps')) {
      expect(roles).toContain(role.getAttribute('id'));
    }
  });

  it('points the webhook step at the shipped service endpoint', () => {
    const endpoint = all(doc, 'ServiceEndpoint')[0];
    const step = all(doc, 'SdkMessageProcessingStep')[0];
    expect(textOf(step, 'EventHandler')).toBe(endpoint.getAttribute('ServiceEndpointId'));
    expect([textOf(step, 'Mode'), textOf(step, 'Stage'), textOf(step, 'PrimaryEntity')]).toEqual([
      '1',
      '40',
      'stl_synchistory',
    ]);
    expect([textOf(endpoint, 'Contract'), textOf(endpoint, 'AuthType'), textOf(endpoint, 'Url')]).toEqual([
      '8',
      '5',
      'https://relay.invalid/dataverse/webhook',
    ]);
  });

  it('secures the connect nonce and covers it with the field security profile', () => {
    const nonce = all(doc, 'attribute').find(
      (a) => textOf(a, 'LogicalName') === 'stl_connectnonce',
    ) as Element;
    expect(textOf(nonce, 'IsSecured')).toBe('1');
    expect(all(doc, 'FieldPermission').map((p) => textOf(p, 'AttributeName'))).toEqual(['stl_connectnonce']);
  });

  it('uses no GUID twice as the id of a component or form part', () => {
    const ids = [
      ...['formid', 'savedqueryid', 'WebResourceId'].flatMap((tag) =>
        all(doc, tag).map((e) => e.textContent),
      ),
      ...all(doc, 'Role')
        .filter((r) => r.parentElement?.tagName === 'Roles')
        .map((r) => r.getAttribute('id')),
      ...all(doc, 'FieldSecurityProfile').map((p) => p.getAttribute('fieldsecurityprofileid')),
      ...all(doc, 'ServiceEndpoint').map((p) => p.getAttribute('ServiceEndpointId')),
      ...all(doc, 'SdkMessageProcessingStep').map((p) => p.getAttribute('SdkMessageProcessingStepId')),
      ...all(doc, 'form').flatMap((form) =>
        ['tab', 'section', 'cell'].flatMap((tag) => all(form, tag).map((e) => e.getAttribute('id'))),
      ),
      ...all(doc, 'control')
        .map((c) => c.getAttribute('uniqueid'))
        .filter((id) => id !== null),
    ].map((id) => (id as string).toLowerCase());
    expect(ids.length).toBeGreaterThan(150);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each custom table one public default view named Active …', () => {
    const custom = new Set(solutionModel.tables.filter((t) => t.kind === 'custom').map((t) => t.schemaName));
    for (const entity of childrenOf(doc.getElementsByTagName('Entities')[0], 'Entity').filter((e) =>
      custom.has(textOf(e, 'Name')),
    )) {
      const publicDefaults = all(entity, 'savedquery').filter(
        (q) => textOf(q, 'querytype') === '0' && textOf(q, 'isdefault') === '1',
      );
      expect(
        publicDefaults.map((q) => q.getElementsByTagName('LocalizedName')[0].getAttribute('description')),
      ).toEqual([expect.stringMatching(/^Active /)]);
    }
  });
});
