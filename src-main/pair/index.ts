/** The pair document: schema, reading and writing and problem reporting, in one import (the lab's own document is src-main/lab/lab-pair-document.ts). */
export * from './pair-document-schema';
export * from './pair-problems';
export * from './parse-pair-document';
export * from './pair-document-file';
export * from './field-rules';
export { ipv4AddressProblem, subnetMaskProblem, hostAddressProblem, subnetOf } from './ipv4-subnet';
