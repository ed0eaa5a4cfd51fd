export * from './databases';
export * from './postgres';
export * from './skip';
export * from './assert';
