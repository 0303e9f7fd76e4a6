import { COLUMNS } from '../../../solution/names';
import { mapInvoice } from '../../src/domain';
import { lookupKey } from '../../src/domain/snapshot';
import { codesOf, IDS, line, snapshot, wireDoc } from './fixtures';

const T1 = lookupKey(COLUMNS.invoiceDetail.trackingOption1Id);
const T2 = lookupKey(COLUMNS.invoiceDetail.trackingOption2Id);
const map = (patch: Record<string, unknown>) => mapInvoice(snapshot({ lines: [line(patch)] }));

describe('tracking', () => {
  it('sends two tracking options with their category and option ids and names', () => {
    expect(wireDoc(map({ [T1]: IDS.optNorth, [T2]: IDS.optArea })).LineItems[0].Tracking).toEqual([
      {
        TrackingCategoryID: 'e0000000-0000-4000-8000-000000000001',
        TrackingOptionID: 'f0000000-0000-4000-8000-000000000001',
        Name: 'Region',
        Option: 'North',
      },
      {
        TrackingCategoryID: 'e0000000-0000-4000-8000-000000000003',
        TrackingOptionID: 'f0000000-0000-4000-8000-000000000004',
        Name: 'Area',
        Option: 'Metro',
      },
    ]);
  });

  it.each([
    ['an option of an inactive category', { [T1]: IDS.optLegacy }, 'TRACKING_CATEGORY_INACTIVE'],
    ['an option that is not synced', { [T1]: IDS.invoice }, 'TRACKING_OPTION_UNKNOWN'],
    ['two options of one category', { [T1]: IDS.optNorth, [T2]: IDS.optSouth }, 'TRACKING_SAME_CATEGORY'],
  ])('blocks %s', (_, patch, code) => {
    const result = map(patch);
    expect(codesOf(result)).toContain(code);
    expect(result.blocked).toBe(true);
  });
});
