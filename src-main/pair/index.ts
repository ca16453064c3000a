/** The pair document: schema, reading and writing, the lab's document and problem reporting, in one import. */
export * from './pair-document-schema';
export * from './pair-problems';
export * from './parse-pair-document';
export * from './pair-document-file';
export * from './lab-pair-document';
export * from './field-rules';
export { ipv4AddressProblem, subnetMaskProblem, hostAddressProblem, subnetOf } from './ipv4-subnet';
