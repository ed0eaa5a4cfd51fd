/**
 * The phone screen as an installable app: the manifest link (only on the phone's path, so the
 * console and board are not offered for install) and the service worker for `/phone/` (built by
 * apps/web/build/phone-pwa.ts). Call once when the phone screen mounts.
 */

export const phoneScope = '/phone/';
export const phoneServiceWorkerUrl = '/phone/sw.js';
export const phoneManifestUrl = '/phone/manifest.webmanifest';

/** Adds `<link rel="manifest">` (and iOS's home-screen icon) to the page once. */
export function linkPhoneManifest(doc: Document = document): void {
  const add = (rel: string, href: string) => {
    if (doc.head.querySelector(`link[rel="${rel}"]`)) return;
    const link = doc.createElement('link');
    link.rel = rel;
    link.href = href;
    doc.head.append(link);
  };
  add('manifest', phoneManifestUrl);
  add('apple-touch-icon', '/phone/icons/icon-192.png');
}

/**
 * Links the manifest and registers `/phone/sw.js` for scope `/phone/`, after the page has loaded
 * (its precache must not compete with the first render on a slow link). Resolves to the
 * registration, or null when there is none: no secure context (plain HTTP on the hall's Wi-Fi:
 * browsers allow service workers only over HTTPS or on localhost), no service worker support, or a
 * failed registration (a dev server has no sw.js). Never rejects.
 */
export async function registerPhoneServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof document === 'undefined') return null;
  linkPhoneManifest();
  if (!globalThis.isSecureContext || !('serviceWorker' in navigator)) return null;
  if (document.readyState !== 'complete') await new Promise<void>((resolve) => addEventListener('load', () => resolve(), { once: true }));
  try {
    return await navigator.serviceWorker.register(phoneServiceWorkerUrl, { scope: phoneScope });
  } catch {
    return null;
  }
}
