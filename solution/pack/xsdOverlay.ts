/**
 * Elements we emit that Microsoft's 2018 XSD (Schemas/9.0.0.2090) does not know, each with the
 * real platform export that shows it. Tests strip exactly these before validating
 * customizations.xml (as ../shared/dataverse-xsd/strip_unknown.py does) and check that nothing
 * else had to be stripped.
 */
export interface OverlayElement {
  readonly element: string;
  readonly parent: string;
  readonly seenIn: string;
}

const CONTOSO =
  'dataverse-samples/contoso-parking-H12345555/customizations.xml (platform export 9.2.25112.171)';

export const XSD_OVERLAY: readonly OverlayElement[] = [
  { element: 'EnableCollapsibleGroups', parent: 'AppModuleSiteMap', seenIn: CONTOSO },
  { element: 'ShowHome', parent: 'AppModuleSiteMap', seenIn: CONTOSO },
  { element: 'ShowPinned', parent: 'AppModuleSiteMap', seenIn: CONTOSO },
  { element: 'ShowRecents', parent: 'AppModuleSiteMap', seenIn: CONTOSO },
  { element: 'statecode', parent: 'AppModule', seenIn: CONTOSO },
  { element: 'statuscode', parent: 'AppModule', seenIn: CONTOSO },
  { element: 'NavigationType', parent: 'AppModule', seenIn: CONTOSO },
];

/**
 * Attributes the 2018 FormXml.xsd does not declare on an element, with where Microsoft documents
 * them: the managed package's diff FormXml marks our tab and control descriptions
 * `solutionaction="Added"` (FormXml.xsd declares solutionactionType, but only on a few leaves).
 */
export interface OverlayAttribute {
  readonly attribute: string;
  readonly element: string;
  readonly documentedIn: string;
}

const FORM_ALM =
  'MicrosoftDocs/power-platform power-platform/alm/form-alm.md ("Differential (diff) FormXml": solutionaction Added, Removed, Modified)';

export const XSD_ATTRIBUTE_OVERLAY: readonly OverlayAttribute[] = [
  { attribute: 'solutionaction', element: 'tab', documentedIn: FORM_ALM },
  { attribute: 'solutionaction', element: 'controlDescription', documentedIn: FORM_ALM },
];

/** Removes the overlay elements (they are all simple `<name>value</name>` leaves) and attributes, and counts them. */
export function stripOverlay(xml: string): { xml: string; stripped: Record<string, number> } {
  const stripped: Record<string, number> = {};
  let out = xml;
  for (const { attribute, element } of XSD_ATTRIBUTE_OVERLAY) {
    const pattern = new RegExp(`(<${element}\\b[^>]*?)\\s${attribute}="[^"]*"`, 'g');
    out = out.replace(pattern, (_all, start: string) => {
      const key = `${element}@${attribute}`;
      stripped[key] = (stripped[key] ?? 0) + 1;
      return start;
    });
  }
  for (const { element } of XSD_OVERLAY) {
    const pattern = new RegExp(`\\s*<${element}>[^<]*</${element}>|\\s*<${element} />`, 'g');
    out = out.replace(pattern, () => {
      stripped[element] = (stripped[element] ?? 0) + 1;
      return '';
    });
  }
  return { xml: out, stripped };
}
