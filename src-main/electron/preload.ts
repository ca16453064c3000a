import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

/** The renderer's whole view of the program: `window.api`, the contract's transport, nothing else. */
contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer));
