export * from './checks.contract';
export * from './create-session.contract';
export * from './details.contract';
export * from './list-sessions.contract';
export * from './session.contract';
export * from './set-delete.contract';
