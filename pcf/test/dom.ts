/**
 * The DOM a jsdom control test renders into: a fresh container per test, unmounted and removed
 * after it, so no test sees another's React tree.
 */
import * as ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';

export interface TestDom {
  /** The running test's container. */
  readonly container: HTMLDivElement;
  byTestId(id: string): HTMLElement | null;
}

/** Call once at the top of a test file: it registers the hooks that create and remove the container. */
export function containerPerTest(): TestDom {
  let current: HTMLDivElement | undefined;
  beforeEach(() => {
    current = document.createElement('div');
    document.body.appendChild(current);
  });
  afterEach(() => {
    if (!current) return;
    ReactDOM.unmountComponentAtNode(current);
    current.remove();
    current = undefined;
  });
  const dom: TestDom = {
    get container() {
      if (!current) throw new Error('containerPerTest: the container exists only while a test runs');
      return current;
    },
    byTestId: (id) => dom.container.querySelector<HTMLElement>(`[data-testid="${id}"]`),
  };
  return dom;
}

/** Fluent's MessageBar shows its text one timer tick late (DelayedRender, for screen readers). */
export function showDelayedText(): void {
  act(() => {
    jest.runOnlyPendingTimers();
  });
}
