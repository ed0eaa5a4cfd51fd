/** The phone screen's own path: its service worker's scope. */
export const isPhonePath = () => location.pathname === '/phone' || location.pathname.startsWith('/phone/');
