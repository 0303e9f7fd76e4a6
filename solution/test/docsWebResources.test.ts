import { docsWebResources } from '../../scripts/build-docs';
import { DOCS_WEB_RESOURCES } from '../model/docs';

describe('documentation web resources', () => {
  it('lists exactly the pages and style sheet the docs build writes', () => {
    const built = docsWebResources().map((r) => ({ name: r.name, type: r.type, path: r.file }));
    const modelled = DOCS_WEB_RESOURCES.map((r) => ({ name: r.name, type: r.type, path: r.source.path }));
    expect([...modelled].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...built].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});
