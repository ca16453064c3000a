import type { PrivateValue } from '../../cluster/port';
import { isIpv4Address, isSubnetMask } from '../../cluster/ipv4';

/** How a private property is stored in the cluster database (cluster.exe's T column: S or D). */
export type PropertyFormat = 'String' | 'DWORD';

/** One private property a resource type knows: its format, whether online needs it, its default and its check. */
export interface PropertySpec {
  readonly name: string;
  readonly format: PropertyFormat;
  readonly required: boolean;
  readonly defaultValue?: PrivateValue;
  /** Returns false when the value is not acceptable to the resource DLL (ERROR_INVALID_PARAMETER). */
  readonly valid?: (value: PrivateValue) => boolean;
}

/**
 * What the lab knows of one resource type: the private properties its DLL reads, and the resource types it must
 * depend on before it comes online (`allOfType` lists types every resource of which in the group must be a
 * dependency, as the System Attendant needs every Physical Disk).
 */
export interface ResourceTypeSpec {
  readonly name: string;
  readonly properties: readonly PropertySpec[];
  readonly requiredDependencyTypes: readonly string[];
  readonly allOfType: readonly string[];
}

const DWORD_MAX = 0xffffffff;
const isDword = (v: PrivateValue): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= DWORD_MAX;
const isBool = (v: PrivateValue): boolean => v === 0 || v === 1;
const nonEmpty = (v: PrivateValue): boolean => typeof v === 'string' && v.trim() !== '';
/** NetBIOS computer name: 1-15 characters, none of the characters Windows forbids in computer names. */
const isNetbiosName = (v: PrivateValue): boolean =>
  typeof v === 'string' && /^[^\\/:*?"<>|,~!@#$%^&'.(){} ]{1,15}$/.test(v) && !/^\d+$/.test(v);

/** The resource types the lab's clusters have installed (others are refused with 5078, as MSCS does). */
export const RESOURCE_TYPES: readonly ResourceTypeSpec[] = [
  {
    name: 'IP Address',
    properties: [
      { name: 'Address', format: 'String', required: true, valid: (v) => typeof v === 'string' && isIpv4Address(v) },
      { name: 'SubnetMask', format: 'String', required: true, valid: (v) => typeof v === 'string' && isSubnetMask(v) },
      { name: 'Network', format: 'String', required: true, valid: nonEmpty },
      { name: 'EnableNetBIOS', format: 'DWORD', required: false, defaultValue: 1, valid: isBool },
    ],
    requiredDependencyTypes: [],
    allOfType: [],
  },
  {
    name: 'Network Name',
    properties: [
      { name: 'Name', format: 'String', required: true, valid: isNetbiosName },
      { name: 'RequireDNS', format: 'DWORD', required: false, defaultValue: 0, valid: isBool },
      { name: 'RequireKerberos', format: 'DWORD', required: false, defaultValue: 0, valid: isBool },
    ],
    requiredDependencyTypes: ['IP Address'],
    allOfType: [],
  },
  {
    name: 'Physical Disk',
    properties: [
      { name: 'Signature', format: 'DWORD', required: true, valid: (v) => isDword(v) && v !== 0 },
      { name: 'Drive', format: 'String', required: false, valid: (v) => typeof v === 'string' && /^[A-Za-z]:$/.test(v) },
    ],
    requiredDependencyTypes: [],
    allOfType: [],
  },
  {
    name: 'Microsoft Exchange System Attendant',
    properties: [],
    requiredDependencyTypes: ['Network Name', 'Physical Disk'],
    allOfType: ['Physical Disk'],
  },
  {
    // [assumed] private property names after the Double-Take Source Connection dialog's labels
    name: 'Double-Take Source Connection',
    properties: [
      { name: 'ReplicationSet', format: 'String', required: true, valid: nonEmpty },
      { name: 'Target', format: 'String', required: true, valid: nonEmpty },
    ],
    requiredDependencyTypes: ['Physical Disk'],
    allOfType: [],
  },
  {
    name: 'Generic Service',
    properties: [
      { name: 'ServiceName', format: 'String', required: true, valid: nonEmpty },
      { name: 'StartupParameters', format: 'String', required: false },
      { name: 'UseNetworkName', format: 'DWORD', required: false, defaultValue: 0, valid: isBool },
    ],
    requiredDependencyTypes: [],
    allOfType: [],
  },
];

/** The type spec for a type name (case-insensitive, as the cluster database compares names), or undefined. */
export function findResourceType(name: string): ResourceTypeSpec | undefined {
  const key = name.toLowerCase();
  return RESOURCE_TYPES.find((t) => t.name.toLowerCase() === key);
}

/** A known property of a type (case-insensitive), or undefined for a property the DLL does not read. */
export function findPropertySpec(type: ResourceTypeSpec, property: string): PropertySpec | undefined {
  const key = property.toLowerCase();
  return type.properties.find((p) => p.name.toLowerCase() === key);
}

/** Whether a value has the format the property is stored in (a DWORD is a whole number 0..0xFFFFFFFF). */
export function hasFormat(value: PrivateValue, format: PropertyFormat): boolean {
  return format === 'DWORD' ? isDword(value) : typeof value === 'string';
}
