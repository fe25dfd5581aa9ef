export * from './namespaces';
export * from './generic-response.contract';
export * from './usuario.contract';
export * from './property.contract';
export * from './audit-data.contract';
export * from './user-session.contract';
export * from './user-info.contract';
export * from './user-logged.contract';
