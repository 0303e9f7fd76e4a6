/**
 * The command bar from the solution's RibbonDiffXml: the CustomActions at a location
 * (`Mscrm.Form.<table>.` or `Mscrm.HomepageGrid.<table>.`), their buttons and labels, and the
 * commands' JavaScriptFunction actions and enable rules. The libraries are the real web resources,
 * loaded from the emulator's /WebResources/. As Unified Interface does, a button whose enable rule
 * is false is hidden.
 */
import { h } from './dom';

export interface RibbonButton {
  id: string;
  label: string;
  tooltip: string;
  sequence: number;
  command: RibbonCommand;
}

export interface RibbonCall {
  library: string;
  functionName: string;
  /** CrmParameter values and literal parameters, in order. */
  parameters: ({ crm: string } | { literal: unknown })[];
}

export interface RibbonCommand {
  id: string;
  actions: RibbonCall[];
  customRules: (RibbonCall & { default: boolean; invert: boolean })[];
  selection?: { minimum: number; maximum: number };
}

export type RibbonLocation = 'Form' | 'HomepageGrid' | 'SubGrid';

let customizations: Promise<Document> | undefined;

export function solutionCustomizations(): Promise<Document> {
  customizations ??= fetch('/solution/customizations.xml')
    .then((r) => r.text())
    .then((text) => new DOMParser().parseFromString(text, 'text/xml'));
  return customizations;
}

const children = (el: Element | null | undefined, tag: string) =>
  el ? Array.from(el.children).filter((c) => c.tagName === tag) : [];

function ribbonOf(doc: Document, entity: string): Element | undefined {
  for (const e of Array.from(doc.getElementsByTagName('Entity'))) {
    const name = children(e, 'Name')[0]?.textContent?.trim().toLowerCase();
    if (name === entity) return children(e, 'RibbonDiffXml')[0];
  }
  return undefined;
}

function localised(ribbon: Element, text: string | null): string {
  if (!text?.startsWith('$LocLabels:')) return text ?? '';
  const id = text.slice('$LocLabels:'.length);
  const label = Array.from(ribbon.getElementsByTagName('LocLabel')).find((l) => l.getAttribute('Id') === id);
  return label?.getElementsByTagName('Title')[0]?.getAttribute('description') ?? id;
}

function parametersOf(call: Element): RibbonCall['parameters'] {
  return Array.from(call.children).map((p) => {
    const value = p.getAttribute('Value') ?? '';
    if (p.tagName === 'CrmParameter') return { crm: value };
    if (p.tagName === 'BoolParameter') return { literal: value === 'true' };
    if (p.tagName === 'IntParameter' || p.tagName === 'DecimalParameter') return { literal: Number(value) };
    return { literal: value };
  });
}

function callOf(el: Element): RibbonCall {
  return {
    library: (el.getAttribute('Library') ?? '').replace(/^\$webresource:/, ''),
    functionName: el.getAttribute('FunctionName') ?? '',
    parameters: parametersOf(el),
  };
}

function commandOf(ribbon: Element, id: string): RibbonCommand {
  const definition = Array.from(ribbon.getElementsByTagName('CommandDefinition')).find(
    (c) => c.getAttribute('Id') === id,
  );
  const command: RibbonCommand = { id, actions: [], customRules: [] };
  if (!definition) return command;
  command.actions = Array.from(definition.getElementsByTagName('JavaScriptFunction')).map(callOf);
  const ruleIds = Array.from(definition.querySelectorAll('EnableRules > EnableRule')).map((r) =>
    r.getAttribute('Id'),
  );
  const rules = Array.from(ribbon.querySelectorAll('RuleDefinitions > EnableRules > EnableRule'));
  for (const rule of rules.filter((r) => ruleIds.includes(r.getAttribute('Id')))) {
    for (const custom of Array.from(rule.getElementsByTagName('CustomRule')))
      command.customRules.push({
        ...callOf(custom),
        default: custom.getAttribute('Default') === 'true',
        invert: custom.getAttribute('InvertResult') === 'true',
      });
    for (const count of Array.from(rule.getElementsByTagName('SelectionCountRule')))
      command.selection = {
        minimum: Number(count.getAttribute('Minimum') ?? 0),
        maximum: Number(count.getAttribute('Maximum') ?? Number.MAX_SAFE_INTEGER),
      };
  }
  return command;
}

export async function ribbonButtons(entity: string, location: RibbonLocation): Promise<RibbonButton[]> {
  const ribbon = ribbonOf(await solutionCustomizations(), entity);
  if (!ribbon) return [];
  const prefix = `Mscrm.${location}.${entity}.`;
  const buttons: RibbonButton[] = [];
  for (const action of Array.from(ribbon.getElementsByTagName('CustomAction'))) {
    if (!(action.getAttribute('Location') ?? '').startsWith(prefix)) continue;
    for (const button of Array.from(action.getElementsByTagName('Button'))) {
      buttons.push({
        id: button.getAttribute('Id') ?? '',
        label: localised(ribbon, button.getAttribute('LabelText')),
        tooltip: localised(ribbon, button.getAttribute('ToolTipDescription')),
        sequence: Number(button.getAttribute('Sequence') ?? action.getAttribute('Sequence') ?? 0),
        command: commandOf(ribbon, button.getAttribute('Command') ?? ''),
      });
    }
  }
  return buttons.sort((a, b) => a.sequence - b.sequence);
}

const loaded = new Map<string, Promise<void>>();

/** Loads a web resource script once, as the platform does for a ribbon library. */
export function loadLibrary(dataverseUrl: string, name: string): Promise<void> {
  let done = loaded.get(name);
  if (!done) {
    done = new Promise<void>((resolve, reject) => {
      const script = h('script', { src: `${dataverseUrl}/WebResources/${name}` });
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => reject(new Error(`The web resource ${name} did not load.`)));
      document.head.append(script);
    });
    loaded.set(name, done);
  }
  return done;
}

function resolveFunction(name: string): ((...args: unknown[]) => unknown) | undefined {
  let target: unknown = window;
  for (const part of name.split('.')) target = (target as Record<string, unknown> | undefined)?.[part];
  return typeof target === 'function' ? (target as (...args: unknown[]) => unknown) : undefined;
}

/** Calls a ribbon function with its parameters resolved from the CrmParameter values. */
export async function invoke(
  dataverseUrl: string,
  call: RibbonCall,
  crm: (value: string) => unknown,
): Promise<unknown> {
  await loadLibrary(dataverseUrl, call.library);
  const fn = resolveFunction(call.functionName);
  if (!fn) throw new Error(`${call.functionName} is not defined by ${call.library}.`);
  const args = call.parameters.map((p) => ('crm' in p ? crm(p.crm) : p.literal));
  return fn(...args);
}

/** Whether the button shows: every custom rule true and the selection count within bounds. */
export async function isEnabled(
  dataverseUrl: string,
  command: RibbonCommand,
  crm: (value: string) => unknown,
  selectedCount: number,
): Promise<boolean> {
  if (command.selection) {
    const { minimum, maximum } = command.selection;
    if (selectedCount < minimum || selectedCount > maximum) return false;
  }
  for (const rule of command.customRules) {
    let result: boolean;
    try {
      result = Boolean(await invoke(dataverseUrl, rule, crm));
    } catch {
      result = rule.default;
    }
    if (result === rule.invert) return false;
  }
  return true;
}
