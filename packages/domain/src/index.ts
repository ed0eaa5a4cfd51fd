export * from './phone';
export * from './text';
export * from './canonical-json';
export * from './services-catalogue';
export * from './targets';
export * from './units';
export * from './time';
