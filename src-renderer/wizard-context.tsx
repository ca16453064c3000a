import { createContext, useContext } from 'react';
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

export const useActions = (): WizardActions => useWizardContext().actions;
