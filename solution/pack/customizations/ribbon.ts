import type { RibbonButton } from '../../model/types';
import { LANGUAGE } from '../labels';
import { el, type XmlElement } from '../xml';

const ENABLE_RULE_IDS: Record<RibbonButton['enableRule'], string> = {
  notCreateForm: 'stl.invoice.NotNew.EnableRule',
  selectionAtLeastOne: 'stl.invoice.SelectionAtLeastOne.EnableRule',
};

export function ribbonLocation(button: RibbonButton): string {
  return button.location === 'form'
    ? `Mscrm.Form.${button.table}.MainTab.Save.Controls._children`
    : `Mscrm.HomepageGrid.${button.table}.MainTab.Actions.Controls._children`;
}

export const webResourceRef = (name: string): string => `$webresource:${name}`;
export const enableRuleId = (button: RibbonButton): string => ENABLE_RULE_IDS[button.enableRule];

function enableRuleXml(rule: RibbonButton['enableRule']): XmlElement {
  const body =
    rule === 'notCreateForm'
      ? el('FormStateRule', { State: 'Create', InvertResult: 'true' })
      : el('SelectionCountRule', { AppliesTo: 'SelectedEntity', Minimum: 1 });
  return el('EnableRule', { Id: ENABLE_RULE_IDS[rule] }, [body]);
}

/** RibbonDiffXml for one table: custom actions, commands, enable rules and labels. */
export function ribbonDiffXml(buttons: readonly RibbonButton[]): XmlElement {
  const rules = [...new Set(buttons.map((b) => b.enableRule))];
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
          el('EnableRules', {}, [el('EnableRule', { Id: ENABLE_RULE_IDS[b.enableRule] })]),
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
      el('EnableRules', {}, rules.map(enableRuleXml)),
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
