/**
 * Content-Security-Policy for every page of the app, in Electron (app:// protocol) and in the
 * headless host alike: only our own files; MUI/emotion inject <style> tags, hence 'unsafe-inline'
 * for styles only. No remote host appears anywhere: the app is intranet-only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
