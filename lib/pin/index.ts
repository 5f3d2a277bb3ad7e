export * from './pinHash';
export * from './lockout';
export * from './idle';
export * from './pinStore';
export * from './pinGuard';
