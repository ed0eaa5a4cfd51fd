import { defineConfig } from 'drizzle-kit';

// Generates the committed SQL migrations from the schema: `pnpm db:generate` after a schema change.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
