// Side-effect imports of a screen's own stylesheet (Vite bundles it with that screen's chunk).
declare module '*.css';
