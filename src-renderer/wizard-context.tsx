import { createContext, useCallback, useContext, useRef } from 'react';
import { useStore } from 'zustand';
import type { WizardActions } from './state/actions';
import type { WizardState, WizardStore } from './state/store';

/** The store and the actions, given to the component tree once (main.tsx). */
export interface Wizard {
  readonly store: WizardStore;
  readonly actions: WizardActions;
}

const WizardContext = createContext<Wizard | undefined>(undefined);
export const WizardProvider = WizardContext.Provider;

function useWizardContext(): Wizard {
  const wizard = useContext(WizardContext);
  if (wizard === undefined) throw new Error('The wizard components need a WizardProvider.');
  return wizard;
}

/** Reads the store through a selector; the component re-renders when the selected value changes. */
export function useWizard<T>(selector: (state: WizardState) => T): T {
  return useStore(useWizardContext().store, selector);
}

/**
 * Reads derived data (new objects or lists on every call) through a selector: the same JSON as last time gives the
 * same object back, so the component re-renders only when the data changes (and React sees a stable snapshot).
 */
export function useWizardData<T>(selector: (state: WizardState) => T): T {
  const last = useRef<{ json: string; value: T } | undefined>(undefined);
  // The latest selector (its props may change); the snapshot function stays the same for the store subscription.
  const current = useRef(selector);
  current.current = selector;
  const stable = useCallback((state: WizardState): T => {
    const value = current.current(state);
    const json = JSON.stringify(value) ?? 'undefined';
    if (last.current !== undefined && last.current.json === json) return last.current.value;
    last.current = { json, value };
    return value;
  }, []);
  return useStore(useWizardContext().store, stable);
}

export const useActions = (): WizardActions => useWizardContext().actions;
