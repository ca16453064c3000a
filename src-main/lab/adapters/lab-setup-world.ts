import { borrowedDirectory } from '../../directory/borrowed-directory';
import { LabDoubleTakeAdapter } from './lab-doubletake-adapter';
import { saveDoubleTakeLab } from '../doubletake/doubletake-lab-file';
import type { Lab } from '../lab';
import { LAB_DOUBLETAKE_USER } from '../doubletake/lab-accounts';
import { exchangeReader, exchangeServerReader } from '../../setup/exchange-reader';
import type { SetupWorld } from '../../setup/setup-world';

/** The setup world of the embedded lab: its cluster models, Double-Take per node (saved after every change), node files and directory. */
export function labSetupWorld(lab: Lab, now: () => Date = () => new Date()): SetupWorld {
  return {
    kind: 'lab',
    source: lab.source,
    target: lab.target,
    doubleTake: (node) => new LabDoubleTakeAdapter(lab.doubleTake, node, (model) => saveDoubleTakeLab(lab.folder, model)),
    doubleTakeUser: LAB_DOUBLETAKE_USER,
    nodeFiles: lab.nodeFiles,
    readExchange: exchangeReader(async () => borrowedDirectory(lab.directory)),
    readExchangeServer: exchangeServerReader(async () => borrowedDirectory(lab.directory)),
    directoryName: 'the lab directory',
    now,
  };
}
