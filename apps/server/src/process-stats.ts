import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * Answers a parent process (the benchmark) over IPC with this hub's own figures: event-loop delay
 * p99 and max since the last reset, memory, sockets, group-commit rounds. Only when started with
 * an IPC channel and XK_STATS_IPC=1; nothing is exposed over HTTP.
 */
export function serveStatsOverIpc(app: FastifyInstance) {
  if (!process.send || process.env.XK_STATS_IPC !== '1') return;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', (msg: { type?: string; id?: number }) => {
    if (msg?.type !== 'stats' && msg?.type !== 'reset') return;
    const memory = process.memoryUsage();
    const stats = {
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      sockets: app.io.engine.clientsCount,
      groupCommit: app.services.activity.groupCommitStats(),
    };
    if (msg.type === 'reset') loop.reset();
    process.send!({ type: 'stats', id: msg.id, stats });
  });
  process.send({ type: 'ready-for-stats' });
}
