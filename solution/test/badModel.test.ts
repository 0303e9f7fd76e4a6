import { solutionModel, type CustomTable, type SolutionModel } from '../model';
import { assertValidModel, ModelValidationError, validateModel } from '../pack/validate';

const connection = solutionModel.tables[0] as CustomTable;
const withTable = (table: CustomTable): SolutionModel => ({
  ...solutionModel,
  tables: [...solutionModel.tables, table],
});
const extraTable = (patch: Partial<CustomTable>): CustomTable => ({
  ...connection,
  logicalName: 'stl_extra',
  schemaName: 'stl_extra',
  entitySet: 'stl_extras',
  columns: [],
  ...patch,
});

const cases: { name: string; model: SolutionModel; component: string; rule: string }[] = [
  {
    name: 'a table without a display name',
    model: withTable(extraTable({ displayName: ' ' })),
    component: 'table stl_extra',
    rule: 'display-name-required',
  },
  {
    name: 'a column without a display name',
    model: withTable(extraTable({ columns: [{ ...connection.columns[0], displayName: '' }] })),
    component: 'column stl_extra.stl_tenantid',
    rule: 'display-name-required',
  },
  {
    name: 'a table without the publisher prefix',
    model: withTable(extraTable({ logicalName: 'new_extra', schemaName: 'new_extra' })),
    component: 'table new_extra',
    rule: 'publisher-prefix',
  },
  {
    name: 'a column without the publisher prefix',
    model: withTable(extraTable({ columns: [{ ...connection.columns[0], logicalName: 'tenantid' }] })),
    component: 'column stl_extra.tenantid',
    rule: 'publisher-prefix',
  },
  {
    name: 'two tables with the same name',
    model: withTable(extraTable({ logicalName: connection.logicalName })),
    component: `table ${connection.logicalName}`,
    rule: 'unique-name',
  },
  {
    name: 'two columns with the same name',
    model: withTable(extraTable({ columns: [connection.columns[0], connection.columns[0]] })),
    component: 'column of stl_extra: stl_tenantid',
    rule: 'unique-name',
  },
  {
    name: 'a lookup to a table that does not exist',
    model: withTable(
      extraTable({
        columns: [
          {
            type: 'lookup',
            logicalName: 'stl_otherid',
            target: 'stl_nothing',
            displayName: 'Other',
            description: 'x',
          },
        ],
      }),
    ),
    component: 'column stl_extra.stl_otherid',
    rule: 'lookup-target-known',
  },
  {
    name: 'a lookup without a relationship',
    model: withTable(
      extraTable({
        columns: [
          {
            type: 'lookup',
            logicalName: 'stl_otherid',
            target: 'invoice',
            displayName: 'Other',
            description: 'x',
          },
        ],
      }),
    ),
    component: 'column stl_extra.stl_otherid',
    rule: 'lookup-has-relationship',
  },
  {
    name: 'a table name over 50 characters',
    model: withTable(
      extraTable({ logicalName: `stl_${'x'.repeat(47)}`, schemaName: `stl_${'x'.repeat(47)}` }),
    ),
    component: `table stl_${'x'.repeat(47)}`,
    rule: 'name-length',
  },
  {
    name: 'a column name over 50 characters',
    model: withTable(
      extraTable({ columns: [{ ...connection.columns[0], logicalName: `stl_${'y'.repeat(47)}` }] }),
    ),
    component: `column stl_extra.stl_${'y'.repeat(47)}`,
    rule: 'name-length',
  },
  {
    name: 'a choice value without the option value prefix',
    model: {
      ...solutionModel,
      choices: [
        { ...solutionModel.choices[0], options: [{ value: 1, label: 'One' }] },
        ...solutionModel.choices.slice(1),
      ],
    },
    component: `choice ${solutionModel.choices[0].name} value 1`,
    rule: 'option-value-prefix',
  },
  {
    name: 'two forms that derive the same GUID',
    model: { ...solutionModel, forms: [...solutionModel.forms, solutionModel.forms[0]] },
    component: `form ${solutionModel.forms[0].table}/${solutionModel.forms[0].name}`,
    rule: 'unique-guid',
  },
  {
    name: 'a ribbon button calling a script that is not in the package',
    model: { ...solutionModel, ribbon: [{ ...solutionModel.ribbon[0], library: 'stl_/scripts/missing.js' }] },
    component: `ribbon button ${solutionModel.ribbon[0].id}`,
    rule: 'reference-exists',
  },
  {
    name: 'an enable rule calling a script that is not in the package',
    model: {
      ...solutionModel,
      ribbon: [
        {
          ...solutionModel.ribbon[0],
          enableRules: [
            {
              kind: 'custom',
              name: 'Missing',
              library: 'stl_/scripts/missing.js',
              functionName: 'Missing.rule',
              parameters: ['PrimaryControl'],
            },
          ],
        },
      ],
    },
    component: `ribbon button ${solutionModel.ribbon[0].id}`,
    rule: 'reference-exists',
  },
  {
    name: 'a sub-grid on a relationship that does not lead to the form table',
    model: {
      ...solutionModel,
      relationships: solutionModel.relationships.map((r) =>
        r.name.includes('synchistory_invoiceid') ? { ...r, name: `${r.name}x` } : r,
      ),
    },
    component: 'form invoice/Invoice',
    rule: 'subgrid-relationship',
  },
];

describe('model validation rejects bad input, naming the component and the rule', () => {
  it.each(cases)('rejects $name', ({ model, component, rule }) => {
    expect(validateModel(model)).toEqual(
      expect.arrayContaining([expect.objectContaining({ component, rule })]),
    );
  });

  it('fails the build with a message that names the component and the rule', () => {
    const model = withTable(extraTable({ logicalName: 'new_extra', schemaName: 'new_extra' }));
    expect(() => assertValidModel(model)).toThrow(ModelValidationError);
    expect(() => assertValidModel(model)).toThrow(
      /table new_extra: publisher-prefix: "new_extra" must start with "stl_"/,
    );
  });
});
