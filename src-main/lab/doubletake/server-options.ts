import { z } from 'zod';

/**
 * The Double-Take server options the guide changes (sections 4.3 and 5.3), under the registry names Double-Take
 * keeps them by, so the lab, the DTCL `SET`/`GET` commands and the setup steps all speak of the same values.
 */

/** Where Double-Take keeps its server options on Windows. */
export const DOUBLE_TAKE_REGISTRY_KEY = 'HKLM\\SOFTWARE\\NSI Software\\Double-Take\\CurrentVersion';

/** A flag option's value, as the registry DWORD holds it. */
export const optionBitSchema = z.union([z.literal(0), z.literal(1)]);
export type OptionBit = z.infer<typeof optionBitSchema>;

/** The options on one server, by registry name. */
export const serverOptionsSchema = z
  .object({
    /** "Automatically Reconnect During Source Initialization" (Setup tab). Installed 1; the guide sets 0. */
    AutoReconnect: optionBitSchema,
    /** [assumed] registry name of "Block Checksum All Files on a Difference Mirror" (Source tab). Installed 0; the guide sets 1. */
    ChecksumAll: optionBitSchema,
  })
  .strict();
export type ServerOptions = z.infer<typeof serverOptionsSchema>;
export type ServerOptionName = keyof ServerOptions;

/** The values a fresh installation has ("using the installation defaults"). */
export const DEFAULT_SERVER_OPTIONS: ServerOptions = { AutoReconnect: 1, ChecksumAll: 0 };

/** The values the guide asks for on every node of both clusters. */
export const GUIDE_SERVER_OPTIONS: ServerOptions = { AutoReconnect: 0, ChecksumAll: 1 };

/** Option names in their registry spelling. */
export const SERVER_OPTION_NAMES: readonly ServerOptionName[] = ['AutoReconnect', 'ChecksumAll'];

/** The label the Management Console shows for each option, for messages and checklists. */
export const SERVER_OPTION_LABELS: Readonly<Record<ServerOptionName, string>> = {
  AutoReconnect: 'Automatically Reconnect During Source Initialization',
  ChecksumAll: 'Block Checksum All Files on a Difference Mirror',
};

/** Registry value names are case-insensitive: finds the option `name` means, or undefined. */
export function findServerOption(name: string): ServerOptionName | undefined {
  return SERVER_OPTION_NAMES.find((known) => known.toLowerCase() === name.trim().toLowerCase());
}

/** Reads 0/1 from what a user or a script gave (`1`, `"0"`, `" 1 "`); undefined for anything else. */
export function parseOptionBit(value: unknown): OptionBit | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === '0') return 0;
  if (text === '1') return 1;
  return undefined;
}
