/** A built ControlManifest.xml (from the solution zip) and its 1033 resx strings. */
export interface ManifestProperty {
  name: string;
  ofType: string;
  usage: 'bound' | 'input' | 'output';
}

export interface ControlManifest {
  /** `stl_Stellarise.XeroPanel`: the zip folder and the FormXml customControl name. */
  name: string;
  /** `Stellarise.XeroPanel`: what the bundle registers. */
  registeredName: string;
  virtual: boolean;
  properties: ManifestProperty[];
  resx?: string;
}

export async function loadManifest(name: string): Promise<ControlManifest> {
  const text = await (await fetch(`/solution/Controls/${name}/ControlManifest.xml`)).text();
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const control = doc.querySelector('control');
  if (!control) throw new Error(`The solution has no manifest for the control ${name}.`);
  return {
    name,
    registeredName: `${control.getAttribute('namespace')}.${control.getAttribute('constructor')}`,
    virtual: control.getAttribute('control-type') === 'virtual',
    properties: Array.from(doc.querySelectorAll('property')).map((p) => ({
      name: p.getAttribute('name') ?? '',
      ofType: p.getAttribute('of-type') ?? 'SingleLine.Text',
      usage: (p.getAttribute('usage') ?? 'input') as ManifestProperty['usage'],
    })),
    resx: doc.querySelector('resx')?.getAttribute('path') ?? undefined,
  };
}

export async function loadStrings(manifest: ControlManifest): Promise<Map<string, string>> {
  if (!manifest.resx) return new Map();
  const reply = await fetch(`/solution/Controls/${manifest.name}/${manifest.resx}`);
  if (!reply.ok) return new Map();
  const doc = new DOMParser().parseFromString(await reply.text(), 'text/xml');
  return new Map(
    Array.from(doc.querySelectorAll('data')).map((d) => [
      d.getAttribute('name') ?? '',
      d.querySelector('value')?.textContent ?? '',
    ]),
  );
}
