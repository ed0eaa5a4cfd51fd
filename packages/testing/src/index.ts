export * from './databases';
export * from './postgres';
export * from './skip';
export * from './assert';
export * from './chromium';
export * from './redis';
export * from './ports';
