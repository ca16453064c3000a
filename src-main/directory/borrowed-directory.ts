import type { DirectoryPort } from './port';

/**
 * A directory lent to one run: every operation goes to `directory`, but `close` does nothing, so a run that closes
 * what it was given at its end does not close a directory that lives on (the program's lab directory, the lab a
 * command has open until it saves and releases it).
 */
export function borrowedDirectory(directory: DirectoryPort): DirectoryPort {
  return {
    rootDse: () => directory.rootDse(),
    search: (base, options) => directory.search(base, options),
    modify: (dn, changes) => directory.modify(dn, changes),
    add: (dn, attributes) => directory.add(dn, attributes),
    delete: (dn) => directory.delete(dn),
    close: async () => undefined,
  };
}
