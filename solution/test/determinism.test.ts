import { solutionModel } from '../model';
import { uuidV5 } from '../pack/guid';
import { packSolution } from '../pack/package';
import { standInInputs } from './support/artifacts';

describe('deterministic output', () => {
  it('computes RFC 4122 UUID v5 (the DNS example www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the same component the same GUID every time and different components different GUIDs', () => {
    expect(uuidV5('form:stl_connection/Information')).toBe(uuidV5('form:stl_connection/Information'));
    expect(uuidV5('form:a')).not.toBe(uuidV5('form:b'));
  });

  it('writes byte-identical zips from two separate builds', () => {
    const first = packSolution(solutionModel, true, standInInputs());
    const second = packSolution(solutionModel, true, standInInputs());
    expect(first.equals(second)).toBe(true);
  });

  it('differs between managed and unmanaged only in solution.xml', () => {
    const inputs = standInInputs();
    expect(packSolution(solutionModel, true, inputs).equals(packSolution(solutionModel, false, inputs))).toBe(
      false,
    );
  });
});
