# The Xung Kích hub: the API and the built web app, served by one Node process.
# Built by `docker compose up` (see docker-compose.yml); runs against PostgreSQL via DATABASE_URL.
FROM node:20-slim

RUN npm install -g pnpm@12 --no-fund --no-audit

WORKDIR /app

# Dependencies first, from the lockfile alone, so a code change does not download them again.
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml ./
RUN pnpm fetch

# The workspace, then an offline install from the fetched store, then the web app's build.
COPY tsconfig.json ./
COPY scripts ./scripts
COPY packages ./packages
COPY apps ./apps
RUN pnpm install --offline --frozen-lockfile && pnpm build

# Run the server directly (not through `pnpm start`), so SIGTERM from `docker stop` reaches it and
# it closes cleanly. The web app is already built; migrations are applied at start.
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    XK_DATA_DIR=/home/node/data
WORKDIR /app/apps/server
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/server.ts"]
