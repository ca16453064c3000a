import type { PrivateValue } from '../../cluster/port';
import { clusterError, WIN32 } from '../../cluster/win32-errors';
import { findPropertySpec, findResourceType } from './resource-types';

/**
 * Turns the text typed after `/priv Name=` into the value stored: a property the type knows takes its own format
 * (a DWORD must be decimal or 0x-hex, else 87); an unknown one is a DWORD when a `:DWORD` hint says so or the text
 * is a number, else a string. [assumed] cluster.exe's exact inference for properties that do not exist yet.
 */
export function typedPrivateValue(type: string, property: string, text: string, hint?: 'DWORD' | 'STR'): PrivateValue {
  const spec = findResourceType(type);
  const known = spec === undefined ? undefined : findPropertySpec(spec, property);
  const format = known?.format ?? (hint === 'DWORD' ? 'DWORD' : hint === 'STR' ? 'String' : undefined);
  const numeric = /^(?:\d+|0x[0-9a-f]+)$/i.test(text);
  if (format === 'DWORD') {
    const value = numeric ? Number(text) : Number.NaN;
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw clusterError(WIN32.ERROR_INVALID_PARAMETER, `${property}=${text} is not a DWORD`);
    }
    return value;
  }
  if (format === 'String') return text;
  return numeric && Number(text) <= 0xffffffff ? Number(text) : text;
}
