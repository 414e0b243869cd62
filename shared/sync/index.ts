/**
 * Branch replication, client side: import this module once at each entry point (it registers
 * the local sync tables before a company database opens). See docs/sync-protocol.md.
 */
export * from './protocol';
export * from './policy';
export * from './merge';
export * from './tables';
export * from './apply';
export * from './client';
export * from './join';
export * from './change-requests';
