/** sensitive-columns-exposed (splinter 0023): an exposed table without RLS that holds credentials or personal data by its column names. */
import { quoteIdent, tableId } from '../../model/ident.js';
import type { AuditRule } from '../types.js';
import { closedTo, enableRls, exposedTables } from './scope.js';

/** Column names that hold secrets, credentials, identity, payment or health data. */
const SENSITIVE = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'password_hash', 'secret', 'secret_key', 'private_key', 'api_key', 'apikey', 'auth_key',
  'token', 'jwt', 'access_token', 'refresh_token', 'oauth_token', 'session_token', 'bearer_token', 'auth_code', 'session_id', 'session_key',
  'session_secret', 'recovery_code', 'backup_code', 'verification_code', 'otp', 'two_factor', '2fa_secret', '2fa_code', 'totp_secret',
  'ssn', 'social_security', 'social_security_number', 'driver_license', 'drivers_license', 'license_number', 'passport_number', 'passport_id',
  'national_id', 'tax_id', 'credit_card', 'card_number', 'cvv', 'cvc', 'cvn', 'bank_account', 'account_number', 'routing_number', 'iban',
  'swift_code', 'bic', 'health_record', 'medical_record', 'patient_id', 'insurance_number', 'health_insurance', 'medical_insurance', 'diagnosis',
  'mac_address', 'macaddr', 'imei', 'device_uuid', 'pgp_key', 'gpg_key', 'ssh_key', 'certificate', 'license_key', 'activation_key',
]);

export const sensitiveColumnsExposed: AuditRule = {
  id: 'sensitive-columns-exposed',
  severity: 'error',
  description: 'exposed tables without row level security must not hold credentials or personal data',
  check: (schema, options) =>
    exposedTables(schema, options)
      .filter((t) => !t.rls.enabled && !closedTo(t, options.roles, ['SELECT']))
      .flatMap((t) => {
        const columns = t.columns.map((c) => c.name).filter((n) => SENSITIVE.has(n.toLowerCase().replace(/-/g, '_')));
        if (!columns.length) return [];
        return [{
          kind: 'table',
          object: tableId(t),
          message: `table ${tableId(t)} has no row level security and holds ${columns.map(quoteIdent).join(', ')}: anyone with the anon key can read them`,
          hint: 'enable row level security (and keep secrets out of exposed schemas)',
          fix: enableRls(t),
        }];
      }),
};
