/** The embedded cloud database: the API of cloudfunctions/.shared/db.ts over mingo. */
export { command, serverDate, QueryCommand, UpdateCommand, ServerDateMarker } from './commands';
export type { EmbeddedCommand } from './commands';
export { DocumentStore, DuplicateKeyError } from './document-store';
export type { FindOptions } from './document-store';
export { EmbeddedDatabase, DEFAULT_LIMIT, MAX_LIMIT } from './embedded-database';
export type { BackendResolver, DatabaseBackend, DatabaseOperation, OperationGate } from './embedded-database';
