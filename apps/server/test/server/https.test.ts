import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { skipOrFail } from '@xk/testing';
import { EnvError, readEnv, readTls } from '../../src/env';
import { freePort, type HubProcess, startHub } from '../helpers/processes';

// The hub serving HTTPS itself (XK_TLS_CERT / XK_TLS_KEY), as on a laptop in a hall: a test
// certificate made with the openssl CLI, the hub started as a user would.

const test = suite('HTTPS (XK_TLS_CERT, XK_TLS_KEY)');
const dir = mkdtempSync(join(tmpdir(), 'xk-tls-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
const started: HubProcess[] = [];
const embedded = { DATABASE_URL: undefined, REDIS_URL: undefined, XK_SIMULATOR: '0', XK_PUBLIC_URL: undefined };

test.after(() => {
  for (const hub of started) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A request over HTTPS that accepts the self-signed test certificate. */
function fetchInsecure(url: string, options: { method?: string; body?: object } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = options.body ? JSON.stringify(options.body) : undefined;
    const req = httpsRequest(url, { method: options.method ?? 'GET', rejectUnauthorized: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function waitForHttps(url: string, hub: HubProcess, ms = 90_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (hub.child.exitCode !== null) throw new Error(`hub exited with ${hub.child.exitCode}: ${hub.output()}`);
    try {
      if ((await fetchInsecure(url)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms: ${hub.output()}`);
}

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
if (openssl.error || openssl.status !== 0) {
  skipOrFail('HTTPS hub test', 'the openssl CLI is not installed (it makes the test certificate)');
} else {
  test.before(() => {
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    assert.is(made.status, 0, made.stderr);
  });

  test('serves /healthz, Socket.IO and the API over HTTPS; a session cookie served directly over TLS is Secure', async () => {
    const port = await freePort();
    const dataDir = join(dir, 'data');
    const hub = startHub({ ...embedded, XK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', XK_TLS_CERT: cert, XK_TLS_KEY: key });
    started.push(hub);
    const base = `https://127.0.0.1:${port}`;
    await waitForHttps(`${base}/healthz`, hub);
    const health = await fetchInsecure(`${base}/healthz`);
    assert.is(health.status, 200);
    assert.equal(JSON.parse(health.body), { ok: true });

    // Socket.IO rides the same (TLS) server: the Engine.IO handshake answers over HTTPS.
    const polling = await fetchInsecure(`${base}/socket.io/?EIO=4&transport=polling`);
    assert.is(polling.status, 200, polling.body);
    assert.match(polling.body, /^0\{"sid":/);

    // The printed set-up link says https, and the session it opens has a Secure cookie (no proxy involved).
    let secret: string | undefined;
    for (let i = 0; i < 300 && !secret; i++) {
      secret = /https:\/\/localhost:\d+\/#\/setup\/([A-Za-z0-9_-]+)/.exec(hub.output())?.[1];
      if (!secret) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(secret, `no https set-up link printed: ${hub.output()}`);
    const setup = await fetchInsecure(`${base}/api/v1/auth/setup`, { method: 'POST', body: { secret, name: 'Quản trị thử', phone: '0912345670', password: 'mật khẩu thử nghiệm 1' } });
    assert.is(setup.status, 200, setup.body);
    const cookies = [setup.headers['set-cookie']].flat().filter(Boolean) as string[];
    assert.is(cookies.length, 2, JSON.stringify(cookies));
    for (const c of cookies) assert.match(c, /; Secure/, c);

    hub.child.kill('SIGTERM');
    assert.is(await hub.exited, 0);
  });

  test('a clear error at start: only one of the pair, an unreadable file, a key that is not the certificate’s', async () => {
    assert.throws(() => readEnv({ XK_TLS_CERT: cert }), (err: Error) => err instanceof EnvError && /XK_TLS_CERT is set without XK_TLS_KEY/.test(err.message));
    assert.throws(() => readEnv({ XK_TLS_KEY: key }), /XK_TLS_KEY is set without XK_TLS_CERT/);
    assert.is(readTls(readEnv({})), undefined);
    assert.throws(() => readTls(readEnv({ XK_TLS_CERT: cert, XK_TLS_KEY: join(dir, 'missing.pem') })), /XK_TLS_KEY cannot be read \(.*missing\.pem\): ENOENT/);
    const otherKey = join(dir, 'other-key.pem');
    assert.is(spawnSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', otherKey]).status, 0);
    assert.throws(() => readTls(readEnv({ XK_TLS_CERT: cert, XK_TLS_KEY: otherKey })), /are not a PEM certificate and its private key/);
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'not a certificate');
    assert.throws(() => readTls(readEnv({ XK_TLS_CERT: notPem, XK_TLS_KEY: key })), /are not a PEM certificate and its private key/);
    const tls = readTls(readEnv({ XK_TLS_CERT: cert, XK_TLS_KEY: key }));
    assert.ok(tls && tls.cert.length > 0 && tls.key.length > 0);

    // The process stops with the message, before opening anything.
    const hub = startHub({ ...embedded, XK_DATA_DIR: join(dir, 'data-2'), PORT: String(await freePort()), XK_TLS_CERT: cert });
    started.push(hub);
    assert.is(await hub.exited, 1);
    assert.match(hub.output(), /xung-kich: XK_TLS_CERT is set without XK_TLS_KEY/);
    const unreadable = startHub({ ...embedded, XK_DATA_DIR: join(dir, 'data-3'), PORT: String(await freePort()), XK_TLS_CERT: join(dir, 'nope.pem'), XK_TLS_KEY: key });
    started.push(unreadable);
    assert.is(await unreadable.exited, 1);
    assert.match(unreadable.output(), /xung-kich: XK_TLS_CERT cannot be read/);
  });
}

test.run();
