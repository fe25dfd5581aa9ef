export * from './namespaces';
export * from './generic-response';
export * from './usuario.dto';
export * from './property';
export * from './audit-data.dto';
export * from './user-session.dto';
export * from './user-info';
export * from './user-logged';
