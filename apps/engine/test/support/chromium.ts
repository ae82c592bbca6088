// How the browser tests start Debian's chromium on these machines: headless, as root, and with the
// background networking switched off (the machine's closed network refuses those connections).
export const HEADLESS_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
