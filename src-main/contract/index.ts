export * from './result';
export * from './steps';
export * from './channels';
export * from './client';
export * from './failover';
export * from './pair';
export * from './error-catalogue';
export * from './preflight';
