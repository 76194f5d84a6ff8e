/** Connection URLs: recognizing them, and printing them without their password. */
import { printable } from '../model/ident.js';

/** Query parameters and key=value settings that hold a secret (libpq's `password`, `sslpassword`). */
const SECRET_SETTING = /\b((?:ssl)?password)=([^&\s'"]*)/gi;

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * The URL with its password replaced by `***` (in the user info and in `?password=`), for every
 * message and report, and printable.
 */
export function maskUrl(url: string): string {
  let masked: string;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    masked = u.toString();
  } catch {
    masked = url.replace(/(\/\/[^:/@]*:).*@/, '$1***@');
  }
  return printable(maskPasswords(masked));
}

/** Remove any password that appears in a message (driver errors sometimes echo the URL or its settings). */
export function maskPasswords(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)\S*@/gi, '$1***@').replace(SECRET_SETTING, '$1=***');
}
