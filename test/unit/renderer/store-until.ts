import type { WizardState, WizardStore } from '../../../src-renderer/state/store';

/** Resolves when the store reaches a state (job events and debounced checks arrive outside any awaited call). */
export function untilState(store: WizardStore, predicate: (s: WizardState) => boolean): Promise<void> {
  if (predicate(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe((s) => {
      if (predicate(s)) {
        off();
        resolve();
      }
    });
  });
}
