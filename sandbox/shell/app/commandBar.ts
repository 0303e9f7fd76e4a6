/**
 * A command bar: the shell's built-in commands (Save, Refresh…) followed by the solution's ribbon
 * buttons, each shown only while its enable rules pass. `update()` re-evaluates the rules; the
 * page calls it whenever the record or the selection changes.
 */
import { clear, h } from './dom';
import { invoke, isEnabled, type RibbonButton } from './ribbon';

export interface BuiltInCommand {
  label: string;
  run(): Promise<void> | void;
}

export interface CommandBarOptions {
  dataverseUrl: string;
  builtIns: BuiltInCommand[];
  buttons: RibbonButton[];
  crm(value: string): unknown;
  selectedCount(): number;
  onError(message: string): void;
}

export interface CommandBar {
  element: HTMLElement;
  update(): Promise<void>;
}

export function createCommandBar(options: CommandBarOptions): CommandBar {
  const element = h('div', { className: 'command-bar', role: 'toolbar', 'aria-label': 'Commands' });
  const run = async (label: string, work: () => unknown) => {
    try {
      await work();
    } catch (error) {
      options.onError(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let generation = 0;
  const update = async () => {
    const mine = ++generation;
    const visible = await Promise.all(
      options.buttons.map((b) =>
        isEnabled(options.dataverseUrl, b.command, options.crm, options.selectedCount()),
      ),
    );
    if (mine !== generation) return;
    clear(element);
    for (const command of options.builtIns)
      element.append(
        h('button', { type: 'button', onClick: () => run(command.label, command.run) }, command.label),
      );
    options.buttons.forEach((button, index) => {
      if (!visible[index]) return;
      element.append(
        h(
          'button',
          {
            type: 'button',
            id: button.id,
            title: button.tooltip,
            className: 'ribbon',
            onClick: () =>
              run(button.label, async () => {
                for (const action of button.command.actions)
                  await invoke(options.dataverseUrl, action, options.crm);
              }),
          },
          button.label,
        ),
      );
    });
  };
  return { element, update };
}
