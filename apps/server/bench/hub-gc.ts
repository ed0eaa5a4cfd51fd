// Loaded into the hub by the benchmark (`node --expose-gc --import tsx --import ./hub-gc.ts`):
// `{type:'gc', id}` over IPC runs a full garbage collection and answers `{type:'gc', id}`, so the
// RSS per socket is measured without the garbage of whatever ran before (PGlite's start-up
// buffers alone are ~300 MB until the first major collection). Nothing else in the hub changes.
process.on('message', (msg: { type?: string; id?: number }) => {
  if (msg?.type !== 'gc') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  process.send?.({ type: 'gc', id: msg.id });
});
