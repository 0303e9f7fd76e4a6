/**
 * Which date columns are date only: the service document's CSDL types them `Edm.Date`, date and
 * time columns `Edm.DateTimeOffset` (reference/dataverse-webapi.md, $metadata), so a form shows a
 * date picker for the one and date and time for the other. Read once per page.
 */
let dateOnly: Promise<Map<string, Set<string>>> | undefined;

export function dateOnlyColumns(apiRoot: string, token: string): Promise<Map<string, Set<string>>> {
  dateOnly ??= fetch(`${apiRoot}$metadata`, { headers: { Authorization: `Bearer ${token}` } })
    .then((reply) => (reply.ok ? reply.text() : ''))
    .then((xml) => {
      const doc = new DOMParser().parseFromString(xml || '<Edmx/>', 'text/xml');
      const byTable = new Map<string, Set<string>>();
      for (const type of Array.from(doc.getElementsByTagName('EntityType'))) {
        const columns = Array.from(type.getElementsByTagName('Property'))
          .filter((p) => p.getAttribute('Type') === 'Edm.Date')
          .map((p) => p.getAttribute('Name') ?? '');
        byTable.set(type.getAttribute('Name') ?? '', new Set(columns));
      }
      return byTable;
    })
    .catch(() => new Map());
  return dateOnly;
}
