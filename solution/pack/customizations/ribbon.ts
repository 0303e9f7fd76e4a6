import type { RibbonButton, RibbonEnableRule } from '../../model/types';
import { LANGUAGE } from '../labels';
import { el, type XmlElement } from '../xml';

const RULE_NAMES: Record<Exclude<RibbonEnableRule['kind'], 'custom'>, string> = {
  notCreateForm: 'NotNew',
  selectionAtLeastOne: 'SelectionAtLeastOne',
};

export function ribbonLocation(button: RibbonButton): string {
  return button.location === 'form'
    ? `Mscrm.Form.${button.table}.MainTab.Save.Controls._children`
    : `Mscrm.HomepageGrid.${button.table}.MainTab.Actions.Controls._children`;
}

export const webResourceRef = (name: string): string => `$webresource:${name}`;

/** e.g. stl.invoice.NotNew.EnableRule; a rule's id is per table, so buttons of a table share it. */
export function enableRuleId(table: string, rule: RibbonEnableRule): string {
  const name = rule.kind === 'custom' ? rule.name : RULE_NAMES[rule.kind];
  return `stl.${table}.${name}.EnableRule`;
}

function ruleBody(rule: RibbonEnableRule): XmlElement {
  switch (rule.kind) {
    case 'notCreateForm':
      return el('FormStateRule', { State: 'Create', InvertResult: 'true' });
    case 'selectionAtLeastOne':
      return el('SelectionCountRule', { AppliesTo: 'SelectedEntity', Minimum: 1 });
    case 'custom':
      // Default false: the command stays hidden until the script has loaded and said yes.
      return el(
        'CustomRule',
        { FunctionName: rule.functionName, Library: webResourceRef(rule.library), Default: 'false' },
        rule.parameters.map((p) => el('CrmParameter', { Value: p })),
      );
  }
}

/** Each distinct rule once, in the order buttons first use it. */
function distinctRules(buttons: readonly RibbonButton[]): { id: string; rule: RibbonEnableRule }[] {
  const byId = new Map<string, RibbonEnableRule>();
  for (const b of buttons) for (const r of b.enableRules) byId.set(enableRuleId(b.table, r), r);
  return [...byId].map(([id, rule]) => ({ id, rule }));
}

/** RibbonDiffXml for one table: custom actions, commands, enable rules and labels. */
export function ribbonDiffXml(buttons: readonly RibbonButton[]): XmlElement {
  return el('RibbonDiffXml', {}, [
    el(
      'CustomActions',
      {},
      buttons.map((b) =>
        el(
          'CustomAction',
          { Id: `${b.id}.CustomAction`, Location: ribbonLocation(b), Sequence: b.sequence },
          [
            el('CommandUIDefinition', {}, [
              el('Button', {
                Id: `${b.id}.Button`,
                Command: `${b.id}.Command`,
                Sequence: b.sequence,
                LabelText: `$LocLabels:${b.id}.Label`,
                Alt: `$LocLabels:${b.id}.Label`,
                ToolTipTitle: `$LocLabels:${b.id}.Label`,
                ToolTipDescription: `$LocLabels:${b.id}.ToolTip`,
                TemplateAlias: 'o1',
                ModernImage: webResourceRef(b.icon),
              }),
            ]),
          ],
        ),
      ),
    ),
    el('Templates', {}, [el('RibbonTemplates', { Id: 'Mscrm.Templates' })]),
    el(
      'CommandDefinitions',
      {},
      buttons.map((b) =>
        el('CommandDefinition', { Id: `${b.id}.Command` }, [
          el(
            'EnableRules',
            {},
            b.enableRules.map((r) => el('EnableRule', { Id: enableRuleId(b.table, r) })),
          ),
          el('DisplayRules'),
          el('Actions', {}, [
            el(
              'JavaScriptFunction',
              { Library: webResourceRef(b.library), FunctionName: b.functionName },
              b.parameters.map((p) => el('CrmParameter', { Value: p })),
            ),
          ]),
        ]),
      ),
    ),
    el('RuleDefinitions', {}, [
      el('TabDisplayRules'),
      el('DisplayRules'),
      el(
        'EnableRules',
        {},
        distinctRules(buttons).map(({ id, rule }) => el('EnableRule', { Id: id }, [ruleBody(rule)])),
      ),
    ]),
    el(
      'LocLabels',
      {},
      buttons.flatMap((b) => [
        el('LocLabel', { Id: `${b.id}.Label` }, [
          el('Titles', {}, [el('Title', { description: b.label, languagecode: LANGUAGE })]),
        ]),
        el('LocLabel', { Id: `${b.id}.ToolTip` }, [
          el('Titles', {}, [el('Title', { description: b.tooltip, languagecode: LANGUAGE })]),
        ]),
      ]),
    ),
  ]);
}
