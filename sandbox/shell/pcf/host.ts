/**
 * Hosts a real PCF bundle from the solution in a form cell: loads `Controls/<name>/bundle.js`
 * (it registers itself through `ComponentFramework.registerControl`), calls init and updateView,
 * renders a virtual control's React element with the platform's ReactDOM, writes getOutputs back
 * to the bound columns, and calls updateView again with updatedProperties when a bound column
 * changes, or when the control asks through `context.factory.requestRender` ("queues an
 * updateView request", Power Apps component framework reference, Factory.requestRender) as a
 * control does once the data it loaded after init has arrived.
 */
import type { FormRecord } from '../xrm/record';
import { createPcfContext, type ContextInputs, type PropertyBinding } from './context';
import { loadManifest, loadStrings } from './manifest';

interface Control {
  init(context: unknown, notifyOutputChanged: () => void, state: unknown, container?: HTMLDivElement): void;
  updateView(context: unknown): unknown;
  getOutputs?(): Record<string, unknown>;
  destroy(): void;
}

const registry = new Map<string, new () => Control>();
const bundles = new Map<string, Promise<void>>();

(window as unknown as { ComponentFramework: unknown }).ComponentFramework = {
  registerControl: (name: string, ctor: new () => Control) => registry.set(name, ctor),
};

function loadBundle(name: string): Promise<void> {
  let loading = bundles.get(name);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `/solution/Controls/${name}/bundle.js`;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`The control bundle ${name} did not load.`));
      document.head.append(script);
    });
    bundles.set(name, loading);
  }
  return loading;
}

interface ReactDom {
  render(element: unknown, container: Element): void;
  unmountComponentAtNode(container: Element): void;
}

export interface HostedControl {
  destroy(): void;
}

export async function mountControl(
  container: HTMLDivElement,
  name: string,
  bindings: Map<string, PropertyBinding>,
  rest: Omit<ContextInputs, 'manifest' | 'bindings' | 'strings' | 'requestRender'>,
): Promise<HostedControl> {
  const manifest = await loadManifest(name);
  const [strings] = await Promise.all([loadStrings(manifest), loadBundle(name)]);
  const Ctor = registry.get(manifest.registeredName);
  if (!Ctor) throw new Error(`The bundle ${name} did not register ${manifest.registeredName}.`);
  let alive = true;
  let requested = false;
  // Asynchronous and coalesced, as in a model-driven app: several requests make one updateView.
  const requestRender = () => {
    if (requested || !alive) return;
    requested = true;
    window.setTimeout(() => {
      requested = false;
      if (alive) render([]);
    }, 0);
  };
  const inputs: ContextInputs = { ...rest, manifest, bindings, strings, requestRender };
  const record: FormRecord = rest.record;
  const control = new Ctor();
  const reactDom = (window as unknown as { ReactDOMv16: ReactDom }).ReactDOMv16;
  const render = (updated: string[]) => {
    const element = control.updateView(createPcfContext(inputs, updated));
    if (manifest.virtual && element) reactDom.render(element, container);
  };
  const notifyOutputChanged = () => {
    const outputs = control.getOutputs?.() ?? {};
    for (const [property, value] of Object.entries(outputs)) {
      const binding = bindings.get(property);
      if (binding && 'column' in binding) record.set(binding.column, value as never, 'user');
    }
  };
  control.init(
    createPcfContext(inputs, []),
    notifyOutputChanged,
    {},
    manifest.virtual ? undefined : container,
  );
  render(manifest.properties.map((p) => p.name));
  record.onChange((changed) => {
    if (!alive) return;
    const updated = [...bindings]
      .filter(([, b]) => 'column' in b && changed.includes(b.column))
      .map(([property]) => property);
    if (updated.length) render(updated);
  });
  return {
    destroy: () => {
      alive = false;
      control.destroy();
      if (manifest.virtual) reactDom.unmountComponentAtNode(container);
    },
  };
}
